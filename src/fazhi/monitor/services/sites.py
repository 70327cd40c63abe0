"""Sites, their versioned configuration and the lexicon versions."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clock, ledger, unique
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation
from fazhi.core.scoping import require_role

from .. import actions, configtext
from ..engine.normalise import normalise
from ..models import (
    LexiconVersion,
    Site,
    SiteConfigVersion,
)
from .common import (
    CONFIG_ROLES,
    _name,
    _sha,
    _user,
)


def site_create(
    *,
    actor: Actor,
    org: Organisation,
    code: str,
    name: str,
    config_text: str,
    thresholds_text: str | None = None,
    note: str = "",
) -> Site:
    """登记监测网站 with its first configuration version (thresholds default to the shipped
    file, each line citing its source)."""
    require_role(
        actor, *CONFIG_ROLES, org=org, message=_("只有监督人员或系统管理员可以登记监测网站。")
    )
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise ValidationError(_("请填写网站代号和网站名称。"))
    taken = {"code": _("已有代号为 %(c)s 的网站。") % {"c": code}}
    with unique.conflict_as(taken):  # two supervisors registering the same code at once
        if Site.objects.filter(code=code).exists():
            raise ValidationError(taken)
        site = Site.objects.create(code=code, name=name, org=org, created_at=clock.now())
        ledger.record(
            actor=actor,
            action=actions.SITE_CREATE,
            subject=site,
            data={"code": code, "name": name, "org": org.name},
        )
        config_save(
            actor=actor,
            site=site,
            config_text=config_text,
            thresholds_text=thresholds_text or configtext.shipped_text("thresholds.toml"),
            note=note or _("初始配置"),
        )
    return site


def site_update(*, actor: Actor, site: Site, **changes: Any) -> Site:
    """修改监测网站: name, owning organisation, active flag."""
    require_role(
        actor, *CONFIG_ROLES, org=site.org, message=_("只有监督人员或系统管理员可以修改监测网站。")
    )
    unknown = set(changes) - {"name", "org", "is_active"}
    if unknown:
        raise ValidationError(_("不能修改这些字段：%(f)s") % {"f": ", ".join(sorted(unknown))})
    if changes.get("org") is not None:
        require_role(
            actor,
            *CONFIG_ROLES,
            org=changes["org"],
            message=_("不能把网站交给本人管理范围以外的单位。"),
        )
    with transaction.atomic():
        site = Site.objects.select_for_update().get(pk=site.pk)
        before = {"name": site.name, "org": site.org.name, "is_active": site.is_active}
        for k, v in changes.items():
            setattr(site, k, v.strip() if isinstance(v, str) else v)
        if not site.name:
            raise ValidationError({"name": _("请填写网站名称。")})
        site.save()
        after = {"name": site.name, "org": site.org.name, "is_active": site.is_active}
        ledger.record(
            actor=actor, action=actions.SITE_UPDATE, subject=site, data=ledger.diff(before, after)
        )
    return site


def site_edit(
    *,
    actor: Actor,
    site: Site,
    name: str,
    org: Organisation,
    is_active: bool,
    config_text: str,
    note: str = "",
) -> Site:
    """The site form's save: the site's own fields and a new configuration version (thresholds
    unchanged), both or neither."""
    with transaction.atomic():
        site = site_update(actor=actor, site=site, name=name, org=org, is_active=is_active)
        config_save(
            actor=actor,
            site=site,
            config_text=config_text,
            thresholds_text=current_config(site).thresholds_text,
            note=note,
        )
    return site


def config_save(
    *, actor: Actor, site: Site, config_text: str, thresholds_text: str, note: str = ""
) -> SiteConfigVersion:
    """保存配置: validate both texts and add the next version (an unchanged text adds none)."""
    require_role(
        actor, *CONFIG_ROLES, org=site.org, message=_("只有监督人员或系统管理员可以修改监测配置。")
    )
    configtext.validate_site(config_text)
    configtext.validate_thresholds(thresholds_text)
    with transaction.atomic():
        Site.objects.select_for_update().get(pk=site.pk)
        last = site.versions.order_by("-number").first()
        if last and last.text == config_text and last.thresholds_text == thresholds_text:
            return last
        version = SiteConfigVersion.objects.create(
            site=site,
            number=(last.number + 1) if last else 1,
            text=config_text,
            thresholds_text=thresholds_text,
            note=note.strip()[:200],
            created_at=clock.now(),
            created_by=_user(actor),
            created_by_name=_name(actor),
        )
        ledger.record(
            actor=actor,
            action=actions.CONFIG_SAVE,
            subject=site,
            data={
                "version": version.number,
                "note": version.note,
                "config_sha256": _sha(config_text),
                "thresholds_sha256": _sha(thresholds_text),
                "previous": last.number if last else None,
            },
        )
    return version


#: A new lexicon entry may hit at most this share of the pages of the last crawls.
MAX_PAGE_SHARE = 0.5


def _too_broad(lex, last: LexiconVersion | None) -> None:
    """Refuse a new term, pattern or warning word that would hit (nearly) every page of the
    last crawls: it would flag — or, for a warning word, excuse — everything."""
    from ..compare import last_run
    from ..engine.checks import compiled
    from ..engine.crawlstate import crawled_texts

    old = configtext.validate_lexicon(last.text) if last else None
    old_terms = {normalise(t.term) for t in old.terms} if old else set()
    old_patterns = {p.pattern for p in old.patterns} if old else set()
    old_warnings = {normalise(w) for w in old.warning} if old else set()
    new = [
        (t.term, False) for t in lex.terms if t.weight >= 3 and normalise(t.term) not in old_terms
    ]
    new += [(p.pattern, True) for p in lex.patterns if p.pattern not in old_patterns]
    new += [(w, False) for w in lex.warning if normalise(w) not in old_warnings]
    if not new:
        return
    texts: list[str] = []
    for site in Site.objects.filter(is_active=True):
        run = last_run(site)
        if run is not None:
            texts += crawled_texts(run.state_path).values()
    if not texts:
        return
    matcher = compiled(lex)
    limit = max(1, int(len(texts) * MAX_PAGE_SHARE))
    for entry, is_pattern in new:
        hits = matcher.count_pages(texts, entry, pattern=is_pattern)
        if hits >= limit:
            raise ValidationError(
                _(
                    "词条「%(e)s」会命中上次抓取的 %(n)s 个页面中的 %(h)s 个，几乎每页都会被标记，"
                    "未保存；请改用更具体的词条。"
                )
                % {"e": entry, "n": len(texts), "h": hits}
            )


def lexicon_save(*, actor: Actor, org: Organisation, text: str, note: str = "") -> LexiconVersion:
    """保存词库: validate and add the next lexicon version (unchanged text adds none). A new
    entry that would hit half the pages of the last crawls or more is refused, with the count."""
    require_role(
        actor, *CONFIG_ROLES, org=org, message=_("只有监督人员或系统管理员可以修改监测词库。")
    )
    lex = configtext.validate_lexicon(text)
    # the first version has no row to lock: a second saver at that moment is told to retry
    with unique.conflict_as(_("词库刚被他人修改，请刷新后重试。")):
        last = LexiconVersion.objects.select_for_update().order_by("-number").first()
        if last and last.text == text:
            return last
        _too_broad(lex, last)
        version = LexiconVersion.objects.create(
            number=(last.number + 1) if last else 1,
            org=org,
            text=text,
            note=note.strip()[:200],
            created_at=clock.now(),
            created_by=_user(actor),
            created_by_name=_name(actor),
        )
        ledger.record(
            actor=actor,
            action=actions.LEXICON_SAVE,
            subject=version,
            org=org,
            data={"version": version.number, "terms": len(lex.terms), "sha256": _sha(text)},
        )
    return version


def current_config(site: Site) -> SiteConfigVersion:
    version = site.versions.order_by("-number").first()
    if version is None:
        raise ValidationError(_("网站 %(c)s 还没有监测配置。") % {"c": site.code})
    return version


def current_lexicon() -> LexiconVersion:
    version = LexiconVersion.objects.order_by("-number").first()
    if version is None:
        raise ValidationError(_("还没有监测词库，请先保存一个词库版本。"))
    return version
