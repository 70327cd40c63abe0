"""Every write of audit rectification and the legacy-commitments ledger."""
