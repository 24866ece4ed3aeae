# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ._sales_common import recheck_owner
from ._sales_tools import check_values, is_id
from .res_partner import CLIENT_TYPES


class SalesClientList(models.Model):
    """Classified client list (Form 2.3/4): the working form of contacts with
    the clients of a region and of an industry."""

    _name = "sales.client.list"
    _description = "Classified Client List (Form 2.3/4)"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        compute="_compute_name", store=True, readonly=False, precompute=True
    )
    region_id = fields.Many2one(
        "sales.region",
        ondelete="restrict",
        index=True,
        check_company=True,
        tracking=True,
    )
    industry_id = fields.Many2one(
        "res.partner.industry", ondelete="restrict", tracking=True
    )
    other_industry_ids = fields.Many2many(
        "res.partner.industry",
        string="Other Industries",
        help="Further industries that the list covers.",
    )
    client_type = fields.Selection(CLIENT_TYPES, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Manager",
        required=True,
        index=True,
        ondelete="restrict",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        check_company=True,
        tracking=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    state = fields.Selection(
        [("active", "Active"), ("closed", "Closed")],
        required=True,
        default="active",
        tracking=True,
        help="A renewed list is closed: it stays readable, its successor is "
        "the working form.",
    )
    line_ids = fields.One2many("sales.client.list.line", "list_id", string="Lines")
    line_count = fields.Integer(compute="_compute_line_count")
    previous_list_id = fields.Many2one(
        "sales.client.list",
        string="Previous List",
        readonly=True,
        copy=False,
        ondelete="set null",
        index="btree_not_null",
    )
    next_list_id = fields.Many2one(
        "sales.client.list",
        string="Renewed As",
        compute="_compute_next_list_id",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.depends("region_id", "industry_id", "client_type", "date")
    def _compute_name(self):
        types = dict(self._fields["client_type"]._description_selection(self.env))
        for client_list in self:
            parts = [
                client_list.region_id.name,
                client_list.industry_id.name,
                types.get(client_list.client_type),
            ]
            client_list.name = " / ".join(part for part in parts if part) or False

    @api.depends("line_ids")
    def _compute_line_count(self):
        counts = dict(
            self.env["sales.client.list.line"]._read_group(
                [("list_id", "in", self.ids)], ["list_id"], ["__count"]
            )
        )
        for client_list in self:
            client_list.line_count = counts.get(client_list, 0)

    def _compute_next_list_id(self):
        successors = {
            successor.previous_list_id: successor
            for successor in self.search([("previous_list_id", "in", self.ids)])
        }
        for client_list in self:
            client_list.next_list_id = successors.get(client_list, False)

    # "date" always has a value: it makes the check run on every create.
    @api.constrains(
        "region_id", "industry_id", "other_industry_ids", "client_type", "date"
    )
    def _check_classification(self):
        for client_list in self:
            if not (
                client_list.region_id
                or client_list.industry_id
                or client_list.other_industry_ids
                or client_list.client_type
            ):
                raise ValidationError(
                    self.env._(
                        "A client list is classified: give its region, an industry "
                        "or a client type."
                    )
                )

    def _client_domain(self):
        self.ensure_one()
        domain = [("parent_id", "=", False), ("active", "=", True)]
        if self.region_id:
            domain.append(("sales_region_id", "=", self.region_id.id))
        industries = self.industry_id | self.other_industry_ids
        if industries:
            domain.append(("industry_id", "in", industries.ids))
        if self.client_type:
            domain.append(("client_type", "=", self.client_type))
        return domain

    def write(self, vals):
        check_values(self, [vals], "write")
        # A closed list is a record: nothing of it changes any more, apart
        # from the chatter's bookkeeping.
        if vals != {"state": "closed"} and vals.keys() - {"message_main_attachment_id"}:
            self._check_editable()
        res = super().write(vals)
        recheck_owner(self, vals)
        return res

    def action_fill(self):
        """Add the matching clients that the list does not hold yet."""
        for client_list in self:
            client_list._check_editable()
            clients = self.env["res.partner"].search(
                client_list._client_domain()
                + [("id", "not in", client_list.line_ids.partner_id.ids)],
                order="name",
            )
            self.env["sales.client.list.line"].create(
                [
                    {"list_id": client_list.id, "partner_id": client.id}
                    for client in clients
                ]
            )
        return True

    def action_renew(self):
        """Open a new list from this one, as 2.3.1.6 says: each line carries
        over the planned continuation and next control date of its client's
        last contact as topic and planned date. This list is closed."""
        self.ensure_one()
        self._check_editable()
        latest = self.line_ids._latest_client_contacts()
        no_contact = self.env["sales.contact.log"]
        new_list = self.copy(
            {
                "date": fields.Date.context_today(self),
                "previous_list_id": self.id,
                "line_ids": [
                    fields.Command.create(
                        line._renewal_values(latest.get(line.partner_id, no_contact))
                    )
                    for line in self.line_ids
                ],
            }
        )
        self.state = "closed"
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new_list.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        """A closed list is a record of the work done: it stays."""
        self._check_editable()

    def _check_editable(self):
        closed = self.filtered(lambda client_list: client_list.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "The list %(list)s is closed: work in its renewed list.",
                    list=closed[0].display_name,
                )
            )

    def action_import_lines(self):
        """Odoo's import of a spreadsheet into the lines of this list."""
        self.ensure_one()
        self._check_editable()
        return {
            "type": "ir.actions.client",
            "tag": "import",
            "params": {
                "model": "sales.client.list.line",
                "context": {"default_list_id": self.id},
            },
        }


class SalesClientListLine(models.Model):
    """A line of a client list: one client, the planned contact, and the
    contacts made, which are contact log entries (Form 2.2): the line keeps
    them all and shows the latest."""

    _name = "sales.client.list.line"
    _inherit = ["sales.contact.logged.mixin"]
    _description = "Client List Line (Form 2.3/4)"
    _order = "list_id, sequence, id"
    _check_company_auto = True

    list_id = fields.Many2one(
        "sales.client.list",
        string="Client List",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="list_id.company_id", store=True, index=True)
    user_id = fields.Many2one(related="list_id.user_id", store=True)
    topic = fields.Char(string="Topic / Purpose")
    planned_date = fields.Date(string="Planned Contact Date")
    last_contact_date = fields.Date(
        compute="_compute_last_contact", string="Last Contact"
    )
    last_result = fields.Text(
        compute="_compute_last_contact", string="Result of Last Contact"
    )
    log_ids = fields.One2many(
        "sales.contact.log", "client_list_line_id", string="Contacts Logged"
    )
    log_id = fields.Many2one(help="The last contact logged from this line.")
    # The latest contact made on this line *is* its latest contact log entry:
    # these columns show it, and writing them logs a new contact or corrects
    # that one (see write), so nothing is typed twice.
    contact_date = fields.Date(related="log_id.date", readonly=False)
    contact_form = fields.Selection(related="log_id.contact_form", readonly=False)
    result = fields.Text(related="log_id.result", readonly=False)
    next_step = fields.Text(related="log_id.next_step", readonly=False)
    next_contact_date = fields.Date(related="log_id.next_contact_date", readonly=False)

    _sql_constraints = [
        (
            "partner_list_uniq",
            "unique(list_id, partner_id)",
            "A client appears only once in a list.",
        ),
    ]

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Client List Lines"),
                "template": "/sales_standard/static/xls/client_list_lines.csv",
            }
        ]

    @api.depends("partner_id", "log_id")
    def _compute_last_contact(self):
        """Date and result of the client's last contact, other than the ones
        logged on the line itself."""
        logs = self.env["sales.contact.log"]
        domain = [
            ("partner_id", "in", self.partner_id.ids),
            ("is_contact", "=", True),
            ("id", "not in", self.log_ids.ids),
        ]
        latest = logs._sales_latest_entries(domain, ["partner_id"])
        for line in self:
            log = latest.get((line.partner_id,), logs)
            line.last_contact_date = log.date
            line.last_result = log.result

    @api.onchange("contact_date")
    def _onchange_contact_date(self):
        """A new contact date starts a new contact: its result, planned
        continuation and control date are still to be written (see
        ``write``)."""
        entry = self._origin.log_id
        if entry and self.contact_date and self.contact_date != entry.date:
            self.result = self.next_step = self.next_contact_date = False

    @api.model_create_multi
    def create(self, vals_list):
        check_values(self, vals_list)
        default_list = self.env.context.get("default_list_id")
        list_ids = {vals.get("list_id", default_list) for vals in vals_list}
        if all(is_id(list_id) for list_id in list_ids):
            # Refused before anything is inserted (the check after it is
            # for lists given otherwise, as records).
            self.list_id.browse(list_ids).exists()._check_editable()
        contact_vals = [self._pop_contact_values(vals) for vals in vals_list]
        lines = super().create(vals_list)
        lines.list_id._check_editable()
        lines._log_contacts(contact_vals)
        return lines

    def write(self, vals):
        """Write the line; the contact columns log the contact made.

        The working form (2.3.1.6) is filled in after each contact, in the
        same row, and the contact log is a record that only grows:

        - a contact date other than the one of the line's latest entry (or
          the first contact of the line) logs a NEW entry; the columns not
          given are empty, but its form of contact is the latest entry's,
          as the row showed it;
        - the other columns alone, or with the latest entry's own date,
          correct the latest entry, and only its author (the manager whose
          entry it is) corrects it; anybody else is told to log a new
          contact. ``action_correct_last_contact`` opens the entry itself.

        Earlier entries are never written. A line of a closed list is not
        written at all.
        """
        check_values(self, [vals], "write")
        self.list_id._check_editable()
        vals = dict(vals)
        contact = self._pop_contact_values(vals)
        if "list_id" in vals:
            self.env["sales.client.list"].browse(vals["list_id"])._check_editable()
        res = super().write(vals) if vals else True
        if contact:
            self._write_contact(contact)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed_list(self):
        self.list_id._check_editable()

    @api.model
    def _pop_contact_values(self, vals):
        return {
            log_field: vals.pop(line_field)
            for line_field, log_field in self._contact_fields().items()
            if line_field in vals
        }

    @api.model
    def _contact_fields(self):
        return {
            "contact_date": "date",
            "contact_form": "contact_form",
            "result": "result",
            "next_step": "next_step",
            "next_contact_date": "next_contact_date",
        }

    def _write_contact(self, contact):
        """Log a new contact or correct the latest one (see ``write``)."""
        new_date = contact.get("date") and fields.Date.to_date(contact["date"])
        to_log = []
        for line in self:
            entry = line.log_id
            if not entry or (new_date and new_date != entry.date):
                new_contact = dict(contact)
                if entry and "contact_form" not in contact:
                    new_contact["contact_form"] = entry.contact_form
                to_log.append((line, new_contact))
                continue
            if entry.user_id != self.env.user and not self.env.su:
                raise UserError(
                    self.env._(
                        "The last contact with %(client)s was logged by "
                        "%(manager)s: only its author corrects it. Log a new "
                        "contact with its own date instead.",
                        client=line.partner_id.display_name,
                        manager=entry.user_id.name,
                    )
                )
            entry.write(contact)
        if to_log:
            lines = self.browse([line.id for line, _contact in to_log])
            lines._log_contacts([new_contact for _line, new_contact in to_log])

    def _log_contacts(self, contact_vals):
        """Log the contacts entered on these lines as new entries."""
        todo = [
            (line, contact)
            for line, contact in zip(self, contact_vals, strict=True)
            if any(contact.values())
        ]
        if not todo:
            return
        self.list_id._check_editable()
        self.env["sales.contact.log"].create(
            [
                {
                    "partner_id": line.partner_id.id,
                    "contact_person_id": line.contact_person_id.id,
                    "topic": line.topic or line.list_id.name,
                    "user_id": line.list_id.user_id.id,
                    "company_id": line.company_id.id,
                    "client_list_line_id": line.id,
                    **contact,
                }
                for line, contact in todo
            ]
        )

    def _latest_client_contacts(self):
        """The latest contact (not a deal milestone, whoever entered it) of
        each client of these lines, by any manager of the list's company:
        {client: entry}."""
        latest = {}
        logs = self.env["sales.contact.log"]
        for company, lines in self.grouped("company_id").items():
            domain = [
                ("partner_id", "in", lines.partner_id.ids),
                ("company_id", "=", company.id),
                ("is_contact", "=", True),
            ]
            for (partner,), log in logs._sales_latest_entries(
                domain, ["partner_id"]
            ).items():
                latest[partner] = log
        return latest

    def _renewal_values(self, last_contact=None):
        """Values of this line in a renewed list: the planned continuation
        and control date of the client's latest contact (by any manager of
        the company, see ``_latest_client_contacts``) become its topic and
        planned date; without them the line's own stay."""
        self.ensure_one()
        if last_contact is None:
            last_contact = self._latest_client_contacts().get(self.partner_id)
        last = last_contact or self.env["sales.contact.log"]
        return {
            "sequence": self.sequence,
            "partner_id": self.partner_id.id,
            "contact_person_id": self.contact_person_id.id,
            "topic": last.next_step or self.topic,
            "planned_date": last.next_contact_date or self.planned_date,
        }

    def action_correct_last_contact(self):
        """Open the line's latest entry to correct it (its author may)."""
        self.ensure_one()
        self.list_id._check_editable()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sales.contact.log",
            "res_id": self.log_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def action_log_another_contact(self):
        """Open a new contact log entry for the line's client."""
        self.ensure_one()
        self.list_id._check_editable()
        action = self.partner_id._sales_contact_log_form_action(topic=self.topic)
        action["context"].update(
            default_contact_person_id=self.contact_person_id.id,
            default_client_list_line_id=self.id,
        )
        return action

    @api.model
    def _sales_plan_candidates(self, plans):
        """Candidates for these daily plans (a source of
        `sales.daily.plan._sales_plan_sources`): the lines of the managers'
        active client lists planned for the day (or earlier, when no contact
        has been logged on them since).

        :return: {plan: [values of a plan line]}
        """
        lines = self.sudo().search_fetch(
            [
                ("user_id", "in", plans.user_id.ids),
                ("company_id", "in", plans.company_id.ids),
                ("list_id.state", "=", "active"),
                ("planned_date", "<=", max(plans.mapped("date"))),
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
        result = {}
        for line in lines:
            if line.id in taken:
                continue
            if line.log_id and logs[line.log_id.id] >= line.planned_date:
                continue
            for plan in plans:
                if (
                    plan.user_id == line.user_id
                    and plan.company_id == line.company_id
                    and line.planned_date <= plan.date
                ):
                    result.setdefault(plan, []).append(
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
