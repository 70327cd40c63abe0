"""The lockout against a live server: a parallel burst of 100 wrong passwords counts at most
the limit, locks only that (login name, address) pair, and the security administrator lifts it
with a ledger event. Runs on SQLite and PostgreSQL (the test command runs the suite on both)."""

from __future__ import annotations

import re
import threading

import httpx
import pytest
from axes.models import AccessAttempt

from fazhi.core import actions, lockout
from fazhi.core.models import LedgerEvent, LoginOutcome, LoginRecord

from .factories import PASSWORD, District
from .signin import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

BURST = 100
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _client(base: str) -> tuple[httpx.Client, str]:
    c = httpx.Client(base_url=base, timeout=60)
    token = TOKEN.search(c.get("/workspace/login/").text).group(1)
    return c, token


def _post(c: httpx.Client, token: str, username: str, password: str, **headers) -> httpx.Response:
    return c.post(
        "/workspace/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers=headers,
    )


def test_a_burst_of_100_wrong_passwords_counts_at_most_the_limit(live_server, settings):
    settings.RATELIMIT_ENABLE = False  # the lockout alone (rate limits: test_ratelimit.py)
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    # The production hasher: each password check takes tens of milliseconds, the window in
    # which a check-then-act count lets parallel attempts through.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    District()
    clients = [_client(live_server.url) for _ in range(BURST)]
    start = threading.Barrier(BURST)
    answers: list[int] = [0] * BURST

    def attempt(i: int) -> None:
        c, token = clients[i]
        start.wait()
        # The test server's listen queue is short: a connection it resets never reached the
        # application, and the client tries again (bounded), as a browser would.
        for _ in range(20):
            try:
                answers[i] = _post(c, token, "leader", "Wrong-Pass2019").status_code
                return
            except httpx.TransportError:
                continue

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(BURST)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    for c, _t in clients:
        c.close()

    assert answers == [401] * BURST
    log = LoginRecord.objects.filter(username="leader")
    counted = log.filter(outcome=LoginOutcome.FAILURE).count()
    refused = log.filter(outcome=LoginOutcome.LOCKED).count()
    # Exactly the limit reached the password check; the other 95 were refused uncounted.
    assert (counted, refused) == (settings.AXES_FAILURE_LIMIT, BURST - settings.AXES_FAILURE_LIMIT)
    attempt_row = AccessAttempt.objects.get(username="leader")
    assert attempt_row.failures_since_start == settings.AXES_FAILURE_LIMIT
    assert lockout.is_locked("leader", "127.0.0.1")

    # Locked: the right password from that address is refused too …
    c, token = _client(live_server.url)
    resp = _post(c, token, "leader", PASSWORD)
    assert resp.status_code == 401 and "账户已锁定" in resp.text
    # … but nobody else is locked out: another name from the same address,
    c2, token2 = _client(live_server.url)
    assert _post(c2, token2, "clerk", PASSWORD).status_code == 302
    # and the same name from another address (behind the trusted proxy).
    c3, token3 = _client(live_server.url)
    resp = _post(c3, token3, "leader", PASSWORD, **{"X-Forwarded-For": "10.20.30.40"})
    assert resp.status_code == 302 and resp.headers["Location"] == "/workspace/login/enrol/"
    assert lockout.locked_pairs().count() == 1
    for x in (c, c2, c3):
        x.close()


def test_attempts_while_locked_do_not_prolong_the_lock(client, district, settings):
    import datetime as dt

    from fazhi.core import clock

    start = clock.now()
    with clock.frozen(start):
        for _ in range(5):
            client.post("/workspace/login/", {"username": "clerk", "password": "Wrong-Pass1"})
    # Ten more tries during the lock, the last one a minute before it ends.
    for minutes in range(5, 15):
        with clock.frozen(start + dt.timedelta(minutes=minutes)):
            client.post("/workspace/login/", {"username": "clerk", "password": "Wrong-Pass1"})
    with clock.frozen(start + dt.timedelta(minutes=15, seconds=1)):
        resp = client.post("/workspace/login/", {"username": "clerk", "password": PASSWORD})
    assert resp.status_code == 302
    assert LoginRecord.objects.filter(outcome=LoginOutcome.LOCKED).count() == 10


def test_unknown_names_lock_like_known_ones(client, district):
    for _ in range(5):
        client.post("/workspace/login/", {"username": "nobody", "password": "Wrong-Pass1"})
    assert lockout.is_locked("nobody", "127.0.0.1")
    resp = client.post("/workspace/login/", {"username": "nobody", "password": "Wrong-Pass1"})
    assert "账户已锁定" in resp.content.decode()


def test_security_administrator_unlocks_with_a_ledger_event(client, district):
    from django.test import Client

    for _ in range(5):
        client.post("/workspace/login/", {"username": "clerk", "password": "Wrong-Pass1"})
    assert lockout.is_locked("clerk", "127.0.0.1")
    admin = Client()
    sign_in(admin, district.security)
    page = admin.get("/workspace/locks/").content.decode()
    assert "clerk" in page and "127.0.0.1" in page
    before = LedgerEvent.objects.count()
    resp = admin.post("/workspace/locks/unlock/", {"username": "clerk", "ip": "127.0.0.1"})
    assert resp.status_code == 302
    assert not lockout.is_locked("clerk", "127.0.0.1")
    ev = LedgerEvent.objects.order_by("-seq").first()
    assert LedgerEvent.objects.count() == before + 1
    assert (ev.action, ev.actor, ev.subject_id) == (
        actions.LOGIN_UNLOCK,
        district.security,
        str(district.clerk.pk),
    )
    assert ev.data == {"username": "clerk", "addresses": ["127.0.0.1"]}
    assert (
        client.post("/workspace/login/", {"username": "clerk", "password": PASSWORD}).status_code
        == 302
    )


def test_only_the_security_administrator_unlocks(client, district):
    sign_in(client, district.clerk)
    assert client.get("/workspace/locks/").status_code == 404
    assert client.post("/workspace/locks/unlock/", {"username": "x"}).status_code == 403
