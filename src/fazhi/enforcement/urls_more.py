"""Staff pages for campaigns, inspections, sampling, the grid and case-file evaluation."""

urlpatterns: list = []
