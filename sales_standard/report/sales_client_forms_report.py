# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The client's forms printed on their own: the client card (Form 2.1) and
the contact log (Form 2.2), of a client or of the entries selected in the log
(a manager's, for a period: the log's filters choose them)."""

from odoo import api, models
from odoo.exceptions import AccessError, UserError

from ..models._sales_common import SALES_GROUP


def _clients(env, docids):
    """The clients of the partners printed, once each: a contact person
    prints its company's form. Only sales users print them."""
    if not env.user.has_group(SALES_GROUP):
        raise AccessError(env._("Only sales users print the client forms."))
    partners = env["res.partner"].browse(docids)
    partners.check_access("read")
    clients = partners.commercial_partner_id
    untyped = clients.filtered(lambda client: not client.client_type)
    if untyped:
        raise UserError(
            env._(
                "%(clients)s has no client type, so it is not a client "
                "(Form 2.1) yet: give it a client type first.",
                clients=", ".join(untyped.mapped("display_name")),
            )
        )
    return clients


class ReportClientCard(models.AbstractModel):
    _name = "report.sales_standard.report_client_card"
    _description = "Client Card (Form 2.1) Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        clients = _clients(self.env, docids)
        # The first and the last contact the reader's companies logged:
        # milestones are no contacts.
        contacts = {
            client: (first, last)
            for client, first, last in self.env["sales.contact.log"]._read_group(
                [("partner_id", "in", clients.ids), ("is_contact", "=", True)],
                ["partner_id"],
                ["date:min", "date:max"],
            )
        }
        return {
            "doc_ids": clients.ids,
            "doc_model": "res.partner",
            "docs": clients,
            "contacts": contacts,
        }


class ReportClientContactLog(models.AbstractModel):
    _name = "report.sales_standard.report_client_contact_log"
    _description = "Contact Log (Form 2.2) of a Client Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        clients = _clients(self.env, docids)
        entries = (
            self.env["sales.contact.log"]
            .search([("partner_id", "in", clients.ids)], order="date, id")
            .grouped("partner_id")
        )
        return {
            "doc_ids": clients.ids,
            "doc_model": "res.partner",
            "docs": clients,
            "entries_by_client": entries,
            "empty": self.env["sales.contact.log"],
        }


class ReportContactLog(models.AbstractModel):
    _name = "report.sales_standard.report_contact_log"
    _description = "Contact Log (Form 2.2) Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        if not self.env.user.has_group(SALES_GROUP):
            raise AccessError(self.env._("Only sales users print the client forms."))
        entries = self.env["sales.contact.log"].browse(docids)
        entries.check_access("read")
        entries = entries.sorted(lambda entry: (entry.date, entry.id))
        # One page per manager: the log of a manager for the period of the
        # entries selected.
        by_manager = entries.grouped("user_id")
        return {
            "doc_ids": entries.ids,
            "doc_model": "sales.contact.log",
            "docs": entries,
            "pages": [
                (manager, by_manager[manager])
                for manager in entries.user_id.sorted("name")
            ],
        }
