"""Apply a dict of zh_Hans translations to the catalogues: a translator's helper.

    python scripts/apply_translations.py FILE.py

FILE.py defines ``T = {msgid: msgstr, (msgctxt, msgid): msgstr}``. Only empty
entries are filled, so reviewed wording is never overwritten.
"""

import runpy
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main(path):
    table = runpy.run_path(path)["T"]
    paths = list(ROOT.glob("govopen/*/locale/zh_Hans/LC_MESSAGES/django.po"))
    paths += list(ROOT.glob("example_site/*/locale/zh_Hans/LC_MESSAGES/django.po"))
    for po_path in paths:
        po = polib.pofile(str(po_path))
        changed = 0
        for entry in po:
            if entry.translated():
                continue
            value = table.get((entry.msgctxt, entry.msgid)) or table.get(entry.msgid)
            if value:
                if entry.msgid_plural:
                    # Chinese has one plural form (nplurals=1).
                    entry.msgstr_plural = {0: value}
                else:
                    entry.msgstr = value
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                changed += 1
        po.save()
        print(f"{po_path.relative_to(ROOT)}: {changed} filled")


if __name__ == "__main__":
    main(sys.argv[1])
