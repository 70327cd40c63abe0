from django.urls import path

from . import documents
from .views import applications as apps
from .views import catalogue as cat
from .views import catalogue_acts as acts

app_name = "govservices"

urlpatterns = [
    path("", apps.application_list, name="home"),
    path("applications/", apps.application_list, name="applications"),
    path("applications/new/", apps.application_new, name="application_new"),
    path("applications/<int:pk>/", apps.application_detail, name="application"),
    path("applications/<int:pk>/act/", apps.application_act, name="application_act"),
    path(
        "applications/<int:pk>/notices/<int:notice>.docx", documents.notice_docx, name="notice_docx"
    ),
    path("packages/", cat.package_list, name="packages"),
    path("packages/<int:pk>/apply/", apps.package_apply, name="package_apply"),
    path("package-applications/<int:pk>/", apps.package_detail, name="package_application"),
    path("rectifications/<int:pk>/", apps.rectification_detail, name="rectification"),
    path("items/", cat.item_list, name="items"),
    path("items/import/", cat.item_import, name="item_import"),
    path("items/import/template.xlsx", cat.item_import_template, name="item_import_template"),
    path("items/<int:pk>/", cat.item_detail, name="item"),
    path("items/<int:pk>/act/", acts.item_act, name="item_act"),
    path("proofs/", acts.proof_list, name="proofs"),
    path("windows/<int:pk>/merge/", acts.window_merge, name="window_merge"),
    path("windows/", cat.window_list, name="windows"),
    path("supervision/", cat.supervision, name="supervision"),
    path("supervision/late-week.xlsx", cat.late_week_excel, name="late_week"),
]
