"""Update, fill and compile the translation catalogues of every govopen app.

    python scripts/messages.py          # makemessages + fill + compilemessages
    python scripts/messages.py --check  # exit 1 when a catalogue is incomplete

zh_Hans is written by people. zh_Hant entries still empty are filled from zh_Hans
with OpenCC (s2t, characters only) and marked fuzzy-free so they ship; a reviewer
adjusts the wording in the .po afterwards and later runs keep it. The en
catalogue maps each English msgid to itself so that "complete" means complete.
A message that moves from one app to another keeps its zh_Hans wording.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
APP_DIRS = sorted(p.parent for p in (ROOT / "govopen").glob("*/apps.py"))
APP_DIRS.append(ROOT / "example_site" / "home")
LOCALES = ["zh_Hans", "zh_Hant", "en"]


def run(args, cwd):
    subprocess.run(args, cwd=cwd, check=True)  # noqa: S603


def makemessages(app_dir):
    (app_dir / "locale").mkdir(exist_ok=True)
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="tests.settings")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "example_site")])
    args = [
        sys.executable,
        "-P",
        "-m",
        "django",
        "makemessages",
        "--no-obsolete",
        "--no-location",
        "--ignore",
        "migrations/*",
    ]
    for locale in LOCALES:
        args += ["-l", locale]
    subprocess.run(args, cwd=app_dir, check=True, env=env)  # noqa: S603


def known_translations():
    """Every translated zh_Hans entry of every app, by (msgctxt, msgid).

    Read before makemessages runs, so that a message moved from one app to
    another (shared code moving into govopen.core) keeps its reviewed wording.
    """
    known = {}
    for app_dir in APP_DIRS:
        path = app_dir / "locale/zh_Hans/LC_MESSAGES/django.po"
        if path.exists():
            for entry in polib.pofile(str(path)):
                if entry.translated() and "fuzzy" not in entry.flags:
                    known.setdefault((entry.msgctxt, entry.msgid), entry)
    return known


def fill(app_dir, known=None):
    import opencc

    converter = opencc.OpenCC("s2t")
    base = app_dir / "locale"
    hans = polib.pofile(str(base / "zh_Hans/LC_MESSAGES/django.po"))
    changed = False
    for entry in hans:
        source = (known or {}).get((entry.msgctxt, entry.msgid))
        if entry.translated() or source is None:
            continue
        if bool(entry.msgid_plural) != bool(source.msgid_plural):
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = dict(source.msgstr_plural)
        else:
            entry.msgstr = source.msgstr
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        changed = True
    if changed:
        hans.save()
    hans_map = {(e.msgctxt, e.msgid): e for e in hans}
    hant = polib.pofile(str(base / "zh_Hant/LC_MESSAGES/django.po"))
    for entry in hant:
        source = hans_map.get((entry.msgctxt, entry.msgid))
        if source is None or not source.translated():
            continue
        if not entry.translated():
            if entry.msgid_plural:
                entry.msgstr_plural = {
                    k: converter.convert(v) for k, v in source.msgstr_plural.items()
                }
            else:
                entry.msgstr = converter.convert(source.msgstr)
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    hant.save()
    en = polib.pofile(str(base / "en/LC_MESSAGES/django.po"))
    for entry in en:
        if not entry.translated():
            if entry.msgid_plural:
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            else:
                entry.msgstr = entry.msgid
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    en.save()


def incomplete(app_dir):
    problems = []
    for locale in ("zh_Hans", "zh_Hant"):
        po = polib.pofile(str(app_dir / "locale" / locale / "LC_MESSAGES/django.po"))
        for entry in po:
            if not entry.translated() or "fuzzy" in entry.flags:
                problems.append(f"{app_dir.name}/{locale}: {entry.msgid!r}")
    return problems


def compile_(app_dir):
    for locale in LOCALES:
        po_path = app_dir / "locale" / locale / "LC_MESSAGES" / "django.po"
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--no-make", action="store_true", help="skip makemessages")
    options = parser.parse_args()
    problems = []
    known = {} if options.check else known_translations()
    for app_dir in APP_DIRS:
        if options.check:
            problems += incomplete(app_dir)
            continue
        if not options.no_make:
            makemessages(app_dir)
        fill(app_dir, known)
        compile_(app_dir)
        problems += incomplete(app_dir)
    for problem in problems:
        print("untranslated:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
