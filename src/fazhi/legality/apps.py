from django.apps import AppConfig


class LegalityConfig(AppConfig):
    name = "fazhi.legality"
    label = "legality"
    verbose_name = "合法性审查"

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils.translation import gettext_lazy as _

        from fazhi.core import matterlinks
        from fazhi.ui import registry

        from . import actions, demo, indicators, report, states  # noqa: F401  (names, figures, tables)
        from .models import FiledDocument, MajorDecision, NormativeDocument, ReviewRequest

        registry.register(
            registry.Domain(
                key="legality",
                label=_("合法性审查"),
                workspace_urls="fazhi.legality.urls",
                workspace_home="legality:home",
                portal_urls="fazhi.legality.portal",
                portal_home="legality_public:home",
                portal_title=_("规范性文件"),
                portal_description=_("规范性文件库：全文检索、现行有效和已废止文件。"),
                api=[("legality/", "fazhi.legality.api:router")],
            )
        )
        # the matters: their pages, and 我的待办 from their transition tables
        for model, name in (
            (ReviewRequest, "legality:review"),
            (NormativeDocument, "legality:document"),
            (MajorDecision, "legality:decision"),
            (FiledDocument, "legality:filed"),
        ):
            matterlinks.register_matter(model, lambda pk, name=name: reverse(name, args=[pk]))
        from fazhi.core import todo as kernel_todo

        from . import imports, todo

        imports.register()  # the advisers and the documents on the data-exchange path
        kernel_todo.register_provider("legality.validity", todo.validity_reminders)
        kernel_todo.register_provider("legality.engagements", todo.engagement_reminders)
        demo.register()  # `fazhi demo` loads the 2019 legality year after the kernel's
        report.register_parts()  # its paragraphs of the annual report (fazhi.core.reportparts)
