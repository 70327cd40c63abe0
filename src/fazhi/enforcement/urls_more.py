"""Staff pages for campaigns, inspections, sampling, the grid and case-file evaluation.

Included by ``enforcement/urls.py`` (``app_name = "enforcement"``), mounted at
``/workspace/enforcement/``.
"""

from django.urls import path

from .views import campaigns, common, evaluation, grid, grid_setup

urlpatterns: list = [
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
]
