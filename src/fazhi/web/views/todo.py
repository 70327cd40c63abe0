from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from fazhi.core import queries, scoping
from fazhi.core import todo as todo_items


@login_required
def todo(request):
    """我的待办: the matters assigned to me with their clocks' cards, soonest first, and the
    latest notices addressed to the user's organisations; below the clocks, the reminders the
    domains add (certificates about to lapse…)."""
    return render(
        request,
        "web/todo.html",
        {
            "items": todo_items.for_user(request.user),
            "reminders": todo_items.reminders_for(request.user),
            "notices": queries.notices_for(request.user)[:5],
            "memberships": scoping.memberships(request.user),
        },
    )
