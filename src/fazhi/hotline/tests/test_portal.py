"""Public submission: the offline captcha (wrong, spent, right, forged), the per-address rate
limit, and the answer page without anything the caller typed."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from fazhi.core.models import LedgerEvent

from .. import captcha
from ..models import Order
from .world import Hotline, at

pytestmark = pytest.mark.django_db
URL = "/hotline/"
DAY = dt.date(2019, 6, 3)


@pytest.fixture
def h(db):
    with at(DAY):
        yield Hotline()


def _question(client, addr):
    page = client.get(URL, REMOTE_ADDR=addr).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    q = re.search(r'id="captcha-question">([^<]+)<', page).group(1)
    a, b = (captcha.DIGITS.index(x) for x in (q[0], q[2]))
    return token, str(a + b)


def _form(h, token, answer):
    return {
        "kind": "complaint",
        "category": h.noise.pk,
        "caller_name": "陈秀英",
        "caller_phone": "13974851236",
        "address": "五一大道18号",
        "text": "小区门口夜宵摊噪声扰民",
        "token": token,
        "answer": answer,
    }


def test_a_citizen_submits_with_the_captcha_and_gets_number_and_check_code(h, client):
    addr = "203.0.113.10"
    with at(DAY):
        token, right = _question(client, addr)
        n = (Order.objects.count(), LedgerEvent.objects.count())
        wrong = client.post(URL, _form(h, token, str(int(right) + 1)), REMOTE_ADDR=addr)
        html = wrong.content.decode()
        assert "验证问题的答案不正确，请重新回答。" in html
        assert (Order.objects.count(), LedgerEvent.objects.count()) == n
        # the form keeps what the caller typed (in its own fields), with a new question
        assert 'value="13974851236"' in html and f'value="{token}"' not in html
        ok = client.post(URL, _form(h, token, right), REMOTE_ADDR=addr, follow=True)
        o = Order.objects.get(text="小区门口夜宵摊噪声扰民")
        assert (o.channel, o.office, o.status, o.number) == (
            "web",
            h.office,
            "received",
            "RX-2019-1",
        )
        html = ok.content.decode()
        assert o.number in html and o.check_code in html and "13974851236" not in html
        # the same question cannot be used twice
        again = client.post(URL, _form(h, token, right), REMOTE_ADDR=addr)
        assert "该验证问题已使用过，请回答新的问题。" in again.content.decode()
        assert Order.objects.count() == n[0] + 1


def test_a_forged_token_is_refused(h, client):
    with at(DAY):
        resp = client.post(URL, _form(h, "3:abc", "3"), REMOTE_ADDR="203.0.113.11")
    assert "请回答验证问题。" in resp.content.decode()
    assert not Order.objects.exists()


def test_the_public_form_is_rate_limited_per_address(h, client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "public_form": "3/m"}
    with at(DAY):
        codes = [
            client.post(URL, _form(h, "x", "1"), REMOTE_ADDR="203.0.113.12").status_code
            for _ in range(4)
        ]
        other = client.post(URL, _form(h, "x", "1"), REMOTE_ADDR="203.0.113.13").status_code
    assert codes == [200, 200, 200, 429] and other == 200
    assert not Order.objects.exists()
