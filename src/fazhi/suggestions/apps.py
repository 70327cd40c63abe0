from django.apps import AppConfig


class SuggestionsConfig(AppConfig):
    name = "fazhi.suggestions"
    label = "suggestions"
    verbose_name = "人大建议和政协提案"

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils.translation import gettext_lazy as _

        from fazhi.core import matterlinks
        from fazhi.ui import registry

        from . import actions, demo, indicators, report, states  # noqa: F401
        from .models import Suggestion

        registry.register(
            registry.Domain(
                key="suggestions",
                label=_("建议提案"),
                workspace_urls="fazhi.suggestions.urls",
                workspace_home="suggestions:home",
                portal_urls="fazhi.suggestions.portal",
                portal_home="suggestions_public:report",
                portal_title=_("建议提案办理情况"),
                portal_description=_("人大代表建议和政协提案的办理结果公开。"),
            )
        )
        matterlinks.register_matter(
            Suggestion, lambda pk: reverse("suggestions:suggestion", args=[pk])
        )
        demo.register()
        report.register_parts()  # its paragraphs of the annual report (fazhi.core.reportparts)
        from . import imports

        imports.register()  # the batch from the congress, in the data-exchange registry
