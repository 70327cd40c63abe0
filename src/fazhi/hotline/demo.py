"""The 2019 hotline year of the demo district (filled in below)."""

from __future__ import annotations


def register() -> None:
    return None
