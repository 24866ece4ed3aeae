# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import models


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
