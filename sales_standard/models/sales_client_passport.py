# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from ._sales_common import upsert
from ._sales_tools import check_values

DOC_TYPES = [
    ("request", "Request"),
    ("price_calculation", "Price Calculation"),
    ("commercial_offer", "Commercial Offer"),
    ("invoice", "Invoice"),
    ("contract", "Contract"),
    ("negotiation", "Negotiation Record"),
    ("letter", "Letter"),
    ("contact_report", "Contact Report"),
    ("acceptance", "Signed Acceptance Documents"),
]
# Contacts of the log (Form 2.2) that are records of negotiations.
NEGOTIATION_FORMS = ("meeting", "call_in", "call_out")
# The models whose records file documents in the passports. Each provides
# `_sales_passport_records(passports)`, the records of these passports'
# clients, and `_sales_passport_document_values()`, the documents they file
# as ((client id, company id), values) pairs; and
# `_sales_passport_cancelled()`, whether a record no longer stands.
SOURCE_MODELS = (
    "crm.lead",
    "sale.order",
    "account.move",
    "sales.contact.log",
    "mail.message",
)
# The source fields of a document, by the model of its source record.
SOURCE_FIELDS = {
    "crm.lead": "lead_id",
    "sale.order": "sale_order_id",
    "account.move": "move_id",
    "sales.contact.log": "log_id",
    "mail.message": "message_id",
}


class SalesClientPassport(models.Model):
    _name = "sales.client.passport"
    _description = "Client Passport (2.3.1.8)"
    _order = "date_opened desc, id desc"
    _rec_name = "partner_id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
        help="The client company. A contact person given here is replaced by "
        "its company.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    date_opened = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="Date of the client's first request, when the passport was opened.",
    )
    lead_id = fields.Many2one(
        "crm.lead",
        string="Opening Request",
        ondelete="set null",
        check_company=True,
        readonly=True,
    )
    user_id = fields.Many2one(related="partner_id.user_id", string="Salesperson")
    document_ids = fields.One2many(
        "sales.client.passport.document", "passport_id", string="Documents"
    )
    document_count = fields.Integer(compute="_compute_document_count")
    deal_ids = fields.One2many(
        "sales.client.passport.deal", "passport_id", string="Deals", readonly=True
    )
    milestone_log_ids = fields.Many2many(
        "sales.contact.log",
        string="Deal Milestones",
        compute="_compute_log_ids",
    )
    contact_log_ids = fields.Many2many(
        "sales.contact.log",
        string="Contact Log",
        compute="_compute_log_ids",
    )
    awaiting_payment = fields.Boolean(
        compute="_compute_deal_filters",
        search="_search_awaiting_payment",
        help="An order of the client was received and is not paid yet.",
    )
    shipped_without_acceptance = fields.Boolean(
        string="Shipped without Acceptance",
        compute="_compute_deal_filters",
        search="_search_shipped_without_acceptance",
        help="An order was shipped and its signed acceptance documents have "
        "not come back yet.",
    )

    _sql_constraints = [
        (
            "partner_company_uniq",
            "unique (partner_id, company_id)",
            "A client has one passport per company.",
        )
    ]

    @api.depends("document_ids")
    def _compute_document_count(self):
        counts = dict(
            self.env["sales.client.passport.document"]._read_group(
                [("passport_id", "in", self.ids)], ["passport_id"], ["__count"]
            )
        )
        for passport in self:
            passport.document_count = counts.get(passport, 0)

    @api.depends("partner_id", "company_id")
    def _compute_log_ids(self):
        logs = self.env["sales.contact.log"].search(
            [
                ("partner_id", "in", self.partner_id.ids),
                ("company_id", "in", self.company_id.ids),
            ]
        )
        by_passport = defaultdict(lambda: logs.browse())
        for log in logs:
            by_passport[log.partner_id, log.company_id] |= log
        for passport in self:
            passport_logs = by_passport[passport.partner_id, passport.company_id]
            passport.contact_log_ids = passport_logs
            passport.milestone_log_ids = passport_logs.filtered("milestone").sorted(
                lambda log: (log.date, log.id)
            )

    @api.depends("deal_ids")
    def _compute_deal_filters(self):
        for passport in self:
            deals = passport.deal_ids
            passport.awaiting_payment = any(deals.mapped("awaiting_payment"))
            passport.shipped_without_acceptance = any(
                deals.mapped("shipped_without_acceptance")
            )

    def _search_awaiting_payment(self, operator, value):
        return self._sales_search_deals("awaiting_payment", operator, value)

    def _search_shipped_without_acceptance(self, operator, value):
        return self._sales_search_deals("shipped_without_acceptance", operator, value)

    def _sales_search_deals(self, fname, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported"))
        positive = (operator == "=") == value
        return [("deal_ids", "any" if positive else "not any", [(fname, "=", True)])]

    @api.model_create_multi
    def create(self, vals_list):
        check_values(self, vals_list)
        partners = self.env["res.partner"].browse(
            [vals["partner_id"] for vals in vals_list if vals.get("partner_id")]
        )
        commercial = {p.id: p.commercial_partner_id.id for p in partners}
        for vals in vals_list:
            if vals.get("partner_id"):
                vals["partner_id"] = commercial[vals["partner_id"]]
        passports = super().create(vals_list)
        passports._sales_collect()
        return passports

    def write(self, vals):
        check_values(self, [vals], "write")
        if {"partner_id", "company_id"} & vals.keys() and self.document_ids:
            raise UserError(
                self.env._(
                    "The client and company of a passport that holds documents "
                    "cannot be changed."
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Opening and filling passports
    # ------------------------------------------------------------------
    @api.model
    def _sales_passports(self, keys, open_dates=None):
        """The passports of these clients, opened where missing when
        `open_dates` gives the opening date and request of the client.

        :param keys: (client company id, company id) pairs
        :param dict open_dates: {key: (date opened, lead id)} of the
            passports to open when missing
        :return: {key: passport}, as superuser: documents come from records
            the current user was allowed to change
        """
        keys = {key for key in keys if all(key)}
        if open_dates:
            missing = [key for key in open_dates if key in keys]
            if missing:
                # Safe when two requests of a new client arrive at once.
                _passports, opened = upsert(
                    self.sudo(),
                    [
                        {
                            "partner_id": key[0],
                            "company_id": key[1],
                            "date_opened": open_dates[key][0],
                            "lead_id": open_dates[key][1] or None,
                        }
                        for key in missing
                    ],
                    ("partner_id", "company_id"),
                )
                # Collect what the client already has: orders, invoices, logs.
                opened._sales_collect()
        if not keys:
            return {}
        passports = self.sudo().search(
            [
                ("partner_id", "in", list({key[0] for key in keys})),
                ("company_id", "in", list({key[1] for key in keys})),
            ]
        )
        return {
            (passport.partner_id.id, passport.company_id.id): passport
            for passport in passports
            if (passport.partner_id.id, passport.company_id.id) in keys
        }

    def _sales_collect(self):
        """File in these passports the documents their clients already have:
        each source model finds its records of these clients and gives their
        documents' values."""
        if not self:
            return
        items = []
        for model in SOURCE_MODELS:
            records = self.env[model].sudo()._sales_passport_records(self)
            items += records._sales_passport_document_values()
        self.env["sales.client.passport.document"].sudo()._sales_file(items)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.readonly
    def action_open_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_standard.sales_client_passport_document_action"
        )
        action["domain"] = [("passport_id", "=", self.id)]
        action["context"] = {"default_passport_id": self.id}
        return action

    @api.readonly
    def action_print_contact_report(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Contact Report"),
            "res_model": "sales.contact.report",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_passport_id": self.id},
        }

    @api.model
    def _sales_open_action(self, partners, company=None):
        """The passport of each of these clients, for a smart button."""
        company = company or self.env.company
        passports = self.search(
            [
                ("partner_id", "in", partners.commercial_partner_id.ids),
                ("company_id", "=", company.id),
            ]
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_standard.sales_client_passport_action"
        )
        if len(passports) == 1:
            action.update(res_id=passports.id, views=[(False, "form")])
        else:
            action["domain"] = [("id", "in", passports.ids)]
        action["context"] = {
            "default_partner_id": partners.commercial_partner_id[:1].id,
        }
        return action
