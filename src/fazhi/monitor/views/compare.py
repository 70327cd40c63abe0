"""The compare page: is a page found elsewhere a copy of one of ours? (A URL or a saved file;
the result names the original, shows the diff with injected text marked, and is recorded.)"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from .. import compare, queries, services
from . import _error, _render

MAX_UPLOAD = 5 * 1024 * 1024


@login_required
def compare_page(request):
    sites = list(queries.sites(request.user).filter(is_active=True))
    context = {"tab": "compare", "sites": sites, "result": None, "error": "", "recorded": None}
    if request.method != "POST":
        return _render(request, "monitor/compare.html", context)
    url = request.POST.get("url", "").strip()
    upload = request.FILES.get("file")
    chosen = [s for s in sites if str(s.pk) == request.POST.get("site")] or sites
    try:
        if not url and upload is None:
            raise ValidationError(_("请填写可疑页面的网址，或上传保存的页面文件。"))
        if upload is not None and upload.size > MAX_UPLOAD:
            raise ValidationError(_("上传的文件超过 5 MB。"))
        with tempfile.TemporaryDirectory() as d:
            source = url
            if upload is not None:
                source = str(Path(d) / Path(upload.name).name)
                Path(source).write_bytes(upload.read())
            result = compare.compare(source, chosen)
        recorded = None
        if result.found:
            recorded = services.clone_record(
                actor=request.user,
                run=result.run,
                suspect=result.suspect,
                original=result.original,
                similarity=result.similarity,
                added=len(result.report.added) + len(result.report.changed),
                injected=result.report.injected,
            )
    except (ValidationError, PermissionDenied) as exc:
        context["error"] = _error(exc)
        return _render(request, "monitor/compare.html", context)
    context.update(result=result, recorded=recorded, injected=dict(result.report.injected))
    return _render(request, "monitor/compare.html", context)
