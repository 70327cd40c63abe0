from django.urls import path

from . import views

app_name = "hotline"

urlpatterns = [
    path("", views.home, name="home"),
    path("intake/", views.intake, name="intake"),
    path("inbox/", views.inbox, name="inbox"),
    path("warnings/", views.warnings, name="warnings"),
    path("orders/", views.order_list, name="orders"),
    path("hot-spots/", views.hot_spots, name="hot_spots"),
    path("orders/<int:pk>/", views.order, name="order"),
    path("orders/<int:pk>/move/", views.order_move, name="order_move"),
]
