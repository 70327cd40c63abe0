"""Signed checkpoints of the ledger's chain head, kept outside the database.

The hash chain proves that nothing inside the chain was altered, removed, inserted or
reordered — unless someone with database rights rewrites the tail and re-hashes it. A
checkpoint (sequence number and hash of the head at a moment) is signed with HMAC-SHA256
under the ledger key (``fazhi.core.ledgerkey``, kept outside the database) and written as a
file to ``FAZHI_CHECKPOINT_DIR`` — a directory the deployment names, ideally on another
machine or a write-once mount — and can be printed (``fazhi ledger checkpoint --print``) for
an outside witness to keep. They are written on a schedule (``core/tasks.py``: daily through
the Tasks framework; a systemd timer in ``docs/deploy.md``).

``verify()`` checks each checkpoint's signature and that the chain still holds, at the
checkpoint's sequence number, the hash the checkpoint recorded — so a tail cut below a
checkpoint, or a chain re-hashed from before it, is caught even if the head was reset.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from . import clock, ledgerkey
from .models import LedgerEvent, LedgerHead


def _body(payload: dict) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()


def _sign(payload: dict, key: bytes | None = None) -> str:
    return ledgerkey.sign(_body(payload), key)


def witness_text(path: Path) -> str:
    """A checkpoint as a few lines an outside witness can print, sign and keep."""
    doc = json.loads(path.read_text())
    return (
        f"fazhi 全过程记录检查点\n序号：{doc['seq']}\n链头哈希：{doc['hash']}\n"
        f"时间：{doc['at']}\n签名：{doc['signature']}\n"
    )


def export(directory: Path | None = None) -> Path:
    """Write a signed checkpoint of the current chain head; returns the file."""
    head = LedgerHead.objects.filter(id=1).first()
    payload = {
        "seq": head.seq if head else 0,
        "hash": head.hash if head else "0" * 64,
        "at": clock.now().isoformat(timespec="seconds"),
    }
    doc = {**payload, "signature": _sign(payload, ledgerkey.load(create_missing=True))}
    d = Path(directory or settings.LEDGER_CHECKPOINT_DIR)
    d.mkdir(parents=True, exist_ok=True)
    path = d / f"checkpoint-{payload['seq']:012d}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1))
    return path


@dataclass(frozen=True)
class CheckpointProblem:
    file: str
    seq: int
    problem: str


def verify(directory: Path | None = None) -> tuple[int, list[CheckpointProblem]]:
    """Check every exported checkpoint against the chain. Returns (checked, problems)."""
    d = Path(directory or settings.LEDGER_CHECKPOINT_DIR)
    problems: list[CheckpointProblem] = []
    files = sorted(d.glob("checkpoint-*.json")) if d.exists() else []
    if not files:
        return 0, []
    try:
        key = ledgerkey.load()
    except ledgerkey.KeyError_ as exc:
        return len(files), [CheckpointProblem("", -1, str(exc))]
    for f in files:
        try:
            doc = json.loads(f.read_text())
            payload = {k: doc[k] for k in ("seq", "hash", "at")}
        except (ValueError, KeyError):
            problems.append(CheckpointProblem(f.name, -1, "检查点文件损坏"))
            continue
        if not ledgerkey.valid(_body(payload), str(doc.get("signature", "")), key):
            problems.append(
                CheckpointProblem(f.name, payload["seq"], "检查点签名无效（文件被改动或密钥不符）")
            )
            continue
        if payload["seq"] == 0:
            continue
        ev = LedgerEvent.objects.filter(seq=payload["seq"]).only("hash").first()
        if ev is None:
            problems.append(
                CheckpointProblem(
                    f.name, payload["seq"], f"链上已没有第 {payload['seq']} 号事件（末尾被截断）"
                )
            )
        elif ev.hash != payload["hash"]:
            problems.append(
                CheckpointProblem(
                    f.name,
                    payload["seq"],
                    f"第 {payload['seq']} 号事件的哈希与检查点不符（该事件及其之前的记录被重写）",
                )
            )
    return len(files), problems
