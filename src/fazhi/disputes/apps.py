from django.apps import AppConfig


class DisputesConfig(AppConfig):
    name = "fazhi.disputes"
    label = "disputes"
    verbose_name = "矛盾化解"

    def ready(self) -> None:
        from . import actions, states  # noqa: F401  (ledger action names, transition tables)
