# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from collections import defaultdict

from odoo import api, models
from odoo.osv import expression


class MailMessage(models.Model):
    _inherit = "mail.message"

    def _sales_is_letter_to(self, client):
        """An email sent to the client (or one of its contacts) by a user:
        not a note, not an automatic message, not the client's own mail."""
        self.ensure_one()
        return (
            self.message_type == "comment"
            and self.subtype_id == self.env.ref("mail.mt_comment")
            and bool(self.author_id.user_ids.filtered(lambda user: not user.share))
            and client in self.partner_ids.commercial_partner_id
        )

    # ------------------------------------------------------------------
    # Source of client passport documents: letters
    # ------------------------------------------------------------------
    @api.model
    def _sales_passport_records(self, passports):
        """The emails already sent from the chatter of these passports'
        clients (and their contacts) and of their opportunities. (An order's
        emails are not looked back at: those that sent the quotation are its
        commercial offer.)"""
        partners = passports.partner_id.child_ids | passports.partner_id
        leads = self.env["crm.lead"]._sales_passport_records(passports)
        conditions = [
            [("model", "=", model), ("res_id", "in", records.ids)]
            for model, records in (("res.partner", partners), ("crm.lead", leads))
            if records
        ]
        if not conditions:
            return self.browse()
        return self.search(
            expression.AND(
                [
                    [
                        ("message_type", "=", "comment"),
                        ("subtype_id", "=", self.env.ref("mail.mt_comment").id),
                        ("partner_ids", "in", partners.ids),
                    ],
                    expression.OR(conditions),
                ]
            )
        )

    def _sales_passport_document_values(self, record=None):
        """The letters among these messages: each email sent to the client
        from the chatter of `record` (a client, an opportunity or an order;
        by default each message's own record), dated when it was sent.

        :return: ((client id, company id), values) pairs
        """
        if record is None:
            by_record = defaultdict(lambda: self.browse())
            for message in self.filtered(lambda message: message.model):
                by_record[message.model, message.res_id] |= message
            return [
                item
                for (model, res_id), messages in by_record.items()
                for item in messages._sales_passport_document_values(
                    self.env[model].browse(res_id)
                )
            ]
        if record._name == "res.partner":
            # The chatter of the client card itself: no deal.
            client, links = record.commercial_partner_id, {}
        else:
            client = record.partner_id.commercial_partner_id
            links = record._sales_passport_links()
        if not client:
            return []
        company = record.company_id or self.env.company
        return [
            (
                (client.id, company.id),
                {
                    "moment": message.date,
                    "doc_type": "letter",
                    "name": message.subject
                    or message.record_name
                    or self.env._("Letter"),
                    "res_model": "mail.message",
                    "res_id": message.id,
                    "message_id": message.id,
                    **links,
                },
            )
            for message in self
            if message._sales_is_letter_to(client)
        ]

    def _sales_passport_cancelled(self):
        """A letter sent stays sent."""
        return False
