from django.urls import path

from . import views
from .views import compare as views_compare
from .views import district as views_district

app_name = "monitor"

urlpatterns = [
    path("", views.home, name="home"),
    path("sites/new/", views.site_new, name="site_new"),
    path("sites/<int:pk>/", views.site_detail, name="site"),
    path("sites/<int:pk>/edit/", views.site_edit, name="site_edit"),
    path("sites/<int:pk>/thresholds/", views.site_thresholds, name="site_thresholds"),
    path("sites/<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path("sites/<int:pk>/crawl/", views.site_crawl, name="site_crawl"),
    path("sites/<int:pk>/schedule/", views.site_schedule, name="site_schedule"),
    path("lexicon/", views.lexicon, name="lexicon"),
    path("compare/", views_compare.compare_page, name="compare"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/progress/", views.run_progress, name="run_progress"),
    path("runs/<int:pk>/stop/", views.run_stop, name="run_stop"),
    path("findings/", views.findings, name="findings"),
    path("findings/<int:pk>/decide/", views.finding_decide, name="finding_decide"),
    path("bulletins/", views.bulletin_list, name="bulletins"),
    path("district/", views_district.district_list, name="district"),
    path("district/<int:pk>/file.<str:fmt>", views_district.district_file, name="district_file"),
    path("bulletins/<int:pk>/", views.bulletin_detail, name="bulletin"),
    path("bulletins/<int:pk>/rectify/", views.bulletin_rectify, name="bulletin_rectify"),
    path("bulletins/<int:pk>/file.<str:fmt>", views.bulletin_file, name="bulletin_file"),
]
