"""Where a matter's page is: faces register a URL maker per model, the kernel only asks.

The kernel cannot import the faces (layering), yet the to-do page and the timeline link to
each matter; each face registers ``register("app.model", lambda pk: url)`` at start-up.
"""

from collections.abc import Callable

_makers: dict[str, Callable[[str], str]] = {}


def register(label_lower: str, maker: Callable[[str], str]) -> None:
    _makers[label_lower] = maker


def url_for(subject_type: str, subject_id: str) -> str:
    maker = _makers.get(subject_type)
    return maker(subject_id) if maker else ""
