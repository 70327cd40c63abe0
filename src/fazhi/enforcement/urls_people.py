"""Staff pages for officers and their certificates, and the legality-review register.

Included by ``enforcement/urls.py`` (``app_name = "enforcement"``), mounted at
``/workspace/enforcement/``.
"""

from django.urls import path

from .views import officers, reviews

urlpatterns: list = [
    # 执法人员和执法证
    path("officers/", officers.officer_list, name="officers"),
    path("officers/new/", officers.officer_new, name="officer_new"),
    path("officers/<int:pk>/", officers.officer_detail, name="officer"),
    path("officers/<int:pk>/active/", officers.officer_active, name="officer_active"),
    path("officers/<int:pk>/certificates/new/", officers.certificate_new, name="certificate_new"),
    path("certificates/<int:pk>/status/", officers.certificate_status, name="certificate_status"),
    # 法制审核登记
    path("reviews/", reviews.review_list, name="reviews"),
]
