from django.http import HttpResponse
from django.urls import path


def home(request):
    return HttpResponse("")


app_name = "govservices_public"
urlpatterns = [path("", home, name="home")]
