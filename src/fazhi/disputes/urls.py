from django.urls import path

from .views import documents, home, litigation, mediation, petitions, reconsideration

app_name = "disputes"

R, L, M, P = reconsideration, litigation, mediation, petitions
urlpatterns = [
    path("", home.home, name="home"),
    path("reconsiderations/", R.case_list, name="reconsiderations"),
    path("reconsiderations/new/", R.case_new, name="reconsideration_new"),
    path("reconsiderations/<int:pk>/", R.case_detail, name="reconsideration"),
    path("reconsiderations/<int:pk>/act/", R.case_act, name="reconsideration_act"),
    path("letters/", R.letters, name="letters"),
    path("letters/<int:pk>/", R.letter_detail, name="letter"),
    path("letters/<int:pk>/act/", R.letter_act, name="letter_act"),
    path("litigation/", L.case_list, name="respondent_cases"),
    path("litigation/new/", L.case_new, name="respondent_case_new"),
    path("litigation/hearings/", L.hearings, name="hearings"),
    path("litigation/<int:pk>/", L.case_detail, name="respondent_case"),
    path("litigation/<int:pk>/act/", L.case_act, name="respondent_case_act"),
    path("mediation/", M.dispute_list, name="disputes"),
    path("mediation/new/", M.dispute_new, name="dispute_new"),
    path("mediation/committees/", M.committees, name="committees"),
    path("mediation/hot-spots/", M.hot_spots, name="hot_spots"),
    path("mediation/<int:pk>/", M.dispute_detail, name="dispute"),
    path("mediation/<int:pk>/act/", M.dispute_act, name="dispute_act"),
    path("petitions/", P.petition_list, name="petitions"),
    path("petitions/new/", P.petition_new, name="petition_new"),
    path("petitions/<int:pk>/", P.petition_detail, name="petition"),
    path("petitions/<int:pk>/act/", P.petition_act, name="petition_act"),
    path("batches/", P.batch_list, name="batches"),
    path("batches/new/", P.batch_new, name="batch_new"),
    path("batches/import/", P.batch_import, name="batch_import"),
    path("batches/import/template.xlsx", P.batch_template, name="batch_template"),
    path("batches/<int:pk>/", P.batch_detail, name="batch"),
    path("batches/<int:pk>/act/", P.batch_act, name="batch_act"),
    path("items/<int:pk>/", P.item_detail, name="item"),
    path("items/<int:pk>/act/", P.item_act, name="item_act"),
    path("backlog/", P.backlog_list, name="backlog"),
    path("backlog/new/", P.backlog_new, name="backlog_new"),
    path("backlog/<int:pk>/", P.backlog_detail, name="backlog_case"),
    path("backlog/<int:pk>/act/", P.backlog_act, name="backlog_act"),
    path("documents/<int:pk>.docx", documents.document, name="document"),
    path("mediation/<int:pk>/agreement.docx", documents.agreement, name="agreement_docx"),
    path("letters/<int:pk>.docx", documents.letter, name="letter_docx"),
]
