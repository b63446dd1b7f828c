"""The interface catalogues are complete and their compiled files current."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(ROOT.glob("govopen/*/locale/*/LC_MESSAGES/django.po")) + sorted(
    ROOT.glob("example_site/*/locale/*/LC_MESSAGES/django.po")
)


def test_every_app_has_three_catalogues():
    apps = sorted(p.parent.name for p in ROOT.glob("govopen/*/apps.py"))
    for app in apps:
        for locale in ("zh_Hans", "zh_Hant", "en"):
            path = (
                ROOT / "govopen" / app / "locale" / locale / "LC_MESSAGES" / "django.po"
            )
            assert path.exists(), f"missing catalogue {path.relative_to(ROOT)}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_complete(path):
    if path.parent.parent.name == "en":
        return
    po = polib.pofile(str(path))
    missing = [e.msgid for e in po if not e.translated() or "fuzzy" in e.flags]
    assert not missing, (
        f"{path.relative_to(ROOT)} lacks translations for {missing[:10]}"
    )


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_current(path):
    mo_path = path.with_suffix(".mo")
    assert mo_path.exists(), (
        f"{mo_path.relative_to(ROOT)} is missing: run make messages"
    )
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(mo_path))}
    source = {
        (e.msgctxt, e.msgid): e.msgstr
        for e in polib.pofile(str(path))
        if e.translated() and "fuzzy" not in e.flags and not e.msgid_plural
    }
    stale = {k for k, v in source.items() if compiled.get(k) != v}
    assert not stale, f"{mo_path.relative_to(ROOT)} is out of date: run make messages"


def test_catalogues_cover_source_strings():
    """Every msgid in the code is in the catalogue (makemessages has been run)."""
    import re

    pattern = re.compile(r"""(?<![\w.])_\(\s*"((?:[^"\\]|\\.)+)"\s*\)""")
    for app_dir in sorted(p.parent for p in ROOT.glob("govopen/*/apps.py")):
        po = polib.pofile(str(app_dir / "locale/zh_Hans/LC_MESSAGES/django.po"))
        known = {e.msgid for e in po}
        for source in app_dir.rglob("*.py"):
            if "migrations" in source.parts:
                continue
            for msgid in pattern.findall(source.read_text()):
                assert msgid in known, (
                    f"{msgid!r} from {source.relative_to(ROOT)} not in catalogue"
                )
