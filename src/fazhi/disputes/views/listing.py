"""List pages: one render with the key-set page and the filters."""

from __future__ import annotations

from django.shortcuts import render


def list_page(request, template: str, page, **ctx):
    return render(request, template, {"page": page, "active": "disputes", **ctx})
