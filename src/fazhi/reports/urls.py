from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="home"),
    path("generate/", views.report_generate, name="generate"),
    path("templates/", views.part_texts, name="templates"),
    path("statistics/", views.statistics_export, name="statistics"),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/act/", views.report_act, name="act"),
    path("<int:pk>/docx/", views.report_docx, name="docx"),
]
