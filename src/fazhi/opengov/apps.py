from django.apps import AppConfig


class OpengovConfig(AppConfig):
    name = "fazhi.opengov"
    label = "opengov"
    verbose_name = "政务公开"

    def ready(self) -> None:
        from django.urls import reverse

        from fazhi.core import matterlinks

        from . import actions, states  # noqa: F401  (names, the table)
        from .models import DisclosureRequest

        matterlinks.register_matter(
            DisclosureRequest, lambda pk: reverse("opengov:request", args=[pk])
        )
