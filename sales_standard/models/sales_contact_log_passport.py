# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, models

from .sales_client_passport import NEGOTIATION_FORMS


class SalesContactLog(models.Model):
    """The contact log as a source of client passport documents: its
    meetings and calls are the records of negotiations (2.3.1.8)."""

    _inherit = "sales.contact.log"

    @api.model
    def _sales_passport_records(self, passports):
        return self.search(
            [
                ("partner_id", "in", passports.partner_id.ids),
                ("company_id", "in", passports.company_id.ids),
                ("contact_form", "in", NEGOTIATION_FORMS),
                ("is_contact", "=", True),
            ]
        )

    def _sales_passport_document_values(self):
        """Each meeting or call is a negotiation record, dated as logged. A
        deal milestone is none, even one entered by hand as a call."""
        forms = dict(self._fields["contact_form"]._description_selection(self.env))
        return [
            (
                (log.partner_id.id, log.company_id.id),
                {
                    "date": log.date,
                    "moment": log.create_date,
                    "doc_type": "negotiation",
                    "name": f"{forms[log.contact_form]}: {log.topic}",
                    "res_model": "sales.contact.log",
                    "res_id": log.id,
                    "log_id": log.id,
                    "lead_id": log.lead_id.id,
                    "sale_order_id": log.sale_order_id.id,
                },
            )
            for log in self
            if log.contact_form in NEGOTIATION_FORMS and log.is_contact
        ]

    def _sales_passport_cancelled(self):
        self.ensure_one()
        return False
