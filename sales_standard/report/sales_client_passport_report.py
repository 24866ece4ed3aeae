# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from collections import defaultdict

from odoo import api, fields, models


class ReportClientPassport(models.AbstractModel):
    _name = "report.sales_standard.report_client_passport"
    _description = "Client Passport Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        passports = self.env["sales.client.passport"].browse(docids)
        passports.check_access("read")
        documents = defaultdict(list)
        for document in self.env["sales.client.passport.document"].search(
            [("passport_id", "in", passports.ids)]
        ):
            documents[document.passport_id.id].append(document)
        deals = defaultdict(list)
        for deal in self.env["sales.client.passport.deal"].search(
            [("passport_id", "in", passports.ids)], order="date_order, id"
        ):
            deals[deal.passport_id.id].append(deal)
        return {
            "doc_ids": docids,
            "doc_model": "sales.client.passport",
            "docs": passports,
            "documents": documents,
            "deals": deals,
            "logs": _logs_by_passport(passports),
        }


class ReportContactReport(models.AbstractModel):
    _name = "report.sales_standard.report_contact_report"
    _description = "Contact Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        passports = self.env["sales.client.passport"].browse(docids)
        passports.check_access("read")
        date_from = fields.Date.to_date(data.get("date_from"))
        date_to = fields.Date.to_date(data.get("date_to"))
        return {
            "doc_ids": docids,
            "doc_model": "sales.client.passport",
            "docs": passports,
            "date_from": date_from,
            "date_to": date_to,
            "logs": _logs_by_passport(passports, date_from, date_to),
        }


def _logs_by_passport(passports, date_from=None, date_to=None):
    """The contacts of the passports' clients (Form 2.2), oldest first:
    deal milestones, whoever logged them, are no contacts (``is_contact``)."""
    domain = [
        ("partner_id", "in", passports.partner_id.ids),
        ("company_id", "in", passports.company_id.ids),
        ("is_contact", "=", True),
    ]
    if date_from:
        domain.append(("date", ">=", date_from))
    if date_to:
        domain.append(("date", "<=", date_to))
    by_key = defaultdict(list)
    for log in passports.env["sales.contact.log"].search(domain, order="date, id"):
        by_key[log.partner_id.id, log.company_id.id].append(log)
    return {
        passport.id: by_key[passport.partner_id.id, passport.company_id.id]
        for passport in passports
    }
