from django.apps import AppConfig


class DisputesConfig(AppConfig):
    name = "fazhi.disputes"
    label = "disputes"
    verbose_name = "矛盾化解"

    def ready(self) -> None:
        from django.urls import reverse

        from fazhi.core import matterlinks

        from . import actions, demo, indicators, states  # noqa: F401  (names, figures, tables)
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
        demo.register()  # `fazhi demo` loads the disputes year after the kernel's
