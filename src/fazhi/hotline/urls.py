from django.urls import path

from . import views, views_office, views_orders

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
    path("orders/<int:pk>/split/", views_orders.split, name="split"),
    path("orders/<int:pk>/merge/", views_orders.merge, name="merge"),
    path("orders/<int:pk>/extension/", views_orders.extension_ask, name="extension_ask"),
    path(
        "orders/<int:pk>/extension/<int:ext>/",
        views_orders.extension_decide,
        name="extension_decide",
    ),
    path("orders/<int:pk>/link/", views_orders.link, name="link"),
    path("orders/<int:pk>/answer/", views_office.knowledge_answer, name="knowledge_answer"),
    path("consultations/", views_office.consultations, name="consultations"),
    path("consultations/<int:pk>/", views_office.meeting, name="meeting"),
    path("consultations/<int:pk>/docx/", views_office.meeting_docx, name="meeting_docx"),
    path("knowledge/", views_office.knowledge, name="knowledge"),
    path("knowledge/<int:pk>/", views_office.article, name="article"),
]
