from django.urls import path

from .views import auth, codes, deadlines, indicators, logs, notices, orgs, tasks, todo, users

app_name = "web"

urlpatterns = [
    path("", todo.todo, name="todo"),
    path("login/", auth.login_view, name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("me/", users.profile, name="profile"),
    path("me/tokens/", users.token_new, name="token_new"),
    path("me/tokens/<int:pk>/revoke/", users.token_revoke, name="token_revoke"),
    path("deadlines/", deadlines.calculator, name="deadlines"),
    path("deadlines/rules/<str:code>/", deadlines.rule_detail, name="deadline_rule"),
    path("tasks/", tasks.task_list, name="tasks"),
    path("tasks/new/", tasks.task_new, name="task_new"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task"),
    path("tasks/<int:pk>/move/", tasks.task_move, name="task_move"),
    path("indicators/", indicators.indicator_list, name="indicators"),
    path("indicators/<str:code>/", indicators.indicator_records, name="indicator"),
    path("notices/", notices.notice_list, name="notices"),
    path("notices/new/", notices.notice_new, name="notice_new"),
    path("notices/<int:pk>/", notices.notice_detail, name="notice"),
    path("notices/<int:pk>/withdraw/", notices.notice_withdraw, name="notice_withdraw"),
    path("orgs/", orgs.org_list, name="orgs"),
    path("orgs/new/", orgs.org_new, name="org_new"),
    path("orgs/<int:pk>/", orgs.org_detail, name="org"),
    path("orgs/<int:pk>/edit/", orgs.org_edit, name="org_edit"),
    path("users/", users.user_list, name="users"),
    path("users/new/", users.user_new, name="user_new"),
    path("users/<int:pk>/", users.user_detail, name="user"),
    path("users/<int:pk>/edit/", users.user_edit, name="user_edit"),
    path("users/<int:pk>/active/", users.user_active, name="user_active"),
    path("memberships/<int:pk>/revoke/", users.membership_revoke, name="membership_revoke"),
    path("codes/", codes.code_tables, name="codes"),
    path("codes/<slug:code>/", codes.code_table, name="code_table"),
    path("logs/login/", logs.login_log, name="login_log"),
    path("logs/operations/", logs.op_log, name="op_log"),
    path("online/", logs.online, name="online"),
    path("online/logout/", logs.force_logout, name="force_logout"),
]
