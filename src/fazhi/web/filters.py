"""The list filters of the workspace's kernel pages (organisations, users, logs, supervision
tasks) as django-filter FilterSets; each narrows a queryset already scoped by
``fazhi.core.queries``."""

from __future__ import annotations

import django_filters as df
from django.db.models import Q

from fazhi.core.models import (
    LedgerEvent,
    LoginOutcome,
    LoginRecord,
    Organisation,
    OrgKind,
    SupervisionTask,
    User,
)
from fazhi.core.states import TaskStatus


class OrgFilter(df.FilterSet):
    q = df.CharFilter(field_name="name", lookup_expr="icontains")
    kind = df.ChoiceFilter(choices=OrgKind.choices)

    class Meta:
        model = Organisation
        fields: list[str] = []


class UserFilter(df.FilterSet):
    q = df.CharFilter(method="search")

    def search(self, qs, name, value):
        return qs.filter(Q(username__icontains=value) | Q(full_name__icontains=value))

    class Meta:
        model = User
        fields: list[str] = []


class LoginFilter(df.FilterSet):
    q = df.CharFilter(field_name="username", lookup_expr="icontains")
    outcome = df.ChoiceFilter(choices=LoginOutcome.choices)

    class Meta:
        model = LoginRecord
        fields: list[str] = []


class EventFilter(df.FilterSet):
    q = df.CharFilter(method="search")
    action = df.CharFilter()

    def search(self, qs, name, value):
        return qs.filter(Q(actor_name__icontains=value) | Q(subject_label__icontains=value))

    class Meta:
        model = LedgerEvent
        fields: list[str] = []


class TaskFilter(df.FilterSet):
    status = df.ChoiceFilter(choices=TaskStatus.choices)

    class Meta:
        model = SupervisionTask
        fields: list[str] = []


def listed(filterset, request, queryset):
    """The rows narrowed by ``filterset`` from the query string, and the values to put back
    in the filter form."""
    rows = filterset(request.GET, queryset=queryset).qs
    return rows, {name: request.GET.get(name, "").strip() for name in filterset.base_filters}
