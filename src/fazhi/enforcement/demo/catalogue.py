"""The catalogue, the demo logins' posts, and the officers with their certificates.

The catalogue (fields, bodies with their enquiry phone and address, items, bands, the
major-decision rules) and the demo users' posts go through the module's services; the
district's few hundred officers and their certificates through the bulk path.

Officers have plausible names (``names.Names``); each holds the certificate of the day: the
湖南省行政执法证 issued in 2017–2018, valid to 31 October 2022, then the national
中华人民共和国行政执法证 from 1 November 2022 to 31 October 2027 — so the 2019 cases were
handled under the provincial certificate and today's under the national one. A few officers
per body left enforcement before 2019 (inactive, their certificate lapsed in 2018).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from pathlib import Path

from fazhi.core import demo as core_demo
from fazhi.core import services as core_services
from fazhi.core.models import DataScope, Role, User

from ..models import Certificate, EnforcementBody, EnforcementField, EnforcementItem, Officer
from ..services import catalogue
from . import names
from .base import ACTOR, Year

DATA = Path(__file__).resolve().parent.parent / "data" / "power_list.toml"
UNCONFIRMED = "（⚠ 演示数据：条款未经核对）"
CERT_ISSUER = "湖南省人民政府"
OFFICERS = {
    "区行政执法局": 163,
    "芙蓉生态环境分局": 70,
    "区市场监管局": 60,
    "区应急管理局": 28,
    "区卫生健康局": 24,
}
RETIRED_PER_BODY = 3
# The demo logins a module adds (username, label, organisation, role, scope).
STREET_LOGIN = ("street", "演示街道负责人", "定王台街道", Role.LEADER, DataScope.SUBTREE)


def load_catalogue(y: Year) -> None:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    y.fields: dict[str, EnforcementField] = {}
    for i, f in enumerate(data["field"]):
        y.fields[f["code"]] = catalogue.field_save(
            actor=ACTOR, code=f["code"], name=f["name"], sort_order=i + 1
        )
    y.bodies: dict[str, EnforcementBody] = {}
    for b in data["body"]:
        y.bodies[b["org"]] = catalogue.body_save(
            actor=ACTOR,
            org=y.orgs[b["org"]],
            kind=b["kind"],
            legal_basis=b["legal_basis"],
            fields=[y.fields[c] for c in b["fields"]],
            doc_prefix=b["doc_prefix"],
            public_phone=b.get("phone", ""),
            public_address=b.get("address", ""),
        )
    for r in data["major_rule"]:
        catalogue.major_rule_save(
            actor=ACTOR,
            name=r["name"],
            fine_at_least=r.get("fine_at_least"),
            licence_revocation=r.get("licence_revocation", False),
            closure=r.get("closure", False),
            after_hearing=r.get("after_hearing", False),
            complex_case=r.get("complex_case", False),
        )
    y.major_fine = min(
        Decimal(r["fine_at_least"]) for r in data["major_rule"] if "fine_at_least" in r
    )
    y.major_name = next(r["name"] for r in data["major_rule"] if "fine_at_least" in r)
    y.items: dict[str, EnforcementItem] = {}
    y.bands: dict[str, list] = {}
    y.acts: dict[str, str] = {}
    for it in data["item"]:
        mark = UNCONFIRMED if it.get("confirmed") == "⚠" else ""
        item = catalogue.item_save(
            actor=ACTOR,
            body=y.bodies[it["body"]],
            code=it["code"],
            name=it["name"],
            field=y.fields[it["field"]],
            kind="penalty",
            legal_basis=it["legal_basis"] + mark,
            penalty_basis=it.get("penalty_basis", ""),
        )
        item.body = y.bodies[it["body"]]
        y.items[it["code"]] = item
        y.acts[it["code"]] = it.get("act", it["name"])
        y.bands[it["code"]] = [
            catalogue.band_save(
                actor=ACTOR,
                item=item,
                code=b["code"],
                facts=b["facts"],
                fine_min=b["fine_min"],
                fine_max=b["fine_max"],
            )
            for b in it["band"]
        ]


def _login(y: Year, username: str, label: str, org, role: str, scope: str) -> User:
    user = y.users.get(username) or core_services.user_create(
        actor=ACTOR,
        username=username,
        password=core_demo.DEMO_PASSWORD,
        full_name=label,
        primary_org=org,
    )
    core_services.membership_grant(actor=ACTOR, user=user, org=org, role=role, data_scope=scope)
    y.users[username] = user
    return user


def load_people(y: Year) -> None:
    """``officer`` and ``officer2`` carry cases in the browser; ``reviewer`` reviews the
    bureau's major decisions; ``street`` leads 定王台街道 (grid reports and rectification
    tasks of its communities). The two officer logins hold certificates like the others."""
    bureau = y.bodies["区行政执法局"]
    _login(y, "officer2", "演示执法人员二", bureau.org, Role.OFFICER, DataScope.SELF)
    username, label, org, role, scope = STREET_LOGIN
    _login(y, username, label, y.orgs[org], role, scope)
    core_services.membership_grant(
        actor=ACTOR, user=y.users["reviewer"], org=bureau.org, role=Role.REVIEWER
    )
    y.demo_officers: list[tuple[Officer, Certificate, User]] = []
    fields = list(bureau.fields.all())
    for i, username in enumerate(["officer", "officer2"], start=1):
        user = y.users[username]
        o = catalogue.officer_save(actor=ACTOR, body=bureau, name=user.full_name, user=user)
        old = catalogue.certificate_issue(
            actor=ACTOR,
            officer=o,
            number=names.certificate_number(names.PROVINCIAL, "区行政执法局", 900 + i),
            fields=fields,
            issuer=CERT_ISSUER,
            valid_from=dt.date(2018, 6, 1),
            valid_to=names.PROVINCIAL_END,
        )
        catalogue.certificate_issue(
            actor=ACTOR,
            officer=o,
            number=names.certificate_number(names.NATIONAL, "区行政执法局", 900 + i),
            fields=fields,
            issuer=CERT_ISSUER,
            valid_from=names.NATIONAL_START,
            valid_to=names.NATIONAL_END,
        )
        y.demo_officers.append((o, old, user))


def load_officers(y: Year) -> None:
    """Every body's officers with their certificates (bulk); ``y.pool[body]`` lists the
    officers on duty in 2019 as (officer id, provincial certificate id, name, its number)."""
    L = y.loader
    through = Certificate.fields.through
    gen = names.Names(YEAR_SEED)
    y.pool: dict[str, list[tuple[int, int, str, str]]] = {}
    y.officer_names: dict[int, str] = {}
    for short, count in OFFICERS.items():
        body = y.bodies[short]
        field_ids = list(body.fields.values_list("pk", flat=True))
        pool = []
        if short == "区行政执法局":
            pool = [(o.pk, c.pk, o.name, c.number) for o, c, _u in y.demo_officers]
        for i in range(1, count + RETIRED_PER_BODY + 1):
            retired = i > count
            name = gen.unique_name()
            oid = L.add(Officer, name=name, body_id=body.pk, is_active=not retired)
            y.officer_names[oid] = name
            certs = []
            if retired:
                certs.append((names.PROVINCIAL, i, dt.date(2013, 12, 1), dt.date(2018, 11, 30)))
            else:
                start = dt.date(2017, 7, 1) + dt.timedelta(days=gen.rnd.randrange(540))
                certs.append((names.PROVINCIAL, i, start, names.PROVINCIAL_END))
                certs.append((names.NATIONAL, i, names.NATIONAL_START, names.NATIONAL_END))
            ids = []
            for kind, serial, start, end in certs:
                number = names.certificate_number(kind, short, serial)
                cid = L.add(
                    Certificate,
                    officer_id=oid,
                    number=number,
                    issuer=CERT_ISSUER,
                    valid_from=start,
                    valid_to=end,
                    status="valid",
                )
                ids.append((cid, number))
                for fid in field_ids:
                    L.add(through, certificate_id=cid, enforcementfield_id=fid)
            L.event(
                subject_type="enforcement.officer",
                subject_id=oid,
                subject_label=name,
                org_id=body.org.pk,
                org_name=body.org.name,
                data={
                    "name": name,
                    "active": not retired,
                    "certificates": [n for _c, n in ids],
                    "on": certs[0][2].isoformat(),
                },
                plain=True,
            )
            if not retired:
                pool.append((oid, ids[0][0], name, ids[0][1]))
        y.pool[short] = pool


YEAR_SEED = 430102  # the officers' names: their own seed, so case changes do not rename them
