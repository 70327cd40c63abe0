from django.shortcuts import render

from .sections import SECTIONS


def home(request):
    """Public home page: the district's name and every public section, empty ones marked."""
    return render(request, "portal/home.html", {"sections": SECTIONS})
