from django.apps import AppConfig


class LegalityConfig(AppConfig):
    name = "fazhi.legality"
    label = "legality"
    verbose_name = "合法性审查"

    def ready(self) -> None:
        from . import actions, demo, indicators, states  # noqa: F401  (ledger names, tables)

        demo.register()  # `fazhi demo` loads the 2019 legality year after the kernel's
