from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "fazhi.monitor"
    label = "monitor"
    verbose_name = "网站监测"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from fazhi.core.demo import register_demo_step
        from fazhi.ui import registry

        registry.register(
            registry.Domain(
                key="monitor",
                label=_("网站监测"),
                workspace_urls="fazhi.monitor.urls",
                workspace_home="monitor:home",
                api=[("monitor/", "fazhi.monitor.api:router")],
            )
        )

        from . import actions, exports, indicators  # noqa: F401  (action names, Excel registers, figures)
        from .demo import load_demo

        register_demo_step("网站监测", load_demo)
        exports.register()  # the findings list in the data-exchange registry
