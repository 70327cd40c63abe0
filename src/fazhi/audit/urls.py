from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.project_list, name="home"),
    path("projects/", views.project_list, name="projects"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("rollup/", views.rollup, name="rollup"),
    path("rectifications/", views.rectification_list, name="rectifications"),
    path("rectifications/<int:pk>/", views.rectification_detail, name="rectification"),
    path("rectifications/<int:pk>/act/", views.rectification_act, name="rectification_act"),
    path("visits/", views.visit_list, name="visits"),
    path("commitments/", views.commitment_list, name="commitments"),
    path("commitments/<int:pk>/", views.commitment_detail, name="commitment"),
    path("commitments/<int:pk>/act/", views.commitment_act, name="commitment_act"),
]
