"""Staff pages of the power list and the import of past cases (``enforcement/urls.py``)."""

from django.urls import path

from .views import catalogue, statistics

urlpatterns: list = [
    path("bodies/", catalogue.body_list, name="bodies"),
    path("bodies/<int:pk>/edit/", catalogue.body_edit, name="body_edit"),
    path("major-rules/", catalogue.major_rules, name="major_rules"),
    path("major-rules/new/", catalogue.major_rule_edit, name="major_rule_new"),
    path("major-rules/<int:pk>/edit/", catalogue.major_rule_edit, name="major_rule_edit"),
    path("items/", catalogue.item_list, name="items"),
    path("items/new/", catalogue.item_edit, name="item_new"),
    path("items/import/", catalogue.item_import, name="item_import"),
    path("items/<int:pk>/", catalogue.item_detail, name="item"),
    path("items/<int:pk>/edit/", catalogue.item_edit, name="item_edit"),
    path("cases/import/", catalogue.case_import, name="case_import"),
]
urlpatterns += [
    path("statistics/", statistics.statistics_list, name="statistics"),
    path("statistics/<int:pk>/", statistics.statistics_detail, name="statistics_detail"),
    path(
        "statistics/prepare/<int:body_pk>/<int:year>/",
        statistics.statistics_prepare,
        name="statistics_prepare",
    ),
]
