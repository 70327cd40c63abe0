from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from fazhi.core import queries, scoping


@login_required
def todo(request):
    """我的待办: the matters assigned to me with their clocks' cards, soonest first.

    Matters arrive with the domain modules; until then the page says there is nothing to do
    and shows the latest notices addressed to the user's organisations.
    """
    return render(
        request,
        "web/todo.html",
        {
            "items": [],
            "notices": queries.notices_for(request.user)[:5],
            "memberships": scoping.memberships(request.user),
        },
    )
