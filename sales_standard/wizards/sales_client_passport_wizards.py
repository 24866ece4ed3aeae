# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import base64

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date


class SalesAcceptanceUpload(models.TransientModel):
    """Receive the signed acceptance documents of a deal: the scan goes into
    the client passport and the milestone into the contact log."""

    _name = "sales.acceptance.upload"
    _description = "Receive Signed Acceptance Documents"

    sale_order_id = fields.Many2one(
        "sale.order", string="Order", required=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="sale_order_id.partner_id")
    date = fields.Date(
        string="Received On", required=True, default=fields.Date.context_today
    )
    file = fields.Binary(string="Scanned Document", required=True)
    file_name = fields.Char()
    note = fields.Text()

    def action_confirm(self):
        self.ensure_one()
        order = self.sale_order_id
        order.check_access("write")
        if order.state != "sale":
            raise UserError(
                self.env._(
                    "%(order)s is not a confirmed order: acceptance documents are "
                    "received for confirmed orders only.",
                    order=order.name,
                )
            )
        if not self.file:
            raise ValidationError(
                self.env._("Attach the scan of the signed acceptance documents.")
            )
        if order.sales_acceptance_logged:
            raise UserError(
                self.env._(
                    "The signed acceptance documents of %(order)s were already "
                    "received.",
                    order=order.name,
                )
            )
        key = order._sales_passport_key()
        date_opened = order.company_id._sales_date(order.date_order)
        passport = self.env["sales.client.passport"]._sales_passports(
            [key], {key: (date_opened, order.opportunity_id.id)}
        )[key]
        name = self.env._("Signed acceptance documents %(order)s", order=order.name)
        self.env["sales.client.passport.document"].sudo().create(
            {
                "passport_id": passport.id,
                "date": self.date,
                "doc_type": "acceptance",
                "name": name,
                "note": self.note,
                "file": self.file,
                "file_name": self.file_name or f"{name}.pdf",
                "sale_order_id": order.id,
                "lead_id": order.opportunity_id.id,
            }
        )
        order._sales_log_milestone("acceptance", date=self.date, result=self.note)
        return {"type": "ir.actions.act_window_close"}


class SalesContactReport(models.TransientModel):
    """Print the contact report: an extract of the client's contact log
    (Form 2.2) for a period, filed in the client passport."""

    _name = "sales.contact.report"
    _description = "Contact Report"

    passport_id = fields.Many2one(
        "sales.client.passport", required=True, ondelete="cascade"
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    file_in_passport = fields.Boolean(
        string="File in the Passport",
        default=True,
        help="Keep the printed report among the passport's documents.",
    )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            if (
                wizard.date_from
                and wizard.date_to
                and wizard.date_from > wizard.date_to
            ):
                raise ValidationError(
                    self.env._("The period of the report ends before it begins.")
                )

    def _report_data(self):
        return {
            "date_from": fields.Date.to_string(self.date_from),
            "date_to": fields.Date.to_string(self.date_to),
        }

    def action_print(self):
        self.ensure_one()
        passport = self.passport_id
        passport.check_access("read")
        report = self.env.ref("sales_standard.action_report_contact_report")
        if not self.file_in_passport:
            return report.report_action(passport, data=self._report_data())
        content, _report_type = report._render_qweb_pdf(
            report.report_name, passport.ids, data=self._report_data()
        )
        name = self.env._(
            "Contact report %(date_from)s – %(date_to)s",
            date_from=format_date(self.env, self.date_from),
            date_to=format_date(self.env, self.date_to),
        )
        document = (
            self.env["sales.client.passport.document"]
            .sudo()
            .create(
                {
                    "passport_id": passport.id,
                    "date": fields.Date.context_today(self),
                    "doc_type": "contact_report",
                    "name": name,
                    "file": base64.b64encode(content),
                    "file_name": f"{name}.pdf",
                }
            )
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/sales.client.passport.document/{document.id}"
            "/file?download=true",
            "target": "self",
        }
