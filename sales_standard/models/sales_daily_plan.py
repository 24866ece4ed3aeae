# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging
from collections import defaultdict
from functools import partial

import psycopg2.errors

from odoo import api, fields, models
from odoo.tools import SQL, format_date

from ._sales_common import insert_query, recheck_owner, salespeople, upsert
from ._sales_tools import check_values

_logger = logging.getLogger(__name__)

# The models providing the plan's lines, in the order of the plan.
PLAN_SOURCE_MODELS = ("mail.activity", "sales.client.list.line", "sales.trip.visit")
# The values of a gathered line that its insert takes; the plan gives the rest.
LINE_VALUES = (
    "plan_id",
    "sequence",
    "partner_id",
    "contact_person_id",
    "source",
    "due_date",
    "activity_id",
    "client_list_line_id",
    "trip_visit_id",
    "topic",
    "carried_from_id",
)


class SalesDailyPlan(models.Model):
    """The plan of the companies a manager contacts on one day (2.3.1.7)."""

    _name = "sales.daily.plan"
    _description = "Daily Contact Plan"
    _rec_names_search = ["user_id.name"]
    _order = "date desc, user_id, id desc"
    _check_company_auto = True

    user_id = fields.Many2one(
        "res.users",
        string="Manager",
        required=True,
        index=True,
        ondelete="restrict",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        check_company=True,
    )
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    line_ids = fields.One2many("sales.daily.plan.line", "plan_id", string="Contacts")
    prepared_date = fields.Datetime(
        string="Prepared On",
        readonly=True,
        copy=False,
        help="When the plan was last gathered from the follow-ups, the client "
        "lists and the trips.",
    )
    line_count = fields.Integer(
        string="Contacts Planned", compute="_compute_counts", store=True
    )
    done_count = fields.Integer(
        string="Contacts Made", compute="_compute_counts", store=True
    )
    open_count = fields.Integer(
        string="Contacts Open", compute="_compute_counts", store=True
    )
    completion_rate = fields.Float(
        string="Completion (%)",
        compute="_compute_counts",
        store=True,
        aggregator="avg",
        help="Contacts made, out of the contacts planned that were not " "cancelled.",
    )
    progress = fields.Char(compute="_compute_progress")

    _sql_constraints = [
        (
            "user_date_company_uniq",
            "unique(user_id, date, company_id)",
            "A manager has one contact plan per day and company.",
        ),
    ]

    @api.depends("user_id", "date")
    def _compute_display_name(self):
        for plan in self:
            plan.display_name = self.env._(
                "%(manager)s, %(date)s",
                manager=plan.user_id.name or "",
                date=format_date(self.env, plan.date),
            )

    @api.depends("line_ids.state")
    def _compute_counts(self):
        counts = defaultdict(lambda: defaultdict(int))
        if self._origin.ids:
            for plan, state, count in self.env["sales.daily.plan.line"]._read_group(
                [("plan_id", "in", self._origin.ids)],
                ["plan_id", "state"],
                ["__count"],
            ):
                counts[plan.id][state] = count
        for plan in self:
            by_state = counts[plan._origin.id]
            total = sum(by_state.values()) - by_state["cancelled"]
            plan.line_count = total
            plan.done_count = by_state["done"]
            plan.open_count = by_state["planned"]
            plan.completion_rate = 100.0 * by_state["done"] / total if total else 0.0

    @api.depends("line_count", "done_count")
    def _compute_progress(self):
        for plan in self:
            plan.progress = self.env._(
                "%(done)s of %(total)s done",
                done=plan.done_count,
                total=plan.line_count,
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def write(self, vals):
        check_values(self, [vals], "write")
        res = super().write(vals)
        recheck_owner(self, vals)
        return res

    @api.model
    def action_open_my_day(self):
        """Open the manager's plan for today, preparing it on first opening."""
        self.check_access("create")
        today = fields.Date.context_today(self)
        plan = self._sales_ensure_plans({self.env.user.id: today}, self.env.company)
        if not plan.prepared_date:
            plan._sales_prepare_locked()
        return plan._sales_form_action()

    def action_prepare(self):
        """Gather the plan again: only what is missing is added."""
        self.check_access("write")
        self._sales_prepare_locked()
        return True

    def _sales_form_action(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_standard.sales_daily_plan_action"
        )
        action.update(
            res_id=self.id,
            views=[(False, "form")],
            view_mode="form",
            context={"create": False},
        )
        return action

    # ------------------------------------------------------------------
    # Preparing plans
    # ------------------------------------------------------------------
    @api.model
    def _sales_prepare_plans(self, user_ids, date=None, company=None):
        """Prepare (or complete) the plans of these managers for `date`.

        :param list user_ids: the managers
        :param date: the day; today by default
        :param company: the company of the plans; the current one by default
        :return: the plans
        """
        date = fields.Date.to_date(date) or fields.Date.context_today(self)
        plans = self._sales_ensure_plans(
            dict.fromkeys(user_ids, date), company or self.env.company
        )
        plans._sales_prepare_locked()
        return plans

    @api.model
    def _sales_ensure_plans(self, dates, company):
        """The plans of the given managers and days, made where missing.

        Safe when two transactions make the same plan at once: the second
        one waits for the first and then finds its plan, or, when the first
        committed it after the second began, gets a serialization failure
        (which Odoo retries for a request; the cron leaves it to the first).

        :param dict dates: {user id: date}
        :param company: the company of the plans
        """
        if not dates:
            return self.browse()
        plans, _created = upsert(
            self,
            [
                {
                    "user_id": user_id,
                    "date": date,
                    "company_id": company.id,
                    "line_count": 0,
                    "done_count": 0,
                    "open_count": 0,
                    "completion_rate": 0,
                }
                for user_id, date in dates.items()
            ],
            ("user_id", "date", "company_id"),
        )
        return plans

    def _sales_lock(self, skip_locked=False):
        """Lock these plans for preparing them; return those locked.

        With `skip_locked`, plans being prepared by another transaction are
        left to it instead of waited for.
        """
        if not self:
            return self
        self.env.cr.execute(
            SQL(
                "SELECT id FROM sales_daily_plan WHERE id IN %s ORDER BY id "
                "FOR NO KEY UPDATE%s",
                tuple(self.ids),
                SQL(" SKIP LOCKED") if skip_locked else SQL(),
            ),
            log_exceptions=False,
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    def _sales_prepare_locked(self):
        self._sales_lock()._sales_prepare()

    def _sales_prepare(self):
        """Add to these (locked) plans what is missing from their sources.

        The sources, in the order of the plan: overdue follow-ups (oldest
        first), follow-ups due on the day, client-list lines planned for
        the day, trip visits of the day, and the lines left open on earlier
        days, which are carried over. A client already in the plan is not
        added again. The number of queries does not depend on the number
        of clients.
        """
        if not self:
            return
        plans = self.sudo()
        plans.invalidate_recordset(["prepared_date"])
        candidates = defaultdict(list)
        for source in plans._sales_plan_sources():
            for plan, values in source().items():
                candidates[plan].extend(values)
        carried = plans._sales_carried_lines()
        for old_line in carried:
            candidates[plans._sales_plan_after(old_line)].append(
                old_line._sales_carry_values()
            )
        present = defaultdict(set)
        last_sequence = defaultdict(int)
        for line in (
            self.env["sales.daily.plan.line"]
            .sudo()
            .search_fetch(
                [("plan_id", "in", plans.ids)], ["plan_id", "partner_id", "sequence"]
            )
        ):
            present[line.plan_id.id].add(line.partner_id.id)
            last_sequence[line.plan_id.id] = max(
                last_sequence[line.plan_id.id], line.sequence
            )
        to_create = []
        for plan in plans:
            sequence = last_sequence[plan.id] + 10
            added = {}
            for values in candidates[plan]:
                partner_id = values["partner_id"]
                if partner_id in present[plan.id]:
                    continue
                if partner_id in added:
                    # The client comes from several sources: one line, which
                    # keeps the first source and notes a carry-over.
                    if values.get("carried_from_id"):
                        added[partner_id].setdefault(
                            "carried_from_id", values["carried_from_id"]
                        )
                    continue
                added[partner_id] = dict(values, plan_id=plan.id, sequence=sequence)
                sequence += 10
            to_create.extend(added.values())
        plans._sales_insert_lines(to_create)
        # Open lines whose client was in the plan already are carried over
        # into that line.
        linked = {values.get("carried_from_id") for values in to_create}
        merged = carried.filtered(lambda line: line.id not in linked)
        for date, lines in merged.grouped(
            lambda line: plans._sales_plan_after(line).date
        ).items():
            lines.write({"state": "rescheduled", "moved_to_date": date})
        plans.write({"prepared_date": fields.Datetime.now()})
        # Plans whose open lines were carried over count them as moved now.
        touched = plans | carried.plan_id
        for fname in ("line_count", "done_count", "open_count", "completion_rate"):
            self.env.add_to_compute(plans._fields[fname], touched)

    def _sales_insert_lines(self, values_list):
        """Insert the gathered lines into these plans in one statement, and
        mark the lines they carry over as moved.

        The ORM would insert them a hundred at a time: the morning cron
        prepares thousands. The lines are plain values (clients, follow-ups,
        client-list lines of the plan's own manager), checked by the
        sources; the ORM's caches are brought up to date afterwards.
        """
        if not values_list:
            return
        # The plan's own values, read once per plan, not once per line.
        plans = {
            plan.id: {
                "user_id": plan.user_id.id,
                "date": plan.date,
                "company_id": plan.company_id.id,
                "state": "planned",
            }
            for plan in self
        }
        rows = [
            {
                **{fname: values[fname] for fname in LINE_VALUES if fname in values},
                **plans[values["plan_id"]],
            }
            for values in values_list
        ]
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH new_line AS (%s)
                UPDATE sales_daily_plan_line old
                   SET state = 'rescheduled',
                       moved_to_date = new_line.date,
                       write_uid = %s,
                       write_date = %s
                  FROM new_line
                 WHERE old.id = new_line.carried_from_id
                """,
                insert_query(
                    self.env["sales.daily.plan.line"],
                    rows,
                    returning=("carried_from_id", "date"),
                ),
                self.env.uid,
                self.env.cr.now(),
            )
        )
        self.env["sales.daily.plan.line"].invalidate_model()
        self.env["sales.daily.plan"].invalidate_model(["line_ids"])

    def _sales_plan_after(self, line):
        """The plan among these that takes over an open line of an earlier
        day: the manager's next one."""
        return min(
            (
                plan
                for plan in self
                if plan.user_id == line.user_id
                and plan.company_id == line.company_id
                and plan.date > line.date
            ),
            key=lambda plan: plan.date,
        )

    def _sales_plan_sources(self):
        """The methods gathering the plan's lines, in the order of the plan.

        Each returns {plan: [values of a line]} for these plans. Each source
        model provides its own candidates (`_sales_plan_candidates(plans)`):
        the follow-ups, the client lists and the business trips. Other
        modules add theirs here.
        """
        return [
            partial(self.env[model]._sales_plan_candidates, self)
            for model in PLAN_SOURCE_MODELS
        ]

    def _sales_carried_lines(self):
        """Lines of earlier days the managers left open."""
        return (
            self.env["sales.daily.plan.line"]
            .sudo()
            .search_fetch(
                [
                    ("user_id", "in", self.user_id.ids),
                    ("company_id", "in", self.company_id.ids),
                    ("state", "=", "planned"),
                    ("date", "<", max(self.mapped("date"))),
                ],
                [
                    "user_id",
                    "company_id",
                    "date",
                    "partner_id",
                    "contact_person_id",
                    "topic",
                    "source",
                    "due_date",
                    "activity_id",
                    "client_list_line_id",
                    "trip_visit_id",
                ],
                order="date, sequence, id",
            )
            .filtered(
                lambda line: any(
                    plan.user_id == line.user_id
                    and plan.company_id == line.company_id
                    and plan.date > line.date
                    for plan in self
                )
            )
        )

    # ------------------------------------------------------------------
    # The morning cron
    # ------------------------------------------------------------------
    @api.model
    def _cron_prepare_daily_plans(self, batch_size=100):
        """Prepare today's plan of every active salesperson.

        Each run prepares one batch of plans and reports its progress: the
        scheduler commits and runs the next batch at once. Plans already
        prepared, or being prepared by another worker (locked), are left
        alone; managers on a day off get no plan.
        """
        todo = self._sales_plans_due()
        batch = todo[:batch_size]
        by_company = defaultdict(dict)
        for user, date in batch:
            by_company[user.company_id][user.id] = date
        for company, dates in by_company.items():
            try:
                with self.env.cr.savepoint():
                    plans = self._sales_ensure_plans(dates, company)
                    plans.filtered(lambda plan: not plan.prepared_date)._sales_lock(
                        skip_locked=True
                    )._sales_prepare()
            except psycopg2.errors.SerializationFailure:
                # Another worker made or prepared these plans after this
                # transaction began: they are its work, not to be redone.
                _logger.info(
                    "Daily plans of %s managers left to a concurrent worker",
                    len(dates),
                )
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=len(todo) - len(batch)
        )

    @api.model
    def _sales_plans_due(self):
        """(manager, date) of the plans still to prepare today: every active
        salesperson on a working day, in their time zone."""
        users = salespeople(self.env)
        dates = users._sales_working_today()
        if not dates:
            return []
        prepared = {
            (plan.user_id.id, plan.date)
            for plan in self.sudo().search_fetch(
                [
                    ("user_id", "in", list(dates)),
                    ("date", "in", list(set(dates.values()))),
                    ("prepared_date", "!=", False),
                ],
                ["user_id", "date", "company_id"],
            )
            if plan.company_id == plan.user_id.company_id
        }
        return [
            (user, dates[user.id])
            for user in users
            if user.id in dates and (user.id, dates[user.id]) not in prepared
        ]
