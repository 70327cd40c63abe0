#!/usr/bin/env python3
"""The layering contracts, generated from the tree and checked with import-linter.

A domain is any package under ``src/fazhi/`` with an ``apps.py`` that is not the kernel
(``core``), the UI toolkit (``ui``) or a face (``web``, ``portal``); the faces are those two
plus the top-level ``api``, ``urls``, ``cli`` and ``serving`` modules. A new domain is
covered by every contract the moment its package exists — nobody edits a list:

1. the kernel imports no domain, no face and not the UI toolkit;
2. domains never import each other (they meet in the kernel: matter links, indicators,
   to-do providers, data-exchange registers);
3. the UI toolkit imports no face and no domain;
4. domains never import the faces.

Run by the test command's gate: ``python scripts/contracts.py`` (exit 1 on a broken
contract); ``--print`` shows the generated configuration.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "src" / "fazhi"
NOT_DOMAINS = {"core", "ui", "web", "portal", "locale"}
FACES = ["fazhi.web", "fazhi.portal", "fazhi.api", "fazhi.urls", "fazhi.cli", "fazhi.serving"]


def domains() -> list[str]:
    return sorted(
        f"fazhi.{p.name}"
        for p in PKG.iterdir()
        if p.is_dir() and (p / "apps.py").exists() and p.name not in NOT_DOMAINS
    )


def _list(items: list[str]) -> str:
    return "\n    " + "\n    ".join(items)


def config() -> str:
    ds = domains()
    return f"""[importlinter]
root_package = fazhi

[importlinter:contract:kernel]
name = The kernel is the ground floor: it imports no domain, no face, not the UI toolkit
type = forbidden
source_modules = fazhi.core
forbidden_modules ={_list([*FACES, "fazhi.ui", *ds])}
ignore_imports =
    fazhi.core.tests.** -> fazhi.cli

[importlinter:contract:domains]
name = Domains never import each other (they meet in the kernel)
type = independence
modules ={_list(ds)}

[importlinter:contract:ui]
name = The UI toolkit imports no face and no domain
type = forbidden
source_modules = fazhi.ui
forbidden_modules ={_list([*FACES, *ds])}

[importlinter:contract:faces]
name = Domains never import the faces
type = forbidden
source_modules ={_list(ds)}
forbidden_modules ={_list(FACES)}
allow_indirect_imports = true
# a domain's tests drive `fazhi import/export`, as users do
ignore_imports =
    fazhi.*.tests.** -> fazhi.cli
"""


def main(argv: list[str]) -> int:
    text = config()
    if "--print" in argv:
        print(text)
        return 0
    from importlinter.cli import lint_imports

    sys.path.insert(0, str(ROOT / "src"))
    with tempfile.NamedTemporaryFile("w", suffix=".ini", delete=False) as fh:
        fh.write(text)
    try:
        return lint_imports(config_filename=fh.name, no_cache=True)
    finally:
        Path(fh.name).unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
