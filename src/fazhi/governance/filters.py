"""The work points' list filter (the page and the API share it)."""

from __future__ import annotations

import django_filters as df
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import PointStatus, WorkPoint


class IntFilter(df.NumberFilter):
    field_class = forms.IntegerField


class PointFilter(df.FilterSet):
    status = df.ChoiceFilter(choices=PointStatus.choices, label=_("状态"))
    year = IntFilter(field_name="plan__year", label=_("年度"))
    lead = IntFilter(field_name="org_id", label=_("牵头单位"))
    red = df.BooleanFilter(field_name="red", label=_("超期（红牌）"))
    q = df.CharFilter(method="search", label=_("关键词"))

    class Meta:
        model = WorkPoint
        fields: list[str] = []

    def search(self, qs, name, value):
        return qs.filter(Q(title__icontains=value) | Q(text__icontains=value))
