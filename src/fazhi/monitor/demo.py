"""The demo district's monitored portal: the site, its column map, the shipped thresholds and
lexicon as first versions. No crawl runs and the real host is never contacted."""

from __future__ import annotations

from fazhi.core.ledger import SystemActor
from fazhi.core.models import Organisation

from . import configtext, services
from .models import LexiconVersion, Site

ACTOR = SystemActor("系统（演示数据）")
PORTAL_CODE = "furong-portal"
OWNER = "长沙市芙蓉区人民政府办公室"
BULLETIN_TABLE = """
[bulletin]
issuer = "长沙市芙蓉区人民政府办公室"
prefix = "芙政网监"
"""


def load_demo() -> None:
    """Add the district portal (identity 长沙市芙蓉区人民政府, 主办单位 区政府办公室)."""
    org = Organisation.objects.filter(name=OWNER).first()
    if org is None:
        org = Organisation.objects.filter(parent__isnull=True).order_by("pk").first()
    if org is None or Site.objects.filter(code=PORTAL_CODE).exists():
        return
    if not LexiconVersion.objects.exists():
        services.lexicon_save(
            actor=ACTOR,
            org=org,
            text=configtext.shipped_text("lexicon.toml"),
            note="随系统发布的默认词库（领导名录为占位，须由本单位替换）",
        )
    services.site_create(
        actor=ACTOR,
        org=org,
        code=PORTAL_CODE,
        name="长沙市芙蓉区人民政府门户网站",
        config_text=configtext.shipped_text("site_default.toml") + BULLETIN_TABLE,
        note="演示：区政府门户网站（网站标识码为占位值）",
    )
