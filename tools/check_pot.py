#!/usr/bin/env python3
"""Check that a committed .pot template holds exactly the strings Odoo exports.

    check_pot.py COMMITTED.pot EXPORTED.pot

Prints each string that is missing from the committed template or no longer
exported, and exits 1 if there is any. Needs only polib.
"""

import sys

import polib


def main(committed_path, exported_path):
    committed, exported = (
        {(entry.msgctxt, entry.msgid) for entry in polib.pofile(path)}
        for path in (committed_path, exported_path)
    )
    sys.stdout.writelines(
        f"not in the committed .pot: {msgid!r}\n"
        for _ctxt, msgid in sorted(exported - committed, key=str)
    )
    sys.stdout.writelines(
        f"no longer exported: {msgid!r}\n"
        for _ctxt, msgid in sorted(committed - exported, key=str)
    )
    return int(committed != exported)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
