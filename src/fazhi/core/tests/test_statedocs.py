from pathlib import Path

from fazhi.core import statedocs

DOC = Path(__file__).resolve().parents[4] / "docs" / "states.md"


def test_state_docs_match_the_tables():
    assert DOC.read_text(encoding="utf-8") == statedocs.render(), "run: fazhi docs"
