# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column, create_index, table_exists

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from ._sales_common import recheck_owner, without_context_keys
from ._sales_tools import check_next_contact_date, check_values
from .sales_contact_capture import CAPTURE_SOURCES, capture_targets
from .sales_contact_log_notes import log_in_chatter

CONTACT_FORMS = [
    ("letter", "Letter"),
    ("email", "Email"),
    ("call_in", "Call from the Client"),
    ("call_out", "Call to the Client"),
    ("meeting", "Meeting"),
    ("visit", "Visit"),
    ("other", "Other"),
]
MILESTONES = [
    ("order", "Order Received"),
    ("payment", "Payment"),
    ("production", "Production Request Handed Over"),
    ("shipment", "Products Shipped"),
    ("acceptance", "Signed Acceptance Documents Received"),
    ("paid_in_full", "Paid in Full"),
]


# The lines a contact is entered on, and the path to their manager.
SOURCE_LINES = {
    "daily_plan_line_id": "user_id",
    "trip_visit_id": "trip_id.user_id",
    "client_list_line_id": "list_id.user_id",
}

# What a captured entry's source says: only the capture writes these.
CAPTURE_FIELDS = ("is_captured", "capture_source", "capture_model", "capture_res_id")
# The facts of a captured contact, taken from its source: whom, when and how.
# The manager edits the rest of the entry (topic, result, what comes next).
CAPTURED_FACTS = ("partner_id", "date", "contact_form")
# What only Odoo marks, given as the context's default values.
PROTECTED_DEFAULTS = frozenset(
    f"default_{fname}" for fname in ("is_automatic", *CAPTURE_FIELDS)
)

# The fields without a default of their own that the precomputed fields
# (is_contact, addressee, region_id) read.
PRECOMPUTE_INPUTS = ("milestone", "is_automatic", "contact_person_id")

FOLLOWUP_FIELDS = {
    "date",
    "next_contact_date",
    "next_step",
    "topic",
    "user_id",
    "partner_id",
}


class SalesContactLog(models.Model):
    _name = "sales.contact.log"
    _inherit = ["sales.client.contact.mixin"]
    _description = "Contact Log Entry (Form 2.2)"
    _order = "date desc, id desc"
    _rec_name = "topic"
    _rec_names_search = ["topic", "partner_id.name", "addressee"]
    _check_company_auto = True

    partner_id = fields.Many2one(
        help="The client company. A contact person given here is replaced by "
        "its company and kept as the contact person.",
    )
    addressee = fields.Char(
        compute="_compute_addressee",
        store=True,
        readonly=False,
        precompute=True,
        help="Position and full name of the contact person, or of the letter's "
        "addressee.",
    )
    date = fields.Date(
        required=True,
        index=True,
        default=fields.Date.context_today,
    )
    contact_form = fields.Selection(
        CONTACT_FORMS,
        string="Form of Contact",
        required=True,
        default="call_out",
    )
    topic = fields.Char(string="Topic / Purpose", required=True)
    result = fields.Text()
    next_step = fields.Text(string="Planned Continuation")
    next_contact_date = fields.Date(
        string="Next Control Date",
        help="Control date of the next contact. It plans a follow-up activity "
        "for the manager, which replaces the client's previous one.",
    )
    milestone = fields.Selection(
        MILESTONES,
        string="Deal Milestone",
        help="Main stage of a deal that this contact records.",
    )
    is_automatic = fields.Boolean(
        string="Logged by Odoo",
        readonly=True,
        help="A deal milestone logged from its document (order, invoice, "
        "delivery). It is not a contact: it neither opens the client card nor "
        "plans or closes follow-ups.",
    )
    is_captured = fields.Boolean(
        string="Captured by Odoo",
        readonly=True,
        copy=False,
        help="A contact Odoo saw by itself (an email, a meeting, a call) and "
        "logged without typing. It is a contact like a typed one; it never "
        "replaces the follow-up the manager planned.",
    )
    capture_source = fields.Selection(
        CAPTURE_SOURCES,
        string="Captured From",
        readonly=True,
        copy=False,
    )
    capture_model = fields.Char(
        string="Source Model",
        readonly=True,
        copy=False,
    )
    capture_res_id = fields.Many2oneReference(
        model_field="capture_model",
        string="Source",
        readonly=True,
        copy=False,
        help="The message, meeting or call this entry was captured from.",
    )
    capture_target_name = fields.Char(
        string="Captured From Record",
        compute="_compute_capture_target",
        help="The record of the source: the thread of an email (the client, "
        "the opportunity or the order), the meeting or the call. Empty when "
        "you may not read it.",
    )
    capture_can_open = fields.Boolean(
        string="Can Open the Source", compute="_compute_capture_target"
    )
    is_contact = fields.Boolean(
        compute="_compute_is_contact",
        store=True,
        precompute=True,
        index=True,
        string="Is a Contact",
        help="A contact with the client (2.3.1.1). Deal milestones are not "
        "contacts, whoever entered them: every count of contacts, filter and "
        "ranking reads this one flag.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Manager",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        ondelete="set null",
        index="btree_not_null",
        check_company=True,
        domain="[('partner_id', 'child_of', partner_id)]",
    )
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        ondelete="set null",
        index="btree_not_null",
        check_company=True,
        domain="[('partner_id', 'child_of', partner_id)]",
    )
    client_list_line_id = fields.Many2one(
        "sales.client.list.line",
        string="Client List Line",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
        help="The line of the client list (Form 2.3/4) this contact was " "entered on.",
    )
    daily_plan_line_id = fields.Many2one(
        "sales.daily.plan.line",
        string="Daily Plan Line",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
        help="The line of the manager's daily contact plan this contact " "completed.",
    )
    trip_visit_id = fields.Many2one(
        "sales.trip.visit",
        string="Business Trip Visit",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
        help="The visit of a business trip (Form 2.5) this contact reports.",
    )
    region_id = fields.Many2one(
        "sales.region",
        string="Region",
        compute="_compute_region_id",
        store=True,
        readonly=False,
        precompute=True,
        ondelete="set null",
        index="btree_not_null",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    activity_ids = fields.One2many(
        "mail.activity",
        "sales_contact_log_id",
        string="Open Follow-up",
        readonly=True,
    )
    followup_date = fields.Date(
        string="Follow-up Due",
        compute="_compute_followup_date",
        help="The deadline of the open follow-up this entry planned. "
        "Rescheduling moves the follow-up; the entry keeps the control date "
        "it was given.",
    )
    followup_state = fields.Selection(
        [
            ("none", "Not Planned"),
            ("planned", "Planned"),
            ("overdue", "Overdue"),
            ("closed", "Closed"),
        ],
        string="Follow-up",
        compute="_compute_followup_state",
    )

    def _auto_init(self):
        # On an upgrade with a large log, fill the new flag in one UPDATE
        # instead of computing it in Python row by row.
        cr = self.env.cr
        if table_exists(cr, self._table) and not column_exists(
            cr, self._table, "is_contact"
        ):
            create_column(cr, self._table, "is_contact", "boolean")
            cr.execute(
                SQL(
                    "UPDATE %s SET is_contact = milestone IS NULL"
                    " AND is_automatic IS NOT TRUE",
                    SQL.identifier(self._table),
                )
            )
        return super()._auto_init()

    def init(self):
        res = super().init()
        # A manager's contact log, newest first: the first page the web
        # client loads is read from this index (see docs/performance.md).
        create_index(
            self.env.cr,
            "sales_contact_log_user_date_id_index",
            self._table,
            ["user_id", "date DESC", "id DESC"],
        )
        return res

    @api.depends("milestone", "is_automatic")
    def _compute_is_contact(self):
        for log in self:
            log.is_contact = not (log.milestone or log.is_automatic)

    @api.depends("contact_person_id")
    def _compute_addressee(self):
        for log in self:
            person = log.contact_person_id
            if person:
                log.addressee = (
                    f"{person.function}, {person.name}"
                    if person.function
                    else person.name
                )
            elif not log.addressee:
                log.addressee = False

    @api.depends("partner_id", "company_id")
    def _compute_region_id(self):
        for log in self:
            region = log.partner_id.commercial_partner_id.sales_region_id
            # A region of another company does not apply to this company's log.
            if region.company_id and region.company_id != log.company_id:
                region = region.browse()
            log.region_id = region

    @api.depends("activity_ids.date_deadline")
    def _compute_followup_date(self):
        for log in self:
            log.followup_date = min(
                log.activity_ids.mapped("date_deadline"), default=False
            )

    @api.depends("next_contact_date", "activity_ids.date_deadline")
    @api.depends_context("tz")
    def _compute_followup_state(self):
        today = fields.Date.context_today(self)
        for log in self:
            if not log.next_contact_date:
                log.followup_state = "none"
            elif not log.activity_ids:
                log.followup_state = "closed"
            elif min(log.activity_ids.mapped("date_deadline")) < today:
                log.followup_state = "overdue"
            else:
                log.followup_state = "planned"

    @api.depends("capture_model", "capture_res_id")
    @api.depends_context("uid")
    def _compute_capture_target(self):
        targets = self._sales_capture_targets()
        for log in self:
            target = targets.get(log.id)
            log.capture_can_open = bool(target)
            log.capture_target_name = target.sudo().display_name if target else False

    def _sales_capture_targets(self):
        return capture_targets(self)

    @api.readonly
    def action_open_capture_source(self):
        """Open the record the entry was captured from, if the user may."""
        self.ensure_one()
        target = self._sales_capture_targets().get(self.id)
        if not target:
            raise UserError(
                self.env._("The source of this entry is gone or not yours to open.")
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": target._name,
            "res_id": target.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    @api.constrains("date", "next_contact_date")
    def _check_next_contact_date(self):
        for log in self:
            check_next_contact_date(self.env, log.date, log.next_contact_date)

    @api.constrains(
        "daily_plan_line_id",
        "trip_visit_id",
        "client_list_line_id",
        "partner_id",
        "user_id",
    )
    def _check_source_line(self):
        """An entry made on a daily plan line, a trip visit or a client-list
        line is for that line's client and manager. The line may be one the
        author cannot read: that is refused too."""
        for log in self.sudo():
            for fname, manager_path in SOURCE_LINES.items():
                line = log[fname]
                if not line:
                    continue
                manager = line.mapped(manager_path)
                if (line.partner_id, manager) != (log.partner_id, log.user_id):
                    raise ValidationError(
                        self._sales_source_line_error(
                            fname, manager.name, line.partner_id.display_name
                        )
                    )

    def _sales_source_line_error(self, fname, manager, client):
        if fname == "daily_plan_line_id":
            return self.env._(
                "This contact completes the daily plan line of %(manager)s "
                "with %(client)s: it must be logged with that client for that "
                "manager.",
                manager=manager,
                client=client,
            )
        if fname == "trip_visit_id":
            return self.env._(
                "This contact reports the visit of %(manager)s to %(client)s: "
                "it must be logged with that client for that manager.",
                manager=manager,
                client=client,
            )
        return self.env._(
            "This contact was entered on the client list of %(manager)s for "
            "%(client)s: it must be logged with that client for that manager.",
            manager=manager,
            client=client,
        )

    @api.constrains("milestone", "sale_order_id")
    def _check_milestone_once_per_deal(self):
        logs = self.filtered(lambda log: log.milestone and log.sale_order_id)
        if not logs:
            return
        counts = self.sudo()._read_group(
            [
                ("sale_order_id", "in", logs.sale_order_id.ids),
                ("milestone", "in", list(set(logs.mapped("milestone")))),
            ],
            ["sale_order_id", "milestone"],
            ["__count"],
            having=[("__count", ">", 1)],
        )
        if counts:
            order, milestone, _count = counts[0]
            labels = dict(self._fields["milestone"]._description_selection(self.env))
            raise ValidationError(
                self.env._(
                    "The milestone “%(milestone)s” of %(order)s is already in the "
                    "contact log: each milestone is logged once per deal.",
                    milestone=labels[milestone],
                    order=order.name,
                )
            )

    @api.constrains("partner_id", "topic")
    def _check_required_values(self):
        for log in self:
            self._sales_check_required(log.partner_id, log.topic)

    @api.model_create_multi
    def create(self, vals_list):
        check_values(self, vals_list)
        self._sales_protect_automatic(vals_list)
        forged = not self.env.su and PROTECTED_DEFAULTS & self.env.context.keys()
        if forged:
            # The context's defaults of these fields are no more the caller's
            # to give than the values themselves.
            return without_context_keys(self, forged).create(vals_list)
        defaults = self.default_get(
            ["partner_id", "topic", "user_id", "date", "company_id", *PRECOMPUTE_INPUTS]
        )
        for vals in vals_list:
            self._sales_check_required(
                vals.get("partner_id", defaults.get("partner_id")),
                vals.get("topic", defaults.get("topic")),
            )
        # The pair's normalisation (the mixin's create) is needed before the
        # matching with the plan lines, which goes by the client company.
        self._sales_normalize_partner(vals_list)
        self.env["sales.daily.plan.line"]._sales_match_contacts(vals_list, defaults)
        # The fields the precomputed ones read, given: else the ORM looks
        # their defaults up again for each new entry it precomputes.
        for vals in vals_list:
            for fname in PRECOMPUTE_INPUTS:
                vals.setdefault(fname, defaults.get(fname, False))
        logs = super().create(vals_list)
        # A captured contact leaves the follow-up the manager planned alone.
        planning = logs.filtered(lambda log: not log.is_captured)
        planning._sales_sync_followups(planning._sales_followup_keys())
        logs._sales_close_followup_from_context()
        logs._sales_log_in_chatter()
        logs._sales_file_in_passports()
        return logs

    def write(self, vals):
        check_values(self, [vals], "write")
        self._sales_protect_automatic([vals])
        self._sales_protect_captured(vals)
        keys = self._sales_followup_keys() if FOLLOWUP_FIELDS & vals.keys() else set()
        res = super().write(vals)
        recheck_owner(self, vals)
        if keys:
            self._sales_sync_followups(
                keys | self._sales_followup_keys(),
                redated=self if "next_contact_date" in vals else None,
            )
        if "contact_form" in vals:
            self._sales_file_in_passports()
        return res

    def unlink(self):
        if self.env.context.get(MODULE_UNINSTALL_FLAG):
            # The module is going: its entries go, the clients' follow-ups stay.
            return super().unlink()
        keys = self._sales_followup_keys()
        # Entries and their open follow-ups go together; done ones stay.
        self.activity_ids.sudo().unlink()
        res = super().unlink()
        self.browse()._sales_sync_followups(keys)
        return res

    @api.model
    def _sales_protect_automatic(self, vals_list):
        """Only Odoo logs a milestone from its document, or captures a
        contact from its source (as superuser)."""
        if self.env.su:
            return
        for vals in vals_list:
            for fname in ("is_automatic", *CAPTURE_FIELDS):
                vals.pop(fname, None)

    def _sales_protect_captured(self, vals):
        """The client, the day and the form of a captured contact are what
        its source says: a user does not change them (the manager edits the
        topic and the result, or deletes an entry that should not count)."""
        if self.env.su:
            return
        for fname in CAPTURED_FACTS:
            if fname not in vals:
                continue
            field = self._fields[fname]
            value = field.convert_to_cache(vals[fname], self)
            for log in self.filtered("is_captured"):
                if field.convert_to_cache(log[fname], log) != value:
                    raise UserError(
                        self.env._(
                            "“%(entry)s” was captured by Odoo from its source: "
                            "its client, date and form of contact stay as the "
                            "source says. Edit its topic and result, or delete "
                            "it if it should not count.",
                            entry=log.display_name,
                        )
                    )

    @api.model
    def _sales_check_required(self, partner, topic):
        if not partner:
            raise ValidationError(
                self.env._("A contact log entry needs the client it was made with.")
            )
        if not (topic or "").strip():
            raise ValidationError(
                self.env._(
                    "A contact log entry needs the topic (purpose) of the contact."
                )
            )

    def _sales_file_in_passports(self):
        """Meetings and calls are records of negotiations of the passport."""
        self.env["sales.client.passport.document"].sudo()._sales_file_negotiations(
            self.sudo()
        )

    def _sales_followup_keys(self):
        return {(log.partner_id.id, log.user_id.id) for log in self}

    @api.model
    def _sales_sync_followups(self, keys, redated=None):
        """Bring the follow-ups of these (client id, manager id) pairs up to
        date with the managers' newest entries on the clients: the sync
        lives with the follow-ups (mail.activity)."""
        self.env["mail.activity"]._sales_sync_followups(keys, redated=redated)

    @api.model
    def _sales_latest_entries(self, domain, groupby):
        """The latest entry (by date, then by entry) of each group of entries.

        :param list domain: the entries to look at
        :param list groupby: names of the many2one fields to group them by
        :return: {tuple of the group's records: entry}, in two queries
        """
        last_dates = {
            tuple(group): last_date
            for *group, last_date in self._read_group(domain, groupby, ["date:max"])
        }
        latest = {}
        if last_dates:
            for log in self.search(
                domain + [("date", "in", list(set(last_dates.values())))],
                order="date asc, id asc",
            ):
                key = tuple(log[fname] for fname in groupby)
                if last_dates.get(key) == log.date:
                    latest[key] = log
        return latest

    def _sales_close_followup_from_context(self):
        """Close the follow-up activity the contact was logged from. A
        captured contact closes none: the request that Odoo captured it in
        may come from the follow-up, but the manager decides what is next."""
        activity_id = self.env.context.get("sales_followup_activity_id")
        logs = self.filtered(lambda log: not log.is_captured)
        if not activity_id or not logs:
            return
        activity = self.env["mail.activity"].browse(activity_id).exists()
        if activity.active and activity.activity_category == "sales_contact_log":
            activity.action_feedback(feedback=logs[:1].result or False)

    def _sales_log_in_chatter(self):
        log_in_chatter(self)
