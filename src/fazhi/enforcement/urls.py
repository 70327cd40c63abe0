"""The staff pages of enforcement, mounted at ``/workspace/enforcement/`` (``app_name``
"enforcement", registered from ``apps.ready`` through ``fazhi.ui.registry``)."""

from django.urls import path

from .views import (
    campaigns,
    cases,
    catalogue,
    common,
    documents,
    evaluation,
    grid,
    grid_setup,
    officers,
    reviews,
    statistics,
)

app_name = "enforcement"

urlpatterns = [
    # 执法案件
    path("", cases.case_list, name="home"),
    path("cases/", cases.case_list, name="cases"),
    path("cases/new/", cases.case_new, name="case_new"),
    # 执法主体、执法事项清单、历史案件导入
    path("bodies/", catalogue.body_list, name="bodies"),
    path("bodies/<int:pk>/edit/", catalogue.body_edit, name="body_edit"),
    path("major-rules/", catalogue.major_rules, name="major_rules"),
    path("major-rules/new/", catalogue.major_rule_edit, name="major_rule_new"),
    path("major-rules/<int:pk>/edit/", catalogue.major_rule_edit, name="major_rule_edit"),
    path("items/", catalogue.item_list, name="items"),
    path("items/new/", catalogue.item_edit, name="item_new"),
    path("items/import/", catalogue.item_import, name="item_import"),
    path("items/<int:pk>/", catalogue.item_detail, name="item"),
    path("items/<int:pk>/edit/", catalogue.item_edit, name="item_edit"),
    path("cases/import/", catalogue.case_import, name="case_import"),
    # 年度执法数据
    path("statistics/", statistics.statistics_list, name="statistics"),
    path("statistics/<int:pk>/", statistics.statistics_detail, name="statistics_detail"),
    path(
        "statistics/prepare/<int:body_pk>/<int:year>/",
        statistics.statistics_prepare,
        name="statistics_prepare",
    ),
    # 案件办理与文书
    path("cases/<int:pk>/", cases.case_detail, name="case"),
    path("cases/<int:pk>/act/", cases.case_act, name="case_act"),
    path("cases/<int:pk>/decision.docx", documents.decision_docx, name="case_decision_docx"),
    path("cases/<int:pk>/notice.docx", documents.notice_docx, name="case_notice_docx"),
    path("cases/<int:pk>/casefile.zip", documents.casefile_zip, name="case_casefile_zip"),
    # 数字城管
    path("grid/", grid.report_list, name="grid"),
    path("grid/new/", grid.report_new, name="grid_report_new"),
    path("grid/<int:pk>/", grid.report_detail, name="grid_report"),
    path("grid/<int:pk>/move/", grid.report_move, name="grid_report_move"),
    path("grid/<int:pk>/supervise/", grid.report_supervise, name="grid_report_supervise"),
    path("grid/cells/", grid_setup.cell_list, name="grid_cells"),
    path("grid/cells/new/", grid_setup.cell_edit, name="grid_cell_new"),
    path("grid/cells/<int:pk>/edit/", grid_setup.cell_edit, name="grid_cell_edit"),
    path("grid/cells/import/", grid_setup.cell_import, name="grid_cell_import"),
    path("grid/categories/", grid_setup.category_list, name="grid_categories"),
    path("grid/categories/new/", grid_setup.category_edit, name="grid_category_new"),
    path("grid/categories/<int:pk>/edit/", grid_setup.category_edit, name="grid_category_edit"),
    path("imports/<slug:kind>/template/", common.import_template, name="import_template"),
    # 专项行动、监督检查、抽样检验
    path("campaigns/", campaigns.campaign_list, name="campaigns"),
    path("campaigns/new/", campaigns.campaign_edit, name="campaign_new"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/operations/new/", campaigns.operation_new, name="operation_new"),
    path("inspections/", campaigns.inspection_list, name="inspections"),
    path("inspections/new/", campaigns.inspection_new, name="inspection_new"),
    path("inspections/import/", campaigns.inspection_import, name="inspection_import"),
    path("inspections/<int:pk>/", campaigns.inspection_detail, name="inspection"),
    path("inspections/<int:pk>/link/", campaigns.inspection_link, name="inspection_link"),
    path("sampling/", campaigns.sampling_list, name="sampling"),
    path("sampling/new/", campaigns.sampling_new, name="sampling_new"),
    path("sampling/import/", campaigns.sampling_import, name="sampling_import"),
    path("sampling/<int:pk>/", campaigns.sampling_detail, name="sampling_batch"),
    path("sampling/<int:pk>/link/", campaigns.sampling_link, name="sampling_link"),
    # 案卷评查
    path("evaluation/", evaluation.round_list, name="evaluation"),
    path("evaluation/new/", evaluation.round_new, name="evaluation_new"),
    path("evaluation/<int:pk>/", evaluation.round_detail, name="evaluation_round"),
    path("evaluation/<int:pk>/draw/", evaluation.round_draw, name="evaluation_draw"),
    path("evaluation/<int:pk>/rectify/", evaluation.round_rectify, name="evaluation_rectify"),
    path("evaluation/<int:pk>/finish/", evaluation.round_finish, name="evaluation_finish"),
    path("evaluation/<int:pk>/report/", evaluation.round_report, name="evaluation_report"),
    path("evaluation/sheets/<int:pk>/", evaluation.sheet_detail, name="evaluation_sheet"),
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
