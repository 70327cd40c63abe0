from django.apps import AppConfig


class DisputesConfig(AppConfig):
    name = "fazhi.disputes"
    label = "disputes"
    verbose_name = "矛盾化解"

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils.translation import gettext_lazy as _

        from fazhi.core import matterlinks
        from fazhi.ui import registry

        from . import actions, demo, indicators, report, states  # noqa: F401  (names, figures, tables)
        from .models import (
            BacklogCase,
            Dispute,
            InspectionBatch,
            InspectionItem,
            Letter,
            Petition,
            Reconsideration,
            RespondentCase,
        )

        registry.register(
            registry.Domain(
                key="disputes",
                label=_("矛盾化解"),
                workspace_urls="fazhi.disputes.urls",
                workspace_home="disputes:home",
                portal_urls="fazhi.disputes.portal",
                portal_home="disputes_public:home",
                portal_title=_("复议与调解"),
                portal_description=_(
                    "行政复议申请指引、人民调解和信访网上申请，按编号查询办理情况。"
                ),
                api=[("disputes/", "fazhi.disputes.api:router")],
            )
        )
        # the matters: their pages, and 我的待办 from their transition tables
        for model, name in (
            (Reconsideration, "disputes:reconsideration"),
            (RespondentCase, "disputes:respondent_case"),
            (Dispute, "disputes:dispute"),
            (Petition, "disputes:petition"),
            (InspectionBatch, "disputes:batch"),
            (InspectionItem, "disputes:item"),
            (BacklogCase, "disputes:backlog_case"),
        ):
            matterlinks.register_matter(model, lambda pk, n=name: reverse(n, args=[pk]))
        matterlinks.register(
            Letter._meta.label_lower, lambda pk: reverse("disputes:letter", args=[pk])
        )
        from . import exports

        exports.register()  # the lists the staff pages download (data-exchange registry)
        demo.register()  # `fazhi demo` loads the disputes year after the kernel's
        report.register_parts()  # its paragraphs of the annual report (fazhi.core.reportparts)
