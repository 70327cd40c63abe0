from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "内核"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import (  # noqa: F401
            actions,
            calendar,
            clocks,
            exports,
            indicators,
            numbering,
            rules,
            supervision,
            workflow,
        )
        from .seed import ensure_reference_data

        exports.register()  # the kernel's registers in the data-exchange registry

        post_migrate.connect(_seed, sender=self, dispatch_uid="fazhi.core.seed")

        from django.contrib.auth.signals import user_logged_in

        from .middleware import signed_in

        user_logged_in.connect(signed_in, dispatch_uid="fazhi.core.session_seen")

        from . import logmask

        logmask.install()  # no full ID number in any log line
        self._ensure = ensure_reference_data


def _seed(sender, using="default", **kwargs) -> None:
    """Reference data every installation starts with: the official calendar, the rules."""
    sender._ensure()
