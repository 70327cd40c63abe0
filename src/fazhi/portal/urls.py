from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("deadlines/rules/<str:code>/", views.rule_detail, name="deadline_rule"),
]
