from django.urls import path

from . import urls_catalogue, urls_docs, urls_more, urls_people
from .views import cases

app_name = "enforcement"

urlpatterns = [
    path("", cases.case_list, name="home"),
    path("cases/", cases.case_list, name="cases"),
    path("cases/new/", cases.case_new, name="case_new"),
    *urls_catalogue.urlpatterns,
    path("cases/<int:pk>/", cases.case_detail, name="case"),
    path("cases/<int:pk>/act/", cases.case_act, name="case_act"),
    *urls_more.urlpatterns,
    *urls_docs.urlpatterns,
    *urls_people.urlpatterns,
]
