"""Document downloads of a case (included by ``enforcement/urls.py``)."""

from django.urls import path

from .views import documents

urlpatterns: list = [
    path("cases/<int:pk>/decision.docx", documents.decision_docx, name="case_decision_docx"),
    path("cases/<int:pk>/notice.docx", documents.notice_docx, name="case_notice_docx"),
    path("cases/<int:pk>/casefile.zip", documents.casefile_zip, name="case_casefile_zip"),
]
