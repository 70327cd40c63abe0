"""The demo's names and identifiers: plausible, valid, and the same on every load."""

from __future__ import annotations

import datetime as dt
import re
import tomllib

from fazhi.core import identity, redaction

from ..demo import names
from ..demo.catalogue import DATA

CJK_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def test_the_same_seed_draws_the_same_names():
    a, b = names.Names(7), names.Names(7)
    assert [a.person_name() for _ in range(20)] == [b.person_name() for _ in range(20)]
    assert a.company("food") == b.company("food")
    c = names.Names(8)
    assert [c.person_name() for _ in range(20)] != [names.Names(7).person_name() for _ in range(20)]


def test_persons_have_plausible_names_and_valid_numbers_matching_their_gender():
    gen = names.Names(2019)
    for _ in range(500):
        p = gen.person()
        assert CJK_NAME.match(p.name), p.name
        parsed = identity.validate_id_number(p.id_number)
        assert parsed.birth_date == p.birth
        assert (int(p.id_number[16]) % 2 == 1) is p.male
        assert p.id_number[:6] in {d for d, _w in names.ID_DIVISIONS}
    # redacted as a real person's would be: surname kept, the rest 某
    assert redaction.mask_name("欧阳晓燕") == "欧阳某某"


def test_shops_and_companies_are_named_as_they_register_with_valid_credit_codes():
    gen = names.Names(2019)
    for trade in names.TRADES:
        shop = gen.shop(trade)
        assert shop["party_name"].startswith("长沙市芙蓉区"), shop
        assert identity.validate_credit_code(shop["party_credit_code"]).code.startswith("92430102")
        company = gen.company(trade)
        assert company["party_name"].endswith("有限公司"), company
        code = identity.validate_credit_code(company["party_credit_code"])
        assert code.code.startswith("91430102")
        assert CJK_NAME.match(company["party_legal_rep"])
        for text in (shop["party_name"], company["party_name"]):
            assert not re.search(r"\d|示例|当事人", text), text


def test_every_item_of_the_power_list_has_a_trade():
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    for it in data["item"]:
        assert names.trade_of(it["code"]) in names.TRADES, it["code"]
    assert names.trade_of("ZF-TY-101") == "office"  # the longer prefix wins
    assert names.trade_of("ZF-TY-001") == "sports"


def test_certificate_numbers_follow_the_modelled_structure():
    old = names.certificate_number(names.PROVINCIAL, "区行政执法局", 54)
    new = names.certificate_number(names.NATIONAL, "区行政执法局", 54)
    assert (old, new) == ("4301020100054", "43010222010054")
    assert names.certificate_number(names.PROVINCIAL, "芙蓉生态环境分局", 7) == "4301020500007"
    assert names.PROVINCIAL_END == dt.date(2022, 10, 31)
    assert (names.NATIONAL_START, names.NATIONAL_END) == (
        dt.date(2022, 11, 1),
        dt.date(2027, 10, 31),
    )


def test_addresses_are_on_the_districts_roads_and_redact_to_the_road():
    gen = names.Names(3)
    home = gen.home_address()
    assert home.startswith("长沙市芙蓉区") and re.search(r"\d+室$", home)
    masked = redaction.mask_address(gen.street_address())
    assert masked.endswith("****") and any(r in masked for r in names.ROADS)


def test_the_live_present_takes_every_matters_steps_in_date_order():
    from ..demo.live import _in_date_order

    taken = []

    def matter(name, *days):
        for step, day in enumerate(days):
            yield dt.date(2026, 12, day)
            taken.append((day, name, step))
        return name

    _in_date_order([matter("a", 1, 4, 4, 9), matter("b", 2, 3, 9), matter("c", 4), matter("d")])
    assert taken == [
        (1, "a", 0),
        (2, "b", 0),
        (3, "b", 1),
        (4, "a", 1),
        (4, "a", 2),
        (4, "c", 0),
        (9, "a", 3),
        (9, "b", 2),
    ]
