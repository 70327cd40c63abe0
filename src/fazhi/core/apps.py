from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "内核"

    def ready(self) -> None:
        from . import actions  # noqa: F401  (registers the kernel's ledger action names)
