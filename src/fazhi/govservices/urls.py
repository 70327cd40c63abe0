from django.urls import path

from .views import applications

app_name = "govservices"

urlpatterns = [
    path("", applications.application_list, name="home"),
    path("applications/<int:pk>/", applications.application_detail, name="application"),
    path("packages/<int:pk>/", applications.package_detail, name="package_application"),
    path("rectifications/<int:pk>/", applications.rectification_detail, name="rectification"),
]
