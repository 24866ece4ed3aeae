# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Hostile JSON-RPC calls from low-permission users.

What is attacked: ``create``, ``write`` and every public method that the
module defines, on each of its models (``sales.*``) and on the models it
extends (partners, opportunities, orders, activities...), found by
introspection. They are called through ``/web/dataset/call_kw`` over a real
HTTP connection as a salesperson with own documents only (every field of
every model of the module, one at a time), as an invoicing user with no
sales rights and as a portal user. Hypothesis makes the arguments: wrong
types, huge strings, control characters and NUL bytes, SQL and HTML
fragments, dates out of range, negative and huge ids, the records of a
colleague and of another company, required values left out, and hostile
context keys.

What counts as clean:

- a refusal is a JSON-RPC error whose ``data.name`` is one of Odoo's own
  exceptions (``CLEAN_ERRORS``), and the database is exactly as it was
  before the call (every table of the module and the main tables around it,
  compared row by row): the request's savepoint was rolled back;
- a success leaves untouched what the caller may not change: the records of
  other users that the rules keep from them, the rows of every company the
  caller has no access to (in each table with a ``company_id``), and, for
  the invoicing and portal users, every table of the module; and no trip
  gets approved without a sales administrator;
- anything else (``builtins.*``, ``psycopg2.*``, an HTTP error...) is a
  defect as soon as the module's code is in its traceback, even when the
  error is raised deeper, in Odoo, on a value that the module handed on with
  ``super()``: the module knows its fields and validates them first. What
  is tolerated is only what Odoo's RPC layer and ORM raise in the same way on
  every model, without the module (see ``tolerated``): those are counted and
  logged, not failed on.
"""

import hashlib
import inspect
import json
import logging
import re
import time
from collections import Counter, defaultdict
from datetime import timedelta
from unittest.mock import patch

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL, mute_logger

from .common import ACCOUNTANT, SALES_ADMIN, SALESMAN

_logger = logging.getLogger(__name__)

MODULE = "odoo.addons.sales_standard"
CLEAN_ERRORS = {
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.UserError",
    "odoo.exceptions.AccessError",
    "odoo.exceptions.MissingError",
    "odoo.exceptions.AccessDenied",
    "odoo.exceptions.RedirectWarning",
}
# Generated calls per target, by user and kind of target; the salesperson
# also gets explicit examples (each value of a selection, other people's
# records in each many2one). About 2,500 calls, 1.5 minutes on two cores.
EXAMPLES = {
    ("salesman", "field"): 1,
    ("salesman", "model"): 4,
    ("salesman", "method"): 6,
    ("accountant", "model"): 3,
    ("accountant", "method"): 2,
    ("portal", "model"): 2,
    ("portal", "method"): 1,
}
MIN_CALLS = 1500
MAGIC_FIELDS = {
    "id",
    "display_name",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
}

# ---------------------------------------------------------------------------
# Hostile values
# ---------------------------------------------------------------------------
# 100,000 characters that compress badly (unlike "x" * 100_000).
HUGE_RANDOM = "".join(hashlib.sha256(str(i).encode()).hexdigest() for i in range(1563))[
    :100_000
]
HOSTILE_STRINGS = [
    "",
    " ",
    "'; DROP TABLE res_partner; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "\x00",
    "nul\x00byte",
    "\u202eevil\ufeff\u200b",
    "\U0001f4a5" * 20,
    "\r\n\t\x1b[31m\x7f\x08",
    "%s %(x)s {0} %d",
    "x" * 100_000,
    HUGE_RANDOM,
]
HOSTILE_DATES = [
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2024-02-30",
    "2024-13-01",
    "not a date",
    "",
    "1970-01-01T00:00:00Z",
    "2024-01-01 25:61:00",
]
HOSTILE_IDS = [-1, 0, 2**31 - 1, 2**31, 2**63, -(2**63)]
WRONG_TYPES = [
    None,
    True,
    False,
    1.5,
    1e308,
    "1",
    "abc",
    [],
    ["2024-01-01"],
    [1, "a"],
    {},
    {"id": 1},
]
HOSTILE_COMMANDS = [
    [[5, 0, 0]],
    [[99, 1, 0]],
    [[0, 0, {}]],
    [[1, -1, {}]],
    [[4, 2**63, 0]],
    [[6, 0, ["abc"]]],
    [[0, 0, {"name": "\x00"}]],
    "abc",
    [1, 2],
    [[None]],
]
# Context keys with hostile values of the types Odoo expects (Odoo itself
# fails on a time zone that is no text, for instance).
HOSTILE_CONTEXT = {
    "tz": ["Mars/Olympus_Mons", ""],
    "lang": ["xx_XX", ""],
    "active_test": [False],
    "sales_standard_followup": [True],
    "mark_so_as_sent": [True],
    "active_model": ["res.users", "nope"],
}
# Context keys that carry record ids, with the model whose ids they take.
CONTEXT_IDS = {
    "allowed_company_ids": "res.company",
    "sales_followup_activity_id": "mail.activity",
    "active_id": "sales.contact.log",
    "active_ids": "sale.order",
    "default_partner_id": "res.partner",
    "default_user_id": "res.users",
    "default_company_id": "res.company",
    "default_daily_plan_line_id": "sales.daily.plan.line",
    "default_client_list_line_id": "sales.client.list.line",
    "default_trip_visit_id": "sales.trip.visit",
    "default_sale_order_id": "sale.order",
    "default_lead_id": "crm.lead",
    "default_line_id": "sales.daily.plan.line",
    "default_passport_id": "sales.client.passport",
    "default_trip_id": "sales.trip",
    "default_region_id": "sales.region",
}

TRACEBACK_FRAME = re.compile(r'File "([^"]+)", line \d+, in (\S+)\n\s*(.*)')


def is_id(value):
    return type(value) is int


def module_frame(debug):
    """The innermost frame of the module in the traceback of the exception
    (file, function, source line), or None."""
    last_block = re.split(r"\n\n(?:The above exception|During handling)", debug)[-1]
    frames = [
        frame
        for frame in TRACEBACK_FRAME.findall(last_block)
        if "/sales_standard/" in frame[0]
    ]
    return frames[-1] if frames else None


def tolerated(call, error):
    """Why an unclean error is Odoo's own, whatever the module does; None
    when it is a defect of the module.

    - "malformed call": the record ids are not ids, or the values not a
      dict: Odoo's RPC layer hands them to any model unchecked;
    - "singleton": a one-record action called on several records
      (``ensure_one``), which the web client never does;
    - "Odoo core": the module's code is not in the traceback at all.

    An error that passes through the module's code is its defect, whatever
    the innermost frame: a ``super()`` call that hands Odoo a value it fails
    on is no excuse.
    """
    if not call["well_formed"]:
        return "malformed call"
    if error["name"] == "builtins.ValueError" and error["message"].startswith(
        "Expected singleton"
    ):
        return "singleton"
    if module_frame(error["debug"]) is None:
        return "Odoo core"
    return None


def short(value, size=300):
    text = repr(value)
    return text if len(text) <= size else f"{text[:size]}... ({len(text)} chars)"


def make_call(model, method, args, kwargs=None, model_api=False):
    """A call as sent; `well_formed` when its ids are ids and its values a
    dict."""
    well_formed = True
    if method == "create":
        well_formed = isinstance(args[0], dict)
    elif not model_api:
        ids = args[0]
        well_formed = is_id(ids) or (isinstance(ids, list) and all(map(is_id, ids)))
        if method == "write":
            well_formed = well_formed and isinstance(args[1], dict)
    return {
        "model": model,
        "method": method,
        "args": args,
        "kwargs": kwargs or {},
        "well_formed": well_formed,
    }


@tagged("post_install", "-at_install")
class TestHostileRpc(HttpCase):
    calls_tried = 0
    # The records are dated around today: a Monday, 10:00 in Moscow.
    freeze_time = "2026-12-07 07:00:00"

    # -----------------------------------------------------------------------
    # Data: users, and records of theirs, of a colleague and of a rival
    # company
    # -----------------------------------------------------------------------
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env.company
        cls.rival_company = env["res.company"].create({"name": "Hostile Rival Co"})

        def user(login, groups, **kwargs):
            return new_test_user(
                env, login=login, password=login, groups=groups, **kwargs
            )

        cls.salesman = user("ss_hostile_salesman", SALESMAN)
        cls.colleague = user("ss_hostile_colleague", SALESMAN)
        cls.sales_admin = user("ss_hostile_admin", SALES_ADMIN)
        cls.accountant = user("ss_hostile_accountant", ACCOUNTANT)
        cls.portal = user("ss_hostile_portal", "base.group_portal")
        cls.rival = user(
            "ss_hostile_rival",
            SALES_ADMIN,
            company_id=cls.rival_company.id,
            company_ids=[fields.Command.set(cls.rival_company.ids)],
        )
        cls.today = fields.Date.context_today(cls.salesman)
        cls.records = defaultdict(list)
        cls.own_ids = defaultdict(list)
        # Other people's records, one of each kind, for explicit examples.
        cls.others = defaultdict(list)
        cls.others["res.users"] = [cls.colleague.id, cls.rival.id, cls.portal.id]
        cls.others["res.company"] = cls.rival_company.ids
        region = cls._make("sales.region", {"name": "Hostile Region"})
        rival_region = cls._make(
            "sales.region",
            {"name": "Hostile Rival Region", "company_id": cls.rival_company.id},
        )
        cls.own = cls._make_documents(cls.salesman, cls.company, region, "Own")
        # A person of a client not on the salesman's list yet: a person given
        # as the client of a list line is replaced by its company.
        cls.own["unlisted_person"] = cls._make(
            "res.partner",
            {
                "name": "Hostile Unlisted Person",
                "parent_id": cls._make(
                    "res.partner",
                    {
                        "name": "Hostile Unlisted Client",
                        "is_company": True,
                        "sales_region_id": region.id,
                    },
                ).id,
            },
        )
        cls._make_documents(cls.colleague, cls.company, region, "Colleague")
        cls._make_documents(cls.rival, cls.rival_company, rival_region, "Rival")
        cls._make_wizards(cls.own)
        cls.targets = cls._module_targets()
        cls.fuzz_fields = {model: cls._fuzz_fields(model) for model, _m in cls.targets}
        cls.pools = cls._pools()
        cls.admin_uids = env.ref("sales_team.group_sale_manager").users.ids
        cls.tables = cls._tables()

    @classmethod
    def _make(cls, model, values, user=None, company=None):
        """A record made as superuser, or as `user`."""
        records = cls.env[model].with_user(user) if user else cls.env[model].sudo()
        record = records.with_company(company or cls.company).create(values)
        cls.records[model].append(record.id)
        if user == cls.salesman:
            cls.own_ids[model].append(record.id)
        return record.sudo()

    @classmethod
    def _make_documents(cls, user, company, region, label):
        """A client and every kind of document of the module, of `user`:
        {model: record}."""
        is_rival = company != cls.company
        client = cls._make(
            "res.partner",
            {
                "name": f"Hostile {label} Client",
                "is_company": True,
                "company_id": company.id if is_rival else False,
                "sales_region_id": region.id,
            },
        )
        person = cls._make(
            "res.partner", {"name": f"Hostile {label} Person", "parent_id": client.id}
        )
        mine = {"user_id": user.id, "company_id": company.id}
        made = {"res.partner": client}

        def make(model, values, **kwargs):
            made[model] = cls._make(model, values, company=company, **kwargs)
            return made[model]

        log = make(
            "sales.contact.log",
            {
                **mine,
                "partner_id": client.id,
                "contact_person_id": person.id,
                "topic": f"{label} call",
                "next_contact_date": cls.today + timedelta(days=3),
            },
        )
        made["mail.activity"] = log.activity_ids[:1]
        client_list = make("sales.client.list", {**mine, "region_id": region.id})
        plan = make("sales.daily.plan", {**mine, "date": cls.today})
        trip = make(
            "sales.trip",
            {
                **mine,
                "region_id": region.id,
                "date_from": cls.today,
                "date_to": cls.today + timedelta(days=5),
                "purpose": f"{label} trip",
            },
        )
        make("sale.order", {**mine, "partner_id": client.id})
        # The client's first request opens its passport.
        make("crm.lead", {**mine, "name": f"{label} request", "partner_id": client.id})
        passport = (
            cls.env["sales.client.passport"]
            .sudo()
            .search([("partner_id", "=", client.id), ("company_id", "=", company.id)])
        )
        made["sales.client.passport"] = passport
        reviewer = cls.rival if is_rival else cls.sales_admin
        report = make(
            "sales.manager.report",
            {
                "manager_id": user.id,
                "reviewer_id": reviewer.id,
                "company_id": company.id,
            },
        )
        made["sales.manager.report.figure"] = report.figure_ids[:1]
        make(
            "sales.client.list.line",
            {"list_id": client_list.id, "partner_id": client.id},
        )
        make(
            "sales.daily.plan.line",
            {"plan_id": plan.id, "partner_id": client.id, "topic": "Call"},
        )
        make(
            "sales.trip.visit",
            {
                "trip_id": trip.id,
                "partner_id": client.id,
                "planned_date": cls.today + timedelta(days=1),
            },
        )
        make(
            "sales.client.passport.document",
            {"passport_id": passport.id, "doc_type": "contract", "name": "Contract"},
        )
        for model, record in made.items():
            cls.records[model] = sorted(set(cls.records[model]) | set(record.ids))
            if user == cls.salesman:
                cls.own_ids[model] = sorted(set(cls.own_ids[model]) | set(record.ids))
            else:
                cls.others[model] += record.ids
        made.update(person=person, first_contact=None)
        return made

    @classmethod
    def _make_wizards(cls, own):
        """The module's wizards, opened by the salesman."""
        salesman = cls.salesman
        line = own["sales.daily.plan.line"].id
        own["first_contact"] = cls._make(
            "sales.first.contact", {"name": "Hostile Wizard", "topic": "Hi"}, salesman
        )
        for model, values in (
            (
                "sales.first.contact.person",
                {"wizard_id": own["first_contact"].id, "name": "Ann"},
            ),
            ("sales.daily.plan.reschedule", {"line_id": line, "date": cls.today}),
            ("sales.daily.plan.cancel", {"line_id": line, "reason": "Ill"}),
            ("sales.trip.add.visits", {"trip_id": own["sales.trip"].id}),
            ("sales.contact.report", {"passport_id": own["sales.client.passport"].id}),
            (
                "sales.acceptance.upload",
                {"sale_order_id": own["sale.order"].id, "file": "aGVsbG8="},
            ),
        ):
            cls._make(model, values, salesman)

    # -----------------------------------------------------------------------
    # Introspection: what to attack
    # -----------------------------------------------------------------------
    @classmethod
    def _module_targets(cls):
        """[(model, method)]: create and write of the module's models, and the
        public methods that the module defines on any model; unlink last, so
        that the records it deletes were attacked first."""
        targets = []
        for name in sorted(cls.registry):
            model_class = cls.registry[name]
            methods = set()
            for klass in model_class.mro():
                if not klass.__module__.startswith(MODULE):
                    continue
                for attr, value in vars(klass).items():
                    if attr.startswith("_") or attr == "init":
                        continue
                    if inspect.isfunction(value):
                        methods.add(attr)
            if name.startswith("sales.") and not model_class._abstract:
                methods |= {"create", "write"}
            targets += [(name, method) for method in sorted(methods)]
        return sorted(targets, key=lambda target: target[1] == "unlink")

    @classmethod
    def _fuzz_fields(cls, model):
        """The fields a client may send values for."""
        return [
            field
            for fname, field in sorted(cls.env[model]._fields.items())
            if fname not in MAGIC_FIELDS
            and field.type not in ("properties", "properties_definition")
            and (field.store or field.inverse or not field.readonly)
        ]

    @classmethod
    def _pools(cls):
        """{model: ids}: the records made here, then a few of any other."""
        pools = {model: sorted(set(ids)) for model, ids in cls.records.items()}
        pools["res.company"] = [cls.company.id, cls.rival_company.id]
        pools["res.users"] = [
            cls.salesman.id,
            cls.colleague.id,
            cls.rival.id,
            cls.portal.id,
            cls.sales_admin.id,
        ]
        comodels = {
            field.comodel_name
            for fuzz in cls.fuzz_fields.values()
            for field in fuzz
            if field.relational
        } | {model for model, _method in cls.targets}
        for model in sorted(comodels - set(pools)):
            if cls.env[model]._abstract:
                continue
            pools[model] = (
                cls.env[model]
                .sudo()
                .with_context(active_test=False)
                .search([], limit=3, order="id desc")
                .ids
            )
        return pools

    def _plan(self, role):
        """[(model, method, field, examples)]: the salesperson's create and
        write of the module's models go field by field."""
        plan = []
        for model, method in self.targets:
            per_field = (
                role == "salesman"
                and method in ("create", "write")
                and model.startswith("sales.")
            )
            if per_field:
                examples = EXAMPLES[role, "field"]
                plan += [
                    (model, method, field.name, examples)
                    for field in self.fuzz_fields[model]
                ]
            kind = "model" if method in ("create", "write") else "method"
            plan.append((model, method, None, EXAMPLES[role, kind]))
        return plan

    # -----------------------------------------------------------------------
    # Strategies
    # -----------------------------------------------------------------------
    def _ids(self, model):
        pool = self.pools.get(model) or []
        hostile = st.sampled_from(HOSTILE_IDS)
        known = st.sampled_from(pool) if pool else hostile
        return st.one_of(known, known, hostile)

    def _value(self, field):
        """Values for a field: mostly of its type, or of no type."""
        kind = field.type
        if kind in ("char", "text", "html"):
            typed = st.one_of(st.sampled_from(HOSTILE_STRINGS), st.text(max_size=20))
        elif kind == "integer":
            typed = st.one_of(st.sampled_from(HOSTILE_IDS), st.integers(-10, 10**6))
        elif kind in ("float", "monetary"):
            typed = st.one_of(
                st.floats(allow_nan=False, allow_infinity=False),
                st.sampled_from(HOSTILE_IDS),
            )
        elif kind == "boolean":
            typed = st.booleans()
        elif kind in ("date", "datetime"):
            around = [str(self.today + timedelta(days=d)) for d in (-30, 0, 1, 400)]
            typed = st.sampled_from(HOSTILE_DATES + around)
        elif kind == "selection":
            typed = st.sampled_from(self._selection(field) + ["bogus", ""])
        elif kind == "many2one":
            typed = self._ids(field.comodel_name)
        elif kind == "many2one_reference":
            typed = st.sampled_from(HOSTILE_IDS + [1, 2])
        elif kind in ("one2many", "many2many"):
            ids = self._ids(field.comodel_name)
            typed = st.one_of(
                st.lists(ids, max_size=3).map(lambda ids: [[6, 0, ids]]),
                ids.map(lambda id_: [[4, id_, 0]]),
                ids.map(lambda id_: [[3, id_, 0]]),
                st.sampled_from(HOSTILE_COMMANDS),
            )
        elif kind == "binary":
            typed = st.sampled_from(["aGVsbG8=", "not base64!", "", HUGE_RANDOM])
        elif kind == "json":
            typed = st.one_of(
                st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
                st.sampled_from(["x", [1], {"a": {"b": None}}]),
            )
        else:
            typed = st.none()
        return st.one_of(typed, typed, typed, st.sampled_from(WRONG_TYPES))

    def _selection(self, field):
        return [value for value, _label in field._description_selection(self.env)]

    def _vals(self, model, fname=None, template=None):
        """Values to send: the template (valid values to create a record)
        with `fname` set to a hostile value; or, with no `fname`, with one
        of its values left out and up to two random fields set."""
        fuzz = {field.name: field for field in self.fuzz_fields[model]}
        template = template or {}
        if fname:
            return self._value(fuzz[fname]).map(
                lambda value: {**template, fname: value}
            )
        names = st.lists(st.sampled_from(sorted(fuzz)), max_size=2, unique=True)
        dropped = st.lists(st.sampled_from(sorted(template) or [None]), max_size=1)

        def build(picked):
            names, dropped = picked
            hostile = st.fixed_dictionaries(
                {name: self._value(fuzz[name]) for name in names}
            )
            base = {k: v for k, v in template.items() if k not in dropped}
            return hostile.map(lambda values: {**base, **values})

        return st.tuples(names, dropped).flatmap(build)

    def _template(self, model):
        """Valid values to create a record of `model` as the salesman."""
        own = self.own
        later = str(self.today + timedelta(days=2))
        templates = {
            "sales.contact.log": {"partner_id": own["res.partner"].id, "topic": "Call"},
            "sales.region": {"name": "Hostile New Region"},
            "sales.client.list": {"region_id": own["sales.client.list"].region_id.id},
            "sales.client.list.line": {
                "list_id": own["sales.client.list"].id,
                "partner_id": own["unlisted_person"].id,
            },
            "sales.daily.plan": {"date": later},
            "sales.daily.plan.line": {
                "plan_id": own["sales.daily.plan"].id,
                "partner_id": own["person"].id,
            },
            "sales.trip": {
                "date_from": str(self.today + timedelta(days=60)),
                "date_to": str(self.today + timedelta(days=61)),
                "purpose": "Visit",
            },
            "sales.trip.visit": {
                "trip_id": own["sales.trip"].id,
                "partner_id": own["person"].id,
                "planned_date": later,
            },
            "sales.client.passport": {"partner_id": own["person"].id},
            "sales.client.passport.document": {
                "passport_id": own["sales.client.passport"].id,
                "doc_type": "letter",
                "name": "Letter",
            },
            "sales.manager.report": {"manager_id": self.salesman.id},
            "sales.manager.report.figure": {"key": "trips"},
            "sales.manager.report.instruction": {"name": "Call more"},
            "sales.first.contact": {"name": "Hostile Co", "topic": "Hi"},
            "sales.first.contact.person": {
                "wizard_id": own["first_contact"].id,
                "name": "Bob",
            },
            "sales.daily.plan.reschedule": {
                "line_id": own["sales.daily.plan.line"].id,
                "date": later,
            },
            "sales.daily.plan.cancel": {
                "line_id": own["sales.daily.plan.line"].id,
                "reason": "x",
            },
            "sales.trip.add.visits": {"trip_id": own["sales.trip"].id},
            "sales.contact.report": {"passport_id": own["sales.client.passport"].id},
            "sales.acceptance.upload": {
                "sale_order_id": own["sale.order"].id,
                "file": "aGVsbG8=",
            },
            "crm.lead": {
                "name": "Hostile request",
                "partner_id": own["res.partner"].id,
            },
            "mail.activity": {
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": own["res.partner"].id,
                "activity_type_id": self.env.ref(
                    "sales_standard.mail_activity_type_next_contact"
                ).id,
                "user_id": self.salesman.id,
            },
        }
        return templates.get(model, {})

    def _context(self):
        keys = sorted(HOSTILE_CONTEXT) + sorted(CONTEXT_IDS)

        def value(key):
            if key in HOSTILE_CONTEXT:
                return st.sampled_from(HOSTILE_CONTEXT[key])
            ids = self._ids(CONTEXT_IDS[key])
            if key == "allowed_company_ids":
                # Lists of ids: Odoo itself fails on other types.
                return st.lists(ids, min_size=1, max_size=2)
            if key == "active_ids":
                return st.one_of(st.lists(ids, max_size=2), ids)
            return st.one_of(ids, st.sampled_from(WRONG_TYPES))

        return st.lists(
            st.sampled_from(keys), min_size=1, max_size=3, unique=True
        ).flatmap(lambda keys: st.fixed_dictionaries({key: value(key) for key in keys}))

    def _record_ids(self, model):
        pool = self.pools.get(model) or [1]
        own = st.sampled_from(self.own_ids.get(model) or pool).map(lambda i: [i])
        return st.one_of(
            own,
            own,
            st.sampled_from(pool).map(lambda i: [i]),
            st.lists(st.sampled_from(pool), min_size=2, max_size=3),
            st.sampled_from(HOSTILE_IDS).map(lambda i: [i]),
            st.sampled_from(HOSTILE_IDS),
            st.sampled_from(WRONG_TYPES + [["1"], [None]]),
        )

    def _is_model_api(self, model, method):
        function = getattr(self.registry[model], method)
        return getattr(function, "_api", None) in ("model", "model_create")

    def _call(self, model, method, fname):
        """A strategy of calls, for the field `fname` of create and write."""
        model_api = self._is_model_api(model, method)
        if method == "create":
            vals = self._vals(model, fname, self._template(model))
            if not fname:
                vals = st.one_of(vals, vals, vals, st.sampled_from(WRONG_TYPES[1:]))
            payload = vals.map(lambda vals: [vals])
        elif method == "write":
            ids = self._record_ids(model)
            if fname:
                # Field by field, the salesperson's own records.
                own = self.own_ids.get(model) or self.pools.get(model) or [1]
                ids = st.sampled_from(own).map(lambda id_: [id_])
            payload = st.tuples(ids, self._vals(model, fname))
        else:
            function = getattr(self.registry[model], method)
            params = [
                p
                for p in list(inspect.signature(function).parameters.values())[1:]
                if p.kind is p.POSITIONAL_OR_KEYWORD and p.default is p.empty
            ]
            extra = st.tuples(*[st.sampled_from(WRONG_TYPES) for _p in params])
            if model_api:
                payload = extra
            else:
                payload = st.tuples(self._record_ids(model), extra).map(
                    lambda parts: [parts[0], *parts[1]]
                )
        kwargs = st.one_of(
            st.just({}), st.just({}), self._context().map(lambda c: {"context": c})
        )
        return st.tuples(payload, kwargs).map(
            lambda parts: make_call(model, method, list(parts[0]), parts[1], model_api)
        )

    def _explicit(self, model, method, fname):
        """Explicit examples for a field: the records of the colleague and of
        the rival company in a many2one; dates that are none, when creating;
        on the salesman's own record, each value of a selection and no value
        for a required field."""
        if not fname:
            return []
        field = self.env[model]._fields[fname]
        values = []
        if field.type == "many2one":
            values += self.others.get(field.comodel_name, [])
        if method == "create" and field.type == "date":
            values += [None, "not a date", "10000-01-01"]
        if method == "write" and field.type == "selection":
            values += self._selection(field)
        if method == "write" and field.required:
            values.append(False)
        if method == "create":
            template = self._template(model)
            return [
                make_call(model, method, [{**template, fname: value}])
                for value in values
            ]
        own_ids = self.own_ids.get(model) or self.pools.get(model) or [1]
        return [
            make_call(model, method, [own_ids[:1], {fname: value}]) for value in values
        ]

    # -----------------------------------------------------------------------
    # Calling, and judging the answer
    # -----------------------------------------------------------------------
    def _rpc(self, call):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": self.calls_tried,
            "params": {
                "model": call["model"],
                "method": call["method"],
                "args": call["args"],
                "kwargs": call["kwargs"],
            },
        }
        # Odoo logs the errors of the requests, and its HTML sanitizer a value
        # that is no text: the answer is judged instead.
        with mute_logger("odoo.http", "odoo.sql_db", "odoo.tools.mail"):
            return self.url_open(
                f"/web/dataset/call_kw/{call['model']}/{call['method']}",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
                timeout=120,
            )

    @classmethod
    def _tables(cls):
        """{table: (order by, owner column, by company)} of the module's
        models, and its many2many tables; "by company" when the table has a
        ``company_id`` column."""
        tables = {}
        for name in cls.registry:
            model = cls.env[name]
            if not (name.startswith("sales.") and model._auto and not model._abstract):
                continue

            def stored(column, model=model):
                return column in model._fields and model._fields[column].store

            owner = next(
                (column for column in ("user_id", "manager_id") if stored(column)),
                None,
            )
            # A wizard is its creator's, whoever it names.
            tables[model._table] = (
                "id",
                None if model._transient else owner,
                stored("company_id"),
            )
            for field in model._fields.values():
                if field.type == "many2many" and field.store:
                    tables.setdefault(field.relation, ("1", None, False))
        return tables

    def _foreign(self, user, table, owner, by_company):
        """The condition on the rows of `table` that `user` may not change,
        or None when the rules let them change any."""
        if user != self.salesman:
            return SQL("TRUE")
        if table in (
            "sales_region",
            "sales_manager_report",
            "sales_manager_report_figure",
            "sales_manager_report_instruction",
        ):
            return SQL("TRUE")  # read only for a salesperson
        conditions = []
        if table == "sales_call":
            # An unmatched call that nobody took is any salesperson's to attach.
            conditions.append(
                SQL("(t.user_id IS NOT NULL AND t.user_id <> %s)", user.id)
            )
        elif owner:
            conditions.append(
                SQL("t.%s IS DISTINCT FROM %s", SQL.identifier(owner), user.id)
            )
        if by_company:
            conditions.append(self._other_companies(user))
        return SQL("(%s)", SQL(" OR ").join(conditions)) if conditions else None

    @staticmethod
    def _other_companies(user):
        """The condition on the rows of a table with a ``company_id`` that
        belong to a company `user` has no access to."""
        return SQL("t.company_id <> ALL(%s)", user.company_ids.ids)

    def _snapshot(self, user):
        """Digests of the rows of the module's tables and of the tables
        around them; "foreign:" ones of the rows that `user` may not change;
        "invariant:" ones of what no one but an administrator does."""
        parts = {}

        def digest(table, order="id", where=None):
            return SQL(
                "(SELECT md5(coalesce(string_agg(md5(t::text), '' ORDER BY %s), ''))"
                " FROM %s t WHERE %s)",
                SQL(f"t.{order}") if order != "1" else SQL("t::text"),
                SQL.identifier(table),
                where or SQL("TRUE"),
            )

        for table, (order, owner, by_company) in sorted(self.tables.items()):
            parts[table] = digest(table, order)
            where = self._foreign(user, table, owner, by_company)
            if where is not None:
                parts[f"foreign:{table}"] = digest(table, order, where)
        for table in ("res_partner", "crm_lead", "sale_order", "mail_activity"):
            parts[table] = digest(table)
        for table in ("res_partner", "crm_lead", "sale_order"):
            # Whatever the rules let the user do, not in other companies.
            parts[f"foreign:{table}"] = digest(table, where=self._other_companies(user))
        for table in ("mail_message", "mail_followers", "ir_attachment"):
            parts[table] = SQL(
                "(SELECT count(*) || '/' || coalesce(max(id), 0) FROM %s)",
                SQL.identifier(table),
            )
        parts["calendar_event"] = digest("calendar_event")
        parts["invariant:trips approved by no administrator"] = SQL(
            "(SELECT count(*) FROM sales_trip WHERE state IN ('approved', 'done')"
            " AND (approved_by_id IS NULL OR NOT approved_by_id = ANY(%s)))",
            self.admin_uids,
        )
        self.env.cr.execute(SQL("SELECT %s", SQL(", ").join(parts.values())))
        snapshot = dict(zip(parts, self.env.cr.fetchone(), strict=True))
        if user == self.portal:
            # A portal user may change nothing at all.
            snapshot.update(
                {f"foreign:{k}": v for k, v in snapshot.items() if ":" not in k}
            )
        return snapshot

    def _attack(self, user, call):
        """Send one call; return its outcome and the defect found, if any:
        (name, message, where)."""
        before = self._snapshot(user)
        response = self._rpc(call)
        after = self._snapshot(user)
        type(self).calls_tried += 1
        changed = sorted(key for key in before if before[key] != after[key])
        if response.status_code != 200:
            return "defect", (f"HTTP {response.status_code}", response.text[:300], "")
        body = response.json()
        if "error" not in body:
            touched = [key for key in changed if ":" in key]
            if touched:
                return "defect", ("success that changed", touched, "")
            return "success", None
        data = body["error"].get("data") or {}
        error = {
            "name": data.get("name", ""),
            "message": str(data.get("message", body["error"].get("message"))),
            "debug": data.get("debug", ""),
        }
        if changed:
            return "defect", (f"{error['name']} that changed", changed, "")
        if error["name"] in CLEAN_ERRORS:
            return "refused", None
        reason = tolerated(call, error)
        if reason:
            return f"tolerated: {reason}", None
        frame = module_frame(error["debug"])
        where = f"{frame[1]}: {frame[2]}" if frame else ""
        return "defect", (error["name"], error["message"], where)

    def _fuzz(self, user, role, step, log):
        model, method, fname, examples = step

        def run(call):
            outcome, defect = self._attack(user, call)
            log["outcomes"][outcome] += 1
            if defect:
                name, message, where = defect
                key = (role, model, method, name, where or str(message)[:60])
                log["defects"].setdefault(key, (call, message, where))

        test = given(call=self._call(model, method, fname))(run)
        if role == "salesman":
            for call in self._explicit(model, method, fname):
                test = example(call=call)(test)
        settings(
            max_examples=examples,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )(test)()

    # -----------------------------------------------------------------------
    # Tests
    # -----------------------------------------------------------------------
    def test_hostile_calls(self):
        """Hostile calls of a salesperson, an accountant and a portal user
        are refused cleanly, or succeed only as the rules allow."""
        start = time.monotonic()
        log = {"outcomes": Counter(), "defects": {}}
        for user, role in (
            (self.salesman, "salesman"),
            (self.accountant, "accountant"),
            (self.portal, "portal"),
        ):
            self.authenticate(user.login, user.login)
            for step in self._plan(role):
                self._fuzz(user, role, step, log)
        _logger.info(
            "hostile RPC: %s calls tried, on %s methods of %s models, in %.0f s: %s",
            self.calls_tried,
            len(self.targets),
            len({model for model, _method in self.targets}),
            time.monotonic() - start,
            ", ".join(
                f"{n} {outcome}" for outcome, n in sorted(log["outcomes"].items())
            ),
        )
        self.assertGreaterEqual(self.calls_tried, MIN_CALLS)
        defects = [
            f"[{role}] {call['model']}.{call['method']}({short(call['args'])}, "
            f"{short(call['kwargs'], 200)})\n    -> {name}: {short(message, 300)}"
            + (f"\n    at {where}" if where else "")
            for (role, _model, _method, name, _key), (call, message, where) in sorted(
                log["defects"].items(), key=lambda item: item[0][:4]
            )
        ]
        self.assertFalse(defects, f"{len(defects)} defects:\n" + "\n".join(defects))

    def test_ill_typed_ids_are_refused_cleanly(self):
        """A client or contact person that is no id (a dict, a list, a text)
        is refused with a ValidationError, before the client is looked up;
        a portal user, who may create none of these, gets the AccessError.
        (A dict as the client of a new trip visit was a TypeError.)"""
        models = (
            "sales.trip.visit",
            "sales.daily.plan.line",
            "sales.client.list.line",
            "sales.contact.log",
        )
        for model in models:
            template = self._template(model)
            records = self.env[model].with_user(self.salesman)
            records.create(template)  # the template itself is fine
            own = records.browse(self.own_ids[model][:1])
            for fname in ("partner_id", "contact_person_id"):
                for value in ({"id": template["partner_id"]}, [1, "a"], "abc"):
                    with self.subTest(model=model, field=fname, value=value):
                        with self.assertRaises(ValidationError):
                            records.create({**template, fname: value})
                        with self.assertRaises(ValidationError):
                            own.write({fname: value})
                        with self.assertRaises(AccessError):
                            self.env[model].with_user(self.portal).create(
                                {**template, fname: value}
                            )

    def test_judge(self):
        """The judge of the calls flags a server error and a changed
        database, and a refused call leaves the database as it was."""
        self.authenticate(self.salesman.login, self.salesman.login)
        salesman = self.salesman
        log = self.env["sales.contact.log"].browse(self.own_ids["sales.contact.log"])
        topic = log.topic

        def probe(method):
            """The salesperson calls `method` as a method of the log."""
            with patch.object(
                type(self.env["sales.contact.log"]),
                "action_hostile_probe",
                method,
                create=True,
            ):
                return self._attack(
                    salesman,
                    make_call("sales.contact.log", "action_hostile_probe", [log.ids]),
                )

        # A Python error raised in the module is a defect.
        def broken(records):
            return {}["no such key"]

        outcome, defect = probe(broken)
        self.assertEqual((outcome, defect[0]), ("defect", "builtins.KeyError"))
        # So is an error raised in Odoo on what the module handed on with
        # super(); only one the module's code is not in at all is Odoo's own.
        call = make_call("sales.trip.visit", "create", [{"partner_id": {}}])
        debug = (
            "Traceback (most recent call last):\n"
            '  File "/odoo/http.py", line 1, in dispatch\n'
            "    result = call_kw()\n"
            '  File "/addons/sales_standard/models/sales_trip.py", line 2, in create\n'
            "    visits = super().create(vals_list)\n"
            '  File "/odoo/models.py", line 3, in create\n'
            "    hash(value)\n"
            "TypeError: unhashable type: 'dict'\n"
        )
        error = {"name": "builtins.TypeError", "message": "unhashable", "debug": debug}
        self.assertIsNone(tolerated(call, error))
        error["debug"] = re.sub(r".*sales_standard.*\n.*\n", "", debug)
        self.assertEqual(tolerated(call, error), "Odoo core")
        # A success that changes a row of a company the salesperson has no
        # access to is a defect, in a table with no owner too.
        rival_passport = (
            self.env["sales.client.passport"]
            .sudo()
            .search([("company_id", "=", self.rival_company.id)], limit=1)
        )
        self.assertTrue(rival_passport)

        def meddle(records):
            records.env.cr.execute(
                SQL(
                    "UPDATE sales_client_passport SET date_opened = date_opened - 1"
                    " WHERE id = %s",
                    rival_passport.id,
                )
            )
            return True

        outcome, defect = probe(meddle)
        self.assertEqual(
            (outcome, defect),
            (
                "defect",
                ("success that changed", ["foreign:sales_client_passport"], ""),
            ),
        )
        # A changed row shows in the snapshot.
        before = self._snapshot(salesman)
        self.env.cr.execute(
            "UPDATE sales_contact_log SET topic = topic || '!' WHERE id = %s", log.ids
        )
        self.assertNotEqual(before, self._snapshot(salesman))
        # A write refused by a constraint once it reached the database, and a
        # create refused so, are rolled back with the request's savepoint.
        before = self._snapshot(salesman)
        for call in (
            make_call(
                "sales.contact.log",
                "write",
                [log.ids, {"topic": "Rolled back", "next_contact_date": "2000-01-01"}],
            ),
            make_call(
                "sales.contact.log",
                "create",
                [
                    {
                        "partner_id": self.own["res.partner"].id,
                        "topic": "Refused",
                        "date": str(self.today),
                        "next_contact_date": "2000-01-01",
                    }
                ],
            ),
        ):
            self.assertEqual(self._attack(salesman, call), ("refused", None))
            self.assertEqual(before, self._snapshot(salesman))
        log.invalidate_recordset()
        self.assertEqual(log.topic, f"{topic}!")
