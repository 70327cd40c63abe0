from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("", views.home, name="home"),
    path("points/<int:pk>/", views.point, name="point"),
    path("points/<int:pk>/move/", views.point_move, name="point_move"),
    path("points/<int:pk>/progress/", views.point_progress, name="point_progress"),
    path("points/import/", views.points_import, name="points_import"),
    path("plans/new/", views.plan_new, name="plan_new"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/issue/", views.plan_issue, name="plan_issue"),
    path("bodies/", views.bodies, name="bodies"),
    path("bodies/<int:pk>/", views.body, name="body"),
    path("duties/", views.duties, name="duties"),
]
