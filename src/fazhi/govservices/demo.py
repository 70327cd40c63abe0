"""The demo district's 2019 government services, loaded by ``fazhi demo`` after the kernel's.

The records reproduce every services figure of the seed report (一(二)1 and 一(二)3) exactly,
through the same models and the indicators of ``fazhi.govservices.indicators`` — nothing here
writes a figure, only records:

=====================================  ========================================================
区行政审批服务局                        330 on-application items at the end of 2019, of which
                                       34 business-registration licences and 7 filings moved
                                       in during 2019 (the rest in 2018)
一窗通办                               39 department windows merged into 4 comprehensive
                                       windows; 企业开办 and 企业注销 packages promised in 1.5
                                       working days
catalogue (四级九统)                    1004 items catalogued in 2019: 713 reported without
                                       dispute, 291 disputed; 341 adopting the national or
                                       provincial catalogue; 962 implementation entries filed
material slimming                       447 materials and 32 proof materials cut on 143 items
                                       that keep 143 → 479 ÷ 622 = 77%
套餐                                   96 distinct items in 22 packages
放管服                                 227 items delegated to the 13 streets, limits cut 93%
                                       (→ 90%以上); proof items reduced 135 in 2018, 84 in 2019
=====================================  ========================================================

Around them, records that must *not* count: 36 items catalogued in 2018, transfers and proof
decisions of 2018, items with an entry not yet filed, kept proofs. Then a year of
applications (``demo_year``) and a live present: applications received at the approval
bureau's windows in the weeks before today, so the demo clerk has work on the first login.

Windows, office hours, packages and the present go through the module's services; the
catalogue and the year through the bulk path (``fazhi.core.bulk``), one ledger event per
record or step. Random choices use fixed seeds: every load is the same.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from decimal import Decimal

import numpy as np
from django.db import transaction

from fazhi.core import demo as core_demo
from fazhi.core import services as core_services
from fazhi.core.bulk import BulkLoader
from fazhi.core.calendar import get_calendar
from fazhi.core.models import DataScope, Organisation, OrgKind, Role, User
from fazhi.core.workcal import CalendarError

from . import actions, demo_names
from .models import (
    Category,
    Delegation,
    EntryStatus,
    ImplementationEntry,
    Item,
    ItemDispute,
    ItemKind,
    ItemMaterial,
    ItemStatus,
    ItemVersion,
    Level,
    MaterialCut,
    MaterialKind,
    PackageKind,
    ProofItem,
    ProofStatus,
    Transfer,
    WindowKind,
)
from .services import catalogue as cat
from .services.catalogue import initials

YEAR = 2019
ACTOR = core_demo.ACTOR
BUREAU = "区行政审批服务局"
# the seed's figures (一(二)1, 一(二)3) and the demo's choices where the seed gives none
ITEMS_2019, ITEMS_2018 = 1004, 36
DISPUTED, ADOPTED, ENTRIES_2019 = 291, 341, 962
BUREAU_ITEMS, MOVED_LICENCES, MOVED_FILINGS = 330, 34, 7
CUT_MATERIALS, CUT_PROOFS, SLIMMED_ITEMS = 447, 32, 143
PACKAGE_ITEMS, DELEGATED = 96, 227
PROOFS = {2018: (135, 20), 2019: (84, 11)}  # reduced, kept
DEPARTMENT_WINDOWS = 39
COMPREHENSIVE = ("企业开办服务专区", "商事登记综合窗", "行政审批综合窗", "社保医保综合窗")
CATEGORY_OF = {
    "区市场监管局": Category.BUSINESS,
    "区卫生健康局": Category.HEALTH,
    "区住建局": Category.CONSTRUCTION,
    "区人社局": Category.SOCIAL_SECURITY,
    "区医保局": Category.SOCIAL_SECURITY,
    "区民政局": Category.SOCIAL,
    "区退役军人事务局": Category.SOCIAL,
    "区教育局": Category.SOCIAL,
    "区文旅体局": Category.CULTURE,
    "区行政执法局": Category.CITY,
}
KIND_OF = {"registration": ItemKind.LICENCE}
KIND_CODE = {
    ItemKind.LICENCE: "XK",
    ItemKind.CONFIRMATION: "QR",
    ItemKind.PAYMENT: "GF",
    ItemKind.REWARD: "JL",
    ItemKind.ADJUDICATION: "CJ",
    ItemKind.FILING: "BA",
    ItemKind.PUBLIC_SERVICE: "GG",
    ItemKind.OTHER: "QT",
}
BASIS = {
    ItemKind.LICENCE: "《中华人民共和国行政许可法》及相关法律、法规的许可条款",
    ItemKind.FILING: "相关法律、法规、规章的备案条款",
    ItemKind.CONFIRMATION: "相关法律、法规的确认条款",
    ItemKind.PAYMENT: "国家和湖南省有关给付的规定",
    ItemKind.PUBLIC_SERVICE: "国家和湖南省有关公共服务的规定",
}
WINTER, SUMMER = "09:00-12:00,13:30-17:30", "09:00-12:00,14:30-18:00"


def register() -> None:
    """Called from the app's ``ready()``: ``fazhi demo`` runs this after the kernel's demo."""
    core_demo.register_demo_step("政务服务（2019年度）", load)
    core_demo.register_login("gs_leader", "演示审批服务局负责人", Role.LEADER)
    core_demo.register_login("street_clerk", "演示街道窗口人员", Role.CLERK)


def load(*, timings: dict[str, float] | None = None) -> None:
    """Load the 2019 services year and the present into the demo district."""
    from . import demo_year

    last = time.perf_counter()

    def phase(name: str) -> None:
        nonlocal last
        if timings is not None:
            now = time.perf_counter()
            timings[name] = round(now - last, 3)
            last = now

    with transaction.atomic():
        c = Catalogue()
        c.setup()
        phase("bodies, windows (services)")
        c.loader = BulkLoader(actor_name=ACTOR.name, action=actions.DEMO)
        c.items()
        c.write()
        c.loader.flush()
        phase("catalogue (bulk)")
        c.packages()
        phase("packages (services)")
        year = demo_year.Year(c)
        year.build()
        phase("applications (build)")
        written = year.loader.flush()
        year.finish()
        phase("applications (bulk write)")
        demo_year.present(c)
        phase("present (services)")
    if timings is not None:
        timings["rows"] = sum(written.values())


class Catalogue:
    """The bodies, windows and the catalogue; what the year of applications needs of it."""

    def __init__(self) -> None:
        self.py = random.Random(YEAR)  # nosec B311 - seeded demo data, not a secret
        self.rng = np.random.default_rng(YEAR)
        self.cal = get_calendar()
        self.orgs = {o.short_name: o for o in Organisation.objects.exclude(short_name="")}
        self.loader: BulkLoader
        self.items_rows: list[dict] = []

    def workday(self, d: dt.date) -> bool:
        """The calendar's answer; before its first day (2018 holds only its last days), a
        weekday (the 2018 dates the demo uses avoid the October holiday)."""
        try:
            return self.cal.is_workday(d)
        except CalendarError:
            return d.weekday() < 5

    # -- services: bodies, users, hours, windows ------------------------------------------------

    def setup(self) -> None:
        for short, name in demo_names.DEPARTMENTS.items():
            if short not in self.orgs:
                self.orgs[short] = core_services.org_create(
                    actor=ACTOR,
                    name=name,
                    kind=OrgKind.BUREAU,
                    parent=self.orgs["区政府"]
                    if "区政府" in self.orgs
                    else Organisation.objects.get(kind=OrgKind.DISTRICT),
                    short_name=short,
                )
        self.bureau = self.orgs[BUREAU]
        self.streets = list(Organisation.objects.filter(kind=OrgKind.STREET).order_by("path"))
        cat.service_body_save(actor=ACTOR, org=self.bureau, doc_prefix="芙审服", centralised=True)
        for s in self.streets:
            cat.service_body_save(
                actor=ACTOR, org=s, doc_prefix="芙" + s.label.removesuffix("街道")[:3] + "街"
            )
        self.hours = cat.hours_save(
            actor=ACTOR, code="hall", name="区政务服务中心作息时间", summer=SUMMER, winter=WINTER
        )
        self._users()
        opened = dt.date(YEAR, 3, 1)
        self.windows = {}
        for name in COMPREHENSIVE:
            self.windows[name] = cat.window_save(
                actor=ACTOR,
                org=self.bureau,
                name=name,
                kind=WindowKind.COMPREHENSIVE,
                hours=self.hours,
                opened_on=opened,
                place="芙蓉区政务服务中心一楼",
                phone="0731-84686100",
            )
        self.street_windows = {
            s.pk: cat.window_save(
                actor=ACTOR,
                org=s,
                name=f"{s.label}便民服务窗口",
                kind=WindowKind.COMPREHENSIVE,
                hours=self.hours,
                opened_on=dt.date(2018, 6, 1),
                place=f"{s.label}政务服务站",
            )
            for s in self.streets
        }
        self._department_windows()

    def _users(self) -> None:
        password = core_demo.DEMO_PASSWORD
        leader = core_services.user_create(
            actor=ACTOR,
            username="gs_leader",
            password=password,
            full_name="演示审批服务局负责人",
            primary_org=self.bureau,
        )
        core_services.membership_grant(
            actor=ACTOR,
            user=leader,
            org=self.bureau,
            role=Role.LEADER,
            data_scope=DataScope.SUBTREE,
        )
        street = self.streets[0]
        sc = core_services.user_create(
            actor=ACTOR,
            username="street_clerk",
            password=password,
            full_name="演示街道窗口人员",
            primary_org=street,
        )
        core_services.membership_grant(
            actor=ACTOR, user=sc, org=street, role=Role.CLERK, data_scope=DataScope.ORG
        )
        self.leader, self.street_clerk = leader, sc
        self.clerk = User.objects.get(username="clerk")

    def _department_windows(self) -> None:
        """The hall's 39 former department windows, merged into the four (一窗通办)."""
        depts = [d for d in CATEGORY_OF if d in self.orgs] + [
            "区应急管理局",
            "芙蓉生态环境分局",
            "区农业农村局",
            "区财政局",
        ]
        plan = []
        for i in range(DEPARTMENT_WINDOWS):
            dept = self.orgs[depts[i % len(depts)]]
            plan.append((dept, f"原{dept.label}第{i // len(depts) + 1}窗口"))
        targets = {
            "区市场监管局": "商事登记综合窗",
            "区人社局": "社保医保综合窗",
            "区医保局": "社保医保综合窗",
        }
        market = 0
        for k, (dept, name) in enumerate(plan):
            w = cat.window_save(
                actor=ACTOR,
                org=self.bureau,
                name=name,
                kind=WindowKind.DEPARTMENT,
                hours=self.hours,
                opened_on=dt.date(2015 + k % 3, 7, 1),
                department=dept,
            )
            into = targets.get(dept.short_name, "行政审批综合窗")
            if dept.short_name == "区市场监管局":
                market += 1
                if market % 2:
                    into = "企业开办服务专区"
            cat.window_merge(
                actor=ACTOR, window=w, into=self.windows[into], on=dt.date(YEAR, 3, 1 + k % 20)
            )

    # -- the catalogue (bulk) ------------------------------------------------------------------

    def items(self) -> None:
        """Plan every item: its dates, provenance, dispute, entry, body, materials and cuts."""
        names = demo_names.catalogue_names()
        py = self.py
        order = list(range(len(names)))
        py.shuffle(order)
        old = set(order[:ITEMS_2018])
        rows = []
        workdays = [d for d in _days(dt.date(YEAR, 1, 2), dt.date(YEAR, 6, 28)) if self.workday(d)]
        old_days = [
            d for d in _days(dt.date(2018, 10, 8), dt.date(2018, 12, 28)) if self.workday(d)
        ]
        for i, (dept, raw_kind, name) in enumerate(names):
            kind = KIND_OF.get(raw_kind, raw_kind)
            day = py.choice(old_days if i in old else workdays)
            rows.append(
                {
                    "i": i,
                    "dept": self.orgs[dept],
                    "raw_kind": raw_kind,
                    "kind": kind,
                    "name": name,
                    "category": CATEGORY_OF.get(dept, Category.OTHER),
                    "on": day,
                    "old": i in old,
                }
            )
        new = [r for r in rows if not r["old"]]
        if not (len(new) == ITEMS_2019):
            raise RuntimeError(len(new))
        py.shuffle(new)
        for r in new[:DISPUTED]:
            r["dispute"] = True
        py.shuffle(new)
        for r in new[:ADOPTED]:
            r["adopted"] = True
        for r in rows:
            if r["old"] and r["i"] % 4 == 0:
                r["adopted"] = True  # adopted in 2018: not a 2019 figure
        self._entries(rows, new)
        self._materials(rows)
        self.items_rows = rows

    def _entries(self, rows: list[dict], new: list[dict]) -> None:
        """962 entries filed in 2019 (and the 2018 items' in 2018); 330 items at the approval
        bureau at the end of 2019: every business registration, 41 items moved in during
        2019 (34 business-registration licences, 7 filings), 2018 items moved in 2018, and
        items the bureau implemented from the start."""
        py = self.py
        registrations = [r for r in new if r["raw_kind"] == "registration"]
        others = [r for r in new if r["raw_kind"] != "registration"]
        py.shuffle(others)
        filed = registrations + others[: ENTRIES_2019 - len(registrations)]
        filed_ids = {r["i"] for r in filed}
        for r in rows:
            r["entry"] = r["old"] or r["i"] in filed_ids
        business = [
            r for r in filed if r["category"] == Category.BUSINESS and r["kind"] == ItemKind.LICENCE
        ]
        filings = [r for r in filed if r["kind"] == ItemKind.FILING]
        py.shuffle(business)
        py.shuffle(filings)
        business.sort(key=lambda r: r["raw_kind"] != "registration")  # registrations first
        for r in business[:MOVED_LICENCES] + filings[:MOVED_FILINGS]:
            r["bureau"], r["moved"] = True, YEAR
        for r in registrations:
            r["bureau"] = True  # the rest were implemented by the bureau from the start
        for r in rows:
            if r["old"] and r["kind"] in (ItemKind.LICENCE, ItemKind.FILING) and r["i"] % 2:
                r["bureau"], r["moved"] = True, 2018
        taken = [r for r in rows if r.get("bureau")]
        rest = [
            r
            for r in filed
            if not r.get("bureau")
            and r["kind"]
            in (ItemKind.LICENCE, ItemKind.CONFIRMATION, ItemKind.PUBLIC_SERVICE, ItemKind.PAYMENT)
        ]
        py.shuffle(rest)
        for r in rest[: BUREAU_ITEMS - len(taken)]:
            r["bureau"] = True
        for r in rows:
            r.setdefault("bureau", False)

    def _materials(self, rows: list[dict]) -> None:
        """Materials per item; 143 licences are slimmed to one material each: 447 materials
        and 32 proofs cut (32 of them carried one proof)."""
        py = self.py
        licences = [
            r for r in rows if r["kind"] == ItemKind.LICENCE and not r["old"] and r["entry"]
        ]
        py.shuffle(licences)
        slimmed = licences[:SLIMMED_ITEMS]
        # Σ(n − 1) over the slimmed items must be 479: n between 3 and 5, proofs extra
        counts = [3] * SLIMMED_ITEMS
        extra = CUT_MATERIALS + SLIMMED_ITEMS - sum(counts)  # materials that are not proofs
        k = 0
        while extra > 0:
            if counts[k % SLIMMED_ITEMS] < 6:
                counts[k % SLIMMED_ITEMS] += 1
                extra -= 1
            k += 1
        for n, (r, count) in enumerate(zip(slimmed, counts, strict=True)):
            r["slim"] = True
            r["materials"] = list(_pick_materials(py, r["raw_kind"], count))
            if n < CUT_PROOFS:
                r["materials"].append((py.choice(demo_names.PROOFS), MaterialKind.PROOF))
        for r in rows:
            if "materials" not in r:
                pool = demo_names.MATERIALS[r["raw_kind"]]
                r["materials"] = list(
                    _pick_materials(py, r["raw_kind"], py.randint(min(2, len(pool)), len(pool)))
                )

    def write(self) -> None:
        """The planned catalogue through the bulk loader."""
        L = self.loader
        py = self.py
        self.item_ids: dict[int, int] = {}
        self.entries: list[dict] = []
        window_of = {
            Category.BUSINESS: self.windows["商事登记综合窗"],
            Category.SOCIAL_SECURITY: self.windows["社保医保综合窗"],
        }
        seq = {k: 0 for k in KIND_CODE.values()}
        disputers = [o for s, o in self.orgs.items() if s in CATEGORY_OF]
        for r in self.items_rows:
            code_kind = KIND_CODE[r["kind"]]
            seq[code_kind] += 1
            code = f"{code_kind}-430102-{seq[code_kind]:04d}"
            adopted_level = ""
            adopted_from = ""
            if r.get("adopted"):
                adopted_level = Level.NATIONAL if seq[code_kind] % 3 else Level.PROVINCIAL
                prefix = "GJ" if adopted_level == Level.NATIONAL else "HN"
                adopted_from = f"{prefix}-{code_kind}-{100000 + r['i'] * 7:06d}"
            item_id = L.add(
                Item,
                code=code,
                name=r["name"],
                kind=r["kind"],
                level=Level.DISTRICT,
                category=r["category"],
                on_application=r["dept"].short_name != "区政府办" or r["kind"] != ItemKind.OTHER,
                basis=BASIS.get(r["kind"], "国家和湖南省有关规定"),
                reported_by_id=r["dept"].pk,
                adopted_level=adopted_level,
                adopted_from=adopted_from,
                status=ItemStatus.IN_FORCE,
                version=1,
                pinyin=initials(r["name"]),
                catalogued_on=r["on"],
            )
            self.item_ids[r["i"]] = item_id
            r["id"], r["code"] = item_id, code
            materials = []
            for order, (mname, mkind) in enumerate(r["materials"]):
                cut = bool(r.get("slim")) and order > 0
                mid = L.add(
                    ItemMaterial,
                    item_id=item_id,
                    name=mname,
                    kind=mkind,
                    copies=1,
                    required=True,
                    sort_order=order,
                    cut=cut,
                )
                materials.append((mid, mname, mkind))
            r["material_ids"] = materials
            L.event(
                subject_type="govservices.item",
                subject_id=item_id,
                subject_label=f"{code} {r['name']}",
                org_id=r["dept"].pk,
                org_name=r["dept"].name,
                action=actions.ITEM_SAVE,
                data={"created": True, "on": r["on"].isoformat(), "adopted_from": adopted_from},
                plain=True,
            )
            if r.get("dispute"):
                self._dispute(r, disputers)
            entry_org = self.bureau if r["bureau"] else r["dept"]
            if r["entry"]:
                filed = r["on"] + dt.timedelta(days=py.randint(10, 120))
                filed = min(filed, dt.date(YEAR, 11, 29) if not r["old"] else dt.date(2018, 12, 28))
                if r.get("moved"):
                    filed = self._move(r, filed, year=r["moved"])
                self._entry(r, entry_org, filed, window_of)
            if r.get("slim"):
                self._cuts(r)
            L.add(
                ItemVersion,
                item_id=item_id,
                number=1,
                valid_from=r["on"],
                elements={
                    "code": code,
                    "name": r["name"],
                    "kind": r["kind"],
                    "materials": [
                        m[1] for m in materials if not r.get("slim") or m == materials[0]
                    ],
                    "entries": [entry_org.name] if r["entry"] else [],
                },
                note="新增事项（演示数据）",
                actor_name=ACTOR.name,
            )
        self._delegations()
        self._proofs()

    def _dispute(self, r: dict, disputers: list[Organisation]) -> None:
        py = self.py
        other = py.choice([o for o in disputers if o.pk != r["dept"].pk])
        raised = r["on"] + dt.timedelta(days=py.randint(3, 20))
        decided = raised + dt.timedelta(days=py.randint(5, 30))
        outcome, text = py.choice(
            [
                ("kept", "经区审改办协调，维持上报部门实施。"),
                ("reassigned", "经区审改办协调，调整实施部门。"),
                ("merged", "与相近事项合并梳理。"),
            ]
        )
        did = self.loader.add(
            ItemDispute,
            item_id=r["id"],
            raised_by_id=other.pk,
            raised_on=raised,
            question=f"{other.label}认为“{r['name']}”的实施部门或事项要素有误。",
            decided_by="区政府办公室（区审改办）",
            outcome=outcome,
            decision=text,
            decided_on=decided,
        )
        self.loader.event(
            subject_type="govservices.itemdispute",
            subject_id=did,
            subject_label=r["name"],
            org_id=r["dept"].pk,
            org_name=r["dept"].name,
            action=actions.ITEM_DISPUTE_DECIDE,
            data={
                "raised_by": other.name,
                "raised_on": raised.isoformat(),
                "decided_on": decided.isoformat(),
                "outcome": outcome,
            },
            plain=True,
        )

    def _move(self, r: dict, day: dt.date, year: int) -> dt.date:
        on = day if year != YEAR else max(day, dt.date(YEAR, 2, 1))
        tid = self.loader.add(
            Transfer,
            item_id=r["id"],
            from_org_id=r["dept"].pk,
            to_org_id=self.bureau.pk,
            moved_on=on,
            basis=f"芙政办发〔{year}〕12号（相对集中行政许可权事项划转）",
        )
        self.loader.event(
            subject_type="govservices.transfer",
            subject_id=tid,
            subject_label=r["name"],
            org_id=self.bureau.pk,
            org_name=self.bureau.name,
            action=actions.TRANSFER,
            data={"from": r["dept"].name, "on": on.isoformat()},
            plain=True,
        )
        return on

    def _entry(self, r: dict, org: Organisation, filed: dt.date, window_of: dict) -> None:
        py = self.py
        kind = r["kind"]
        on_spot = kind == ItemKind.FILING or (kind == ItemKind.PUBLIC_SERVICE and py.random() < 0.5)
        statutory = 0 if on_spot else 20 if kind == ItemKind.LICENCE else py.choice([10, 15, 20])
        promised = (
            Decimal(0)
            if on_spot
            else Decimal(py.choice([3, 5, 5, 7, 10]))
            if kind == ItemKind.LICENCE
            else Decimal(py.choice([3, 5, 10]))
        )
        if r["raw_kind"] == "registration" and r["category"] == Category.BUSINESS:
            promised = Decimal("1.5")
        commitment = kind == ItemKind.LICENCE and ("新办" in r["name"]) and py.random() < 0.25
        window = None
        if org.pk == self.bureau.pk:
            window = window_of.get(r["category"], self.windows["行政审批综合窗"])
            if r["raw_kind"] == "registration":
                window = self.windows["企业开办服务专区"]
        eid = self.loader.add(
            ImplementationEntry,
            item_id=r["id"],
            org_id=org.pk,
            window_id=window.pk if window else None,
            statutory_days=statutory,
            promised_days=promised,
            on_the_spot=on_spot,
            commitment=commitment,
            commitment_text=(
                "本申请人承诺所提交的材料真实有效，经营场所和设施设备符合法定条件；如有不实，自愿承担撤销许可、记入信用记录等法律责任。"
                if commitment
                else ""
            ),
            post_check_days=30 if commitment else 0,
            fee=Decimal(0),
            fee_basis="",
            procedure="收件—受理—审查—决定—送达",
            place="芙蓉区政务服务中心一楼" if window else f"{org.label}办公地点",
            phone="0731-84686100" if window else "",
            status=EntryStatus.FILED,
            filed_on=filed,
        )
        self.entries.append(
            {
                "id": eid,
                "item": r,
                "org": org,
                "window": window,
                "promised": promised,
                "on_spot": on_spot,
                "commitment": commitment,
                "filed": filed,
            }
        )
        r["entry_id"] = eid

    def _cuts(self, r: dict) -> None:
        """All but the first material go (the application form stays)."""
        py = self.py
        for mid, mname, mkind in r["material_ids"][1:]:
            day = r["on"] + dt.timedelta(days=py.randint(20, 150))
            method = (
                py.choice(["cut", "shared", "commitment", "merged"])
                if mkind != MaterialKind.PROOF
                else py.choice(["cut", "commitment"])
            )
            cid = self.loader.add(
                MaterialCut,
                material_id=mid,
                method=method,
                basis="区“一件事一次办”材料精减清单（芙审改办〔2019〕3号）",
                cut_on=min(day, dt.date(YEAR, 12, 20)),
                merged_into_id=r["material_ids"][0][0] if method == "merged" else None,
            )
            self.loader.event(
                subject_type="govservices.materialcut",
                subject_id=cid,
                subject_label=mname,
                org_id=r["dept"].pk,
                org_name=r["dept"].name,
                action=actions.MATERIAL_CUT,
                data={"item": r["code"], "material": mname, "method": method},
                plain=True,
            )

    def _delegations(self) -> None:
        """227 items delegated to every street, limits cut from 3–10 to a quarter or half a
        working day."""
        py = self.py
        eligible = [
            e
            for e in self.entries
            if not e["on_spot"]
            and e["item"]["kind"]
            in (ItemKind.CONFIRMATION, ItemKind.PAYMENT, ItemKind.PUBLIC_SERVICE, ItemKind.LICENCE)
            and e["promised"] >= 3
            and not e["item"]["old"]
            and e["item"]["raw_kind"] != "registration"
        ]
        py.shuffle(eligible)
        self.delegated = eligible[:DELEGATED]
        for e in self.delegated:
            r = e["item"]
            on = max(e["filed"], dt.date(YEAR, 4, 1)) + dt.timedelta(days=py.randint(0, 30))
            original = e["promised"]
            new = Decimal("0.25") if original <= 5 else Decimal("0.5")
            e["delegated_on"], e["new_days"] = on, new
            e["delegations"] = {}
            for s in self.streets:
                did = self.loader.add(
                    Delegation,
                    item_id=r["id"],
                    to_org_id=s.pk,
                    delegated_on=on,
                    original_days=original,
                    new_days=new,
                    basis="芙政发〔2019〕8号（向街道下放服务事项）",
                )
                e["delegations"][s.pk] = did
                self.loader.event(
                    subject_type="govservices.delegation",
                    subject_id=did,
                    subject_label=r["name"],
                    org_id=s.pk,
                    org_name=s.name,
                    action=actions.DELEGATE,
                    data={
                        "item": r["code"],
                        "on": on.isoformat(),
                        "original": str(original),
                        "new": str(new),
                    },
                    plain=True,
                )

    def _proofs(self) -> None:
        py = self.py
        depts = [o for s, o in self.orgs.items() if s in CATEGORY_OF]
        for year, (reduced, kept) in PROOFS.items():
            days = [d for d in _days(dt.date(year, 3, 1), dt.date(year, 11, 29)) if self.workday(d)]
            for k in range(reduced + kept):
                status = (
                    (ProofStatus.CANCELLED if k % 3 else ProofStatus.COMMITMENT)
                    if k < reduced
                    else ProofStatus.KEPT
                )
                dept = depts[k % len(depts)]
                name = demo_names.PROOFS[k % len(demo_names.PROOFS)]
                basis = (
                    "法律、行政法规明确规定"
                    if status == ProofStatus.KEPT
                    else f"芙政办函〔{year}〕{20 + k % 7}号（证明事项清理）"
                )
                pid = self.loader.add(
                    ProofItem,
                    name=name,
                    issuer=py.choice(demo_names.PROOF_ISSUERS),
                    demanded_by_id=dept.pk,
                    used_for=f"{dept.label}办理相关事项",
                    status=status,
                    basis=basis,
                    decided_on=py.choice(days),
                )
                self.loader.event(
                    subject_type="govservices.proofitem",
                    subject_id=pid,
                    subject_label=name,
                    org_id=dept.pk,
                    org_name=dept.name,
                    action=actions.PROOF_DECIDE,
                    data={"status": status, "year": year},
                    plain=True,
                )

    # -- packages (services) -------------------------------------------------------------------

    def packages(self) -> None:
        """22 packages (一件事) holding 96 distinct items; 企业开办 and 企业注销 promise 1.5
        working days."""
        by_id = {r["id"]: r for r in self.items_rows}
        filed = [e for e in self.entries if not e["item"]["old"]]
        reg = [
            e
            for e in filed
            if e["item"]["raw_kind"] == "registration" and e["org"].pk == self.bureau.pk
        ]
        startup = [e for e in reg if "设立" in e["item"]["name"] or "（设立）" in e["item"]["name"]]
        dereg = [e for e in reg if "注销" in e["item"]["name"]]
        social = [e for e in filed if e["item"]["category"] == Category.SOCIAL_SECURITY]
        pool = [e for e in filed if e not in startup and e not in dereg and e not in social]
        self.py.shuffle(pool)
        chosen: list[tuple[str, str, str, list]] = []
        chosen.append(
            ("qiye-kaiban", "企业开办一件事", PackageKind.STARTUP, startup[:4] + social[:2])
        )
        chosen.append(
            ("qiye-zhuxiao", "企业注销一件事", PackageKind.DEREGISTRATION, dereg[:4] + social[2:3])
        )
        themes = ["我要开餐馆", "我要开便利店", "我要开药店", "我要开诊所", "我要开美容店", "我要开网吧", "我要开歌舞厅",
                  "我要开旅行社", "我要开健身房", "我要开培训机构", "我要开养老院", "我要办幼儿园", "我要开宾馆", "我要开游泳馆",
                  "新生儿出生一件事", "退休一件事", "就业创业一件事", "残疾人服务一件事", "军人退役一件事", "房屋交易一件事"]  # fmt: skip
        used = {e["id"] for _c, _n, _k, es in chosen for e in es}
        rest = [e for e in pool if e["id"] not in used] + social[3:]
        target = PACKAGE_ITEMS - len(used)
        k = 0
        for t, name in enumerate(themes):
            size = target // len(themes) + (1 if t < target % len(themes) else 0)
            chosen.append((f"yjs-{t + 1:02d}", name, PackageKind.LIVELIHOOD, rest[k : k + size]))
            k += size
        self.packages_made = []
        for code, name, kind, es in chosen:
            items = list(Item.objects.filter(pk__in=[e["item"]["id"] for e in es]))
            p = cat.package_save(
                actor=ACTOR,
                code=code,
                name=name,
                org=self.bureau,
                items=items,
                on=dt.date(YEAR, 4, 1),
                kind=kind,
                promised_days="1.5"
                if kind in (PackageKind.STARTUP, PackageKind.DEREGISTRATION)
                else None,
                description=f"{name}：一次告知、一表申请、一窗受理、一次办结。",
            )
            self.packages_made.append(p)
        if not (sum(1 for _ in by_id) >= PACKAGE_ITEMS):
            raise RuntimeError("internal: sum(1 for _ in by_id) >= PACKAGE_ITEMS")


def _pick_materials(py: random.Random, raw_kind: str, n: int):
    pool = list(demo_names.MATERIALS[raw_kind])
    extra = ["其他相关材料", "授权委托书", "承诺书", "现场照片"]
    names = pool + extra
    first = names[0]
    rest = names[1:]
    py.shuffle(rest)
    kind = MaterialKind.FORM
    yield first, kind
    for name in rest[: n - 1]:
        yield name, MaterialKind.COPY if "复印件" in name else MaterialKind.ORIGINAL


def _days(a: dt.date, b: dt.date):
    d = a
    while d <= b:
        yield d
        d += dt.timedelta(days=1)
