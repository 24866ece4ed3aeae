# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging
from collections import defaultdict
from datetime import datetime, time, timedelta

import psycopg2.errors
import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date

from ._sales_tools import check_values

_logger = logging.getLogger(__name__)

SALES_GROUP = "sales_team.group_sale_salesman"
LINE_SOURCES = [
    ("overdue", "Overdue Follow-up"),
    ("followup", "Follow-up Due Today"),
    ("client_list", "Client List"),
    ("trip", "Business Trip Visit"),
    ("rescheduled", "Moved from Another Day"),
    ("manual", "Added by Hand"),
]
LINE_STATES = [
    ("planned", "Planned"),
    ("done", "Done"),
    ("rescheduled", "Moved to Another Day"),
    ("cancelled", "Cancelled"),
]


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
        if {"user_id", "company_id"} & vals.keys():
            # The rules were checked on the plans as they were: the user must
            # still be allowed to write them as they are now (their own).
            self.check_access("write")
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
        uid = self.env.uid
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO sales_daily_plan (
                    user_id, date, company_id, line_count, done_count,
                    open_count, completion_rate,
                    create_uid, create_date, write_uid, write_date)
                SELECT plan.user_id, plan.date, %(company)s, 0, 0, 0, 0,
                       %(uid)s, now() at time zone 'UTC',
                       %(uid)s, now() at time zone 'UTC'
                  FROM unnest(%(users)s::int[], %(dates)s::date[])
                       AS plan(user_id, date)
                 ORDER BY plan.user_id
                    ON CONFLICT (user_id, date, company_id) DO NOTHING
                """,
                company=company.id,
                uid=uid,
                users=list(dates),
                dates=list(dates.values()),
            ),
            log_exceptions=False,
        )
        plans = self.sudo().search(
            [
                ("user_id", "in", list(dates)),
                ("date", "in", list(set(dates.values()))),
                ("company_id", "=", company.id),
            ]
        )
        plans = plans.filtered(lambda plan: dates[plan.user_id.id] == plan.date)
        return self.browse(plans.ids)

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

        def column(fname):
            return [values.get(fname) or None for values in values_list]

        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH new_line AS (
                    INSERT INTO sales_daily_plan_line (
                        plan_id, sequence, partner_id, contact_person_id,
                        source, due_date, activity_id, client_list_line_id,
                        trip_visit_id, topic, carried_from_id, user_id, date,
                        company_id, state,
                        create_uid, create_date, write_uid, write_date)
                    SELECT line.plan_id, line.sequence, line.partner_id,
                           line.contact_person_id, line.source, line.due_date,
                           line.activity_id, line.client_list_line_id,
                           line.trip_visit_id, line.topic, line.carried_from_id,
                           plan.user_id,
                           plan.date, plan.company_id, 'planned',
                           %(uid)s, now() at time zone 'UTC',
                           %(uid)s, now() at time zone 'UTC'
                      FROM unnest(
                               %(plan)s::int[], %(sequence)s::int[],
                               %(partner)s::int[], %(person)s::int[],
                               %(source)s::varchar[], %(due)s::date[],
                               %(activity)s::int[], %(list_line)s::int[],
                               %(visit)s::int[], %(topic)s::varchar[],
                               %(carried)s::int[])
                           AS line(plan_id, sequence, partner_id,
                                   contact_person_id, source, due_date,
                                   activity_id, client_list_line_id,
                                   trip_visit_id, topic, carried_from_id)
                      JOIN sales_daily_plan plan ON plan.id = line.plan_id
                 RETURNING carried_from_id, date
                )
                UPDATE sales_daily_plan_line old
                   SET state = 'rescheduled',
                       moved_to_date = new_line.date,
                       write_uid = %(uid)s,
                       write_date = now() at time zone 'UTC'
                  FROM new_line
                 WHERE old.id = new_line.carried_from_id
                """,
                uid=self.env.uid,
                plan=column("plan_id"),
                sequence=column("sequence"),
                partner=column("partner_id"),
                person=column("contact_person_id"),
                source=column("source"),
                due=column("due_date"),
                activity=column("activity_id"),
                list_line=column("client_list_line_id"),
                visit=column("trip_visit_id"),
                topic=column("topic"),
                carried=column("carried_from_id"),
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

        Each returns {plan: [values of a line]}. Other modules and later
        forms (trips) add theirs here.
        """
        return [
            self._sales_followup_candidates,
            self._sales_client_list_candidates,
            self._sales_trip_candidates,
        ]

    def _sales_followup_candidates(self):
        """Overdue follow-ups, oldest first, then those due on the day."""
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search_fetch(
                [
                    ("res_model", "=", "res.partner"),
                    ("user_id", "in", self.user_id.ids),
                    ("date_deadline", "<=", max(self.mapped("date"))),
                    ("activity_type_id.category", "=", "sales_contact_log"),
                ],
                ["res_id", "user_id", "date_deadline", "summary"],
                order="date_deadline, id",
            )
        )
        # Clients that are active and belong to no other company.
        partner_company = {
            partner.id: partner.company_id
            for partner in self.env["res.partner"]
            .sudo()
            .search_fetch(
                [
                    ("id", "in", list(set(activities.mapped("res_id")))),
                    ("company_id", "in", [False, *self.company_id.ids]),
                ],
                ["company_id"],
            )
        }
        plans_by_user = self.grouped("user_id")
        result = defaultdict(list)
        for activity in activities:
            company = partner_company.get(activity.res_id)
            if company is None:
                continue
            for plan in plans_by_user.get(activity.user_id, ()):
                if activity.date_deadline > plan.date or (
                    company and company != plan.company_id
                ):
                    continue
                result[plan].append(
                    {
                        "partner_id": activity.res_id,
                        "source": "overdue"
                        if activity.date_deadline < plan.date
                        else "followup",
                        "due_date": activity.date_deadline,
                        "activity_id": activity.id,
                        "topic": activity.summary,
                    }
                )
        return result

    def _sales_client_list_candidates(self):
        """Lines of the managers' active client lists planned for the day (or
        earlier, when no contact has been logged on them since)."""
        lines = (
            self.env["sales.client.list.line"]
            .sudo()
            .search_fetch(
                [
                    ("user_id", "in", self.user_id.ids),
                    ("company_id", "in", self.company_id.ids),
                    ("list_id.state", "=", "active"),
                    ("planned_date", "<=", max(self.mapped("date"))),
                    ("partner_id.active", "=", True),
                ],
                [
                    "user_id",
                    "company_id",
                    "partner_id",
                    "contact_person_id",
                    "topic",
                    "planned_date",
                    "log_id",
                ],
                order="planned_date, sequence, id",
            )
        )
        # A line already taken into a plan is followed there.
        taken = set(
            self.env["sales.daily.plan.line"]
            .sudo()
            .search_fetch(
                [("client_list_line_id", "in", lines.ids)], ["client_list_line_id"]
            )
            .client_list_line_id.ids
        )
        logs = {
            log.id: log.date
            for log in self.env["sales.contact.log"]
            .sudo()
            .search_fetch([("id", "in", lines.log_id.ids)], ["date"])
        }
        result = defaultdict(list)
        for line in lines:
            if line.id in taken:
                continue
            if line.log_id and logs[line.log_id.id] >= line.planned_date:
                continue
            for plan in self:
                if (
                    plan.user_id == line.user_id
                    and plan.company_id == line.company_id
                    and line.planned_date <= plan.date
                ):
                    result[plan].append(
                        {
                            "partner_id": line.partner_id.id,
                            "contact_person_id": line.contact_person_id.id,
                            "source": "client_list",
                            "due_date": line.planned_date,
                            "client_list_line_id": line.id,
                            "topic": line.topic,
                        }
                    )
        return result

    def _sales_trip_candidates(self):
        """Visits of the managers' approved business trips planned for the
        day, not yet made nor taken into a plan."""
        visits = (
            self.env["sales.trip.visit"]
            .sudo()
            .search_fetch(
                [
                    ("user_id", "in", self.user_id.ids),
                    ("company_id", "in", self.company_id.ids),
                    ("trip_id.state", "=", "approved"),
                    ("state", "=", "planned"),
                    ("log_id", "=", False),
                    ("planned_date", "in", list(set(self.mapped("date")))),
                ],
                [
                    "user_id",
                    "company_id",
                    "partner_id",
                    "contact_person_id",
                    "goal",
                    "planned_date",
                ],
                order="planned_date, sequence, id",
            )
        )
        taken = set(
            self.env["sales.daily.plan.line"]
            .sudo()
            .search_fetch([("trip_visit_id", "in", visits.ids)], ["trip_visit_id"])
            .trip_visit_id.ids
        )
        result = defaultdict(list)
        for visit in visits:
            if visit.id in taken:
                continue
            for plan in self:
                if (plan.user_id, plan.company_id, plan.date) == (
                    visit.user_id,
                    visit.company_id,
                    visit.planned_date,
                ):
                    result[plan].append(
                        {
                            "partner_id": visit.partner_id.id,
                            "contact_person_id": visit.contact_person_id.id,
                            "source": "trip",
                            "due_date": visit.planned_date,
                            "trip_visit_id": visit.id,
                            "topic": visit._sales_topic(),
                        }
                    )
        return result

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
        users = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("share", "=", False),
                    ("groups_id", "in", self.env.ref(SALES_GROUP).ids),
                ],
                order="id",
            )
        )
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


class ResUsers(models.Model):
    _inherit = "res.users"

    def _sales_working_today(self):
        """{user id: today's date in the user's time zone}, for the users for
        whom today is a working day of their working calendar (their own,
        else their company's), public holidays and time off included."""
        groups = defaultdict(lambda: self.env["res.users"])
        now = fields.Datetime.now()
        for user in self:
            resource = user.resource_ids.filtered(
                lambda r, user=user: r.company_id == user.company_id
            )[:1]
            calendar = (
                resource.calendar_id
                if resource
                else user.company_id.resource_calendar_id
            )
            tz_name = user.tz or calendar.tz or "UTC"
            groups[(calendar, tz_name)] |= user
        result = {}
        for (calendar, tz_name), users in groups.items():
            tz = pytz.timezone(tz_name)
            today = pytz.utc.localize(now).astimezone(tz).date()
            if not calendar:
                result.update(dict.fromkeys(users.ids, today))
                continue
            start = tz.localize(datetime.combine(today, time.min))
            resources = users.resource_ids.filtered(
                lambda r, calendar=calendar: r.calendar_id == calendar
            )
            intervals = calendar._work_intervals_batch(
                start, start + timedelta(days=1), resources=resources, tz=tz
            )
            for user in users:
                resource = resources.filtered(lambda r, user=user: r.user_id == user)
                if intervals[resource[:1].id]:
                    result[user.id] = today
        return result


class SalesDailyPlanLine(models.Model):
    """One company to contact in a manager's plan of the day."""

    _name = "sales.daily.plan.line"
    _description = "Daily Contact Plan Line"
    _order = "date desc, plan_id, sequence, id"
    _rec_name = "partner_id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "sales.daily.plan",
        string="Plan",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=1000)
    user_id = fields.Many2one(
        related="plan_id.user_id", store=True, index=True, string="Manager"
    )
    date = fields.Date(related="plan_id.date", store=True, index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
    )
    contact_person_id = fields.Many2one(
        "res.partner",
        ondelete="set null",
        check_company=True,
        domain="[('commercial_partner_id', '=', partner_id), ('id', '!=', partner_id)]",
    )
    phone = fields.Char(compute="_compute_phone")
    planned_time = fields.Float(
        string="Time", help="Time of the day planned for the contact."
    )
    topic = fields.Char(string="Topic / Purpose")
    state = fields.Selection(
        LINE_STATES,
        required=True,
        index=True,
        compute="_compute_state",
        store=True,
        readonly=False,
        precompute=True,
    )
    source = fields.Selection(
        LINE_SOURCES,
        required=True,
        default="manual",
        readonly=True,
        help="Where the line came from when the plan was prepared.",
    )
    due_date = fields.Date(
        string="Control Date",
        readonly=True,
        help="The date the contact was due: the follow-up's control date or "
        "the date planned in the client list.",
    )
    carried_from_id = fields.Many2one(
        "sales.daily.plan.line",
        string="Carried Over From",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
        help="The line of an earlier day, left open there and moved here.",
    )
    carried_over = fields.Boolean(compute="_compute_carried_over")
    moved_to_date = fields.Date(
        string="Moved To", readonly=True, help="The day this contact was moved to."
    )
    activity_id = fields.Many2one(
        "mail.activity",
        string="Follow-up",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
    )
    client_list_line_id = fields.Many2one(
        "sales.client.list.line",
        string="Client List Line",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
    )
    trip_visit_id = fields.Many2one(
        "sales.trip.visit",
        string="Business Trip Visit",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
    )
    log_ids = fields.One2many(
        "sales.contact.log", "daily_plan_line_id", string="Contacts Logged"
    )
    log_id = fields.Many2one(
        "sales.contact.log",
        string="Contact Logged",
        compute="_compute_log_id",
        store=True,
        index="btree_not_null",
    )
    result = fields.Text(related="log_id.result", string="Result")
    cancel_reason = fields.Text(readonly=True)
    moved_line_ids = fields.One2many(
        "sales.daily.plan.line", "carried_from_id", string="Moved To Lines"
    )

    @api.depends("partner_id.phone", "partner_id.mobile", "contact_person_id")
    def _compute_phone(self):
        for line in self:
            person = line.contact_person_id
            line.phone = (
                person.mobile
                or person.phone
                or line.partner_id.phone
                or line.partner_id.mobile
            )

    @api.depends("log_ids")
    def _compute_state(self):
        for line in self:
            if line.log_ids:
                line.state = "done"
            elif not line.state or line.state == "done":
                line.state = "planned"

    @api.depends("log_ids")
    def _compute_log_id(self):
        for line in self:
            line.log_id = line.log_ids.sorted(lambda log: (log.date, log.id))[-1:]

    @api.depends("carried_from_id")
    def _compute_carried_over(self):
        for line in self:
            line.carried_over = bool(line.carried_from_id)

    @api.model_create_multi
    def create(self, vals_list):
        check_values(self, vals_list)
        self.env["sales.contact.log"]._sales_normalize_partner(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        check_values(self, [vals], "write")
        if vals.get("partner_id"):
            self.env["sales.contact.log"]._sales_normalize_partner([vals])
        return super().write(vals)

    def _sales_carry_values(self):
        """Values of this open line carried over to a later day."""
        self.ensure_one()
        return {
            "partner_id": self.partner_id.id,
            "contact_person_id": self.contact_person_id.id,
            "source": self.source,
            "due_date": self.due_date,
            "activity_id": self.activity_id.id,
            "client_list_line_id": self.client_list_line_id.id,
            "trip_visit_id": self.trip_visit_id.id,
            "topic": self.topic,
            "carried_from_id": self.id,
        }

    def _sales_check_open(self):
        closed = self.filtered(lambda line: line.state != "planned")
        if closed:
            states = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "The contact with %(client)s is no longer open: %(state)s.",
                    client=closed[0].partner_id.display_name,
                    state=states[closed[0].state],
                )
            )

    def action_done(self):
        """Open the contact log form (Form 2.2) prefilled from this line.

        Saving the entry marks the line done and links it.
        """
        self.ensure_one()
        self._sales_check_open()
        self.check_access("write")
        action = self.partner_id._sales_contact_log_form_action(topic=self.topic)
        context = action["context"]
        context.update(
            default_user_id=self.user_id.id,
            default_daily_plan_line_id=self.id,
        )
        if self.contact_person_id:
            context["default_contact_person_id"] = self.contact_person_id.id
        if self.client_list_line_id:
            context["default_client_list_line_id"] = self.client_list_line_id.id
        if self.trip_visit_id and not self.trip_visit_id.log_ids:
            context.update(
                default_trip_visit_id=self.trip_visit_id.id,
                default_contact_form="visit",
            )
        if self.activity_id:
            context["sales_followup_activity_id"] = self.activity_id.id
        return action

    def action_reschedule(self):
        self.ensure_one()
        self._sales_check_open()
        return self._sales_wizard_action(
            "sales.daily.plan.reschedule", self.env._("Reschedule the contact")
        )

    def action_cancel(self):
        self.ensure_one()
        self._sales_check_open()
        return self._sales_wizard_action(
            "sales.daily.plan.cancel", self.env._("Cancel the contact")
        )

    def _sales_wizard_action(self, model, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_line_id": self.id},
        }

    def _sales_move(self, date, planned_time=None):
        """Move these open lines to another day, with their follow-ups.

        The lines stay here, marked as moved; new lines are planned on the
        manager's plan of that day.
        """
        self._sales_check_open()
        self.check_access("write")
        today = fields.Date.context_today(self)
        for line in self:
            if date < today or date == line.date:
                raise UserError(
                    self.env._(
                        "A contact can only be moved to today or a later day, "
                        "other than the day of its plan."
                    )
                )
        to_create = []
        for (user, company), lines in self.grouped(
            lambda line: (line.user_id, line.company_id)
        ).items():
            plan = self.env["sales.daily.plan"]._sales_ensure_plans(
                {user.id: date}, company
            )
            to_create += [
                {
                    "plan_id": plan.id,
                    "partner_id": line.partner_id.id,
                    "contact_person_id": line.contact_person_id.id,
                    "planned_time": planned_time or line.planned_time,
                    "topic": line.topic,
                    "source": "rescheduled",
                    "due_date": date,
                    "activity_id": line.activity_id.id,
                    "client_list_line_id": line.client_list_line_id.id,
                    "trip_visit_id": line.trip_visit_id.id,
                    "carried_from_id": line.id,
                }
                for line in lines
            ]
        new_lines = self.create(to_create)
        self.write({"state": "rescheduled", "moved_to_date": date})
        self._sales_move_followups(date)
        return new_lines

    def _sales_move_followups(self, date):
        """Move the follow-ups of these lines to `date`.

        A follow-up planned by a contact log entry moves with the entry's
        control date, which stays its single source; others move alone.
        """
        activities = self.activity_id.exists().filtered("active")
        logs = activities.sales_contact_log_id
        if logs:
            logs.write({"next_contact_date": date})
        alone = activities.filtered(lambda a: not a.sales_contact_log_id)
        if alone:
            # Allowed through the plan: the follow-up is the manager's own.
            alone.sudo().write({"date_deadline": date})

    def _sales_cancel(self, reason, close_followup=False):
        self._sales_check_open()
        self.check_access("write")
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for cancelling the contact."))
        self.write({"state": "cancelled", "cancel_reason": reason})
        activities = self.activity_id.exists().filtered("active")
        if close_followup and activities:
            # Allowed through the plan: the follow-ups are the manager's own.
            activities.sudo().action_feedback(
                feedback=self.env._(
                    "Cancelled in the daily plan: %(reason)s", reason=reason
                )
            )
