"""English is real: the workspace, the portal, the website monitor and administrative enforcement
speak it, and the catalog is whole and compiled.

Source strings are Chinese; ``src/fazhi/locale/en/LC_MESSAGES/django.po`` translates them into
English. After changing a user-visible string, regenerate and recompile from ``src/fazhi``::

    export DJANGO_SETTINGS_MODULE=fazhi.settings FAZHI_HOME=$(mktemp -d)
    django-admin makemessages -l en --ignore 'tests/*' --no-obsolete
    # translate every new entry and clear every "fuzzy" flag, then:
    django-admin compilemessages -l en
"""

import datetime as dt
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from fazhi.core import clock, services
from fazhi.core.models import User
from fazhi.core.tests.signin import sign_in
from fazhi.enforcement import portal as enforcement_portal
from fazhi.enforcement.services import cases as enforcement_cases
from fazhi.enforcement.tests.casefactories import Bureau
from fazhi.monitor.tests.factories import fixture_site
from fazhi.portal.sections import SECTIONS, sections
from fazhi.web.nav import MODULES, SYSTEM

PKG = Path(__file__).resolve().parents[2]
PO = PKG / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
TEMPLATES = [
    *sorted((PKG / "web" / "templates" / "web").glob("*.html")),
    *sorted((PKG / "portal" / "templates" / "portal").glob("*.html")),
    *sorted((PKG / "monitor" / "templates" / "monitor").glob("*.html")),
    *sorted((PKG / "enforcement" / "templates" / "enforcement").glob("**/*.html")),
    *sorted((PKG / "govservices" / "templates" / "govservices").glob("**/*.html")),
    *sorted((PKG / "disputes" / "templates" / "disputes").glob("**/*.html")),
    *sorted((PKG / "legality" / "templates" / "legality").glob("**/*.html")),
    *sorted((PKG / "opengov" / "templates" / "opengov").glob("**/*.html")),
    *sorted((PKG / "audit" / "templates" / "audit").glob("**/*.html")),
    *sorted((PKG / "hotline" / "templates" / "hotline").glob("**/*.html")),
    *sorted((PKG / "suggestions" / "templates" / "suggestions").glob("**/*.html")),
    *sorted((PKG / "reports" / "templates" / "reports").glob("dashboard*.html")),
    *sorted((PKG / "governance" / "templates" / "governance").glob("**/*.html")),
]
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """A request in English leaves English active in this thread; later tests expect Chinese."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _en(text) -> str:
    with translation.override("en"):
        return str(text)


def _sign_in_english(client, username: str) -> None:
    User.objects.filter(username=username).update(language="en")
    assert sign_in(client, username).status_code == 302


def _data_names(district) -> set[str]:
    """Chinese that is data, not interface: names of organisations, people and the district."""
    orgs = [v for v in vars(district).values() if hasattr(v, "kind")]
    users = [v for v in vars(district).values() if isinstance(v, User)]
    return (
        {o.name for o in orgs}
        | {u.full_name for u in users if u.full_name}
        | {"长沙市芙蓉区", "简体中文"}  # the district's name; the language's own name in the picker
    )


# (1) The workspace and the login page in English


@pytest.mark.django_db
def test_english_user_sees_english_workspace(client, district):
    _sign_in_english(client, "clerk")
    body = client.get("/workspace/").content.decode()
    assert 'lang="en"' in body
    assert "My to-do" in body and "我的待办" not in body
    assert "Notices" in body and "Organisations" in body and "Login log" in body
    assert "Window clerk" in body  # the role, from the model's choices
    assert "Nothing to do." in body


@pytest.mark.django_db
def test_chinese_stays_the_default(client, district):
    sign_in(client, "clerk")
    body = client.get("/workspace/").content.decode()
    assert "我的待办" in body and "My to-do" not in body
    assert "窗口人员" in body


@pytest.mark.django_db
def test_english_workspace_pages_show_no_chinese_but_data(client, district):
    services.code_table_save(actor=district.admin, code="org_kind", name="机构类型")
    notice = services.notice_publish(
        actor=district.admin, org=district.gov, title="测试通知", body="正文"
    )
    allowed = _data_names(district) | {"机构类型", "测试通知", "正文"}
    _sign_in_english(client, "admin")
    for path in [
        "/workspace/",
        "/workspace/orgs/",
        f"/workspace/orgs/{district.street_a.pk}/",
        "/workspace/orgs/new/",
        "/workspace/users/",
        f"/workspace/users/{district.clerk.pk}/",
        "/workspace/users/new/",
        "/workspace/codes/",
        "/workspace/codes/org_kind/",
        "/workspace/logs/login/",
        "/workspace/online/",
        "/workspace/me/",
        "/workspace/notices/",
        f"/workspace/notices/{notice.pk}/",
        "/workspace/notices/new/",
        "/workspace/no-such-page/",
    ]:
        body = client.get(path).content.decode()
        left = set(CJK.findall(body)) - allowed
        assert not left, (path, sorted(left))


@pytest.mark.django_db
def test_english_messages_after_actions(client, district):
    _sign_in_english(client, "admin")
    resp = client.post(
        f"/workspace/users/{district.clerk.pk}/",
        {"org": district.street_a.pk, "role": "clerk", "data_scope": ""},
        follow=True,
    )
    assert "Post role granted." in resp.content.decode()


@pytest.mark.django_db
def test_login_failure_in_english(client, district):
    # Before sign-in the language comes from the visitor's choice (the portal's button).
    client.post("/i18n/setlang/", {"language": "en", "next": "/workspace/login/"})
    resp = client.post("/workspace/login/", {"username": "clerk", "password": "wrong"})
    body = resp.content.decode()
    assert resp.status_code == 401
    assert "Incorrect user name or password." in body and "用户名或密码错误" not in body
    assert "Staff sign-in" in body


@pytest.mark.django_db
def test_login_failure_in_english_from_the_browser(client, district):
    resp = client.post(
        "/workspace/login/", {"username": "", "password": ""}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Please enter your user name and password." in resp.content.decode()


@pytest.mark.django_db
def test_login_failure_stays_chinese_by_default(client, district):
    resp = client.post("/workspace/login/", {"username": "clerk", "password": "wrong"})
    assert "用户名或密码错误" in resp.content.decode()


# (2) The portal in English


@pytest.mark.django_db
def test_portal_in_english_after_set_language(client):
    resp = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert resp.status_code == 302
    body = client.get("/").content.decode()
    assert 'lang="en"' in body
    for title in [
        "Government services",
        "Administrative enforcement disclosure",
        "Normative documents",
        "Open government",
        "12345 citizen hotline",
    ]:
        assert title in body, title
    for s in SECTIONS:
        assert _en(s.title) in body
        with translation.override("zh-hans"):
            assert str(s.title) not in body
    assert body.count("No content in this section yet") == sum(
        1 for s in sections() if not s.url_name
    )
    assert "Law-based government public portal of Furong District, Changsha" in body
    assert set(CJK.findall(body)) <= {"中文"}  # the button back to Chinese


@pytest.mark.django_db
def test_portal_switches_back_to_chinese(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    body = client.get("/").content.decode()
    assert "长沙市芙蓉区法治政府建设公开平台" in body and "Government services" not in body


# (3) The website monitor in English


@pytest.mark.django_db
def test_english_monitor_pages_show_no_chinese_but_data(client, district):
    site = fixture_site(district.gov)  # registered, not crawled: no engine output on the pages
    allowed = _data_names(district) | {site.name}
    _sign_in_english(client, "supervisor")
    home = client.get("/workspace/monitor/").content.decode()
    assert "Monitored websites" in home and "Findings" in home and "Monthly bulletins" in home
    assert "Not crawled" in home and "Register website" in home
    for path in [
        "/workspace/monitor/",
        "/workspace/monitor/sites/new/",
        "/workspace/monitor/findings/",
        "/workspace/monitor/bulletins/",
        "/workspace/monitor/district/",
        "/workspace/monitor/compare/",
    ]:
        body = client.get(path).content.decode()
        left = set(CJK.findall(body)) - allowed
        assert not left, (path, sorted(left))


# (4) Administrative enforcement in English


def _cjk(*texts) -> set[str]:
    return {run for text in texts for run in CJK.findall(str(text or ""))}


@pytest.mark.django_db
def test_english_enforcement_pages_show_no_chinese_but_data(client):
    b = Bureau()
    case = enforcement_cases.case_open(
        actor=b.clerk,
        body=b.body,
        field=b.field,
        item=b.item,
        source="complaint",
        party_kind="person",
        party_name="当事人甲",
        facts="在五一大道占道经营。",
        received_on=dt.date(2024, 3, 4),
    )
    # Data: names of organisations, people, fields and items, the party, and numbers that
    # carry an authority's abbreviation (the case's, the certificates').
    allowed = _data_names(b.d) | _cjk(
        case.number,
        case.party_name,
        b.field.name,
        b.other_field.name,
        b.item.name,
        *(o.name for o in (b.officer1, b.officer2, b.uncertified)),
        *(c.number for o in (b.officer1, b.officer2, b.uncertified) for c in o.certificates.all()),
    )
    _sign_in_english(client, "leader")
    cases = client.get("/workspace/enforcement/cases/").content.decode()
    assert "Enforcement cases" in cases and "Register lead" in cases
    assert "Lead registered" in cases  # the case's status, from the model's choices
    items = client.get("/workspace/enforcement/items/").content.decode()
    assert "Power list" in items and "Administrative penalty" in items
    officers = client.get("/workspace/enforcement/officers/").content.decode()
    assert "Enforcement officer" in officers and "Valid until" in officers
    for path, body in [
        ("/workspace/enforcement/cases/", cases),
        ("/workspace/enforcement/items/", items),
        ("/workspace/enforcement/officers/", officers),
    ]:
        left = set(CJK.findall(body)) - allowed
        assert not left, (path, sorted(left))


@pytest.mark.django_db
def test_english_public_enforcement_pages_show_no_chinese_but_data(client):
    b = Bureau()
    # The guide cites the statutory time-limit rules as the registry words them: data.
    with translation.override("zh-hans"):
        steps = [
            s for _title, section in enforcement_portal._guide_steps(clock.today()) for s in section
        ]
    allowed = (
        _data_names(b.d)
        | _cjk(b.field.name, b.other_field.name)
        | _cjk(*(x for rule, v in steps for x in (rule.name, v.basis, v.law, v.article)))
    )
    client.post("/i18n/setlang/", {"language": "en", "next": "/enforcement/"})
    home = client.get("/enforcement/").content.decode()
    assert 'lang="en"' in home
    assert "Administrative enforcement disclosure" in home and "Power list" in home
    assert "Authority with relatively concentrated administrative penalty power" in home
    guide = client.get("/enforcement/guide/").content.decode()
    assert "Administrative penalty procedures and service guide" in guide
    assert "Summary procedure (on-the-spot penalty)" in guide and "Remedies" in guide
    for path, body in [("/enforcement/", home), ("/enforcement/guide/", guide)]:
        left = set(CJK.findall(body)) - allowed - {"中文"}  # the button back to Chinese
        assert not left, (path, sorted(left))


# (5) The catalog is whole


def _catalog() -> polib.POFile:
    return polib.pofile(str(PO))


def test_catalog_has_no_untranslated_or_fuzzy_entries():
    po = _catalog()
    assert len(po) > 100
    assert not po.metadata_is_fuzzy
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


def test_catalog_keeps_placeholders_and_leaves_no_chinese():
    for e in _catalog().translated_entries():
        # A plural entry has one translation per form, each with the singular's placeholders.
        for msgstr in e.msgstr_plural.values() if e.msgid_plural else [e.msgstr]:
            assert sorted(PLACEHOLDER.findall(e.msgid)) == sorted(PLACEHOLDER.findall(msgstr)), (
                e.msgid
            )
            # Chinese may stay only in a quoted document-number example and in the language
            # label, which shows the way back to Chinese to someone reading English.
            if "〔" not in e.msgid and e.msgid != "界面语言 / Language":
                assert not CJK.search(msgstr.replace("“", "").replace("”", "")), e.msgid


def test_every_template_string_is_in_the_catalog():
    ids = {e.msgid for e in _catalog().translated_entries()}
    tag = re.compile(r"""\{% translate (["'])(.+?)\1""")
    block = re.compile(r"\{% blocktranslate[^%]*%\}(.*?)\{% endblocktranslate %\}", re.S)
    var = re.compile(r"\{\{ (\w+) \}\}")
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        found = [m.group(2) for m in tag.finditer(text)]
        # The singular of {% blocktranslate count %} is the msgid; the plural is msgid_plural.
        found += [
            var.sub(r"%(\1)s", m.group(1).split("{% plural %}")[0]) for m in block.finditer(text)
        ]
        for msgid in found:
            assert msgid in ids, (path.name, msgid)


def test_navigation_and_sections_are_translated():
    for item in MODULES + SYSTEM:
        assert not CJK.search(_en(item.label)), str(item.label)
    for s in SECTIONS:
        assert not CJK.search(_en(s.title)) and not CJK.search(_en(s.description)), str(s.title)
    assert _en(MODULES[0].label) == "My to-do"


# (6) The compiled catalog matches the source


def _messages(mo: polib.MOFile) -> dict:
    return {(e.msgctxt, e.msgid): e.msgstr for e in mo if e.msgid}


def test_compiled_catalog_is_in_sync(tmp_path):
    fresh = tmp_path / "django.mo"
    _catalog().save_as_mofile(str(fresh))
    assert MO.exists(), "run django-admin compilemessages -l en in src/fazhi"
    assert _messages(polib.mofile(str(MO))) == _messages(polib.mofile(str(fresh)))
