from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "fazhi.web"
    label = "web"
    verbose_name = "工作台"

    def ready(self) -> None:
        from django.urls import reverse

        from fazhi.core import matterlinks, todo, todo_admin
        from fazhi.core.models import SupervisionTask

        matterlinks.register_matter(SupervisionTask, lambda pk: reverse("web:task", args=[pk]))
        # 我的待办 for administrators: accounts without a post, next year's calendar
        todo.register_provider(
            "core.accounts",
            lambda user, today: todo_admin.accounts_without_post(
                user, today, url=lambda pk: reverse("web:user", args=[pk])
            ),
        )
        todo.register_provider(
            "core.calendar",
            lambda user, today: todo_admin.calendar_next_year(
                user, today, url=lambda year: reverse("web:calendar")
            ),
        )
