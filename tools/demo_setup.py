# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The demo's first impression: roubles, the users' language and time zones,
and the demo texts in Russian.

    demo_setup.py company -c ODOO_CONF -d DATABASE
    demo_setup.py demo LANG -c ODOO_CONF -d DATABASE

``company`` runs on a fresh database that has only ``base``: the company
moves to Russia and works in roubles before the accounting is installed (a
company's currency cannot change once journal entries exist, and Odoo's
accounting demo books entries for American companies only). ``demo`` runs
once the addon is installed: roubles again (the generic chart of accounts,
the only one this Odoo has for Russia, sets dollars when it is installed and
books nothing), the demo users' language LANG and Russian time zones, the
demo partners' language, and the demo texts in LANG (Russian from
demo_ru.csv for ru_RU, else the English of the addon's demo data). Both are
driven by tools/demo and can run again.

The addon's demo data stays in English, as its tests expect; demo_ru.csv
gives the Russian text of a field of a demo record: ``id`` (the xml id in
sales_standard), ``field``, ``ru``. A tools/tests test keeps it in step with
the demo data.

It lives in tools/, not in the addon: nothing of it ships.
"""

import csv
import glob
import sys
from collections import defaultdict
from pathlib import Path

from lxml import etree
from markupsafe import Markup, escape

import odoo
from odoo.exceptions import UserError
from odoo.tools import html2plaintext
from odoo.tools.translate import code_translations, get_translation

ROOT = Path(__file__).resolve().parent.parent
ADDON = "sales_standard"
TEXTS = Path(__file__).resolve().parent / "demo_ru.csv"
CURRENCY = "base.RUB"
# The rouble's sign since 2014; Odoo's currency data writes "руб".
SIGN = "₽"
COUNTRY = "base.ru"
# The demo users and their time zones: Moscow, and the manager of Siberia
# further east.
USERS = {
    "base.user_admin": "Europe/Moscow",
    "base.user_demo": "Asia/Novosibirsk",
}
# Odoo's own records that the demo shows, whose names Odoo does not
# translate: the demo users and the Russian regions' subjects.
# {xml id: (field, English, Russian)}
BASE_TEXTS = {
    "base.partner_admin": ("name", "Mitchell Admin", "Михаил Админов"),
    "base.partner_demo": ("name", "Marc Demo", "Марк Демидов"),
    "base.state_ru_ba": (
        "name",
        "Republic of Bashkortostan",
        "Республика Башкортостан",
    ),
    "base.state_ru_che": ("name", "Chelyabinsk Oblast", "Челябинская область"),
    "base.state_ru_kem": ("name", "Kemerovo Oblast", "Кемеровская область"),
    "base.state_ru_klu": ("name", "Kaluga Oblast", "Калужская область"),
    "base.state_ru_kya": ("name", "Krasnoyarsk Krai", "Красноярский край"),
    "base.state_ru_len": ("name", "Leningrad Oblast", "Ленинградская область"),
    "base.state_ru_mos": ("name", "Moscow Oblast", "Московская область"),
    "base.state_ru_mow": ("name", "Moscow", "Москва"),
    "base.state_ru_ngr": ("name", "Novgorod Oblast", "Новгородская область"),
    "base.state_ru_niz": ("name", "Nizhny Novgorod Oblast", "Нижегородская область"),
    "base.state_ru_nvs": ("name", "Novosibirsk Oblast", "Новосибирская область"),
    "base.state_ru_oms": ("name", "Omsk Oblast", "Омская область"),
    "base.state_ru_ore": ("name", "Orenburg Oblast", "Оренбургская область"),
    "base.state_ru_per": ("name", "Perm Krai", "Пермский край"),
    "base.state_ru_psk": ("name", "Pskov Oblast", "Псковская область"),
    "base.state_ru_sam": ("name", "Samara Oblast", "Самарская область"),
    "base.state_ru_spe": ("name", "Saint Petersburg", "Санкт-Петербург"),
    "base.state_ru_sve": ("name", "Sverdlovsk Oblast", "Свердловская область"),
    "base.state_ru_ta": ("name", "Republic of Tatarstan", "Республика Татарстан"),
    "base.state_ru_tom": ("name", "Tomsk Oblast", "Томская область"),
    "base.state_ru_tul": ("name", "Tula Oblast", "Тульская область"),
    "base.state_ru_uly": ("name", "Ulyanovsk Oblast", "Ульяновская область"),
    "base.state_ru_vla": ("name", "Vladimir Oblast", "Владимирская область"),
}
# Keep the chatter quiet: the texts are the demo's, not edits to track.
QUIET = {"tracking_disable": True, "mail_notrack": True, "mail_create_nolog": True}


def russian_texts(path=TEXTS):
    """{(xml id, field): Russian text} from demo_ru.csv."""
    with open(path, encoding="utf-8", newline="") as f:
        return {(row["id"], row["field"]): row["ru"] for row in csv.DictReader(f)}


def _field_text(node):
    """The value an XML ``<field>`` gives, as Odoo's data loader reads it:
    the text, or the markup inside an html field."""
    if node.get("type") in ("html", "xml"):
        return (node.text or "") + "".join(
            etree.tostring(child, encoding="unicode") for child in node
        )
    return node.text or ""


def english_texts(keys, addon_dir=ROOT / ADDON):
    """{(xml id, field): English text} of the addon's demo data, for `keys`."""
    wanted = set(keys)
    found = {}
    for path in sorted(glob.glob(str(addon_dir / "demo" / "*.xml"))):
        for record in etree.parse(path).iter("record"):
            for node in record.iterfind("field"):
                key = (record.get("id"), node.get("name"))
                if key in wanted:
                    found[key] = _field_text(node)
    return found


def _rouble(env):
    """The rouble, active, with its sign."""
    rub = env.ref(CURRENCY)
    rub.write({"active": True, "symbol": SIGN})
    return rub


def move_company(env, say=print):
    """The main company in Russia, working in roubles; only while no journal
    entry exists (before the accounting is installed)."""
    company = env.ref("base.main_company")
    rub = _rouble(env)
    company.partner_id.country_id = env.ref(COUNTRY)
    if company.currency_id != rub:
        company.currency_id = rub
    say(f"{company.name}: country Russia, currency {company.currency_id.name}")


def set_roubles(env, company=None, say=print):
    """The `company`'s currency (the main company's by default) is RUB, if
    no journal entry forbids it; says what it did, returns whether it is."""
    company = company or env.ref("base.main_company")
    rub = _rouble(env)
    if company.currency_id == rub:
        return True
    if hasattr(company, "_existing_accounting") and company._existing_accounting():
        say(
            f"note: {company.name} keeps {company.currency_id.name}: it has "
            "journal entries (a database built before the demo worked in "
            "roubles); drop the database to rebuild it in roubles"
        )
        return False
    old = company.currency_id
    company.currency_id = rub
    # The company's pricelists made in the old currency follow it.
    if "product.pricelist" in env:
        env["product.pricelist"].with_context(active_test=False).search(
            [("company_id", "in", [company.id, False]), ("currency_id", "=", old.id)]
        ).currency_id = rub
    say(f"{company.name}: currency RUB")
    return True


def set_users(env, lang, say=print):
    """The demo users speak `lang` in Russian time zones."""
    env["res.lang"]._activate_lang(lang)
    for xmlid, tz in USERS.items():
        user = env.ref(xmlid, raise_if_not_found=False)
        if user:
            user.write({"lang": lang, "tz": tz})
            say(f"{user.login}: {lang}, {tz}")


def set_texts(env, lang, say=print):
    """The demo records' texts in `lang`: Russian from demo_ru.csv for ru_RU,
    else the English of the addon's demo data; the demo partners speak
    `lang` too. Returns the number of records written."""
    russian = russian_texts()
    texts = russian if lang == "ru_RU" else english_texts(russian)
    # Translatable fields (product names) get the Russian as their ru_RU
    # translation, and keep their English.
    env = env(
        context=dict(env.context, lang=lang if lang == "ru_RU" else "en_US", **QUIET)
    )
    by_record = defaultdict(dict)
    for (xmlid, field), value in texts.items():
        by_record[xmlid][field] = value
    written = 0
    kept = []
    for xmlid, values in sorted(by_record.items()):
        record = env.ref(f"{ADDON}.{xmlid}", raise_if_not_found=False)
        if record is None:
            say(f"note: no demo record {xmlid}, skipped")
            continue
        changed = {
            field: value
            for field, value in values.items()
            if field in record._fields and record[field] != value
        }
        if not changed:
            continue
        try:
            with env.cr.savepoint():
                record.write(changed)
            written += 1
        except UserError:
            # A record the module keeps as history (a closed list's line).
            kept.append(xmlid)
    for xmlid, (field, english, russian) in BASE_TEXTS.items():
        record = env.ref(xmlid, raise_if_not_found=False)
        value = russian if lang == "ru_RU" else english
        if record and record[field] != value:
            record[field] = value
            written += 1
    partners = env["ir.model.data"].search(
        [("module", "=", ADDON), ("model", "=", "res.partner")]
    )
    env["res.partner"].browse(partners.mapped("res_id")).exists().lang = lang
    say(f"demo texts in {lang}: {written} records written")
    if kept:
        say(f"kept as history, as they were: {', '.join(kept)}")
    return written


# Where the module copies the demo texts (the follow-ups, the daily plans,
# the entries logged from trip visits) or writes its own (from the code).
COPIES = {
    "sales.contact.log": ("topic", "result", "next_step"),
    "sales.daily.plan.line": ("topic",),
    "sales.trip.visit": ("goal", "result", "next_step"),
    "mail.activity": ("summary", "note"),
}


def _plain(value):
    """A plain text, or the text of a one-paragraph html value."""
    if isinstance(value, Markup) and value.startswith("<p>") and value.endswith("</p>"):
        return html2plaintext(value)
    return value or ""


def set_copies(env, lang, say=print):
    """The texts made from the demo texts and the module's own messages, in
    `lang`: the copies of a demo text follow it; the milestones logged from
    the orders, the follow-ups' code-given summaries and the client lists'
    names are made again in `lang`. Records the module keeps as history
    (closed lists, done follow-ups) keep theirs. Returns the number of
    records written."""
    russian = russian_texts()
    english = english_texts(russian)
    code = code_translations.get_python_translations(ADDON, "ru_RU")
    if lang == "ru_RU":
        mapping = {english[key]: text for key, text in russian.items()}
        mapping.update(code)
    else:
        mapping = {text: english[key] for key, text in russian.items()}
        mapping.update({ru: en for en, ru in code.items()})
    mapping = {src: dst for src, dst in mapping.items() if "<" not in src}
    code_lang = lang if lang == "ru_RU" else "en_US"
    env = env(context=dict(env.context, lang=code_lang, **QUIET))
    written = kept = 0
    for model, fields in COPIES.items():
        for record in env[model].search([]):
            changed = {}
            for field in fields:
                old = _plain(record[field])
                if old.strip() in mapping:
                    new = mapping[old.strip()]
                    changed[field] = (
                        f"<p>{escape(new)}</p>" if old != record[field] else new
                    )
            if not changed:
                continue
            try:
                with env.cr.savepoint():
                    record.write(changed)
                written += 1
            except UserError:
                kept += 1  # history: a trip visit logged in the contact log
    # The milestones that the orders logged, in `lang`.
    labels = dict(
        env["sales.contact.log"]._fields["milestone"]._description_selection(env)
    )
    milestones = env["sales.contact.log"].search(
        [
            ("is_automatic", "=", True),
            ("milestone", "!=", False),
            ("sale_order_id", "!=", False),
        ]
    )
    for log in milestones:
        topic = get_translation(
            ADDON,
            code_lang,
            "%(milestone)s: %(order)s",
            {"milestone": labels[log.milestone], "order": log.sale_order_id.name},
        )
        if log.topic != topic:
            log.topic = topic
            written += 1
    for client_list in env["sales.client.list"].search([("state", "!=", "closed")]):
        client_list._compute_name()
    say(
        f"texts made from the demo texts in {lang}: {written} records written, "
        f"{kept} kept as history"
    )
    return written


def demo(env, lang, say=print):
    """What tools/demo does once the addon is installed."""
    set_roubles(env, say=say)
    set_users(env, lang, say)
    set_texts(env, lang, say)
    set_copies(env, lang, say)


def main(argv):
    """The command line (the process must run in UTC, as odoo-bin sets it:
    tools/demo runs it with TZ=UTC)."""
    if len(argv) < 1 or argv[0] not in ("company", "demo"):
        sys.exit(__doc__)
    step, args = argv[0], argv[1:]
    lang = None
    if step == "demo":
        if not args or args[0].startswith("-"):
            sys.exit(__doc__)
        lang, args = args[0], args[1:]
    odoo.tools.config.parse_config(args)
    registry = odoo.modules.registry.Registry(odoo.tools.config["db_name"])
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if step == "company":
            move_company(env)
        else:
            demo(env, lang)


if __name__ == "__main__":
    main(sys.argv[1:])
