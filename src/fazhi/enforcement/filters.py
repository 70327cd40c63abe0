"""The list filters of the enforcement pages and API, as django-filter FilterSets: each
parses the query string (a value that does not parse is ignored, as a page's filter form
expects) and narrows a queryset the caller has already scoped (``queries``/``services``).
The page and the API of one list share its FilterSet."""

from __future__ import annotations

import django_filters as df
from django import forms
from django.db.models import Q

from fazhi.core import clock

from .models import (
    Campaign,
    CampaignKind,
    Case,
    CaseStatus,
    CertificateStatus,
    EnforcementItem,
    EvaluationRound,
    EvaluationSheet,
    GridCategory,
    GridCategoryKind,
    GridCell,
    GridLevel,
    GridReport,
    GridStatus,
    Inspection,
    InspectionResult,
    ItemKind,
    Publication,
    ReporterKind,
    ReviewOpinion,
    SamplingBatch,
    SamplingResult,
    Source,
)


class IntFilter(df.NumberFilter):
    """A whole number (a year, an id): "2019" filters, "2019.5" or "x" are ignored."""

    field_class = forms.IntegerField


def _search(*fields: str, exact: tuple[str, ...] = ()):
    """Text search over ``fields``; ``exact``: encrypted fields (ID numbers) matched as a
    whole value, through their digest (fazhi.core.cryptofield)."""

    def method(self, qs, name, value):
        q = Q()
        for f in fields:
            q |= Q(**{f"{f}__icontains": value})
        for f in exact:
            q |= Q(**{f: value.strip().upper()})
        return qs.filter(q)

    return method


class CaseFilter(df.FilterSet):
    status = df.ChoiceFilter(choices=CaseStatus.choices)
    body = IntFilter(field_name="body_id")
    field = df.CharFilter(field_name="field__code")
    source = df.ChoiceFilter(choices=Source.choices)
    year = IntFilter(field_name="received_on__year")
    closed = IntFilter(field_name="closed_on__year")
    q = df.CharFilter(method="search")
    search = _search("party_name", "number", exact=("party_id_number",))

    class Meta:
        model = Case
        fields: list[str] = []


class CampaignFilter(df.FilterSet):
    kind = df.ChoiceFilter(choices=CampaignKind.choices)
    field = df.CharFilter(field_name="field__code")
    year = IntFilter(method="running_in")
    q = df.CharFilter(method="search")
    search = _search("name", "description")

    def running_in(self, qs, name, value):
        return qs.filter(starts_on__year__lte=value, ends_on__year__gte=value)

    class Meta:
        model = Campaign
        fields: list[str] = []


class _RecordFilter(df.FilterSet):
    body = IntFilter(field_name="body_id")
    campaign = IntFilter(field_name="campaign_id")


class InspectionFilter(_RecordFilter):
    result = df.ChoiceFilter(choices=InspectionResult.choices)
    start = df.DateFilter(field_name="inspected_on", lookup_expr="gte")
    end = df.DateFilter(field_name="inspected_on", lookup_expr="lte")
    q = df.CharFilter(method="search")
    search = _search("unit_name", "findings")

    class Meta:
        model = Inspection
        fields: list[str] = []


class SamplingFilter(_RecordFilter):
    result = df.ChoiceFilter(choices=SamplingResult.choices)
    start = df.DateFilter(field_name="sampled_on", lookup_expr="gte")
    end = df.DateFilter(field_name="sampled_on", lookup_expr="lte")
    q = df.CharFilter(method="search")
    search = _search("unit_name", "product")

    class Meta:
        model = SamplingBatch
        fields: list[str] = []


# the pages name the date range "from" and "to" (keywords in Python)
for _cls in (InspectionFilter, SamplingFilter):
    _cls.base_filters["from"] = _cls.base_filters.pop("start")
    _cls.base_filters["to"] = _cls.base_filters.pop("end")


class GridReportFilter(df.FilterSet):
    status = df.ChoiceFilter(choices=GridStatus.choices)
    kind = df.ChoiceFilter(field_name="category__kind", choices=GridCategoryKind.choices)
    category = df.CharFilter(field_name="category__code")
    cell = df.CharFilter(field_name="cell__code", lookup_expr="startswith")
    org = IntFilter(field_name="org_id")
    reporter = df.ChoiceFilter(field_name="reporter_kind", choices=ReporterKind.choices)
    start = df.DateFilter(field_name="received_on", lookup_expr="gte")
    end = df.DateFilter(field_name="received_on", lookup_expr="lte")
    overdue = df.CharFilter(method="only_overdue")
    q = df.CharFilter(method="search")
    search = _search("number", "location", "title")

    def only_overdue(self, qs, name, value):
        from .services.grid import overdue_ids

        return qs.filter(pk__in=overdue_ids(clock.today())) if value == "1" else qs

    class Meta:
        model = GridReport
        fields: list[str] = []


GridReportFilter.base_filters["from"] = GridReportFilter.base_filters.pop("start")
GridReportFilter.base_filters["to"] = GridReportFilter.base_filters.pop("end")


class GridCellFilter(df.FilterSet):
    level = df.ChoiceFilter(choices=GridLevel.choices)
    q = df.CharFilter(method="search")
    search = _search("code", "name", "org__name")

    class Meta:
        model = GridCell
        fields: list[str] = []


class GridCategoryFilter(df.FilterSet):
    kind = df.ChoiceFilter(choices=GridCategoryKind.choices)
    q = df.CharFilter(method="search")
    search = _search("code", "major", "name")

    class Meta:
        model = GridCategory
        fields: list[str] = []


class ItemFilter(df.FilterSet):
    """The power list: active items unless ``active=all``."""

    body = IntFilter(field_name="body_id")
    field = df.CharFilter(field_name="field__code")
    kind = df.ChoiceFilter(choices=ItemKind.choices)
    active = df.CharFilter(method="activity")
    q = df.CharFilter(method="search")
    search = _search("code", "name", "legal_basis")

    def activity(self, qs, name, value):
        return qs  # applied in filter_queryset, which also sees it missing

    def filter_queryset(self, queryset):
        qs = super().filter_queryset(queryset)
        return qs if self.form.cleaned_data.get("active") == "all" else qs.filter(is_active=True)

    class Meta:
        model = EnforcementItem
        fields: list[str] = []


class RoundFilter(df.FilterSet):
    year = IntFilter()
    q = df.CharFilter(field_name="name", lookup_expr="icontains")

    class Meta:
        model = EvaluationRound
        fields: list[str] = []


class SheetFilter(df.FilterSet):
    body = IntFilter(field_name="case__body_id")
    scored = df.ChoiceFilter(choices=[("1", "1"), ("0", "0")], method="by_score")

    def by_score(self, qs, name, value):
        return qs.filter(score__isnull=value == "0")

    class Meta:
        model = EvaluationSheet
        fields: list[str] = []


class DecisionSearchFilter(df.FilterSet):
    """The portal's search of published decisions: the decision number, the body, the field,
    a range of decision dates, and a name as it appears in the redacted text (a person's name
    is masked there, so a search never finds what is not public)."""

    number = df.CharFilter(field_name="decision__number", lookup_expr="icontains")
    body = IntFilter(field_name="decision__case__body_id")
    field = df.CharFilter(field_name="decision__case__field__code")
    start = df.DateFilter(field_name="decision__decided_on", lookup_expr="gte")
    end = df.DateFilter(field_name="decision__decided_on", lookup_expr="lte")
    party = df.CharFilter(method="search")
    search = _search("title", "text")

    class Meta:
        model = Publication
        fields: list[str] = []


DecisionSearchFilter.base_filters["from"] = DecisionSearchFilter.base_filters.pop("start")
DecisionSearchFilter.base_filters["to"] = DecisionSearchFilter.base_filters.pop("end")


class ReviewFilterForm(forms.Form):
    """The legality-review register's filters, parsed for ``queries.review_list``."""

    body = forms.IntegerField(required=False)
    opinion = forms.ChoiceField(choices=[("", ""), *ReviewOpinion.choices], required=False)
    state = forms.ChoiceField(
        choices=[("", ""), ("pending", "pending"), ("decided", "decided")], required=False
    )
    year = forms.IntegerField(required=False)

    def query(self) -> dict:
        """The keyword arguments of ``queries.review_list``; what does not parse is left out."""
        self.is_valid()
        c = getattr(self, "cleaned_data", {})
        return {
            "body": c.get("body"),
            "opinion": c.get("opinion") or "",
            "pending": {"pending": True, "decided": False}.get(c.get("state") or ""),
            "year": c.get("year"),
        }


class OfficerFilterForm(forms.Form):
    """The officer roster's filters, parsed for ``queries.officer_list``."""

    body = forms.IntegerField(required=False)
    field = forms.CharField(required=False)
    status = forms.ChoiceField(choices=[("", ""), *CertificateStatus.choices], required=False)
    expiring = forms.CharField(required=False)
    active = forms.ChoiceField(choices=[("", ""), ("1", "1"), ("0", "0")], required=False)
    q = forms.CharField(required=False)

    def query(self, *, expiring_by) -> dict:
        """The keyword arguments of ``queries.officer_list``; what does not parse is left
        out. ``expiring_by`` is the date a ticked 即将到期 stands for."""
        self.is_valid()
        c = getattr(self, "cleaned_data", {})
        return {
            "body": c.get("body"),
            "field": c.get("field") or "",
            "status": c.get("status") or "",
            "expiring_by": expiring_by if c.get("expiring") else None,
            "q": c.get("q") or "",
            "active": {"1": True, "0": False}.get(c.get("active") or ""),
        }
