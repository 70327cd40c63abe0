"""Fixture site for the portal monitor's tests and demos (served on 127.0.0.1 only)."""
