from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from fazhi.core import queries, scoping
from fazhi.core import todo as todo_items


@login_required
def todo(request):
    """我的待办: the matters waiting for a move I may make (from the transition tables),
    oldest first, each with the moves I may make now or what it still waits for, and its
    clocks; then the open clocks of the matters I handle that wait on nobody's move yet (a
    party's period running); the reminders the domains add (certificates about to lapse…);
    and the latest notices addressed to my organisations."""
    waiting = todo_items.waiting_for(request.user)
    shown = {(w.matter._meta.label_lower, str(w.matter.pk)) for w in waiting}
    clocks = [
        i
        for i in todo_items.for_user(request.user)
        if (i.clock.subject_type, i.clock.subject_id) not in shown
    ]
    return render(
        request,
        "web/todo.html",
        {
            "waiting": waiting,
            "items": clocks,
            "reminders": todo_items.reminders_for(request.user),
            "notices": queries.notices_for(request.user)[:5],
            "memberships": scoping.memberships(request.user),
        },
    )
