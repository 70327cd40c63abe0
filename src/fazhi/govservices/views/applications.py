from django.http import HttpResponse


def application_list(request):
    return HttpResponse("")


def application_detail(request, pk):
    return HttpResponse("")


def package_detail(request, pk):
    return HttpResponse("")


def rectification_detail(request, pk):
    return HttpResponse("")
