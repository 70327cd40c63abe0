from django.apps import AppConfig


class LegalityConfig(AppConfig):
    name = "fazhi.legality"
    label = "legality"
    verbose_name = "合法性审查"

    def ready(self) -> None:
        from . import actions, states  # noqa: F401  (ledger names, transition tables)
