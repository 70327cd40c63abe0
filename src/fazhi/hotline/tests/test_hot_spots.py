"""Hot spots: the week's categories, addresses and streets against the week before, a rise
flagged, each row leading to the list of exactly its orders."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re

import pytest

from fazhi.core.tests.signin import sign_in

from .. import hotspots
from .world import Hotline, at

pytestmark = pytest.mark.django_db
D = dt.date
WEEK = (D(2019, 6, 3), D(2019, 6, 9))


@pytest.fixture
def h(db):
    with at(D(2019, 6, 9)):
        h = Hotline()
        a, b = h.d.street_a, h.d.street_b
        home, far = "芙蓉中路二段98号", "解放西路12号"
        for day, cat, street, address in [
            (D(2019, 5, 28), h.noise, a, home),  # the week before (27 May – 2 June)
            (D(2019, 5, 30), h.policy, None, ""),
            (D(2019, 6, 2), h.policy, None, ""),
            (D(2019, 6, 3), h.noise, a, home),  # this week
            (D(2019, 6, 4), h.noise, a, home),
            (D(2019, 6, 6), h.noise, a, home),
            (D(2019, 6, 6), h.noise, b, far),
            (D(2019, 6, 9), h.policy, None, ""),
            (D(2019, 5, 26), h.noise, b, far),  # two weeks before: in neither
        ]:
            h.take(received_on=day, category=cat, street=street, address=address)
        yield h


def _rows(spots):
    return [(s.label, s.count, s.previous, s.rising) for s in spots]


def test_the_week_against_the_week_before(h):
    assert hotspots.previous_period(*WEEK) == (D(2019, 5, 27), D(2019, 6, 2))
    assert _rows(hotspots.categories(h.agent, *WEEK)) == [
        ("环境保护·噪声扰民", 4, 1, True),
        ("政策咨询·社保医保", 1, 2, False),
    ]
    assert _rows(hotspots.addresses(h.agent, *WEEK)) == [
        ("甲街道 芙蓉中路二段98号", 3, 1, True),
        ("乙街道 解放西路12号", 1, 0, True),
    ]
    assert _rows(hotspots.streets(h.agent, *WEEK)) == [
        ("甲街道", 3, 1, True),
        ("乙街道", 1, 0, True),
    ]
    # no order reaches another street's clerk
    assert hotspots.categories(h.outsider, *WEEK) == []


def test_each_row_leads_to_its_orders(h, client):
    with at(D(2019, 6, 10)):
        sign_in(client, h.agent)
        page = client.get("/workspace/hotline/hot-spots/?from=2019-06-03&to=2019-06-09")
        html = page.content.decode()
        table = html.split('id="spots-categories"')[1].split("</table>")[0]
        links = re.findall(r'<a href="([^"]+)">([^<]+)</a></td><td>(\d+)</td><td>(\d+)</td>', table)
        assert [(t, n, p) for _u, t, n, p in links] == [
            ("环境保护·噪声扰民", "4", "1"),
            ("政策咨询·社保医保", "1", "2"),
        ]
        assert table.count("fz-rising") == 1
        listing = client.get(htmllib.unescape(links[0][0])).content.decode()
        assert re.search(r'id="order-total">([^<]+)<', listing).group(1) == "共 4 件"
        assert re.findall(r">(RX-2019-\d+)</a>", listing) == [
            "RX-2019-7",
            "RX-2019-6",
            "RX-2019-5",
            "RX-2019-4",
        ]
        addr = html.split('id="spots-addresses"')[1].split("</table>")[0]
        url = htmllib.unescape(re.search(r'<a href="([^"]+)">', addr).group(1))
        listing = client.get(url).content.decode()
        assert re.findall(r">(RX-2019-\d+)</a>", listing) == ["RX-2019-6", "RX-2019-5", "RX-2019-4"]
        # the default period: the seven days up to today (4–10 June)
        html = client.get("/workspace/hotline/hot-spots/").content.decode()
        assert "本期 2019-06-04 至 2019-06-10，与上期 2019-05-28 至 2019-06-03 比较" in html
