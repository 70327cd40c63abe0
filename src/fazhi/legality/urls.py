from django.urls import path

from . import advviews, cleanviews, decviews, docviews, filedviews, views

app_name = "legality"

urlpatterns = [
    path("", views.home, name="home"),
    path("reviews/new/", views.review_new, name="review_new"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("reviews/<int:pk>/act/", views.review_act, name="review_act"),
    path("reviews/<int:pk>/opinion-<int:n>.docx", views.opinion_docx, name="opinion_docx"),
    path("documents/", views.documents, name="documents"),
    path("documents/new/", docviews.document_new, name="document_new"),
    path("documents/<int:pk>/", docviews.document, name="document"),
    path("documents/<int:pk>/diff/", docviews.document_diff, name="document_diff"),
    path("documents/<int:pk>/act/", docviews.document_act, name="document_act"),
    path("documents/<int:pk>/document.docx", views.document_docx, name="document_docx"),
    path("consultations/<int:pk>/", docviews.consultation, name="consultation"),
    path("consultations/<int:pk>/act/", docviews.consultation_act, name="consultation_act"),
    path("decisions/", decviews.decisions, name="decisions"),
    path("decisions/new/", decviews.decision_new, name="decision_new"),
    path("decisions/<int:pk>/", decviews.decision, name="decision"),
    path("decisions/<int:pk>/act/", decviews.decision_act, name="decision_act"),
    path("filed/", filedviews.filings, name="filings"),
    path("filed/new/", filedviews.filed_new, name="filed_new"),
    path("filed/<int:pk>/", filedviews.filed, name="filed"),
    path("filed/<int:pk>/act/", filedviews.filed_act, name="filed_act"),
    path("advisers/", advviews.advisers, name="advisers"),
    path("advisers/<int:pk>/", advviews.adviser, name="adviser"),
    path("advisers/<int:pk>/act/", advviews.adviser_act, name="adviser_act"),
    path("cleanups/", cleanviews.cleanups, name="cleanups"),
    path("cleanups/<int:pk>/", cleanviews.cleanup, name="cleanup"),
    path("cleanups/<int:pk>/act/", cleanviews.cleanup_act, name="cleanup_act"),
    path("cleanups/<int:pk>/report/", cleanviews.cleanup_report, name="cleanup_report"),
]
