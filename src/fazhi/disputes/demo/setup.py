"""The demo district's dispute offices, through the services: the reconsideration office at the
Justice Bureau acting for the district government, the petitions office, the “1+X” mediation
committees (district centre, 13 street and 79 community committees, specialist committees,
the petition-dispute room, the court-connected room) with their mediators, and the demo logins
of the domain."""

from __future__ import annotations

from dataclasses import dataclass, field

from fazhi.core import services as core_services
from fazhi.core.demo import ACTOR, DEMO_PASSWORD
from fazhi.core.models import DataScope, Organisation, OrgKind, Role, User

from ..models import Committee, Mediator, PetitionOffice, ReconsiderationBody
from ..services import mediation, petitions
from ..services import reconsideration as recon
from .names import Names

LOGINS = [
    # username, label, org short name, role, scope
    ("mediator", "演示人民调解员", "定王台街道", Role.CLERK, DataScope.ORG),
    ("petition", "演示信访工作人员", "区信访局", Role.CLERK, DataScope.ORG),
]

SPECIALIST = [
    # name, org short name, sector, prefix
    ("芙蓉区医疗纠纷人民调解委员会", "区卫生健康局", "medical", "芙医调"),
    ("芙蓉区道路交通事故人民调解委员会", "区司法局", "traffic", "芙交调"),
    ("芙蓉区劳动争议人民调解委员会", "区人社局", "labour", "芙劳调"),
    ("芙蓉区物业纠纷人民调解委员会", "区住建局", "property", "芙物调"),
    ("芙蓉区婚姻家庭纠纷人民调解委员会", "区司法局", "family", "芙家调"),
    ("芙蓉区消费纠纷人民调解委员会", "区市场监管局", "consumer", "芙消调"),
]


@dataclass
class Offices:
    body: ReconsiderationBody
    office: PetitionOffice
    district: Committee
    streets: dict[str, Committee] = field(default_factory=dict)  # street org pk → committee
    communities: dict[int, Committee] = field(default_factory=dict)  # community org pk →
    specialist: dict[str, Committee] = field(default_factory=dict)  # sector →
    petition_room: Committee | None = None
    court_room: Committee | None = None
    mediators: dict[int, list[Mediator]] = field(default_factory=dict)  # committee pk →
    users: dict[str, User] = field(default_factory=dict)


def _org(short: str) -> Organisation:
    return Organisation.objects.get(short_name=short)


def build(names: Names) -> Offices:
    gov = Organisation.objects.get(kind=OrgKind.DISTRICT, division_code="430102")
    justice, xf = _org("区司法局"), _org("区信访局")
    body = recon.body_save(actor=ACTOR, org=justice, body=gov, doc_prefix="芙政复")
    office = petitions.office_save(actor=ACTOR, org=xf, doc_prefix="芙信")
    district = mediation.committee_save(
        actor=ACTOR,
        org=justice,
        name="芙蓉区矛盾纠纷多元化解中心（区人民调解委员会）",
        kind="people",
        level="district",
        doc_prefix="芙调",
    )
    o = Offices(body=body, office=office, district=district)
    for street in Organisation.objects.filter(kind=OrgKind.STREET).order_by("sort_order", "pk"):
        short = street.short_name.removesuffix("街道")
        o.streets[street.pk] = mediation.committee_save(
            actor=ACTOR,
            org=street,
            name=f"{street.short_name}人民调解委员会",
            kind="people",
            level="street",
            doc_prefix=f"{short}调",
        )
        for c in Organisation.objects.filter(parent=street).order_by("pk"):
            cshort = c.short_name.removesuffix("社区")
            o.communities[c.pk] = mediation.committee_save(
                actor=ACTOR,
                org=c,
                name=f"{street.short_name}{c.short_name}人民调解委员会",
                kind="people",
                level="community",
                doc_prefix=f"{short}{cshort}调",
            )
    for name, short, sector, prefix in SPECIALIST:
        o.specialist[sector] = mediation.committee_save(
            actor=ACTOR,
            org=_org(short),
            name=name,
            kind="specialist",
            level="sector",
            sector=sector,
            doc_prefix=prefix,
        )
    o.petition_room = mediation.committee_save(
        actor=ACTOR,
        org=xf,
        name="芙蓉区信访矛盾纠纷联合调处室",
        kind="administrative",
        level="district",
        sector="petition",
        doc_prefix="芙信调",
    )
    o.court_room = mediation.committee_save(
        actor=ACTOR,
        org=justice,
        name="芙蓉区诉调对接工作室",
        kind="judicial",
        level="district",
        doc_prefix="芙诉调",
    )
    for c in [district, *o.streets.values(), *o.communities.values(), *o.specialist.values(),
              o.petition_room, o.court_room]:  # fmt: skip
        n = 2 if c.level == "community" else 4
        o.mediators[c.pk] = [
            mediation.mediator_save(
                actor=ACTOR,
                committee=c,
                name=names.name(),
                post="主任" if i == 0 else "调解员",
                phone=names.phone(),
                full_time=c.level != "community",
            )
            for i in range(n)
        ]
    for username, label, short, role, scope in LOGINS:
        org = _org(short)
        u = core_services.user_create(
            actor=ACTOR,
            username=username,
            password=DEMO_PASSWORD,
            full_name=label,
            primary_org=org,
        )
        core_services.membership_grant(actor=ACTOR, user=u, org=org, role=role, data_scope=scope)
        o.users[username] = u
    for u in User.objects.filter(username__in=["reviewer", "leader", "supervisor", "clerk"]):
        o.users[u.username] = u
    return o
