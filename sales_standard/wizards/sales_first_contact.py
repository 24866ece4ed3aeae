# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models._sales_duplicates import (  # noqa: F401 (the tests import them here)
    find_duplicates,
    normalize_name,
    phone_key,
)
from ..models._sales_tools import check_next_contact_date
from ..models.res_partner import CLIENT_TYPES
from ..models.sales_contact_log import CONTACT_FORMS


class SalesFirstContact(models.TransientModel):
    _name = "sales.first.contact"
    _description = "First Contact with a Client"

    partner_id = fields.Many2one(
        "res.partner",
        string="Existing Client",
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
        help="Leave empty to open a new client card.",
    )
    name = fields.Char(string="Client Name")
    is_company = fields.Boolean(string="Is a Company", default=True)
    phone = fields.Char(
        compute="_compute_card_values", store=True, readonly=False, precompute=True
    )
    mobile = fields.Char(
        compute="_compute_card_values", store=True, readonly=False, precompute=True
    )
    email = fields.Char(
        compute="_compute_card_values", store=True, readonly=False, precompute=True
    )
    vat = fields.Char(
        string="Tax ID",
        compute="_compute_card_values",
        store=True,
        readonly=False,
        precompute=True,
    )
    client_type = fields.Selection(
        CLIENT_TYPES,
        compute="_compute_card_values",
        store=True,
        readonly=False,
        precompute=True,
    )
    industry_id = fields.Many2one(
        "res.partner.industry",
        compute="_compute_card_values",
        store=True,
        readonly=False,
        precompute=True,
    )
    sales_region_id = fields.Many2one(
        "sales.region",
        string="Sales Region",
        compute="_compute_card_values",
        store=True,
        readonly=False,
        precompute=True,
    )
    person_ids = fields.One2many(
        "sales.first.contact.person", "wizard_id", string="New Contact Persons"
    )
    contact_person_id = fields.Many2one(
        "res.partner",
        string="Known Contact Person",
        domain="[('parent_id', '=', partner_id), ('is_company', '=', False)]",
        help="Contact person of the existing client the contact was made with.",
    )
    duplicate_ids = fields.Many2many(
        "res.partner",
        string="Probable Duplicates",
        compute="_compute_duplicate_ids",
    )
    create_anyway = fields.Boolean(
        string="Not a Duplicate",
        help="Open a new client card although probable duplicates exist.",
    )
    date = fields.Date(
        string="Date of Contact", required=True, default=fields.Date.context_today
    )
    contact_form = fields.Selection(
        CONTACT_FORMS, string="Form of Contact", required=True, default="call_in"
    )
    topic = fields.Char(string="Topic / Purpose")
    result = fields.Text()
    next_step = fields.Text(string="Planned Continuation")
    next_contact_date = fields.Date(string="Next Control Date")
    user_id = fields.Many2one(
        "res.users",
        string="Manager",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )

    @api.depends("partner_id")
    def _compute_card_values(self):
        for wizard in self:
            # Picking a client shows its card; clearing it starts a new one.
            partner = wizard.partner_id
            wizard.phone = partner.phone
            wizard.mobile = partner.mobile
            wizard.email = partner.email
            wizard.vat = partner.vat
            wizard.client_type = partner.client_type
            wizard.industry_id = partner.industry_id
            wizard.sales_region_id = partner.sales_region_id

    @api.depends("partner_id", "name", "phone", "mobile", "vat")
    def _compute_duplicate_ids(self):
        for wizard in self:
            if wizard.partner_id:
                wizard.duplicate_ids = False
            else:
                wizard.duplicate_ids = wizard._find_duplicates()

    def _find_duplicates(self):
        """Clients with the same normalised name, phone or tax ID."""
        self.ensure_one()
        duplicates = find_duplicates(
            self.env,
            [{"name": self.name, "vat": self.vat, "phones": [self.phone, self.mobile]}],
        )[0]
        return self.env["res.partner"].union(*duplicates.values())

    @api.constrains("date", "next_contact_date")
    def _check_next_contact_date(self):
        for wizard in self:
            check_next_contact_date(self.env, wizard.date, wizard.next_contact_date)

    def action_confirm(self):
        """Open (or complete) the client card, log the contact, plan the next."""
        self.ensure_one()
        if not self.partner_id and not (self.name or "").strip():
            raise UserError(
                self.env._("Give the name of the new client or pick an existing one.")
            )
        if not (self.topic or "").strip():
            raise UserError(self.env._("Give the topic (purpose) of the contact."))
        if not self.partner_id and self.duplicate_ids and not self.create_anyway:
            raise UserError(
                self.env._(
                    "This client may already have a card: %(clients)s. Pick it as "
                    "the existing client, or tick 'Not a Duplicate' to open a new "
                    "card.",
                    clients=", ".join(self.duplicate_ids.mapped("display_name")),
                )
            )
        client = self._save_client_card()
        contact_person = self._create_contact_persons(client) or self.contact_person_id
        self.env["sales.contact.log"].create(
            {
                "partner_id": client.id,
                "contact_person_id": contact_person.id,
                "date": self.date,
                "contact_form": self.contact_form,
                "topic": self.topic,
                "result": self.result,
                "next_step": self.next_step,
                "next_contact_date": self.next_contact_date,
                "user_id": self.user_id.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": client.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def _card_values(self):
        return {
            "phone": self.phone,
            "mobile": self.mobile,
            "email": self.email,
            "vat": self.vat,
            "client_type": self.client_type,
            "industry_id": self.industry_id.id,
            "sales_region_id": self.sales_region_id.id,
        }

    def _save_client_card(self):
        values = self._card_values()
        client = self.partner_id.commercial_partner_id
        if client:
            changed = {
                fname: value
                for fname, value in values.items()
                if value
                and value
                != client._fields[fname].convert_to_write(client[fname], client)
            }
            if not client.client_card_date:
                changed["client_card_date"] = self.date
            if changed:
                client.write(changed)
            return client
        return self.env["res.partner"].create(
            {
                **values,
                "name": self.name.strip(),
                "is_company": self.is_company,
                "user_id": self.user_id.id,
                "client_card_date": self.date,
            }
        )

    def _create_contact_persons(self, client):
        """Create the new contact persons of the client.

        :return: the one the contact was made with: the person ticked, or the
            only one given.
        """
        lines = self.person_ids.filtered(lambda line: (line.name or "").strip())
        partners = self.env["res.partner"].create(
            [
                {
                    "parent_id": client.id,
                    "type": "contact",
                    "name": line.name.strip(),
                    "function": line.function,
                    "phone": line.phone,
                    "email": line.email,
                }
                for line in lines
            ]
        )
        for line, partner in zip(lines, partners, strict=True):
            if line.is_addressee:
                return partner
        return partners if len(partners) == 1 else partners.browse()


class SalesFirstContactPerson(models.TransientModel):
    _name = "sales.first.contact.person"
    _description = "Contact Person of a First Contact"

    wizard_id = fields.Many2one(
        "sales.first.contact", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(string="Full Name", required=True)
    function = fields.Char(string="Position")
    phone = fields.Char()
    email = fields.Char()
    is_addressee = fields.Boolean(
        string="Contacted",
        help="The contact was made with this person (or the letter addressed to).",
    )
