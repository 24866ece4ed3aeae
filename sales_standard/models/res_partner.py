# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ._sales_common import SALES_GROUP

CLIENT_TYPES = [
    ("dealer", "Dealer"),
    ("intermediary", "Intermediary"),
    ("end_consumer", "End Consumer"),
    ("intermediate_consumer", "Intermediate Consumer"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_type = fields.Selection(
        CLIENT_TYPES,
        groups=SALES_GROUP,
        tracking=True,
        help="Client type of the client card (Form 2.1).",
    )
    sales_needs_type = fields.Boolean(
        compute="_compute_sales_needs_type",
        search="_search_sales_needs_type",
        string="Needs a Client Type",
        groups=SALES_GROUP,
        help="A client card with sales activity (an order or a quotation, an "
        "opportunity, a logged contact) and no client type: it is missing from "
        "the clients (Form 2.1) and from the clients without a planned contact.",
    )
    sales_region_id = fields.Many2one(
        "sales.region",
        string="Sales Region",
        compute="_compute_sales_region_id",
        store=True,
        readonly=False,
        precompute=True,
        ondelete="set null",
        index="btree_not_null",
        groups=SALES_GROUP,
        tracking=True,
        help="Set from the state of the address when a region covers it; "
        "it can be changed by hand.",
    )
    contact_log_ids = fields.One2many(
        "sales.contact.log",
        "partner_id",
        string="Contact Log",
        groups=SALES_GROUP,
    )
    contact_log_count = fields.Integer(
        compute="_compute_contact_log_count",
        string="Contacts",
        groups=SALES_GROUP,
    )
    client_card_date = fields.Date(
        compute="_compute_client_card_date",
        store=True,
        readonly=False,
        precompute=True,
        copy=False,
        groups=SALES_GROUP,
        help="Date the client card (Form 2.1) was opened: the first letter sent "
        "or the first call.",
    )
    last_contact_date = fields.Date(
        compute="_compute_last_contact_date",
        store=True,
        precompute=True,
        copy=False,
        groups=SALES_GROUP,
    )
    next_contact_date = fields.Date(
        compute="_compute_next_contact_date",
        store=True,
        precompute=True,
        index=True,
        copy=False,
        groups=SALES_GROUP,
        help="Control date of the next contact: the earliest open follow-up.",
    )

    sales_passport_count = fields.Integer(
        compute="_compute_sales_passport_count",
        string="Client Passports",
        groups=SALES_GROUP,
    )

    @api.depends("state_id")
    def _compute_sales_region_id(self):
        # Regions are master data: reading them must not depend on the rights
        # of whoever edits an address (an accountant, say).
        states = self.state_id
        regions_su = self.env["sales.region"].sudo()
        if states:
            regions_su = regions_su.search([("state_ids", "in", states.ids)])
        for partner in self:
            state = partner.state_id
            if not state:
                continue
            company = partner.company_id or self.env.company
            region = regions_su.filtered(
                lambda r, state=state, company=company: state in r.state_ids
                and (not r.company_id or r.company_id == company)
            )[:1]
            if region:
                partner.sales_region_id = region

    @api.depends("client_type", "parent_id")
    def _compute_sales_needs_type(self):
        """A client card (no parent: its contact persons share its type)
        without a type, with sales activity. Whether it has any does not
        depend on who looks at the card: it is read for all users."""
        cards = self.filtered(
            lambda partner: partner._origin
            and not partner.parent_id
            and not partner.client_type
        )
        active = set()
        partners_su = self.env["res.partner"].sudo().with_context(active_test=False)
        if cards:
            active = {
                card.id
                for card, _count in partners_su._read_group(
                    [("commercial_partner_id", "in", cards._origin.ids)]
                    + self._sales_activity_domain(),
                    ["commercial_partner_id"],
                    ["__count"],
                )
            }
        for partner in self:
            partner.sales_needs_type = partner in cards and partner._origin.id in active

    def _search_sales_needs_type(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._(
                    "Cards without a type can only be searched as set or not set."
                )
            )
        partners_su = self.env["res.partner"].sudo().with_context(active_test=False)
        query = partners_su._search(self._sales_activity_domain())
        active_cards = query.subselect(
            SQL.identifier(query.table, "commercial_partner_id")
        )
        domain = [
            "&",
            "&",
            ("parent_id", "=", False),
            ("client_type", "=", False),
            ("id", "in", active_cards),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.model
    def _sales_activity_domain(self):
        """The partners with sales activity, whoever's it is: a quotation or
        an order, a lead or an opportunity (archived ones too), or an entry
        in the contact log (Form 2.2)."""
        leads = (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            ._search([("partner_id", "!=", False)])
        )
        return [
            "|",
            "|",
            ("sale_order_ids", "!=", False),
            ("contact_log_ids", "!=", False),
            ("id", "in", leads.subselect(SQL.identifier(leads.table, "partner_id"))),
        ]

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_contact_log_count(self):
        counts = dict(
            self.env["sales.contact.log"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.contact_log_count = counts.get(partner.commercial_partner_id, 0)

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_sales_passport_count(self):
        counts = dict(
            self.env["sales.client.passport"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.sales_passport_count = counts.get(partner.commercial_partner_id, 0)

    @api.depends("contact_log_ids.date", "contact_log_ids.is_contact")
    def _compute_client_card_date(self):
        # A card opened stays opened on its date: only the others look.
        unopened = self.filtered(lambda partner: not partner.client_card_date)
        first_dates = unopened._sales_log_dates("date:min")
        for partner in unopened:
            partner.client_card_date = first_dates.get(partner.id, False)

    @api.depends("contact_log_ids.date", "contact_log_ids.is_contact")
    def _compute_last_contact_date(self):
        last_dates = self._sales_log_dates("date:max")
        for partner in self:
            partner.last_contact_date = last_dates.get(partner.id, False)

    # No dependencies: the follow-up activities recompute it explicitly
    # (see mail.activity), as activities point to their record by res_id.
    # Precomputed, so that creating a partner costs no query here.
    @api.depends()
    def _compute_next_contact_date(self):
        next_dates = {}
        if self._origin.ids:
            activity_su = self.env["mail.activity"].sudo()
            next_dates = dict(
                activity_su._read_group(
                    [
                        ("res_model", "=", "res.partner"),
                        ("res_id", "in", self._origin.ids),
                        ("activity_type_id.category", "=", "sales_contact_log"),
                    ],
                    ["res_id"],
                    ["date_deadline:min"],
                )
            )
        for partner in self:
            partner.next_contact_date = next_dates.get(partner._origin.id, False)

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + ["client_type", "sales_region_id"]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_contact_history(self):
        log_su = self.env["sales.contact.log"].sudo()
        with_history = log_su.search([("partner_id", "in", self.ids)], limit=1)
        if with_history:
            raise UserError(
                self.env._(
                    "%(client)s has a contact history (Form 2.2) and cannot be "
                    "deleted. Archive it instead.",
                    client=with_history.partner_id.display_name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_client_passport(self):
        passport_su = self.env["sales.client.passport"].sudo()
        passport = passport_su.search([("partner_id", "in", self.ids)], limit=1)
        if passport:
            raise UserError(
                self.env._(
                    "%(client)s has a client passport and cannot be deleted. "
                    "Archive it instead.",
                    client=passport.partner_id.display_name,
                )
            )

    def action_sales_open_passport(self):
        self.ensure_one()
        return self.env["sales.client.passport"]._sales_open_action(self)

    def _message_post_after_hook(self, message, msg_vals):
        res = super()._message_post_after_hook(message, msg_vals)
        self.env["sales.client.passport.document"].sudo()._sales_file_letters(
            self, message
        )
        return res

    @api.readonly
    def action_sales_log_contact(self):
        """Open a new contact log entry (Form 2.2) for this client."""
        self.ensure_one()
        return self._sales_contact_log_form_action()

    @api.readonly
    def action_sales_open_contact_log(self):
        self.ensure_one()
        client = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_standard.sales_contact_log_action"
        )
        action["domain"] = [("partner_id", "=", client.id)]
        action["context"] = {"default_partner_id": client.id}
        action["display_name"] = self.env._(
            "Contact log: %(client)s", client=client.display_name
        )
        return action

    def _sales_contact_log_form_action(self, lead=None, topic=None):
        self.ensure_one()
        client = self.commercial_partner_id
        context = {
            "default_partner_id": client.id,
            "default_user_id": self.env.uid,
        }
        if self != client:
            context["default_contact_person_id"] = self.id
        if lead:
            context["default_lead_id"] = lead.id
        if topic:
            context["default_topic"] = topic
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log contact (Form 2.2)"),
            "res_model": "sales.contact.log",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": context,
        }

    def _sales_log_dates(self, aggregate):
        if not self._origin.ids:
            return {}
        log_su = self.env["sales.contact.log"].sudo()
        return {
            partner.id: value
            for partner, value in log_su._read_group(
                # Deal milestones, whoever logged them, are not contacts.
                [("partner_id", "in", self._origin.ids), ("is_contact", "=", True)],
                ["partner_id"],
                [aggregate],
            )
        }

    def _sales_after_merge(self):
        """Bring the client's dates and follow-ups up to date after partners
        were merged into it."""
        self.env.invalidate_all()
        self.env.add_to_compute(self._fields["last_contact_date"], self)
        self._sales_recompute_next_contact_date()
        logs_su = (
            self.env["sales.contact.log"]
            .sudo()
            .search([("partner_id", "in", self.ids)])
        )
        logs_su._sales_sync_followups(logs_su._sales_followup_keys())

    def _sales_recompute_next_contact_date(self):
        if self:
            self.env.add_to_compute(self._fields["next_contact_date"], self)
