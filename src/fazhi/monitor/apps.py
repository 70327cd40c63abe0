from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "fazhi.monitor"
    label = "monitor"
    verbose_name = "网站监测"

    def ready(self) -> None:
        from fazhi.core.demo import register_demo_step

        from . import actions  # noqa: F401  (register the ledger action names)
        from .demo import load_demo

        register_demo_step("网站监测", load_demo)
