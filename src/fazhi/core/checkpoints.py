"""Signed checkpoints of the ledger's chain head, kept outside the database.

The hash chain proves that nothing inside the chain was altered, removed, inserted or
reordered — unless someone with database rights rewrites the tail and re-hashes it. A
checkpoint (sequence number and hash of the head at a moment) is signed with HMAC-SHA256
under a key kept outside the database (``FAZHI_LEDGER_KEY``, default ``FAZHI_HOME/ledger_key``)
and exported as a file (``FAZHI_CHECKPOINT_DIR``) that operators copy off the server.
``verify()`` then checks each checkpoint's signature and that the chain still holds, at the
checkpoint's sequence number, the hash the checkpoint recorded.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from . import clock
from .models import LedgerEvent, LedgerHead


def _key() -> bytes:
    path = Path(settings.LEDGER_KEY_PATH)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return bytes.fromhex(path.read_text().strip())


def _sign(payload: dict) -> str:
    body = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(_key(), body, hashlib.sha256).hexdigest()


def export(directory: Path | None = None) -> Path:
    """Write a signed checkpoint of the current chain head; returns the file."""
    head = LedgerHead.objects.filter(id=1).first()
    payload = {
        "seq": head.seq if head else 0,
        "hash": head.hash if head else "0" * 64,
        "at": clock.now().isoformat(timespec="seconds"),
    }
    doc = {**payload, "signature": _sign(payload)}
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
    for f in files:
        try:
            doc = json.loads(f.read_text())
            payload = {k: doc[k] for k in ("seq", "hash", "at")}
        except (ValueError, KeyError):
            problems.append(CheckpointProblem(f.name, -1, "检查点文件损坏"))
            continue
        if not hmac.compare_digest(_sign(payload), str(doc.get("signature", ""))):
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
