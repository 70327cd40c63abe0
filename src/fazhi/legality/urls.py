from django.urls import path

from . import views

app_name = "legality"

urlpatterns = [
    path("", views.home, name="home"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("reviews/<int:pk>/act/", views.review_act, name="review_act"),
    path("documents/", views.documents, name="documents"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("decisions/<int:pk>/", views.decision, name="decision"),
    path("filed/<int:pk>/", views.filed, name="filed"),
]
