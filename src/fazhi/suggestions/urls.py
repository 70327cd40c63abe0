from django.urls import path

from . import views

app_name = "suggestions"

urlpatterns = [
    path("", views.inbox, name="home"),
    path("<int:pk>/", views.suggestion, name="suggestion"),
    path("<int:pk>/move/", views.move, name="move"),
    path("<int:pk>/reply.docx", views.reply_docx, name="reply_docx"),
]
