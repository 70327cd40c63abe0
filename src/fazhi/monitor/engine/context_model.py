"""Out-of-context text: a character n-gram model of spam categories against government prose.

Tampered pages keep the government text and add a sentence or a tail whose *vocabulary* is a
spam category's (彩票app下载、注册送彩金、同城约、不看征信 …) — often in words no lexicon lists
yet. The model scores a sentence by the character bigrams and trigrams it shares with each
category's training text versus ordinary government prose (naive Bayes log-ratios, add-α
smoothing; n-grams seen in neither count zero), and names the n-grams that decided it, so each
finding carries a one-line explanation.

The model is data: ``data/context_model.json``, trained from ``data/context/*.txt`` plus the
seed report by ``python -m fazhi.monitor.engine.context_model`` (deterministic; a test checks
that the shipped file is what training gives). It loads offline, once per process.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .normalise import normalise

DATA_PACKAGE = "fazhi.monitor.engine.data"
MODEL_FILE = "context_model.json"
CLASSES = ("gambling", "lottery", "porn", "fraud")
#: Add-α smoothing, minimum count of an n-gram over all classes, minimum |log-ratio| kept.
ALPHA = 0.5
MIN_COUNT = 1
MIN_WEIGHT = 1.0

_NOT_KEPT = re.compile(r"[^a-z0-9\u3400-\u9fff]+")
_DIGITS = re.compile(r"\d+")


def grams(norm_sentence: str) -> list[str]:
    """Character bigrams and trigrams of a normalised sentence (punctuation and spaces out,
    digit runs as one ``0``)."""
    t = _DIGITS.sub("0", _NOT_KEPT.sub("", norm_sentence))
    return [t[i : i + 2] for i in range(len(t) - 1)] + [t[i : i + 3] for i in range(len(t) - 2)]


@dataclass(frozen=True)
class Verdict:
    """How a sentence scored: its best spam category, the total and per-n-gram log-ratio
    against government prose, and the n-grams that weighed most."""

    category: str
    total: float
    mean: float
    strong: int
    features: tuple[str, ...]


@dataclass(frozen=True)
class Thresholds:
    """A sentence is out of context when all three hold."""

    total: float = 8.0
    mean: float = 0.5
    strong: int = 2


class ContextModel:
    """The trained weights: n-gram → log-ratio per spam category."""

    def __init__(self, data: dict):
        self.version = data["version"]
        self.classes = tuple(data["classes"])
        self.features: dict[str, tuple[float, ...]] = {
            g: tuple(w) for g, w in data["features"].items()
        }
        self.thresholds = Thresholds(**data.get("thresholds", {}))
        self._cache: dict[str, Verdict | None] = {}

    def verdict(self, norm_sentence: str) -> Verdict | None:
        """The sentence's best spam category, or None when nothing in it is spam-like (cached:
        template sentences repeat on every page)."""
        try:
            return self._cache[norm_sentence]
        except KeyError:
            pass
        if len(self._cache) > 50_000:
            self._cache.clear()
        v = self._cache[norm_sentence] = self._verdict(norm_sentence)
        return v

    def _verdict(self, norm_sentence: str) -> Verdict | None:
        gs = grams(norm_sentence)
        if len(gs) < 8:
            return None
        get = self.features.get
        hits = [(g, w) for g in gs if (w := get(g)) is not None]
        if not hits:
            return None
        sums = [sum(col) for col in zip(*(w for _, w in hits), strict=True)]
        best = max(range(len(self.classes)), key=lambda i: sums[i])
        if sums[best] <= 0:
            return None
        strong = [(g, w[best]) for g, w in hits if w[best] >= 2.0]
        top: list[str] = []
        for g, _ in sorted(strong, key=lambda x: (-len(x[0]), -x[1], x[0])):
            if not any(g in t or t in g for t in top):
                top.append(g)
            if len(top) == 3:
                break
        return Verdict(
            self.classes[best],
            round(sums[best], 3),
            round(sums[best] / len(gs), 3),
            len({g for g, _ in strong}),
            tuple(top),
        )

    def out_of_context(self, norm_sentence: str) -> Verdict | None:
        """The verdict when the sentence is spam by all thresholds, else None."""
        v = self.verdict(norm_sentence)
        t = self.thresholds
        if v and v.total >= t.total and v.mean >= t.mean and v.strong >= t.strong:
            return v
        return None


@lru_cache(maxsize=1)
def shipped_model() -> ContextModel:
    """The model shipped with the package (loaded once)."""
    text = resources.files(DATA_PACKAGE).joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return ContextModel(json.loads(text))


# --------------------------------------------------------------------------- training


def training_texts() -> dict[str, list[str]]:
    """Sentences by class from ``data/context/*.txt`` (gov also gets the seed report)."""
    out: dict[str, list[str]] = {}
    base = resources.files(DATA_PACKAGE).joinpath("context")
    for name in ("gov", *CLASSES):
        lines = base.joinpath(f"{name}.txt").read_text(encoding="utf-8").splitlines()
        out[name] = [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]
    seed = (
        resources.files("fazhi.core.data.seed")
        .joinpath("furong-2019-report.txt")
        .read_text(encoding="utf-8")
    )
    # the seed's first line is its injected title: not government prose
    for line in seed.splitlines()[1:]:
        out["gov"] += [s for s in re.split(r"[。；;！？]", line) if s.strip()]
    return out


def train(texts: dict[str, list[str]], version: str) -> dict:
    """Weights from sentences by class (``gov`` plus :data:`CLASSES`)."""
    counts = {c: Counter(g for s in ss for g in grams(normalise(s))) for c, ss in texts.items()}
    vocab = set().union(*counts.values())
    totals = {c: sum(v.values()) for c, v in counts.items()}
    size = len(vocab)

    def logp(c: str, g: str) -> float:
        return math.log((counts[c][g] + ALPHA) / (totals[c] + ALPHA * size))

    features: dict[str, list[float]] = {}
    for g in sorted(vocab):
        if sum(counts[c][g] for c in counts) < MIN_COUNT:
            continue
        gov = logp("gov", g)
        w = [round(logp(c, g) - gov, 3) for c in CLASSES]
        if max(abs(x) for x in w) >= MIN_WEIGHT:
            features[g] = w
    return {
        "version": version,
        "classes": list(CLASSES),
        "alpha": ALPHA,
        "sentences": {c: len(ss) for c, ss in texts.items()},
        "thresholds": Thresholds().__dict__,
        "features": features,
    }


def main(argv: list[str] | None = None) -> int:
    """Rebuild ``data/context_model.json`` from the training texts."""
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else Path(__file__).parent / "data" / MODEL_FILE
    model = train(training_texts(), version="2026.1")
    out.write_text(
        json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
        encoding="utf-8",
    )
    print(f"{out}: {len(model['features'])} n-grams, sentences {model['sentences']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
