# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The duplicate check of client cards, defined once: the first-contact
wizard asks it for one client, the import of prospects for a whole file.

A card is a probable duplicate when it has the same tax ID (INN), the same
email, the same phone (its last ten digits) or the same name (without case,
punctuation and legal form). ``find_duplicates`` makes one search per kind
of key over all the clients asked about, however many they are.
"""

import re

from odoo.tools import email_normalize

# Legal forms ignored when comparing client names for probable duplicates.
LEGAL_FORMS = {
    "ао",
    "зао",
    "ип",
    "нпо",
    "нпп",
    "оао",
    "ооо",
    "пао",
    "тоо",
    "ag",
    "bv",
    "co",
    "corp",
    "gmbh",
    "inc",
    "jsc",
    "llc",
    "ltd",
    "plc",
    "sa",
    "sarl",
}
PHONE_DIGITS = 10
# Partners read per client asked about and kind of key, at most: a name
# word that half the partners share must not read them all.
DUPLICATE_CANDIDATES = 1000
# The kinds of keys, strongest first: a card found by its INN is the reason
# given before one found by its name.
DUPLICATE_KEYS = ("vat", "email", "phone", "name")


def normalize_name(name):
    """Name of a client as compared for duplicates: case, quotes, punctuation
    and legal form (LLC, ООО...) do not count."""
    words = re.findall(r"\w+", (name or "").casefold().replace("ё", "е"))
    return " ".join(word for word in words if word not in LEGAL_FORMS)


def phone_key(phone):
    """The last ten digits of a phone number, or '' for too short a number."""
    digits = re.sub(r"\D", "", phone or "")
    return digits[-PHONE_DIGITS:] if len(digits) >= 7 else ""


def vat_key(vat):
    """A tax ID without separators or country prefix: 'RU 7707083893' is
    '7707083893'."""
    key = re.sub(r"[\W_]", "", vat or "").upper()
    return re.sub(r"^[A-Z]{2}(?=\d)", "", key)


def email_key(email):
    """An email as Odoo normalises it (``res.partner.email_normalized``), or
    '' for none or an invalid one."""
    return email_normalize(email or "", strict=True) or ""


def _keys(entry):
    """The keys of one client asked about: {kind: set of keys}."""
    return {
        "vat": {key for key in [vat_key(entry.get("vat"))] if key},
        "email": {key for key in map(email_key, entry.get("emails", ())) if key},
        "phone": {key for key in map(phone_key, entry.get("phones", ())) if key},
        "name": {key for key in [normalize_name(entry.get("name"))] if key},
    }


def _partner_keys(partner):
    return {
        "vat": {vat_key(partner.vat)} - {""},
        "email": {partner.email_normalized or ""} - {""},
        "phone": {phone_key(partner.phone), phone_key(partner.mobile)} - {""},
        "name": {normalize_name(partner.name)} - {""},
    }


def _candidate_domain(kind, keys):
    """A domain that finds (at least) the partners with one of `keys`."""
    if kind == "email":
        return [("email_normalized", "in", sorted(keys))]
    if kind == "vat":
        leaves = [("vat", "ilike", key[-8:]) for key in keys]
    elif kind == "phone":
        patterns = {"%" + "%".join(key[-7:]) + "%" for key in keys}
        leaves = [
            (fname, "=like", pattern)
            for pattern in patterns
            for fname in ("phone", "mobile")
        ]
    else:
        leaves = [("name", "ilike", max(key.split(), key=len)) for key in keys]
    # Many names share their longest word: each condition once.
    leaves = sorted(set(leaves))
    return ["|"] * (len(leaves) - 1) + leaves


def find_duplicates(env, entries):
    """The client cards that each entry may duplicate.

    :param entries: a list of dicts with the keys ``name``, ``vat``,
        ``phones`` and ``emails`` (lists), any of them missing or empty.
    :return: one dict per entry, ``{kind: client cards}`` for each kind of
        ``DUPLICATE_KEYS``: the commercial partners (archived ones too: a
        card may be reopened, not duplicated) that share that key.
    """
    partner_model = env["res.partner"].with_context(active_test=False)
    entry_keys = [_keys(entry) for entry in entries]
    candidates = partner_model
    for kind in DUPLICATE_KEYS:
        keys = set().union(*(keys[kind] for keys in entry_keys))
        if keys:
            candidates |= partner_model.search(
                _candidate_domain(kind, keys),
                limit=DUPLICATE_CANDIDATES * len(entries),
            )
    # {kind: {key: client cards}}
    cards = {kind: {} for kind in DUPLICATE_KEYS}
    for partner in candidates:
        for kind, keys in _partner_keys(partner).items():
            for key in keys:
                by_key = cards[kind].setdefault(key, partner_model)
                cards[kind][key] = by_key | partner.commercial_partner_id
    return [
        {
            kind: partner_model.union(
                *(cards[kind].get(key, partner_model) for key in keys[kind])
            )
            for kind in DUPLICATE_KEYS
        }
        for keys in entry_keys
    ]
