from django.urls import path

from . import views, views_dashboard

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="home"),
    path("generate/", views.report_generate, name="generate"),
    path("templates/", views.part_texts, name="templates"),
    path("statistics/", views.statistics_export, name="statistics"),
    path("dashboard/", views_dashboard.board, name="dashboard"),
    path("dashboard/clocks/", views_dashboard.clock_records, name="dashboard_clocks"),
    path("dashboard/matters/", views_dashboard.matter_records, name="dashboard_matters"),
    path(
        "dashboard/indicators/<str:code>/",
        views_dashboard.indicator_records,
        name="dashboard_records",
    ),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/act/", views.report_act, name="act"),
    path("<int:pk>/docx/", views.report_docx, name="docx"),
]
