#!/usr/bin/env python3
"""Check that every translation of the addon is complete and matches its .pot.

For each ``<addon>/i18n/<lang>.po`` given on the command line: every msgid of
``<addon>/i18n/<addon>.pot`` is in the .po, the .po has no msgid that the .pot
lacks, and no msgstr is empty or fuzzy. Needs only polib.
"""

import sys
from pathlib import Path

import polib


def problems(po_path):
    po_path = Path(po_path)
    pot_path = po_path.with_name(po_path.parent.parent.name + ".pot")
    if not pot_path.is_file():
        yield f"{po_path}: no template {pot_path.name} beside it"
        return
    template = {(e.msgctxt, e.msgid) for e in polib.pofile(str(pot_path))}
    catalog = polib.pofile(str(po_path))
    entries = {(e.msgctxt, e.msgid): e for e in catalog if not e.obsolete}
    for key in sorted(template - entries.keys(), key=str):
        yield f"{po_path}: missing msgid {key[1]!r}"
    for key in sorted(entries.keys() - template, key=str):
        yield f"{po_path}: msgid not in {pot_path.name}: {key[1]!r}"
    for entry in entries.values():
        if "fuzzy" in entry.flags:
            yield f"{po_path}:{entry.linenum}: fuzzy translation of {entry.msgid!r}"
        elif not entry.msgstr.strip():
            yield f"{po_path}:{entry.linenum}: untranslated {entry.msgid!r}"


def main(paths):
    found = [line for path in paths if path.endswith(".po") for line in problems(path)]
    sys.stdout.writelines(f"{line}\n" for line in found)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
