"""The disputes pages in English: a member of staff who chose English sees no Chinese but data
(names, numbers, the facts as recorded), and so does a visitor of the public pages (where the
rules are quoted as the registry words them)."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.utils import translation

from fazhi.core import clock, services
from fazhi.core.models import Clock
from fazhi.core.tests.signin import sign_in

from .. import portal
from ..models import Document
from ..services import mediation, petitions
from ..services import reconsideration as rc
from .factories import World

pytestmark = pytest.mark.django_db
D = dt.date
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")


@pytest.fixture(autouse=True)
def _chinese_afterwards():
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _cjk(*texts) -> set[str]:
    return {run for t in texts for run in CJK.findall(str(t or ""))}


def _english(client, user) -> None:
    services.user_set_language(actor=user, user=user, language="en")
    sign_in(client, user)


def test_staff_pages_in_english(client):
    w = World()
    case = w.recon(received_on=D(2019, 9, 2))
    case = rc.accept(actor=w.reviewer, case=case, on=D(2019, 9, 3))
    lawsuit = w.lawsuit()
    d = w.dispute()
    mediation.session_add(actor=w.med_clerk, dispute=d, held_on=D(2019, 5, 7),
                          mediator=w.mediator, summary="背对背调解")  # fmt: skip
    p = w.petition()
    batch = w.batch()
    data = [
        o.name
        for o in (w.gov, w.justice, w.bureau, w.xf, w.street, w.d.street_b, w.d.comm_a,
                  w.d.comm_b, w.committee, w.district_committee, w.mediator, w.district_mediator)
    ]  # fmt: skip
    data += [u.full_name for u in (w.reviewer, w.leader, w.supervisor)]
    data += [case.number, case.title, case.applicant_name, case.act_description, case.request,
             case.applicant_address, *Document.objects.values_list("number", flat=True)]  # fmt: skip
    data += [lawsuit.number, lawsuit.title, lawsuit.forum, lawsuit.forum_number, lawsuit.cause,
             lawsuit.counterpart_name]  # fmt: skip
    data += [d.number, d.title, d.facts, *(x.name for x in d.parties.all()), "背对背调解"]
    data += [p.number, p.title, p.content, *(x.name for x in p.persons.all())]
    data += [batch.title, *(i.petitioner_name for i in batch.items.all()),
             *(i.content for i in batch.items.all()), *(i.number for i in batch.items.all())]  # fmt: skip
    data += ["长沙市芙蓉区", "简体中文", "测试事项"]
    # a clock's label is stored with it (as the kernel's clocks are): data
    data += list(Clock.objects.values_list("label", flat=True))
    allowed = _cjk(*data)
    for user, paths in [
        (w.reviewer, ["/workspace/disputes/", "/workspace/disputes/reconsiderations/",
                      f"/workspace/disputes/reconsiderations/{case.pk}/",
                      "/workspace/disputes/reconsiderations/new/"]),
        (w.leader, ["/workspace/disputes/litigation/",
                    f"/workspace/disputes/litigation/{lawsuit.pk}/",
                    "/workspace/disputes/litigation/new/"]),
        (w.med_clerk, ["/workspace/disputes/mediation/", f"/workspace/disputes/mediation/{d.pk}/",
                       "/workspace/disputes/mediation/new/"]),
        (w.xf_clerk, ["/workspace/disputes/petitions/", f"/workspace/disputes/petitions/{p.pk}/",
                      "/workspace/disputes/batches/", f"/workspace/disputes/batches/{batch.pk}/",
                      "/workspace/disputes/petitions/new/", "/workspace/disputes/batches/new/"]),
    ]:  # fmt: skip
        client.logout()
        _english(client, user)
        for path in paths:
            body = client.get(path).content.decode()
            # the kernel's explanation of a due date (web/_clocks.html) is the kernel's text
            body = re.sub(r"<details class=\"small mt-2\">.*?</details>", "", body, flags=re.S)
            left = set(CJK.findall(body)) - allowed
            # the clocks quote the registry's law and basis (data), as the kernel's pages do
            left = {x for x in left if not _is_rule_text(x)}
            assert not left, (path, sorted(left))


def _is_rule_text(run: str) -> bool:
    from fazhi.core.models import TimeRuleVersion

    return TimeRuleVersion.objects.filter(basis__contains=run).exists() or (
        TimeRuleVersion.objects.filter(law__contains=run).exists()
        or TimeRuleVersion.objects.filter(article__contains=run).exists()
        or TimeRuleVersion.objects.filter(rule__name__contains=run).exists()
    )


def test_public_pages_in_english(client):
    w = World()
    p = w.petition()
    petitions.accept(actor=w.xf_clerk, petition=p, on=D(2019, 6, 4))
    with translation.override("zh-hans"):
        steps = [s for _t, section in portal._guide(clock.today()) for s in section]
    allowed = _cjk(
        *(x for rule, v in steps for x in (rule.name, v.basis, v.law, v.public_article)),
        w.gov.name, w.justice.name, w.xf.name, w.committee.name, w.district_committee.name,
        w.street.name, w.d.street_b.name, p.number, "中文", "长沙市芙蓉区",
    )  # fmt: skip
    client.post("/i18n/setlang/", {"language": "en", "next": "/disputes/"})
    home = client.get("/disputes/").content.decode()
    assert "Online petition" in home and "Apply for people's mediation" in home
    for path in ["/disputes/", "/disputes/committees/", "/disputes/petition/",
                 "/disputes/mediation/", "/disputes/track/",
                 f"/disputes/track/?kind=petition&number={p.number}&code={p.check_code}"]:  # fmt: skip
        body = client.get(path).content.decode()
        left = set(CJK.findall(body)) - allowed
        assert not left, (path, sorted(left))
