"""Portal-monitoring engine: a pure library (no Django) — configuration, page model, checks
K1–K7, crawler, uptime prober and bulletin builder. The Django layer wraps it later."""
