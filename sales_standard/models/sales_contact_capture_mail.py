# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Email in: a client's email received through the mail gateway
(``mail.thread.message_process``) becomes a contact log entry (Form 2.2).

The gateway posts the email on its thread (a reply on a client, an
opportunity or an order, or the opportunity an alias creates) as a message
of type "email"; ``_message_post_after_hook`` hands it to the capture of
``sales.contact.capture``, which claims it, and files it in the day's
entry of the client and its manager, shared with the emails sent to the
client that day. Odoo's routing of the email is left as it is.
"""

from lxml import html

from odoo import api, fields, models
from odoo.tools import html2plaintext, is_html_empty

from .sales_contact_capture import MESSAGE_MODELS, RESULT_LENGTH, shorten

# The context key under which the gateway tells the capture which aliases an
# email arrived on (set by mail.thread's _message_route_process).
ALIAS_CONTEXT = "sales_capture_alias_ids"


def reply_text(body):
    """The plain text of an email's body, without the quoted history that
    Odoo's sanitizer marked (``data-o-mail-quote``) when anything else is
    left."""
    text = html2plaintext(body, include_references=False)
    if "data-o-mail-quote" not in body:
        return text
    root = html.fromstring(str(body))
    for quote in root.xpath("//*[@data-o-mail-quote]"):
        if quote.getparent() is not None:
            quote.drop_tree()
    reply = html2plaintext(
        html.tostring(root, encoding="unicode"), include_references=False
    )
    return reply.strip() or text


class SalesContactCapture(models.Model):
    _inherit = "sales.contact.capture"

    @api.model
    def _sales_message_candidates(self, messages, offer=False):
        """The emails sent to a client, and those received from it."""
        candidates = super()._sales_message_candidates(messages, offer=offer)
        received = self._sales_received_candidates(messages)
        if not received:
            return candidates
        return sorted(candidates + received, key=lambda vals: vals["capture_res_id"])

    @api.model
    def _sales_received_candidates(self, messages):
        """The values of the entries that the received emails among
        `messages` would make: those with a body, that the gateway posted
        (type "email") on the thread of a client, an opportunity or an
        order, written by that client or one of its contact persons, in a
        company that captures received emails.

        Their manager is the thread's salesperson (of the opportunity or the
        order), else the client's, else the owner of the alias the email
        arrived on (the leader of its sales team), else the leader of the
        thread's sales team.
        """
        messages_su = messages.sudo().filtered(
            lambda message: message.model in MESSAGE_MODELS
            and message.res_id
            and message.message_type == "email"
            and message.author_id
            and not is_html_empty(message.body)
        )
        if not messages_su:
            return []
        alias_owners = self._sales_alias_owners()
        now = fields.Datetime.now()
        candidates = []
        for message, client, company, lead, order in self._sales_message_threads(
            messages_su, "sales_capture_email_in"
        ):
            author = message.author_id
            # The client or one of its people: an internal user's email
            # that the gateway receives is no contact with the client.
            if author.commercial_partner_id != client or any(
                user._is_internal() for user in author.user_ids
            ):
                continue
            thread = order or lead
            user = self._sales_first_manager(
                company,
                thread.user_id,
                client.user_id,
                alias_owners.get(message.model),
                thread.team_id.user_id,
            )
            if not user:
                continue
            candidates.append(
                {
                    "partner_id": client.id,
                    "contact_person_id": (author - client).id,
                    "user_id": user.id,
                    "company_id": company.id,
                    # The day the client wrote (its Date header), never
                    # later than today: a sender's clock may be ahead.
                    "date": company._sales_date(min(message.date, now)),
                    "contact_form": "email",
                    "topic": shorten(
                        message.subject or message.record_name or client.name, 200
                    ),
                    "result": shorten(reply_text(message.body), RESULT_LENGTH),
                    "lead_id": lead.id,
                    "sale_order_id": order.id,
                    "is_captured": True,
                    "capture_source": "message",
                    "capture_model": "mail.message",
                    "capture_res_id": message.id,
                }
            )
        return candidates

    @api.model
    def _sales_first_manager(self, company, *users):
        """The first of `users` that is an active internal user of
        `company`, or an empty recordset."""
        for user in users:
            if user and user.active and not user.share and company in user.company_ids:
                return user
        return self.env["res.users"]

    @api.model
    def _sales_alias_owners(self):
        """{model: user}: the owners of the aliases the gateway says the
        email arrived on (the context key ``sales_capture_alias_ids``).

        In Odoo 18 an alias has no user of its own: it belongs to a record
        (``alias_parent_model_id``, ``alias_parent_thread_id``), a sales team
        for the CRM's aliases. Its owner is that record's responsible user
        (``user_id``: the team leader).
        """
        alias_ids = self.env.context.get(ALIAS_CONTEXT)
        if not alias_ids:
            return {}
        owners = {}
        for alias in self.env["mail.alias"].sudo().browse(alias_ids).exists():
            model = alias.alias_model_id.model
            parent_model = alias.alias_parent_model_id.model
            if model in owners or not parent_model or parent_model not in self.env:
                continue
            field = self.env[parent_model]._fields.get("user_id")
            if getattr(field, "comodel_name", None) != "res.users":
                continue
            parent = (
                self.env[parent_model]
                .sudo()
                .browse(alias.alias_parent_thread_id)
                .exists()
            )
            if parent.user_id:
                owners[model] = parent.user_id
        return owners
