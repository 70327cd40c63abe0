from django.urls import path

from . import views, views_duties, views_proactive

app_name = "opengov"

urlpatterns = [
    path("", views.request_list, name="home"),
    path("requests/", views.request_list, name="requests"),
    path("requests/new/", views.request_new, name="request_new"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/act/", views.request_act, name="request_act"),
    path("requests/<int:pk>/reply.docx", views.reply_docx, name="reply_docx"),
    path("items/", views_proactive.item_list, name="items"),
    path("catalogue/", views_proactive.catalogue, name="catalogue"),
    path("duties/", views_duties.duty_list, name="duties"),
    path("duties/<int:pk>/", views_duties.duty_detail, name="duty"),
    path("reports/", views.report_list, name="reports"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/report.docx", views.report_docx, name="report_docx"),
]
