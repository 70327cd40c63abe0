"""The crawler's resumable state: one SQLite file per site.

It holds the finished pages and links of the current run (so an interrupted crawl resumes
without fetching them again), the validators (ETag/Last-Modified) and stored analyses of the
last run (conditional GET), robots and sitemap text, scripts, stylesheets, attachment findings,
the last snapshot, and the compressed texts of the last crawl's pages (clone comparison).
Rows are written in batches at each commit.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from . import clone


class CrawlState:
    """SQLite persistence: finished pages/links of the current run, validators of the last
    run (ETag/Last-Modified + stored analysis), robots and sitemap text, last snapshot."""

    def __init__(self, path: str | Path | None):
        self.path = str(path) if path else ":memory:"
        self.db = sqlite3.connect(self.path)
        self.pending: dict[str, list[tuple]] = {}
        self.db.executescript(
            """
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE IF NOT EXISTS pages(url TEXT PRIMARY KEY, run INTEGER, depth INTEGER,
                etag TEXT, last_modified TEXT, record TEXT);
            CREATE TABLE IF NOT EXISTS links(url TEXT PRIMARY KEY, run INTEGER, status TEXT);
            CREATE TABLE IF NOT EXISTS scripts(url TEXT PRIMARY KEY, run INTEGER, hash TEXT,
                findings TEXT);
            CREATE TABLE IF NOT EXISTS css(url TEXT PRIMARY KEY, run INTEGER, body TEXT);
            CREATE TABLE IF NOT EXISTS attachments(url TEXT PRIMARY KEY, run INTEGER,
                findings TEXT);
            CREATE TABLE IF NOT EXISTS texts(url TEXT PRIMARY KEY, run INTEGER, text BLOB);
            """
        )
        self.db.commit()

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES(?,?)", (key, value))

    def add(self, table: str, row: tuple) -> None:
        """Queue a row for ``INSERT OR REPLACE`` (written in one batch at the next commit)."""
        self.pending.setdefault(table, []).append(row)

    def flush(self) -> None:
        for table, rows in self.pending.items():
            marks = ",".join("?" * len(rows[0]))
            self.db.executemany(f"INSERT OR REPLACE INTO {table} VALUES({marks})", rows)
        self.pending.clear()

    def commit(self) -> None:
        self.flush()
        self.db.commit()

    def close(self) -> None:
        self.commit()
        self.db.close()


def crawled_texts(state_path: str | Path) -> dict[str, str]:
    """Texts (title and visible text) of the pages of the last crawl kept in a state file —
    what a suspected copy is compared with. Empty when there is none."""
    p = Path(state_path)
    if not p.exists():
        return {}
    db = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
    try:
        meta = dict(db.execute("SELECT key, value FROM meta"))
        if meta.get("status") == "complete":
            run = int(meta.get("run", "0") or 0)
            rows = db.execute("SELECT url, text FROM texts WHERE run=?", (run,)).fetchall()
        else:  # a crawl in progress: the newest text of every page, this run's or the last's
            rows = db.execute("SELECT url, text FROM texts").fetchall()
    except sqlite3.DatabaseError:
        return {}
    finally:
        db.close()
    return clone.texts_of(rows)
