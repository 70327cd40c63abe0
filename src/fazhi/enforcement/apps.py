from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        from . import actions, indicators, states  # noqa: F401  (register names and figures)
        from .demo import register as register_demo

        register_demo()  # `fazhi demo` loads the 2019 enforcement year after the kernel's
