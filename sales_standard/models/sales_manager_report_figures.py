# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The registry of the head of sales' figures: Form 2.4 and the dashboard.

Each figure is defined once, by its model and domain. The same definition
gives its value for one manager (a grouped read, or a query built from the
domain), the records behind it (the drill-down), and the per-manager SQL of
the dashboard (built from the same domain by the ORM, never by hand), so
that a count and its records cannot drift apart.

A figure is one of:
- an aggregate of the records of ``model`` matching ``domain`` (``__count``
  by default, a sum, or two sums whose ratio is a percentage); figures that
  differ only by the value of one field (``where``) are read together;
- clients (``links``): the partners that the manager's records of one or more
  models point to, kept when they match ``clients``; it opens those partners;
- computed in Python (``ids`` for partners, ``value`` for a number), for the
  figures that are neither.
"""

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import NamedTuple

from odoo.tools import SQL


class Scope(NamedTuple):
    """Whose figures, for which period. No manager: every manager, for the
    dashboard's grouped SQL; no company: every company."""

    manager_id: int | None
    company_id: int | None
    date_from: object
    date_to: object

    @property
    def bounds(self):
        """The period as datetimes: [start of its first day, start of the
        day after its last day)."""
        return (
            datetime.combine(self.date_from, time.min),
            datetime.combine(self.date_to + timedelta(days=1), time.min),
        )


class Link(NamedTuple):
    """Records of a model that tie a manager to clients: the manager is in
    ``manager``, the client in ``partner`` (a field or a many2one path)."""

    model: str
    partner: str
    domain: Callable
    manager: str = "user_id"


class Figure(NamedTuple):
    key: str
    label: str
    kind: str = "count"  # count, amount, days, percent
    model: str = "res.partner"
    domain: Callable | None = None  # (env, scope) -> domain, manager left out
    manager: str = "user_id"  # the field of `model` holding the manager
    aggregate: tuple = ("__count",)  # two sums for a percentage
    where: tuple = ()  # (field, value): one value of a grouped read
    share: bool = False  # percent of the records of domain that are `where`
    links: tuple = ()  # clients: the records tying them to the manager
    clients: Callable | None = None  # (env, scope) -> domain on res.partner
    ids: Callable | None = None  # (env, scope, cache) -> {partner id}
    value: Callable | None = None  # (env, scope, cache) -> number
    form: bool = True  # in Form 2.4; else on the dashboard only
    available: Callable | None = None  # (env) -> whether it applies

    def is_available(self, env):
        return not self.available or self.available(env)


CONTACT_FIGURES = ["letter", "email", "call_in", "call_out", "meeting", "visit"]


# ----------------------------------------------------------------------
# Domains
# ----------------------------------------------------------------------
def _company(scope, field="company_id", or_none=False):
    if not scope.company_id:
        return []
    if or_none:
        return [(field, "in", [scope.company_id, False])]
    return [(field, "=", scope.company_id)]


def _days(scope, field):
    return [(field, ">=", scope.date_from), (field, "<=", scope.date_to)]


def _moments(scope, field):
    start, end = scope.bounds
    return [(field, ">=", start), (field, "<", end)]


def contacts_domain(env, scope):
    """The contacts of the period: entries that are contacts (one flag, the
    same everywhere), not deal milestones."""
    return [*_company(scope), *_days(scope, "date"), ("is_contact", "=", True)]


def followups_domain(env, scope):
    """The client follow-ups open at the end of the period's last day:
    planned by then (by an entry of that day or before, or, planned by hand,
    created by then), and still open then."""
    # "Planned by an entry dated by then" is written as "by an entry not
    # dated after then": the entries after the period are a few days' worth,
    # a small set PostgreSQL hashes, where the entries up to it are the
    # whole log (a million rows at the large size: a subplan estimated in
    # the billions, which JIT-compiled the query for half a second).
    return [
        ("res_model", "=", "res.partner"),
        ("activity_type_id.category", "=", "sales_contact_log"),
        "|",
        "&",
        ("sales_contact_log_id", "!=", False),
        ("sales_contact_log_id", "not any", [("date", ">", scope.date_to)]),
        "&",
        ("sales_contact_log_id", "=", False),
        ("create_date", "<", scope.bounds[1]),
        "|",
        ("active", "=", True),
        ("date_done", ">", scope.date_to),
    ]


def _overdue_clients(env, scope):
    return [*followups_domain(env, scope), ("date_deadline", "<=", scope.date_to)]


def _overdue_now(env, scope):
    return [
        ("res_model", "=", "res.partner"),
        ("activity_type_id.category", "=", "sales_contact_log"),
        ("active", "=", True),
        ("date_deadline", "<", scope.date_to),
    ]


def _contacted_by_then(env, scope):
    return [*_company(scope), ("date", "<=", scope.date_to), ("is_contact", "=", True)]


def _unplanned_clients(env, scope):
    """Active clients whom no one has planned a next contact with."""
    planned = _records(env, "mail.activity")._search(followups_domain(env, scope))
    return [
        ("active", "=", True),
        ("id", "not in", planned.subselect(SQL.identifier(planned.table, "res_id"))),
    ]


def _untyped_clients(env, scope):
    """The active cards that need a client type: the partners' own filter."""
    return [("sales_needs_type", "=", True), ("active", "=", True)]


def _new_clients(env, scope, cache):
    """Clients whose card was opened in the period by a contact of the
    manager: the card's date is the manager's first contact with them in
    the period."""
    contacted = _contacted(env, scope, cache)
    if not contacted:
        return set()
    return {
        partner.id
        for partner in _records(env, "res.partner").search_fetch(
            [("id", "in", list(contacted))], ["client_card_date"]
        )
        if partner.client_card_date == contacted[partner.id]
    }


def _followup_delay(env, scope, cache):
    """Average delay in days of the contacts made in the period after the
    next contact date their previous entry had planned."""
    contacted = _contacted(env, scope, cache)
    if not contacted:
        return 0.0
    logs = _records(env, "sales.contact.log").search_fetch(
        [
            ("user_id", "=", scope.manager_id),
            *_company(scope),
            ("partner_id", "in", list(contacted)),
            ("date", "<=", scope.date_to),
            ("is_contact", "=", True),
        ],
        ["partner_id", "date", "next_contact_date"],
        order="partner_id, date, id",
    )
    delays = []
    previous = {}
    for log in logs:
        planned = previous.get(log.partner_id.id)
        if planned and log.date >= scope.date_from:
            delays.append(max(0, (log.date - planned).days))
        previous[log.partner_id.id] = log.next_contact_date
    return round(sum(delays) / len(delays), 1) if delays else 0.0


def _contacted(env, scope, cache):
    """{client id: first contact of the period}, read once per scope."""
    if "contacted" not in cache:
        rows = _records(env, "sales.contact.log")._read_group(
            [("user_id", "=", scope.manager_id), *contacts_domain(env, scope)],
            ["partner_id"],
            ["date:min"],
        )
        cache["contacted"] = {partner.id: first for partner, first in rows}
    return cache["contacted"]


def _has_shipments(env):
    return "stock.picking" in env and "sale_id" in env["stock.picking"]


def _orders(env, scope):
    return [
        *_company(scope),
        ("state", "=", "sale"),
        *_moments(scope, "date_order"),
    ]


def _orders_amount(env, scope, cache):
    """The untaxed amount of the period's orders in the company's currency:
    each order converted at its own rate, as Odoo's sales analysis does (an
    order in another currency is not summed as if it were roubles)."""
    manager = [("user_id", "=", scope.manager_id)] if scope.manager_id else []
    rows = _records(env, "sale.order")._read_group(
        [*manager, *_orders(env, scope)], ["currency_rate"], ["amount_untaxed:sum"]
    )
    return sum(amount / (rate or 1.0) for rate, amount in rows)


# ----------------------------------------------------------------------
# The registry
# ----------------------------------------------------------------------
FIGURE_LIST = [
    *(
        Figure(
            f"contacts_{form}",
            label,
            model="sales.contact.log",
            domain=contacts_domain,
            where=("contact_form", form),
        )
        for form, label in zip(
            CONTACT_FIGURES,
            (
                "Contacts: letters",
                "Contacts: emails",
                "Contacts: calls from clients",
                "Contacts: calls to clients",
                "Contacts: meetings",
                "Contacts: visits",
            ),
            strict=True,
        )
    ),
    # The contacts that Odoo captured by itself (emails, meetings, calls),
    # whatever their form, and their share of all the contacts.
    Figure(
        "contacts_captured",
        "Contacts: of which captured by Odoo",
        model="sales.contact.log",
        domain=contacts_domain,
        where=("is_captured", True),
    ),
    Figure(
        "contacts_captured_share",
        "Contacts: share captured by Odoo (%)",
        "percent",
        model="sales.contact.log",
        domain=contacts_domain,
        where=("is_captured", True),
        share=True,
    ),
    Figure("new_clients", "New client cards", ids=_new_clients),
    Figure(
        "requests",
        "Requests received",
        model="crm.lead",
        domain=lambda env, s: [
            *_company(s, or_none=True),
            *_moments(s, "create_date"),
        ],
    ),
    Figure(
        "offers",
        "Commercial offers sent",
        model="sale.order",
        domain=lambda env, s: [
            *_company(s),
            *_moments(s, "create_date"),
            ("state", "in", ("sent", "sale")),
        ],
    ),
    Figure("orders", "Orders", model="sale.order", domain=_orders),
    Figure(
        "orders_amount",
        "Orders: amount",
        "amount",
        model="sale.order",
        domain=_orders,
        aggregate=("amount_untaxed:sum",),
        value=_orders_amount,
    ),
    Figure(
        "payments",
        "Payments received",
        "amount",
        model="sales.payment.analysis",
        domain=lambda env, s: [*_company(s), *_days(s, "date")],
        aggregate=("amount:sum",),
    ),
    Figure(
        "shipments",
        "Shipments",
        model="stock.picking",
        manager="sale_id.user_id",
        domain=lambda env, s: [
            *_company(s),
            ("picking_type_code", "=", "outgoing"),
            ("state", "=", "done"),
            *_moments(s, "date_done"),
        ],
        available=_has_shipments,
    ),
    Figure(
        "overdue_clients",
        "Clients overdue for contact at the end of the period",
        links=(Link("mail.activity", "res_id", _overdue_clients),),
    ),
    Figure(
        "unplanned_clients",
        "Clients with no planned contact",
        links=(Link("sales.contact.log", "partner_id", _contacted_by_then),),
        clients=_unplanned_clients,
    ),
    Figure(
        "followup_delay",
        "Average delay of the follow-ups made (days)",
        "days",
        model="sales.contact.log",
        domain=contacts_domain,
        value=_followup_delay,
    ),
    Figure(
        "plan_completion",
        "Daily plan completion (%)",
        "percent",
        model="sales.daily.plan",
        domain=lambda env, s: [*_company(s), *_days(s, "date")],
        aggregate=("done_count:sum", "line_count:sum"),
    ),
    Figure(
        "trips",
        "Business trips made",
        model="sales.trip",
        domain=lambda env, s: [
            *_company(s),
            ("state", "=", "done"),
            *_days(s, "date_to"),
        ],
    ),
    # The head of sales' dashboard only.
    Figure(
        "contacts",
        "Contacts",
        model="sales.contact.log",
        domain=contacts_domain,
        form=False,
    ),
    Figure(
        "overdue_followups",
        "Overdue follow-ups",
        links=(Link("mail.activity", "res_id", _overdue_now),),
        form=False,
    ),
    Figure(
        "untyped_clients",
        "Cards without a type",
        # The manager's clients: cards with sales activity of the manager
        # (an entry of the contact log, a quotation or an order, a request).
        links=(
            Link("sales.contact.log", "partner_id", lambda env, s: _company(s)),
            Link(
                "sale.order",
                "partner_id.commercial_partner_id",
                lambda env, s: _company(s),
            ),
            Link(
                "crm.lead",
                "partner_id.commercial_partner_id",
                lambda env, s: [
                    *_company(s, or_none=True),
                    ("partner_id", "!=", False),
                ],
            ),
        ),
        clients=_untyped_clients,
        form=False,
    ),
]
REGISTRY = {figure.key: figure for figure in FIGURE_LIST}
# key, label, kind of the figures of Form 2.4, in their order.
FIGURES = [(f.key, f.label, f.kind) for f in FIGURE_LIST if f.form]
FIGURE_KINDS = {key: kind for key, _label, kind in FIGURES}


# ----------------------------------------------------------------------
# Evaluation: one manager
# ----------------------------------------------------------------------
def _records(env, model):
    """The figures count every record, whoever reads them."""
    return env[model].sudo().with_context(active_test=False)


def _manager(figure, scope):
    return [(figure.manager, "=", scope.manager_id)] if scope.manager_id else []


def figure_domain(env, figure, scope):
    """The domain of the records behind an aggregate figure (of a share:
    all the records it is a share of)."""
    where = (
        [(figure.where[0], "=", figure.where[1])]
        if figure.where and not figure.share
        else []
    )
    return [*_manager(figure, scope), *figure.domain(env, scope), *where]


def _combine(figure, values, by_group=None):
    if figure.share:
        whole = sum(group.get("__count", 0) for group in by_group.values())
        part = by_group.get(figure.where[1], {}).get("__count", 0)
        return 100.0 * part / whole if whole else 0.0
    if figure.kind == "percent":
        done, planned = values
        return 100.0 * (done or 0) / planned if planned else 0.0
    return values[0] or 0


def evaluate(env, scope, keys=None):
    """{key: value} of the figures of one manager in one period (those of
    Form 2.4, or the given keys): one grouped read per model and domain, one
    query per figure of clients."""
    figures = [
        figure
        for figure in FIGURE_LIST
        if (figure.form if keys is None else figure.key in keys)
        and figure.is_available(env)
    ]
    result = {}
    cache = {}
    batches = defaultdict(list)
    for figure in figures:
        if figure.value:
            result[figure.key] = figure.value(env, scope, cache)
        elif figure.ids or figure.links:
            result[figure.key] = len(client_ids(env, figure, scope, cache))
        else:
            group = figure.where[0] if figure.where else None
            batches[figure.model, figure.manager, figure.domain, group].append(figure)
    for (model, _manager_field, domain, group), members in batches.items():
        aggregates = list(dict.fromkeys(a for f in members for a in f.aggregate))
        rows = _records(env, model)._read_group(
            [*_manager(members[0], scope), *domain(env, scope)],
            [group] if group else [],
            aggregates,
        )
        by_group = {
            (row[0] if group else None): dict(
                zip(aggregates, row[bool(group) :], strict=True)
            )
            for row in rows
        }
        for figure in members:
            values = by_group.get(figure.where[1] if group else None, {})
            result[figure.key] = _combine(
                figure, [values.get(a, 0) for a in figure.aggregate], by_group
            )
    return result


def client_ids(env, figure, scope, cache=None):
    """{partner id} of a figure of clients, for one manager."""
    if figure.ids:
        return figure.ids(env, scope, {} if cache is None else cache)
    rows = env.execute_query(
        SQL(
            "SELECT DISTINCT link.partner_id FROM (%s) link",
            clients_sql(env, figure, scope),
        )
    )
    return {partner_id for [partner_id] in rows}


def figure_action(env, figure, scope):
    """(model, domain) of the records behind a figure, for one manager."""
    if figure.ids or figure.links:
        return "res.partner", [("id", "in", sorted(client_ids(env, figure, scope)))]
    return figure.model, figure_domain(env, figure, scope)


# ----------------------------------------------------------------------
# SQL built from the same domains: every manager at once
# ----------------------------------------------------------------------
def _path_sql(model, query, path):
    """The SQL of a field or a many2one path of `model` in `query`."""
    alias = query.table
    *steps, fname = path.split(".")
    for step in steps:
        comodel = model.env[model._fields[step].comodel_name]
        alias = query.left_join(alias, step, comodel._table, "id", step)
        model = comodel
    return model._field_to_sql(alias, fname, query)


def clients_sql(env, figure, scope):
    """SELECT user_id, partner_id: the clients of a figure, with the manager
    each one is tied to (of the scope, or every manager)."""
    parts = []
    for link in figure.links:
        model = _records(env, link.model)
        domain = link.domain(env, scope)
        if scope.manager_id:
            domain = [(link.manager, "=", scope.manager_id), *domain]
        query = model._search(domain)
        parts.append(
            SQL(
                "(%s)",
                query.select(
                    SQL("%s AS user_id", _path_sql(model, query, link.manager)),
                    SQL("%s AS partner_id", _path_sql(model, query, link.partner)),
                ),
            )
        )
    links = SQL(" UNION ALL ").join(parts)
    if not figure.clients:
        return links
    partners = _records(env, "res.partner")._search(figure.clients(env, scope))
    return SQL(
        "SELECT link.user_id, link.partner_id FROM (%s) link"
        " WHERE link.partner_id IN %s",
        links,
        partners.subselect(),
    )


def dashboard_sql(env, figure, scope):
    """SELECT user_id, value: the figure of every manager, in one query."""
    if figure.links:
        return SQL(
            "SELECT link.user_id, COUNT(DISTINCT link.partner_id) AS value"
            " FROM (%s) link GROUP BY link.user_id",
            clients_sql(env, figure, scope),
        )
    assert not (figure.ids or figure.value), f"{figure.key}: no SQL form"
    model = _records(env, figure.model)
    query = model._search(figure_domain(env, figure, scope))
    manager = _path_sql(model, query, figure.manager)
    query.groupby = manager
    aggregates = [model._read_group_select(a, query) for a in figure.aggregate]
    if figure.share:
        fname, wanted = figure.where
        part = model._condition_to_sql(query.table, fname, "=", wanted, query)
        value = SQL(
            "CASE WHEN COUNT(*) > 0"
            " THEN 100.0 * COUNT(*) FILTER (WHERE %s) / COUNT(*) ELSE 0 END",
            part,
        )
    elif figure.kind == "percent":
        done, planned = aggregates
        value = SQL(
            "CASE WHEN %s > 0 THEN 100.0 * %s / %s ELSE 0 END",
            planned,
            done,
            planned,
        )
    else:
        value = aggregates[0]
    return query.select(SQL("%s AS user_id", manager), SQL("%s AS value", value))
