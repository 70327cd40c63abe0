from django.urls import path

from . import views, views_rollup

app_name = "audit"

urlpatterns = [
    path("", views.project_list, name="home"),
    path("projects/", views.project_list, name="projects"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("rollup/", views.rollup, name="rollup"),
    path("rollup/<int:pk>/report.docx", views_rollup.rollup_docx, name="rollup_docx"),
    path("rollup/issue/", views_rollup.rollup_issue_view, name="rollup_issue"),
    path("ageing/", views_rollup.ageing, name="ageing"),
    path("rectifications/", views.rectification_list, name="rectifications"),
    path("rectifications/<int:pk>/", views.rectification_detail, name="rectification"),
    path("rectifications/<int:pk>/act/", views.rectification_act, name="rectification_act"),
    path("visits/", views.visit_list, name="visits"),
    path("commitments/", views.commitment_list, name="commitments"),
    path("commitments/<int:pk>/", views.commitment_detail, name="commitment"),
    path("commitments/<int:pk>/act/", views.commitment_act, name="commitment_act"),
]
