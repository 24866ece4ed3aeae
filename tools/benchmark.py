# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Scale data and the benchmark of the module's hot paths.

``build(env, size)`` fills a database with clients, contacts, follow-ups,
orders, passports and the managers' CRM opportunities in batched SQL (the
ORM's per-record work is not what is measured); ``run(env, size)`` times
each hot path through the ORM, next to a hand-written SQL query giving the
same answer, its lower bound on this machine, and checks that the two
answers agree; beside three of them, the same work done Odoo's own way (4n,
6n, 7n), whose time the module's row is compared with ("vs native").
Driven by ``tools/bench`` (``main``); the small size runs in the test suite
(tools/tests/test_benchmark.py, in the first phase of tools/test).

It lives in tools/, not in the addon: nothing of it ships. It is imported as
``benchmark`` with tools/ on the path, which tools/bench and tools/test set.
"""

import json
import os
import platform
import resource
import statistics
import time
from contextlib import contextmanager, nullcontext
from datetime import timedelta
from decimal import Decimal

from freezegun import freeze_time
from lxml import etree

from odoo import fields
from odoo.tools import SQL

from odoo.addons.sales_standard.models.sales_manager_report import CONTACT_FIGURES

SIZES = {
    # clients, contact-log entries, managers, regions, orders
    "small": {"clients": 300, "logs": 3000, "managers": 5, "regions": 3, "orders": 60},
    "medium": {
        "clients": 10000,
        "logs": 100000,
        "managers": 50,
        "regions": 20,
        "orders": 2000,
    },
    "large": {
        "clients": 100000,
        "logs": 1000000,
        "managers": 200,
        "regions": 50,
        "orders": 20000,
    },
}
PREFIX = "Bench"
# Opportunities of each manager in the CRM pipeline, for Odoo's own list
# page (4n): a full first page of 80 and more.
LEADS_PER_MANAGER = 100
# The limit of an x2many's rows that the web client reads in a form.
X2MANY_LIMIT = 40
MARKER = "sales_standard.benchmark_size"
# The hour (UTC) of the day the benchmark runs at, as the morning cron would.
MORNING = "09:00:00"


def build(env, size):
    """Fill the database with the data of `size`, once."""
    spec = SIZES[size]
    params = env["ir.config_parameter"].sudo()
    if params.get_param(MARKER) == size:
        # A database built before the passports and the order lines existed
        # gets them now; so does one built before the opportunities.
        return any([_build_passports(env), _build_order_lines(env), _build_leads(env)])
    if params.get_param(MARKER):
        raise ValueError(f"this database holds the {params.get_param(MARKER)} data")
    cr = env.cr
    company = env.company
    today = fields.Date.context_today(env["res.partner"])
    group = env.ref("sales_team.group_sale_salesman")
    managers = (
        env["res.users"]
        .with_context(no_reset_password=True, mail_create_nolog=True)
        .create(
            [
                {
                    "name": f"{PREFIX} Manager {index}",
                    "login": f"bench_manager_{index}",
                    "tz": "UTC",
                    "groups_id": [(6, 0, [group.id])],
                }
                for index in range(spec["managers"])
            ]
        )
    )
    regions = env["sales.region"].create(
        [{"name": f"{PREFIX} Region {index}"} for index in range(spec["regions"])]
    )
    industries = env["res.partner.industry"].search([], limit=10).ids or [None]
    cr.execute(
        SQL(
            """
            INSERT INTO res_partner (
                name, complete_name, active, is_company, type, autopost_bills,
                client_type, sales_region_id, user_id, industry_id,
                create_uid, write_uid, create_date, write_date)
            SELECT %(prefix)s || ' Client ' || n, %(prefix)s || ' Client ' || n,
                   TRUE, TRUE, 'contact', 'ask',
                   (ARRAY['dealer', 'intermediary', 'end_consumer',
                          'intermediate_consumer'])[1 + mod(n, 4)],
                   (%(regions)s::int[])[1 + mod(n, %(region_count)s)],
                   (%(managers)s::int[])[1 + mod(n, %(manager_count)s)],
                   (%(industries)s::int[])[1 + mod(n, %(industry_count)s)],
                   1, 1, now(), now()
              FROM generate_series(1, %(clients)s) n
            """,
            prefix=PREFIX,
            regions=regions.ids,
            region_count=len(regions),
            managers=managers.ids,
            manager_count=len(managers),
            industries=industries,
            industry_count=len(industries),
            clients=spec["clients"],
        )
    )
    cr.execute(
        SQL(
            "UPDATE res_partner SET commercial_partner_id = id "
            "WHERE commercial_partner_id IS NULL AND name LIKE %s",
            f"{PREFIX} Client %",
        )
    )
    # A year of contacts, newest last; each client's follow-up due within a
    # month either side of today.
    cr.execute(
        SQL(
            """
            CREATE TEMPORARY TABLE bench_client ON COMMIT DROP AS
            SELECT id, user_id, sales_region_id,
                   row_number() OVER (ORDER BY id) AS n
              FROM res_partner
             WHERE name LIKE %(pattern)s AND is_company;
            CREATE UNIQUE INDEX ON bench_client (n);
            ANALYZE bench_client;
            INSERT INTO sales_contact_log (
                partner_id, user_id, company_id, region_id, date, contact_form,
                topic, result, is_contact, create_uid, write_uid, create_date,
                write_date)
            SELECT client.id, client.user_id, %(company)s, client.sales_region_id,
                   %(today)s::date - (364 - (g::bigint * 365 / %(logs)s))::int,
                   (ARRAY['letter', 'email', 'call_in', 'call_out', 'meeting',
                          'visit'])[1 + mod(g, 6)],
                   'Benchmark contact ' || g, 'Result ' || g, TRUE,
                   1, 1, now(), now()
              FROM generate_series(0, %(logs)s - 1) g
              JOIN bench_client client
                ON client.n = 1 + mod(g::bigint * 7919, %(clients)s);
            INSERT INTO mail_activity (
                res_model_id, res_model, res_id, activity_type_id, user_id,
                date_deadline, summary, active, create_uid, write_uid,
                create_date, write_date)
            SELECT %(model)s, 'res.partner', client.id, %(type)s, client.user_id,
                   %(today)s::date + (mod(client.n * 7919, 61) - 30)::int,
                   'Benchmark follow-up', TRUE, 1, 1,
                   -- Planned two months ago: open in every period reviewed.
                   %(today)s::date - 60, %(today)s::date - 60
              FROM bench_client client;
            UPDATE res_partner partner
               SET next_contact_date = activity.date_deadline
              FROM mail_activity activity
             WHERE activity.res_model = 'res.partner'
               AND activity.res_id = partner.id
               AND activity.summary = 'Benchmark follow-up';
            UPDATE res_partner partner
               SET last_contact_date = log.last_date,
                   client_card_date = log.first_date
              FROM (SELECT partner_id, MAX(date) AS last_date,
                           MIN(date) AS first_date
                      FROM sales_contact_log GROUP BY partner_id) log
             WHERE log.partner_id = partner.id
               AND partner.name LIKE %(pattern)s;
            INSERT INTO sale_order (
                name, partner_id, partner_invoice_id, partner_shipping_id,
                user_id, company_id, currency_id, date_order, state,
                amount_untaxed, amount_tax, amount_total, currency_rate,
                create_uid, write_uid, create_date, write_date)
            SELECT %(prefix)s || '/' || g, client.id, client.id, client.id,
                   client.user_id, %(company)s, %(currency)s,
                   %(today)s::date - (mod(g, 500))::int + interval '10 hours',
                   'sale', 1000 + mod(g, 9000), 0, 1000 + mod(g, 9000), 1,
                   1, 1, now(), now()
              FROM generate_series(1, %(orders)s) g
              JOIN bench_client client
                ON client.n = 1 + mod(g::bigint * 104729, %(clients)s);
            """,
            pattern=f"{PREFIX} Client %",
            company=company.id,
            currency=company.currency_id.id,
            today=today,
            logs=spec["logs"],
            clients=spec["clients"],
            orders=spec["orders"],
            prefix=PREFIX,
            model=env["ir.model"]._get_id("res.partner"),
            type=env.ref("sales_standard.mail_activity_type_next_contact").id,
        )
    )
    _build_passports(env)
    _build_order_lines(env)
    _build_leads(env)
    cr.execute("ANALYZE")
    params.set_param(MARKER, size)
    env.invalidate_all()
    return True


def _build_passports(env):
    """A passport for every client with contacts, holding its meetings and
    calls as records of negotiations; once.

    :return: whether passports were added
    """
    cr = env.cr
    cr.execute("SELECT 1 FROM sales_client_passport LIMIT 1")
    if cr.fetchone():
        return False
    cr.execute(
        SQL(
            """
            INSERT INTO sales_client_passport (
                partner_id, company_id, date_opened,
                create_uid, create_date, write_uid, write_date)
            SELECT log.partner_id, log.company_id, MIN(log.date),
                   %(uid)s, now(), %(uid)s, now()
              FROM sales_contact_log log
             GROUP BY log.partner_id, log.company_id
                ON CONFLICT DO NOTHING;
            INSERT INTO sales_client_passport_document (
                passport_id, partner_id, company_id, date, moment, doc_type, name,
                res_model, res_id, log_id, lead_id, sale_order_id, source_state,
                create_uid, create_date, write_uid, write_date)
            SELECT passport.id, log.partner_id, log.company_id, log.date,
                   log.date::timestamp, 'negotiation', log.topic,
                   'sales.contact.log', log.id, log.id,
                   log.lead_id, log.sale_order_id, 'valid',
                   %(uid)s, now(), %(uid)s, now()
              FROM sales_contact_log log
              JOIN sales_client_passport passport
                ON passport.partner_id = log.partner_id
               AND passport.company_id = log.company_id
             WHERE log.contact_form IN ('meeting', 'call_in', 'call_out')
                ON CONFLICT DO NOTHING;
            """,
            uid=env.uid,
        )
    )
    cr.execute("ANALYZE sales_client_passport_document")
    env.invalidate_all()
    return True


def _build_order_lines(env):
    """One line for each benchmark order, of its whole amount, once: Odoo's
    sales report, which the managers' figures read, counts orders by their
    lines.

    :return: whether lines were added
    """
    cr = env.cr
    cr.execute(
        SQL(
            "SELECT 1 FROM sale_order_line line "
            "JOIN sale_order so ON so.id = line.order_id "
            "WHERE so.name LIKE %s LIMIT 1",
            f"{PREFIX}/%",
        )
    )
    if cr.fetchone():
        return False
    product = env["product.product"].search([("default_code", "=", "BENCH")])
    if not product:
        product = env["product.product"].create(
            {"name": f"{PREFIX} Pump", "default_code": "BENCH", "type": "consu"}
        )
    cr.execute(
        SQL(
            """
            INSERT INTO sale_order_line (
                order_id, sequence, name, product_id, product_uom,
                product_uom_qty, price_unit, discount, price_subtotal,
                price_tax, price_total, price_reduce_taxexcl,
                price_reduce_taxinc, customer_lead, qty_delivered,
                qty_invoiced, qty_to_invoice, untaxed_amount_invoiced,
                untaxed_amount_to_invoice, state, invoice_status,
                company_id, currency_id, order_partner_id, salesman_id,
                create_uid, create_date, write_uid, write_date)
            SELECT so.id, 10, %(name)s, %(product)s, %(uom)s,
                   1, so.amount_untaxed, 0, so.amount_untaxed,
                   0, so.amount_untaxed, so.amount_untaxed,
                   so.amount_untaxed, 0, 0,
                   0, 1, 0,
                   so.amount_untaxed, 'sale', 'to invoice',
                   so.company_id, so.currency_id, so.partner_id, so.user_id,
                   %(uid)s, now(), %(uid)s, now()
              FROM sale_order so
             WHERE so.name LIKE %(pattern)s
            """,
            name=product.display_name,
            product=product.id,
            uom=product.uom_id.id,
            uid=env.uid,
            pattern=f"{PREFIX}/%",
        )
    )
    cr.execute("ANALYZE sale_order_line")
    env.invalidate_all()
    return True


def _build_leads(env):
    """`LEADS_PER_MANAGER` opportunities of each benchmark manager in Odoo's
    CRM pipeline, on the manager's own clients in turn, in the first stages,
    once: the data of Odoo's own list page (path 4n).

    :return: whether opportunities were added
    """
    cr = env.cr
    cr.execute(
        SQL("SELECT 1 FROM crm_lead WHERE name LIKE %s LIMIT 1", f"{PREFIX} Deal %")
    )
    if cr.fetchone():
        return False
    team = env["crm.team"].search([], order="sequence, id", limit=1)
    stages = env["crm.stage"].search([("is_won", "=", False)], order="sequence, id")
    cr.execute(
        SQL(
            """
            WITH client AS (
                SELECT id, user_id, email, phone,
                       row_number() OVER (PARTITION BY user_id ORDER BY id) AS n,
                       COUNT(*) OVER (PARTITION BY user_id) AS clients
                  FROM res_partner
                 WHERE name LIKE %(pattern)s AND is_company
            )
            INSERT INTO crm_lead (
                name, type, active, user_id, team_id, company_id, stage_id,
                partner_id, contact_name, partner_name, email_from, phone,
                priority, probability, automated_probability,
                expected_revenue, prorated_revenue, date_open,
                date_last_stage_update, create_uid, write_uid, create_date,
                write_date)
            SELECT %(prefix)s || ' Deal ' || users.id || '/' || g, 'opportunity',
                   TRUE, users.id, %(team)s, %(company)s,
                   (%(stages)s::int[])[1 + mod(g, %(stage_count)s)],
                   client.id, 'Buyer ' || g, %(prefix)s || ' Client ' || client.id,
                   client.email, client.phone, mod(g, 4)::text, 10 + mod(g, 80),
                   10 + mod(g, 80), 1000 * g, 10 * g * (10 + mod(g, 80)),
                   now() - interval '1 day' * g, now() - interval '1 day' * g,
                   1, 1, now(), now()
              FROM res_users users
              JOIN generate_series(1, %(leads)s) g ON TRUE
              JOIN client ON client.user_id = users.id
                         AND client.n = 1 + mod(g - 1, client.clients)
             WHERE users.id = ANY(%(managers)s)
            """,
            pattern=f"{PREFIX} Client %",
            prefix=PREFIX,
            team=team.id or None,
            company=env.company.id,
            stages=stages.ids or [None],
            stage_count=len(stages) or 1,
            leads=LEADS_PER_MANAGER,
            managers=env["res.users"]
            .search([("login", "=like", "bench_manager_%")])
            .ids,
        )
    )
    cr.execute("ANALYZE crm_lead")
    env.invalidate_all()
    return True


def _clock():
    """Seconds on a monotonic clock. Not ``time.perf_counter``: freezegun,
    which pins the benchmark's day, stops that one."""
    return time.clock_gettime(time.CLOCK_MONOTONIC)


def _measure(env, function, runs, writes=False, setup=None, answer=None):
    """Median and spread (max - min) in ms of `runs` calls after a warm-up
    call, the queries of one call, and `answer(result)` of the last call,
    taken untimed (for a write path, before its rollback). A write path runs
    in a savepoint rolled back after each call; `setup` prepares its data
    there, untimed."""
    timings = []
    queries = 0
    answered = None
    for index in range(runs + 1):
        savepoint = env.cr.savepoint(flush=False) if writes else nullcontext()
        with savepoint:
            argument = setup() if setup else None
            env.flush_all()
            env.invalidate_all()
            before = env.cr.sql_log_count
            start = _clock()
            result = function(argument) if setup else function()
            env.flush_all()
            elapsed = (_clock() - start) * 1000
            count = env.cr.sql_log_count - before
            if index == runs:
                answered = answer(result) if answer else result
            if writes:
                savepoint.rollback()
        env.invalidate_all()
        if index:
            timings.append(elapsed)
            queries = count
    return statistics.median(timings), max(timings) - min(timings), queries, answered


class Disagreement(AssertionError):
    """A path's ORM call and its SQL bound gave different answers."""

    def __init__(self, path, orm, sql):
        super().__init__(
            f"path {path!r}: the ORM and its SQL bound disagree: "
            f"{_difference(orm, sql)}"
        )


def _difference(orm, sql, shown=5):
    """What differs between two answers, briefly."""
    if isinstance(orm, dict) and isinstance(sql, dict):
        keys = sorted(set(orm) | set(sql), key=str)
        return "; ".join(
            f"{key}: ORM {orm.get(key)!r}, SQL {sql.get(key)!r}"
            for key in keys
            if orm.get(key) != sql.get(key)
        )
    if isinstance(orm, list | tuple) and isinstance(sql, list | tuple):
        only_orm = [item for item in orm if item not in sql]
        only_sql = [item for item in sql if item not in orm]
        text = f"{len(orm)} items from the ORM, {len(sql)} from SQL"
        if only_orm:
            text += f"; only from the ORM: {only_orm[:shown]!r}"
        if only_sql:
            text += f"; only from SQL: {only_sql[:shown]!r}"
        if not only_orm and not only_sql:
            text += "; the same items in another order or number"
        return text
    return f"ORM {orm!r}, SQL {sql!r}"


class Path:
    """A hot path: the ORM call, and the SQL lower bound giving the same
    answer.

    `orm_answer` and `sql_answer` turn what each call returns into plain
    values (ids, counts, rounded figures) that must be equal. `size` tells
    how many records the answer holds (by default its length): it is
    reported, so that a path that does nothing shows. `sql_setup` prepares
    the SQL bound's data, untimed, as `setup` does the ORM's. `native`
    names the path of Odoo's own analogue (its first word, "7n"), whose
    time the row compares with.
    """

    def __init__(
        self,
        env,
        name,
        orm,
        sql,
        orm_answer=None,
        sql_answer=None,
        writes=False,
        setup=None,
        unit=None,
        size=len,
        sql_setup=None,
        native=None,
    ):
        self.env = env
        self.name = name
        self.orm = orm
        self.sql = sql
        self.orm_answer = orm_answer
        self.sql_answer = sql_answer
        self.writes = writes
        self.setup = setup
        self.unit = unit
        self.size = size
        self.sql_setup = sql_setup
        self.native = native

    def measure(self, runs):
        """Time both, check that they agree (raise `Disagreement` if not),
        and return the row of the table."""
        median, spread, queries, orm_answer = _measure(
            self.env, self.orm, runs, self.writes, self.setup, self.orm_answer
        )
        sql_median, _spread, _queries, sql_answer = _measure(
            self.env,
            self.sql,
            runs,
            self.writes,
            self.sql_setup,
            answer=self.sql_answer,
        )
        if orm_answer != sql_answer:
            raise Disagreement(self.name, orm_answer, sql_answer)
        row = {
            "path": self.name,
            "median_ms": round(median, 1),
            "spread_ms": round(spread, 1),
            "sql_ms": round(sql_median, 3),
            "ratio": round(median / sql_median, 1) if sql_median else None,
            "queries": queries,
            "answer": self.size(orm_answer),
        }
        if self.unit:
            row["per_second"] = round(self.unit * 1000 / median) if median else None
        if self.native:
            row["native"] = self.native
        return row


def _rows(rows):
    """Rows from the database or the ORM as sorted tuples, amounts rounded
    to the cent (the ORM gives floats, PostgreSQL decimals)."""
    return sorted(
        (
            tuple(
                round(float(value), 2) if isinstance(value, float | Decimal) else value
                for value in row
            )
            for row in rows
        ),
        key=repr,
    )


class _Context:
    """What the paths share: the database, today, the managers, the head."""

    def __init__(self, env):
        self.env = env
        self.today = fields.Date.context_today(env["res.partner"])
        self.managers = env["res.users"].search(
            [("login", "=like", "bench_manager_%")], order="id"
        )
        self.manager = self.managers.filtered(
            lambda user: user.login == "bench_manager_0"
        )
        self.head = env.ref("base.user_admin")
        self.company = env.company


def view_spec(model, view_type, view=None):
    """What the web client asks `web_read` or `web_search_read` for when it
    shows the view (its `get_views`, as `model`'s user): every field of the
    arch, hidden or optional ones too; the name of a many2one; the fields of
    an x2many's own list or kanban, its first `X2MANY_LIMIT` rows; the
    names of the other x2many (tags)."""
    views = model.get_views([(view.id if view else False, view_type)])
    return _arch_spec(model, etree.fromstring(views["views"][view_type]["arch"]))


def _arch_spec(model, node):
    spec = {}
    for field in node.iter("field"):
        if any(parent.tag == "field" for parent in _parents(field, node)):
            continue  # a field of an x2many's own view, read with it
        name = field.get("name")
        definition = model._fields[name]
        invisible = field.get("invisible") in ("1", "True") or field.get(
            "column_invisible"
        ) in ("1", "True")
        if definition.type == "many2one":
            spec[name] = {"fields": {} if invisible else {"display_name": {}}}
        elif definition.type in ("one2many", "many2many"):
            subviews = [child for child in field if child.tag in ("list", "kanban")]
            if invisible:
                spec[name] = {}
            elif subviews:
                spec[name] = {
                    "fields": _arch_spec(
                        model.env[definition.comodel_name], subviews[0]
                    ),
                    "limit": X2MANY_LIMIT,
                }
            else:
                spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


def _parents(element, top):
    """The ancestors of `element` below `top`."""
    parent = element.getparent()
    while parent is not None and parent is not top:
        yield parent
        parent = parent.getparent()


def paths(env):
    """The measured paths, for a manager and the head of sales."""
    ctx = _Context(env)
    return (
        _morning_paths(ctx)
        + _page_paths(ctx)
        + _passport_paths(ctx)
        + _write_paths(ctx)
        + _capture_paths(ctx)
    )


def _passport_paths(ctx):
    """Path 6: the manager opens the passport of the client with the most
    documents; 6n: Odoo's own, the partner form of the same client.

    Both read what the web client asks for their form (`view_spec`, got
    untimed: the web client keeps the views), with its ``bin_size``."""
    env, cr = ctx.env, ctx.env.cr
    cr.execute(
        """
        SELECT passport_id FROM sales_client_passport_document
         GROUP BY passport_id ORDER BY COUNT(*) DESC, passport_id LIMIT 1
        """
    )
    row = cr.fetchone()
    passports = env["sales.client.passport"].with_user(ctx.manager)
    passport = passports.browse(row[0] if row else [])
    partners = env["res.partner"].with_user(ctx.manager)
    client = partners.browse(passport.sudo().partner_id.id)
    spec = view_spec(passports, "form")
    partner_spec = view_spec(partners, "form", env.ref("base.view_partner_form"))

    def open_passport():
        return passport.with_context(bin_size=True).web_read(spec)

    def open_passport_sql():
        # The documents the form shows: the first rows, in the list's order.
        cr.execute(
            SQL(
                """
                SELECT doc.id, doc.date, doc.doc_type, doc.name, doc.source_state
                  FROM sales_client_passport_document doc
                 WHERE doc.passport_id = %s
                   AND doc.company_id = %s
                 ORDER BY doc.moment, doc.id
                 LIMIT %s
                """,
                passport.id,
                ctx.manager.company_id.id,
                X2MANY_LIMIT,
            )
        )
        return cr.fetchall()

    def documents(values_list):
        # The documents in the order of the form, as the manager reads them.
        return [
            (doc["id"], doc["date"], doc["doc_type"], doc["name"], doc["source_state"])
            for values in values_list
            for doc in values["document_ids"][:X2MANY_LIMIT]
        ]

    def open_partner():
        return client.with_context(bin_size=True).web_read(partner_spec)

    def open_partner_sql():
        cr.execute(
            SQL("SELECT id, name, user_id FROM res_partner WHERE id = %s", client.id)
        )
        return cr.fetchall()

    def partner(values_list):
        return [
            (
                values["id"],
                values["name"],
                values["user_id"] and values["user_id"]["id"],
            )
            for values in values_list
        ]

    return [
        Path(
            env,
            "6 opening a client passport",
            open_passport,
            open_passport_sql,
            orm_answer=documents,
            native="6n",
        ),
        Path(
            env,
            "6n native: the partner form of the same client",
            open_partner,
            open_partner_sql,
            orm_answer=partner,
        ),
    ]


def _morning_paths(ctx):
    """Paths 1 to 3: the cron, the figures, the portfolio."""
    env, cr, today = ctx.env, ctx.env.cr, ctx.today
    manager, head, company = ctx.manager, ctx.head, ctx.company
    plans = env["sales.daily.plan"]
    review_period = (today - timedelta(days=15), today - timedelta(days=1))

    def no_plans_today():
        # The benchmark's reset, untimed: the cron never deletes a plan.
        cr.execute(SQL("DELETE FROM sales_daily_plan WHERE date = %s", today))
        env.invalidate_all()

    def cron(_setup):
        for _batch in range(100):
            plans._cron_prepare_daily_plans()
            if not plans._sales_plans_due():
                break

    def cron_sql(_setup):
        # Today's plans made again, as the cron does: one a manager with a
        # due follow-up of an active client, and its lines, the first of
        # each client's follow-ups, oldest first, as the plans list them.
        cr.execute(
            SQL(
                """
                WITH due AS (
                    SELECT DISTINCT ON (activity.user_id, activity.res_id)
                           activity.user_id, activity.res_id, activity.id,
                           activity.date_deadline, activity.summary
                      FROM mail_activity activity
                      JOIN mail_activity_type type
                        ON type.id = activity.activity_type_id
                      JOIN res_partner partner ON partner.id = activity.res_id
                     WHERE type.category = 'sales_contact_log'
                       AND activity.res_model = 'res.partner'
                       AND activity.active
                       AND activity.date_deadline <= %(today)s
                       AND partner.active
                  ORDER BY activity.user_id, activity.res_id,
                           activity.date_deadline, activity.id
                ), plan AS (
                    INSERT INTO sales_daily_plan (
                        user_id, date, company_id, prepared_date, line_count,
                        done_count, open_count, completion_rate,
                        create_uid, create_date, write_uid, write_date)
                    SELECT due.user_id, %(today)s, users.company_id, now(),
                           COUNT(*), 0, COUNT(*), 0,
                           %(uid)s, now(), %(uid)s, now()
                      FROM due JOIN res_users users ON users.id = due.user_id
                  GROUP BY due.user_id, users.company_id
                 RETURNING id, user_id, company_id
                ), line AS (
                    INSERT INTO sales_daily_plan_line (
                        plan_id, user_id, date, company_id, partner_id,
                        sequence, source, due_date, activity_id, topic, state,
                        create_uid, create_date, write_uid, write_date)
                    SELECT plan.id, due.user_id, %(today)s, plan.company_id,
                           due.res_id,
                           10 * row_number() OVER (
                               PARTITION BY due.user_id
                               ORDER BY due.date_deadline, due.id),
                           CASE WHEN due.date_deadline < %(today)s
                                THEN 'overdue' ELSE 'followup' END,
                           due.date_deadline, due.id, due.summary, 'planned',
                           %(uid)s, now(), %(uid)s, now()
                      FROM due JOIN plan ON plan.user_id = due.user_id
                 RETURNING user_id, partner_id, activity_id
                )
                SELECT user_id, partner_id, activity_id FROM line
                """,
                today=today,
                uid=env.uid,
            )
        )
        return cr.fetchall()

    # The plan lines the follow-ups gave the benchmark's managers (the
    # database's other users, with their own calendars, are not compared).
    def cron_answer(_result):
        lines = (
            env["sales.daily.plan.line"]
            .sudo()
            .search_fetch(
                [
                    ("date", "=", today),
                    ("user_id", "in", ctx.managers.ids),
                    ("source", "in", ("overdue", "followup")),
                ],
                ["user_id", "partner_id", "activity_id"],
            )
        )
        return _rows(
            (line.user_id.id, line.partner_id.id, line.activity_id.id) for line in lines
        )

    def cron_sql_answer(rows):
        return _rows(row for row in rows if row[0] in ctx.managers.ids)

    # The figures the SQL bound computes too.
    compared = [f"contacts_{form}" for form in CONTACT_FIGURES] + [
        "orders",
        "orders_amount",
        "overdue_clients",
    ]

    def figures():
        # A draft review held in the cache only: made in the call, as the
        # measure empties the cache before it.
        review = env["sales.manager.report"].new(
            {
                "manager_id": manager.id,
                "date_from": review_period[0],
                "date_to": review_period[1],
                "company_id": company.id,
            }
        )
        return review._sales_period_figures(*review_period)

    def figures_sql():
        values = {
            "manager": manager.id,
            "company": company.id,
            "start": review_period[0],
            "end": review_period[1],
        }
        cr.execute(
            SQL(
                """
                SELECT contact_form, COUNT(*)
                  FROM sales_contact_log
                 WHERE user_id = %(manager)s AND company_id = %(company)s
                   AND date BETWEEN %(start)s AND %(end)s
                   AND is_contact
              GROUP BY contact_form
                """,
                **values,
            )
        )
        forms = dict(cr.fetchall())
        # Orders counted by their lines, as Odoo's sales report counts them.
        cr.execute(
            SQL(
                """
                SELECT COUNT(DISTINCT so.id), SUM(line.price_subtotal)
                  FROM sale_order so
                  JOIN sale_order_line line ON line.order_id = so.id
                 WHERE so.user_id = %(manager)s AND so.company_id = %(company)s
                   AND so.state = 'sale' AND line.display_type IS NULL
                   AND so.date_order >= %(start)s
                   AND so.date_order < %(end)s::date + 1
                """,
                **values,
            )
        )
        orders, amount = cr.fetchone()
        # Clients with a follow-up planned by the end of the period, still
        # open then, due by then.
        cr.execute(
            SQL(
                """
                SELECT COUNT(*) FROM (
                    SELECT activity.res_id
                      FROM mail_activity activity
                      JOIN mail_activity_type type
                        ON type.id = activity.activity_type_id
                 LEFT JOIN sales_contact_log log
                        ON log.id = activity.sales_contact_log_id
                     WHERE activity.user_id = %(manager)s
                       AND activity.res_model = 'res.partner'
                       AND type.category = 'sales_contact_log'
                       AND (log.date <= %(end)s
                            OR (activity.sales_contact_log_id IS NULL
                                AND activity.create_date < %(end)s::date + 1))
                       AND (activity.active OR activity.date_done > %(end)s)
                  GROUP BY activity.res_id
                    HAVING MIN(activity.date_deadline) <= %(end)s
                ) AS overdue
                """,
                **values,
            )
        )
        [overdue] = cr.fetchone()
        return forms, orders, amount, overdue

    def figures_answer(figures):
        return {key: round(figures[key], 2) for key in compared}

    def figures_sql_answer(result):
        forms, orders, amount, overdue = result
        answer = {f"contacts_{form}": forms.get(form, 0) for form in CONTACT_FIGURES}
        answer.update(
            orders=orders,
            orders_amount=round(float(amount or 0), 2),
            overdue_clients=overdue,
        )
        return answer

    companies = [head.company_id.id]

    def portfolio():
        regions = env["sales.region.portfolio"].with_user(head)
        industries = env["sales.region.industry"].with_user(head)
        return (
            regions._read_group(
                [], ["region_id", "period", "client_type"], ["amount:sum"]
            ),
            industries.search_read(
                [], ["region_id", "industry_id", "client_count", "order_amount"]
            ),
        )

    def portfolio_sql():
        # The views' own queries, run by PostgreSQL without the ORM, with
        # the companies' record rules.
        cr.execute(
            SQL(
                "SELECT region_id, period, client_type, SUM(amount) "
                "FROM (%s) AS portfolio WHERE company_id = ANY(%s) "
                "GROUP BY 1, 2, 3",
                env["sales.region.portfolio"]._table_query,
                companies,
            )
        )
        portfolio = cr.fetchall()
        cr.execute(
            SQL(
                "SELECT region_id, industry_id, client_count, order_amount "
                "FROM (%s) AS ranking "
                "WHERE company_id IS NULL OR company_id = ANY(%s)",
                env["sales.region.industry"]._table_query,
                companies,
            )
        )
        return portfolio, cr.fetchall()

    def portfolio_answer(result):
        groups, ranking = result
        return _rows(
            ("portfolio", region.id, period, client_type or None, amount or 0.0)
            for region, period, client_type, amount in groups
        ) + _rows(
            (
                "ranking",
                row["region_id"][0],
                row["industry_id"] and row["industry_id"][0] or None,
                row["client_count"],
                row["order_amount"],
            )
            for row in ranking
        )

    def portfolio_sql_answer(result):
        groups, ranking = result
        return _rows(
            ("portfolio", region, period, client_type, amount or 0.0)
            for region, period, client_type, amount in groups
        ) + _rows(("ranking", *row) for row in ranking)

    return [
        Path(
            env,
            "1 morning cron, every manager's plan",
            cron,
            cron_sql,
            orm_answer=cron_answer,
            sql_answer=cron_sql_answer,
            writes=True,
            setup=no_plans_today,
            sql_setup=no_plans_today,
        ),
        Path(
            env,
            "2 one manager's half-month figures",
            figures,
            figures_sql,
            orm_answer=figures_answer,
            sql_answer=figures_sql_answer,
            # The contacts, orders and clients counted.
            size=lambda answer: sum(
                value for key, value in answer.items() if key != "orders_amount"
            ),
        ),
        Path(
            env,
            "3 portfolio and industries of all regions",
            portfolio,
            portfolio_sql,
            orm_answer=portfolio_answer,
            sql_answer=portfolio_sql_answer,
        ),
    ]


def _web_page(result):
    """The count and the ids of a page that `web_search_read` returned."""
    return {
        "length": result["length"],
        "ids": [record["id"] for record in result["records"]],
    }


def _sql_page(result):
    rows, [count] = result
    return {"length": count, "ids": [row[0] for row in rows]}


def _page_size(page):
    return len(page["ids"])


def _page_paths(ctx):
    """Paths 4 and 5: first pages of the lists, as the web client asks for
    them (`view_spec`); 4n: Odoo's own, the manager's CRM pipeline list."""
    env, cr, today = ctx.env, ctx.env.cr, ctx.today
    manager, head = ctx.manager, ctx.head
    logs = env["sales.contact.log"]
    # What the web client asks for the list, as each user sees it (got
    # untimed: the web client keeps the views).
    specs = {user: view_spec(logs.with_user(user), "list") for user in (manager, head)}

    def log_page(user, domain):
        return logs.with_user(user).web_search_read(
            domain, specs[user], limit=80, count_limit=10001
        )

    leads = env["crm.lead"].with_user(manager)
    lead_spec = view_spec(leads, "list", env.ref("crm.crm_case_tree_view_oppor"))
    # The pipeline's list, filtered on "My Pipeline".
    lead_domain = [("type", "=", "opportunity"), ("user_id", "=", manager.id)]

    def lead_page():
        return leads.web_search_read(
            lead_domain, lead_spec, limit=80, count_limit=10001
        )

    def lead_page_sql():
        # The record rules: the manager's own opportunities, of the
        # manager's companies.
        where = SQL(
            "lead.active AND lead.type = 'opportunity' AND lead.user_id = %s "
            "AND (lead.company_id IS NULL OR lead.company_id = ANY(%s))",
            manager.id,
            manager.company_ids.ids,
        )
        cr.execute(
            SQL(
                """
                SELECT lead.id, lead.name, lead.contact_name, lead.email_from,
                       lead.expected_revenue, stage.name, partner.name
                  FROM crm_lead lead
             LEFT JOIN crm_stage stage ON stage.id = lead.stage_id
             LEFT JOIN res_partner partner ON partner.id = lead.partner_id
                 WHERE %s
              ORDER BY lead.priority DESC, lead.id DESC
                 LIMIT 80
                """,
                where,
            )
        )
        rows = cr.fetchall()
        cr.execute(
            SQL(
                "SELECT COUNT(*) FROM (SELECT 1 FROM crm_lead lead WHERE %s "
                "LIMIT 10001) AS page",
                where,
            )
        )
        return rows, cr.fetchone()

    def log_page_sql(user, own):
        # The company's record rule, and the manager's own entries.
        user_domain = SQL(
            "log.company_id = %s AND %s",
            user.company_id.id,
            SQL("log.user_id = %s", user.id) if own else SQL("TRUE"),
        )
        cr.execute(
            SQL(
                """
                SELECT log.id, log.date, log.contact_form, log.topic,
                       log.result, log.next_contact_date, partner.name
                  FROM sales_contact_log log
                  JOIN res_partner partner ON partner.id = log.partner_id
                 WHERE %s
              ORDER BY log.date DESC, log.id DESC
                 LIMIT 80
                """,
                user_domain,
            )
        )
        rows = cr.fetchall()
        cr.execute(
            SQL(
                "SELECT COUNT(*) FROM (SELECT 1 FROM sales_contact_log log "
                "WHERE %s LIMIT 10001) AS page",
                user_domain,
            )
        )
        return rows, cr.fetchone()

    def overdue_activities_sql():
        cr.execute(
            SQL(
                """
                SELECT id, res_name, date_deadline, summary
                  FROM mail_activity
                 WHERE user_id = %s AND date_deadline < %s AND active
              ORDER BY date_deadline, id
                 LIMIT 80
                """,
                manager.id,
                today,
            )
        )
        return cr.fetchall()

    def overdue_activities():
        return (
            env["mail.activity"]
            .with_user(manager)
            .search_read(
                [("user_id", "=", manager.id), ("date_deadline", "<", today)],
                ["res_name", "date_deadline", "summary"],
                limit=80,
            )
        )

    def overdue_partners():
        return (
            env["res.partner"]
            .with_user(manager)
            .web_search_read(
                [("next_contact_date", "<", today)],
                {"display_name": {}, "next_contact_date": {}, "phone": {}},
                limit=80,
                count_limit=10001,
            )
        )

    def overdue_partners_sql():
        cr.execute(
            SQL(
                """
                SELECT id, complete_name, next_contact_date, phone
                  FROM res_partner
                 WHERE active AND next_contact_date < %s
              ORDER BY complete_name, id DESC
                 LIMIT 80
                """,
                today,
            )
        )
        rows = cr.fetchall()
        cr.execute(
            SQL(
                """
                SELECT COUNT(*) FROM (SELECT 1 FROM res_partner
                 WHERE active AND next_contact_date < %s LIMIT 10001) page
                """,
                today,
            )
        )
        return rows, cr.fetchone()

    return [
        Path(
            env,
            "4a contact log, first page, manager",
            lambda: log_page(manager, [("user_id", "=", manager.id)]),
            lambda: log_page_sql(manager, own=True),
            orm_answer=_web_page,
            sql_answer=_sql_page,
            size=_page_size,
            native="4n",
        ),
        Path(
            env,
            "4n native: the CRM pipeline list, first page, manager",
            lead_page,
            lead_page_sql,
            orm_answer=_web_page,
            sql_answer=_sql_page,
            size=_page_size,
        ),
        Path(
            env,
            "4b contact log, first page, head of sales",
            lambda: log_page(head, []),
            lambda: log_page_sql(head, own=False),
            orm_answer=_web_page,
            sql_answer=_sql_page,
            size=_page_size,
        ),
        Path(
            env,
            "4c native: my overdue activities",
            overdue_activities,
            overdue_activities_sql,
            orm_answer=lambda records: [record["id"] for record in records],
            sql_answer=lambda rows: [row[0] for row in rows],
        ),
        Path(
            env,
            "5 clients with an overdue follow-up",
            overdue_partners,
            overdue_partners_sql,
            orm_answer=_web_page,
            sql_answer=_sql_page,
            size=_page_size,
        ),
    ]


def _write_paths(ctx):
    """Paths 7 and 8: contacts logged in bulk, a trip report; 7n: Odoo's own
    way of the same follow-ups, activities marked done and planned again."""
    env, cr, today = ctx.env, ctx.env.cr, ctx.today
    manager, company = ctx.manager, ctx.company
    logs = env["sales.contact.log"]
    next_date = today + timedelta(days=7)
    visit_date = today + timedelta(days=400)
    visit_next_date = today + timedelta(days=430)

    clients = env["res.partner"].search(
        [("user_id", "=", manager.id), ("is_company", "=", True)], limit=1000
    )

    def entries(records):
        return _rows(
            (
                log.partner_id.id,
                log.user_id.id,
                log.date,
                log.contact_form,
                log.topic,
                log.next_contact_date,
            )
            for log in records
        )

    def create_logs():
        return logs.with_user(manager).create(
            [
                {
                    "partner_id": clients[index % len(clients)].id,
                    "topic": "Benchmark call",
                    "contact_form": "call_out",
                    "next_contact_date": next_date,
                }
                for index in range(1000)
            ]
        )

    def create_logs_sql():
        cr.execute(
            SQL(
                """
                INSERT INTO sales_contact_log (
                    partner_id, user_id, company_id, date, contact_form,
                    topic, next_contact_date)
                SELECT (%(clients)s::int[])[1 + mod(g, %(count)s)], %(manager)s,
                       %(company)s, %(today)s, 'call_out', 'Benchmark call',
                       %(next)s
                  FROM generate_series(0, 999) g
             RETURNING partner_id, user_id, date, contact_form, topic,
                       next_contact_date
                """,
                clients=clients.ids,
                count=len(clients),
                manager=manager.id,
                company=company.id,
                today=today,
                next=next_date,
            )
        )
        return cr.fetchall()

    # Odoo's own way (7n): each of 1,000 activities of the manager on the
    # same clients marked done with a note in the chatter, and the next one
    # scheduled. The activities are made untimed, in the run's savepoint.
    call = env.ref("mail.mail_activity_data_call")
    targets = [clients[index % len(clients)].id for index in range(1000)]

    def planned_calls():
        cr.execute(
            SQL(
                """
                INSERT INTO mail_activity (
                    res_model_id, res_model, res_id, activity_type_id, user_id,
                    date_deadline, summary, active, create_uid, write_uid,
                    create_date, write_date)
                SELECT %(model)s, 'res.partner', client, %(type)s, %(manager)s,
                       %(today)s, 'Benchmark call', TRUE, %(manager)s,
                       %(manager)s, now(), now()
                  FROM unnest(%(clients)s::int[]) client
             RETURNING id
                """,
                model=env["ir.model"]._get_id("res.partner"),
                type=call.id,
                manager=manager.id,
                today=today,
                clients=targets,
            )
        )
        return [row[0] for row in cr.fetchall()]

    def feedback_next(activity_ids):
        env["mail.activity"].with_user(manager).browse(activity_ids).action_feedback(
            feedback="Benchmark call"
        )
        return (
            env["res.partner"]
            .with_user(manager)
            .browse(targets)
            .activity_schedule(
                "mail.mail_activity_data_call",
                date_deadline=next_date,
                summary="Benchmark call",
                user_id=manager.id,
            )
        )

    def next_activities(records):
        return _rows(
            (
                activity.res_id,
                activity.user_id.id,
                activity.date_deadline,
                activity.activity_type_id.id,
                activity.summary,
            )
            for activity in records
        )

    def feedback_next_sql(activity_ids):
        # The activities deleted, a note each in the chatter, the next ones.
        cr.execute(
            SQL(
                """
                WITH done AS (
                    DELETE FROM mail_activity WHERE id = ANY(%(activities)s)
                 RETURNING res_model_id, res_id, activity_type_id, user_id
                ), note AS (
                    INSERT INTO mail_message (
                        model, res_id, message_type, subtype_id,
                        mail_activity_type_id, author_id, body, date,
                        create_uid, write_uid, create_date, write_date)
                    SELECT 'res.partner', done.res_id, 'notification',
                           %(subtype)s, done.activity_type_id, %(author)s,
                           '<p>Call done</p><p>Benchmark call</p>', now(),
                           %(manager)s, %(manager)s, now(), now()
                      FROM done
                )
                INSERT INTO mail_activity (
                    res_model_id, res_model, res_id, activity_type_id, user_id,
                    date_deadline, summary, active, create_uid, write_uid,
                    create_date, write_date)
                SELECT done.res_model_id, 'res.partner', done.res_id,
                       done.activity_type_id, done.user_id, %(next)s,
                       'Benchmark call', TRUE, %(manager)s, %(manager)s,
                       now(), now()
                  FROM done
             RETURNING res_id, user_id, date_deadline, activity_type_id, summary
                """,
                activities=activity_ids,
                subtype=env.ref("mail.mt_activities").id,
                author=manager.partner_id.id,
                manager=manager.id,
                next=next_date,
            )
        )
        return cr.fetchall()

    def new_trip():
        trip = env["sales.trip"].create(
            {
                "user_id": manager.id,
                "date_from": visit_date,
                "date_to": visit_date + timedelta(days=2),
                "purpose": "Benchmark trip",
                "state": "approved",
                "visit_ids": [
                    (
                        0,
                        0,
                        {
                            "partner_id": client.id,
                            "planned_date": visit_date,
                            "made": True,
                            "result": "Met",
                            "next_contact_date": visit_next_date,
                        },
                    )
                    for client in clients[:50]
                ],
            }
        )
        return trip.with_user(manager)

    def trip_report(trip):
        trip.action_submit_report()
        return trip

    def trip_entries(trip):
        return _rows(
            (
                log.partner_id.id,
                log.user_id.id,
                log.date,
                log.contact_form,
                log.result,
                log.next_contact_date,
            )
            for log in trip.sudo().visit_ids.log_ids
        )

    def trip_report_sql():
        cr.execute(
            SQL(
                """
                INSERT INTO sales_contact_log (
                    partner_id, user_id, company_id, date, contact_form,
                    topic, result, next_contact_date)
                SELECT id, %(manager)s, %(company)s, %(date)s, 'visit',
                       'Benchmark trip', 'Met', %(next)s
                  FROM res_partner WHERE id = ANY(%(clients)s)
             RETURNING partner_id, user_id, date, contact_form, result,
                       next_contact_date
                """,
                clients=clients[:50].ids,
                manager=manager.id,
                company=company.id,
                date=visit_date,
                next=visit_next_date,
            )
        )
        return cr.fetchall()

    return [
        Path(
            env,
            "7 1,000 contacts with follow-ups",
            create_logs,
            create_logs_sql,
            orm_answer=entries,
            sql_answer=_rows,
            writes=True,
            unit=1000,
            native="7n",
        ),
        Path(
            env,
            "7n native: 1,000 activities done with a note, and the next ones",
            feedback_next,
            feedback_next_sql,
            orm_answer=next_activities,
            sql_answer=_rows,
            writes=True,
            setup=planned_calls,
            sql_setup=planned_calls,
            unit=1000,
        ),
        Path(
            env,
            "8 trip report with 50 visits",
            trip_report,
            trip_report_sql,
            orm_answer=trip_entries,
            sql_answer=_rows,
            writes=True,
            setup=new_trip,
        ),
    ]


def _capture_paths(ctx):
    """Paths 9a and 9b: the capture of 1,000 clients' emails received by the
    mail gateway (one a client, of the first 1,000 clients with a
    salesperson: 300 at small), one by one as the gateway hands them over
    (one email a ``message_post``), and in one batch.

    What is timed is the module's own work on each received email,
    ``sales.contact.capture._sales_capture_messages``: the claim of the
    message, the entry, the client's plan line and contact dates. The
    emails (``mail.message`` of type "email", by the client, on its card)
    are made untimed in the path's savepoint. ``message_process`` itself is
    Odoo's: parsing, routing and notifying the followers, one email per
    call and per transaction, whatever this module does.
    """
    env, cr, today = ctx.env, ctx.env.cr, ctx.today
    company = ctx.company
    capture = env["sales.contact.capture"]
    clients = env["res.partner"].search(
        [("user_id", "in", ctx.managers.ids), ("is_company", "=", True)],
        order="id",
        limit=1000,
    )
    comment = env.ref("mail.mt_comment").id

    def received_emails():
        return (
            env["mail.message"]
            .sudo()
            .create(
                [
                    {
                        "model": "res.partner",
                        "res_id": client.id,
                        "message_type": "email",
                        "subtype_id": comment,
                        "author_id": client.id,
                        "subject": "Request",
                        "body": f"<p>Request {client.id}</p>",
                    }
                    for client in clients
                ]
            )
            .ids
        )

    def one_by_one(message_ids):
        logs = env["sales.contact.log"]
        for message_id in message_ids:
            logs |= capture._sales_capture_messages(
                env["mail.message"].browse(message_id)
            )
        return logs

    def in_one_batch(message_ids):
        return capture._sales_capture_messages(env["mail.message"].browse(message_ids))

    def entries(records):
        return _rows(
            (
                log.partner_id.id,
                log.user_id.id,
                log.date,
                log.contact_form,
                log.topic,
                log.result,
            )
            for log in records
        )

    def capture_sql():
        cr.execute(
            SQL(
                """
                WITH logs AS (
                    INSERT INTO sales_contact_log (
                        partner_id, user_id, company_id, date, contact_form,
                        topic, result, is_captured, is_contact,
                        capture_source, capture_model, capture_res_id)
                    SELECT p.id, p.user_id, %(company)s, %(today)s, 'email',
                           'Request', 'Request ' || p.id, TRUE, TRUE,
                           'message', 'mail.message', p.id
                      FROM res_partner p
                     WHERE p.id = ANY(%(clients)s)
                 RETURNING id, partner_id, user_id, date, contact_form, topic,
                           result
                ), claims AS (
                    INSERT INTO sales_contact_capture (source_model, source_id,
                                                       log_id)
                    SELECT 'sales.benchmark', id, id FROM logs
                )
                SELECT partner_id, user_id, date, contact_form, topic, result
                  FROM logs
                """,
                clients=clients.ids,
                company=company.id,
                today=today,
            )
        )
        return cr.fetchall()

    return [
        Path(
            env,
            name,
            function,
            capture_sql,
            orm_answer=entries,
            sql_answer=_rows,
            writes=True,
            setup=received_emails,
            unit=len(clients),
        )
        for name, function in (
            ("9a received emails captured one by one", one_by_one),
            ("9b received emails captured in one batch", in_one_batch),
        )
    ]


def working_day(env, days=14):
    """The first day from today that is a working day of every benchmark
    manager, in their calendar (the company's: weekends and public holidays
    off): the morning cron prepares no plan on a day off."""
    managers = env["res.users"].search([("login", "=like", "bench_manager_%")])
    today = fields.Date.today()
    for offset in range(days):
        day = today + timedelta(days=offset)
        with freeze_time(f"{day} {MORNING}"):
            if set(managers._sales_working_today()) >= set(managers.ids):
                return day
    raise ValueError(f"no working day for the benchmark managers in {days} days")


@contextmanager
def morning_of_working_day(env):
    """The clock set to `MORNING` of the next working day (`working_day`),
    whatever today is; yields that day."""
    day = working_day(env)
    with freeze_time(f"{day} {MORNING}"):
        yield day


def run(env, runs=5):
    """Measure every path; return the table rows. The last row gives the
    peak memory of the process (one Odoo worker) over the run.

    Each path's ORM answer is checked against its SQL bound's; a difference
    raises `Disagreement`."""
    rows = [path.measure(runs) for path in paths(env)]
    medians = {row["path"].split()[0]: row["median_ms"] for row in rows}
    for row in rows:
        if row.get("native") and medians.get(row["native"]):
            # The module's time over Odoo's own for the same work.
            row["vs_native"] = round(row["median_ms"] / medians[row["native"]], 2)
    rows.append(
        {
            "path": "peak memory of the worker (MB)",
            "median_ms": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "spread_ms": 0,
            "sql_ms": 0,
            "ratio": None,
            "queries": 0,
            "answer": None,
        }
    )
    return rows


def main(env, size, runs, out_path, say):
    """What ``tools/bench`` does: build the data of `size` if needed
    (committed), then, at the morning of the next working day, time every
    path `runs` times (rolled back); `say` the table and write it as JSON to
    `out_path`."""
    start = _clock()
    if build(env, size):
        env.cr.commit()
        say(f"built the {size} data in {_clock() - start:.0f} s")
    with morning_of_working_day(env) as day:
        say(
            f"the clock is set to {day:%A %Y-%m-%d} {MORNING} UTC, the next "
            "working day of the managers' calendar, so that the morning cron "
            "has plans to make"
        )
        rows = run(env, runs=runs)
    env.cr.rollback()
    say(table(rows))
    with open(out_path, "w") as out:
        json.dump(
            {
                "size": size,
                "runs": runs,
                "day": str(day),
                "machine": platform.platform(),
                "cpus": os.cpu_count(),
                "rows": rows,
            },
            out,
            indent=2,
        )
    say(f"written to {out_path}")
    return rows


def table(rows):
    """The rows as a plain-text table; "answer" is the number of items in the
    answer that the ORM and SQL agreed on, "vs native" the module's time
    over that of Odoo's own analogue (the "n" path below it)."""
    header = (
        "path",
        "median ms",
        "spread ms",
        "SQL ms",
        "ratio",
        "vs native",
        "queries",
        "answer",
    )
    lines = [
        (
            row["path"],
            f"{row['median_ms']:.1f}",
            f"{row['spread_ms']:.1f}",
            f"{row['sql_ms']:.1f}",
            f"{row['ratio']}" if row["ratio"] is not None else "-",
            f"{row['vs_native']}" if row.get("vs_native") is not None else "-",
            str(row["queries"]),
            str(row["answer"]) if row["answer"] is not None else "-",
        )
        for row in rows
    ]
    widths = [
        max(len(str(cell)) for cell in column)
        for column in zip(header, *lines, strict=False)
    ]
    out = [
        " | ".join(
            cell.ljust(width) for cell, width in zip(header, widths, strict=True)
        )
    ]
    out.append("-+-".join("-" * width for width in widths))
    for line in lines:
        out.append(
            " | ".join(
                cell.ljust(width) for cell, width in zip(line, widths, strict=True)
            )
        )
    return "\n".join(out)
