from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "fazhi.web"
    label = "web"
    verbose_name = "工作台"

    def ready(self) -> None:
        from django.urls import reverse

        from fazhi.core import matterlinks
        from fazhi.core.models import SupervisionTask

        matterlinks.register_matter(SupervisionTask, lambda pk: reverse("web:task", args=[pk]))
