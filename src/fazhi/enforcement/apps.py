from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        from . import actions, demo, demo_statistics, indicators, states  # noqa: F401  (register names and figures)

        demo.register()  # `fazhi demo` loads the 2019 enforcement year after the kernel's
        demo_statistics.register()  # then each body publishes its 2019 figures (SZ-4)

        from fazhi.core import todo

        from .services import officers  # noqa: F401  (its ledger action names)
        from .views.officers import todo_reminders

        # 我的待办: certificates lapsing within 30 days, for supervisors and body leaders
        todo.register_provider("enforcement.certificates", todo_reminders)
