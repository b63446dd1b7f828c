"""The documentation keeps up with the code."""

import re
from pathlib import Path

import pytest

from govopen.core.conf import DEFAULTS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


@pytest.mark.parametrize("name", sorted(DEFAULTS))
def test_every_setting_is_in_the_configuration_reference(name):
    reference = (DOCS / "configuration.md").read_text(encoding="utf-8")
    assert f"`{name}`" in reference


def test_every_page_is_in_the_navigation_and_every_link_resolves():
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pages = sorted(p.name for p in DOCS.glob("*.md"))
    assert [p for p in pages if f": {p}" not in nav] == []
    broken = []
    for page in DOCS.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([a-z0-9_-]+\.md)(?:#[^)]*)?\)", text):
            if not (DOCS / target).exists():
                broken.append(f"{page.name} → {target}")
    assert broken == []


def test_every_dependency_says_why_it_is_there():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    reference = (DOCS / "dependencies.md").read_text(encoding="utf-8").lower()
    names = [
        re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower()
        for requirement in project["project"]["dependencies"]
    ]
    assert [name for name in names if f"| {name} " not in reference] == []
