"""A lexicon entry that would flag (nearly) every page is refused on save, with the count of
pages it would hit in the last crawl; nothing is saved."""

from __future__ import annotations

import copy

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import clock
from fazhi.core.tests.factories import District
from fazhi.monitor import configtext, services
from fazhi.monitor.models import LexiconVersion

from .factories import JUNE, fixture_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def crawled(crawled_district, db):
    """The district whose fixture portal was crawled once for the class
    (conftest.crawled_district)."""
    return copy.deepcopy(crawled_district.district)


BROAD = [
    ("terms", '{ term = "人民政府", category = "gambling", weight = 9 }', "人民政府"),
    ("patterns", "{ pattern = '芙蓉', category = \"gambling\", weight = 8 }", "芙蓉"),
    ("warning", '"芙蓉区"', "芙蓉区"),
]


def _add(kind: str, entry: str) -> str:
    text = configtext.shipped_text("lexicon.toml")
    marker = {"terms": "terms = [\n", "patterns": "patterns = [\n", "warning": "warning = [\n"}[
        kind
    ]
    return text.replace(marker, marker + "  " + entry + ",\n", 1)


@pytest.mark.parametrize(
    ("kind", "entry", "message"),
    [
        ("patterns", "{ pattern = '.*', category = \"spam\", weight = 5 }", "能匹配空文本"),
        ("patterns", "{ pattern = '(', category = \"spam\", weight = 5 }", "正则表达式「(」有误"),
        ("terms", '{ term = "★☆", category = "spam", weight = 5 }', "规范化后为空"),
    ],
)
def test_entries_that_cannot_work_are_refused_without_a_crawl(kind, entry, message):
    district = District()
    with clock.frozen(JUNE):
        fixture_site(district.gov)
    with pytest.raises(ValidationError) as exc:
        services.lexicon_save(actor=district.supervisor, org=district.gov, text=_add(kind, entry))
    assert message in exc.value.messages[0]
    assert LexiconVersion.objects.count() == 1


class TestOnACrawledPortal:
    """One crawl of the fixture portal for the class; each test in its own savepoint."""

    @pytest.mark.parametrize(("kind", "entry", "shown"), BROAD)
    def test_an_entry_hitting_every_page_is_refused_with_the_count(
        self, crawled, kind, entry, shown
    ):
        district = crawled
        before = list(LexiconVersion.objects.values_list("number", flat=True))
        with pytest.raises(ValidationError) as exc:
            services.lexicon_save(
                actor=district.supervisor, org=district.gov, text=_add(kind, entry)
            )
        message = exc.value.messages[0]
        assert f"词条「{shown}」会命中上次抓取的 71 个页面中的" in message and "未保存" in message
        hits = int(message.split("中的 ")[1].split(" 个")[0])
        assert 36 <= hits <= 71
        assert list(LexiconVersion.objects.values_list("number", flat=True)) == before

    def test_a_specific_entry_is_saved(self, crawled):
        district = crawled
        text = _add("terms", '{ term = "鑫盛国际", category = "gambling", weight = 9 }')
        v = services.lexicon_save(actor=district.supervisor, org=district.gov, text=text)
        assert v.number == 2 and "鑫盛国际" in v.text
