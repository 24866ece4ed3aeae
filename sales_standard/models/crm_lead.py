# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ._sales_tools import check_values


class CrmLead(models.Model):
    _inherit = "crm.lead"

    contact_log_ids = fields.One2many(
        "sales.contact.log", "lead_id", string="Contact Log"
    )
    contact_log_count = fields.Integer(
        compute="_compute_contact_log_count", string="Contacts"
    )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_contact_log_count(self):
        counts = dict(
            self.env["sales.contact.log"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.contact_log_count = counts.get(lead, 0)

    @api.readonly
    def action_sales_log_contact(self):
        """Log a contact (Form 2.2) about this opportunity."""
        self.ensure_one()
        return self._sales_contact_log_form_action()

    def _sales_contact_log_form_action(self, topic=None):
        self.ensure_one()
        if not self.partner_id:
            raise UserError(
                self.env._(
                    "Set the customer on the opportunity before logging a contact."
                )
            )
        return self.partner_id._sales_contact_log_form_action(lead=self, topic=topic)

    @api.readonly
    def action_sales_open_contact_log(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sales_standard.sales_contact_log_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {
            "default_lead_id": self.id,
            "default_partner_id": self.partner_id.commercial_partner_id.id,
        }
        return action

    @api.model_create_multi
    def create(self, vals_list):
        check_values(self, vals_list)
        leads = super().create(vals_list)
        leads._sales_open_passports()
        return leads

    def write(self, vals):
        check_values(self, [vals], "write")
        res = super().write(vals)
        if vals.get("partner_id") and not self.env.context.get("sales_defer_passports"):
            self._sales_open_passports()
        return res

    def _sales_passport_key(self):
        self.ensure_one()
        company = self.company_id or self.env.company
        return (self.partner_id.commercial_partner_id.id, company.id)

    def _sales_request_date(self):
        self.ensure_one()
        return self.company_id._sales_date(self.create_date)

    # ------------------------------------------------------------------
    # Source of client passport documents
    # ------------------------------------------------------------------
    @api.model
    def _sales_passport_records(self, passports):
        """The requests of the clients of these passports, lost ones too."""
        return self.with_context(active_test=False).search(
            [
                ("partner_id", "child_of", passports.partner_id.ids),
                ("company_id", "in", passports.company_id.ids + [False]),
            ]
        )

    def _sales_passport_links(self):
        """The deal fields of the passport documents filed from this
        opportunity or from its chatter."""
        self.ensure_one()
        return {"lead_id": self.id, "sale_order_id": False}

    def _sales_passport_document_values(self):
        """Each request (lead) of a client is a document of its passport,
        dated when it came in."""
        return [
            (
                lead._sales_passport_key(),
                {
                    "moment": lead.create_date,
                    "doc_type": "request",
                    "name": lead.name,
                    "res_model": "crm.lead",
                    "res_id": lead.id,
                    **lead._sales_passport_links(),
                },
            )
            for lead in self.filtered("partner_id")
        ]

    def _sales_passport_cancelled(self):
        """A lost (archived) request no longer stands."""
        self.ensure_one()
        return not self.active

    def _sales_open_passports(self):
        """A client's first request opens their passport (2.3.1.8); every
        request is filed in it."""
        leads = self.filtered("partner_id").sorted(
            lambda lead: (lead.create_date, lead.id)
        )
        if not leads:
            return
        open_dates = {}
        for lead in leads:
            open_dates.setdefault(
                lead._sales_passport_key(), (lead._sales_request_date(), lead.id)
            )
        self.env["sales.client.passport"]._sales_passports(open_dates, open_dates)
        self.env["sales.client.passport.document"].sudo()._sales_file_leads(
            leads.sudo()
        )

    def action_sales_open_passport(self):
        return self.env["sales.client.passport"]._sales_open_action(
            self.partner_id, self.company_id[:1]
        )

    def _message_post_after_hook(self, message, msg_vals):
        res = super()._message_post_after_hook(message, msg_vals)
        if self.partner_id:
            self.env["sales.client.passport.document"].sudo()._sales_file_letters(
                self, message
            )
        return res
