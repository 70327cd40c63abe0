"""Full-text search of the normative-document library in Chinese, the same on SQLite and
PostgreSQL.

Chinese has no spaces, so the text is cut into words with jieba (the common Chinese word
segmenter on PyPI, with its own dictionary). A document is indexed with jieba's *full mode*:
every dictionary word found anywhere in the text, overlapping ones included. Full mode is
context-free for words of two or more characters — a word lying inside a phrase is found
in the phrase alone exactly as in the whole text — so looking a phrase up by the words
inside it never misses the document that contains it (precise mode can cut the same
characters differently in a longer sentence).

The words are stored space-separated in ``SearchEntry.tokens``; the database indexes them —
an FTS5 table kept in step by triggers on SQLite, a GIN index over the word array on
PostgreSQL (migration 0002). A query:

1. takes the query's Han words of two or more characters (full mode) and finds, through
   the index, the documents holding all of them (a subquery the documents' primary key is
   looked up by, so the index drives the query on both databases);
2. keeps those whose plain text contains every part of the query as typed (a phrase is a
   phrase, not a bag of words) — the same ``icontains`` on both databases, so both give
   the same results;
3. a query with no such word (one character, a number) is a plain text scan.
"""

from __future__ import annotations

import logging
import re
import threading

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

_HAN = re.compile(r"^[\u4e00-\u9fff]{2,}$")
_lock = threading.Lock()
_ready = False


def _jieba():
    global _ready
    import jieba

    if not _ready:
        with _lock:
            if not _ready:
                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                _ready = True
    return jieba


def words(text: str) -> list[str]:
    """Every dictionary word of two or more Han characters in ``text`` (full mode), once
    each, in order of first appearance."""
    seen: dict[str, None] = {}
    for w in _jieba().cut(text or "", cut_all=True):
        if _HAN.match(w):
            seen.setdefault(w, None)
    return list(seen)


def tokens(text: str) -> str:
    return " ".join(words(text))


def parts(query: str) -> list[str]:
    """The query's parts as typed (split on spaces), each of which must appear."""
    return [p for p in re.split(r"\s+", (query or "").strip()) if p][:8]


def _matching_documents(ws: list[str]) -> RawSQL:
    """The ids of the documents whose search entry holds every word in ``ws``, as a
    subquery for ``pk__in``: the index drives the query. (Filtering the entries' ids by a
    list let SQLite's planner walk the status index over every published document and probe
    the list for each — 60 s for a common phrase over 10,000 documents, see
    docs/benchmarks.md.)"""
    if connection.vendor == "postgresql":
        return RawSQL(
            "SELECT document_id FROM legality_searchentry "
            "WHERE string_to_array(tokens, ' ') @> %s::text[]",
            [ws],
        )
    match = " AND ".join(f'"{w}"' for w in ws)
    return RawSQL(
        "SELECT document_id FROM legality_searchentry WHERE id IN "
        "(SELECT rowid FROM legality_search_fts WHERE tokens MATCH %s)",
        [match],
    )


def filter_documents(qs: QuerySet, query: str) -> QuerySet:
    """``qs`` (normative documents) narrowed to those whose text holds every part of
    ``query``."""
    ps = parts(query)
    if not ps:
        return qs
    ws = [w for p in ps for w in words(p)]
    if ws:
        qs = qs.filter(pk__in=_matching_documents(ws[:32]))
    for p in ps:
        qs = qs.filter(search_entry__text__icontains=p)
    return qs


def document_text(doc) -> str:
    """What a published document is searched by: title, numbers, issuer, text, reading."""
    return "\n".join(
        x
        for x in (
            doc.title,
            doc.doc_number,
            doc.registration_number,
            doc.issuer.name if doc.issuer_id else "",
            doc.body_text,
            doc.interpretation,
        )
        if x
    )


def index(doc) -> None:
    """(Re)index a published document; called by the services that change its text."""
    from .models import SearchEntry

    text = document_text(doc)
    SearchEntry.objects.update_or_create(
        document=doc, defaults={"text": text, "tokens": tokens(text)}
    )
