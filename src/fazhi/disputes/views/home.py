"""The disputes home: what waits for the user in each mechanism, the figures of the year so
far, and the early warning of hot spots."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from fazhi.core import clock, todo

from .. import crossref, queries
from ..models import (
    BacklogCase,
    Dispute,
    InspectionBatch,
    InspectionItem,
    Petition,
    Reconsideration,
    RespondentCase,
)

KINDS = (Reconsideration, RespondentCase, Dispute, Petition, InspectionBatch, InspectionItem,
         BacklogCase)  # fmt: skip


@login_required
def home(request):
    user = request.user
    mine = [w for w in todo.waiting_for(user) if isinstance(w.matter, KINDS)]
    today = clock.today()
    counts = [
        ("disputes:reconsiderations", Reconsideration._meta.verbose_name,
         queries.reconsiderations(user).filter(closed_on__isnull=True).count()),
        ("disputes:respondent_cases", RespondentCase._meta.verbose_name,
         queries.respondent_cases(user).filter(closed_on__isnull=True).count()),
        ("disputes:disputes", Dispute._meta.verbose_name,
         queries.disputes(user).filter(closed_on__isnull=True).count()),
        ("disputes:petitions", Petition._meta.verbose_name,
         queries.petitions(user).filter(closed_on__isnull=True).count()),
        ("disputes:batches", InspectionBatch._meta.verbose_name,
         queries.batches(user).filter(closed_on__isnull=True).count()),
        ("disputes:backlog", BacklogCase._meta.verbose_name,
         queries.backlog(user).filter(closed_on__isnull=True).count()),
    ]  # fmt: skip
    spots = crossref.hot_spots(user, today - dt.timedelta(days=90), today, threshold=5)
    return render(
        request,
        "disputes/home.html",
        {"waiting": mine, "counts": counts, "spots": spots[:5], "active": "disputes"},
    )
