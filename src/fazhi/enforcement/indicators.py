"""Enforcement figures for the annual report and the dashboard (filled in with the demo)."""
