# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Contacts that Odoo has already seen become contact log entries (Form 2.2)
by themselves: the capture of every channel (message, event, call).

Each source is claimed once in ``sales.contact.capture``, whose unique key
(source model, source id) is the database's guarantee that the same source
never makes two entries: re-delivered mail, a cron run twice and two workers
at once all meet the key.
"""

from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL, html2plaintext, is_html_empty
from odoo.tools.misc import clean_context

from ._sales_common import upsert

# The sources of captured entries, by channel.
CAPTURE_SOURCES = [
    ("message", "Email"),
    ("offer", "Commercial Offer Sent"),
    ("event", "Calendar Meeting"),
    ("call", "Phone Call"),
]
# The threads whose emails to the client are captured.
MESSAGE_MODELS = ("res.partner", "crm.lead", "sale.order")
# How much of an email's text becomes the result of its entry.
RESULT_LENGTH = 500


def shorten(text, length):
    """The start of `text`, at most `length` characters, marked when cut."""
    text = (text or "").strip()
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def capture_targets(logs):
    """{entry id: the record its source opens}, for the entries whose
    source the user may read: an email opens the thread it was sent on;
    any other source (a meeting, a call) opens itself."""
    by_model = defaultdict(dict)  # {model: {source id: [entry ids]}}
    for log in logs:
        if log.is_captured and log.capture_model in logs.env and log.capture_res_id:
            by_model[log.capture_model].setdefault(log.capture_res_id, []).append(
                log.id
            )
    found = {}  # {entry id: (model, record id)}
    for model, entries in by_model.items():
        sources_su = logs.env[model].sudo().browse(list(entries)).exists()
        for source in sources_su:
            if model == "mail.message":
                if not (source.model in logs.env and source.res_id):
                    continue
                target = (source.model, source.res_id)
            else:
                target = (model, source.id)
            for log_id in entries[source.id]:
                found[log_id] = target
    by_target = defaultdict(set)
    for model, record_id in found.values():
        by_target[model].add(record_id)
    readable = {
        (model, record.id)
        for model, ids in by_target.items()
        for record in logs.env[model]
        .browse(list(ids))
        .exists()
        ._filtered_access("read")
    }
    return {
        log_id: logs.env[model].browse(record_id)
        for log_id, (model, record_id) in found.items()
        if (model, record_id) in readable
    }


class SalesContactCapture(models.Model):
    _name = "sales.contact.capture"
    _description = "Captured Source of a Contact"
    _log_access = False

    source_model = fields.Char(required=True, readonly=True)
    source_id = fields.Integer(required=True, readonly=True)
    log_id = fields.Many2one(
        "sales.contact.log",
        string="Contact Log Entry",
        readonly=True,
        index="btree_not_null",
        # A deleted entry leaves its source claimed: it does not come back.
        ondelete="set null",
    )

    _sql_constraints = [
        (
            "source_unique",
            "UNIQUE (source_model, source_id)",
            "A source makes one contact log entry.",
        ),
    ]

    # ------------------------------------------------------------------
    # Claiming sources, once
    # ------------------------------------------------------------------
    @api.model
    def _sales_claim(self, source_model, source_ids):
        """Claim the sources `source_ids` of `source_model` for capture.

        One INSERT … ON CONFLICT DO NOTHING (the module's `upsert`): a source
        claimed before is left out; one claimed by a worker at the same
        moment makes this one fail with a serialization error, and Odoo
        retries it.

        :return: the set of the ids claimed now
        """
        if not source_ids:
            return set()
        source_ids = sorted(set(source_ids))
        claims, created = upsert(
            self.sudo(),
            [
                {"source_model": source_model, "source_id": source_id}
                for source_id in source_ids
            ],
            ["source_model", "source_id"],
        )
        # The claims come in the order of the sources: no need to read them.
        return {
            source_id
            for source_id, claim in zip(source_ids, claims, strict=True)
            if claim in created
        }

    @api.model
    def _sales_link(self, source_model, log_by_source):
        """Link the claimed sources to their entries: {source id: log id}."""
        if not log_by_source:
            return
        self.env.cr.execute(
            SQL(
                """
                UPDATE sales_contact_capture capture
                   SET log_id = vals.log_id
                  FROM unnest(%s::int[], %s::int[]) AS vals(source_id, log_id)
                 WHERE capture.source_model = %s
                   AND capture.source_id = vals.source_id
                """,
                list(log_by_source),
                list(log_by_source.values()),
                source_model,
            )
        )
        self.invalidate_model(["log_id"])

    # ------------------------------------------------------------------
    # Email out (email in: sales_contact_capture_mail.py)
    # ------------------------------------------------------------------
    @api.model
    def _sales_capture_messages(self, messages, offer=False):
        """Log the emails among `messages` sent to a client from the chatter
        (or the composer) of a client, an opportunity or an order, and
        those the client sent that the mail gateway received there.

        A day's emails between a manager and a client, sent or received,
        make one entry: the later ones append their text to its result. A
        quotation sent by email (`offer`) makes its own entry, "Commercial
        offer" and the order. Each message is captured once, whatever the
        number of calls. The cost does not depend on the number of messages.

        :return: the entries made or completed
        """
        log_model = self.env["sales.contact.log"]
        candidates = self._sales_message_candidates(messages, offer=offer)
        if not candidates:
            return log_model
        claimed = self._sales_claim(
            "mail.message", [vals["capture_res_id"] for vals in candidates]
        )
        candidates = [vals for vals in candidates if vals["capture_res_id"] in claimed]
        if not candidates:
            return log_model
        env_su = self.env(context=clean_context(self.env.context), su=True)
        log_su = env_su["sales.contact.log"]
        # One entry a day per client, manager and company: serialize the
        # clients' captures between transactions, then look for the day's.
        env_su["mail.activity"]._sales_lock_clients(
            sorted({vals["partner_id"] for vals in candidates})
        )
        daily = [vals for vals in candidates if vals["capture_source"] == "message"]
        existing = {}
        if daily:
            for log in log_su.search(
                [
                    ("is_captured", "=", True),
                    ("capture_source", "=", "message"),
                    ("contact_form", "=", "email"),
                    ("partner_id", "in", list({v["partner_id"] for v in daily})),
                    ("user_id", "in", list({v["user_id"] for v in daily})),
                    ("date", "in", list({v["date"] for v in daily})),
                ],
                order="id",
            ):
                key = (log.partner_id.id, log.user_id.id, log.date, log.company_id.id)
                existing.setdefault(key, log)
        to_create = {}  # {key: values of a new entry}
        appended = {}  # {existing entry: [texts]}
        sources = {}  # {key: [message ids]}
        for vals in candidates:
            message_id = vals["capture_res_id"]
            if vals["capture_source"] != "message":
                key = ("offer", message_id)
            else:
                key = (vals["partner_id"], vals["user_id"], vals["date"])
                key += (vals["company_id"],)
            sources.setdefault(key, []).append(message_id)
            if key in existing:
                appended.setdefault(existing[key], []).append(vals["result"])
            elif key in to_create:
                previous = to_create[key]
                previous["result"] = "\n".join(
                    filter(None, [previous["result"], vals["result"]])
                )
            else:
                to_create[key] = vals
        self._sales_append_results(appended)
        created = log_su.create(list(to_create.values()))
        logs = dict(zip(to_create, created, strict=True))
        logs.update((key, log) for key, log in existing.items() if log in appended)
        self._sales_link(
            "mail.message",
            {
                message_id: logs[key].id
                for key, message_ids in sources.items()
                for message_id in message_ids
            },
        )
        return log_model.browse([log.id for log in logs.values()])

    @api.model
    def _sales_append_results(self, appended):
        """Append texts to the results of entries: {entry: [texts]}.

        One UPDATE that appends to the stored result, whatever it is by
        then: the manager may have edited it.
        """
        if not appended:
            return
        log_model = self.env["sales.contact.log"]
        log_model.flush_model(["result"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE sales_contact_log log
                   SET result = CONCAT_WS(E'\\n', NULLIF(log.result, ''), vals.text),
                       write_date = %s,
                       write_uid = %s
                  FROM unnest(%s::int[], %s::text[]) AS vals(id, text)
                 WHERE log.id = vals.id
                """,
                self.env.cr.now(),
                self.env.uid,
                [log.id for log in appended],
                ["\n".join(filter(None, texts)) for texts in appended.values()],
            )
        )
        log_model.invalidate_model(["result", "write_date", "write_uid"])

    @api.model
    def _sales_message_candidates(self, messages, offer=False):
        """The values of the entries that `messages` would make: those with
        a body, posted as an email (not a note) by an internal user on the
        thread of a client, an opportunity or an order, to that client or one
        of its contact persons, in a company that captures sent emails.

        """
        messages_su = messages.sudo().filtered(
            lambda message: message.model in MESSAGE_MODELS
            and message.res_id
            and message.message_type == "comment"
            and message.subtype_id
            and not message.subtype_id.internal
            and not is_html_empty(message.body)
        )
        if not messages_su:
            return []
        forms = dict(
            self.env["sales.contact.log"]
            ._fields["capture_source"]
            ._description_selection(self.env)
        )
        candidates = []
        for message, client, company, lead, order in self._sales_message_threads(
            messages_su, "sales_capture_email_out"
        ):
            users = message.author_id.user_ids.filtered(
                lambda user, company=company: not user.share
                and company in user.company_ids
            )
            user = (message.create_uid & users) or users[:1]
            recipients = message.partner_ids.filtered(
                lambda partner, client=client: partner.commercial_partner_id == client
            )
            if not user or not recipients:
                continue
            person = (recipients - client)[:1]
            is_offer = bool(offer and order)
            if is_offer:
                topic = self.env._(
                    "Commercial offer %(order)s", order=order.display_name
                )
            else:
                topic = message.subject or message.record_name or forms["message"]
            candidates.append(
                {
                    "partner_id": client.id,
                    "contact_person_id": person.id,
                    "user_id": user.id,
                    "company_id": company.id,
                    "date": company._sales_date(message.date),
                    "contact_form": "email",
                    "topic": shorten(topic, 200),
                    "result": shorten(
                        html2plaintext(message.body, include_references=False),
                        RESULT_LENGTH,
                    ),
                    "lead_id": lead.id,
                    "sale_order_id": order.id,
                    "is_captured": True,
                    "capture_source": "offer" if is_offer else "message",
                    "capture_model": "mail.message",
                    "capture_res_id": message.id,
                }
            )
        return candidates

    @api.model
    def _sales_message_threads(self, messages, switch):
        """(message, client, company, opportunity, order) of each of these
        messages (as superuser) posted on the thread of a client whose
        company has the capture switch `switch` on."""
        records = self._sales_message_records(messages)
        for message in messages:
            record = records.get((message.model, message.res_id))
            if not record:
                continue
            client, company, lead, order = self._sales_thread_client(record)
            if client and company[switch]:
                yield message, client, company, lead, order

    @api.model
    def _sales_message_records(self, messages):
        """The threads of `messages`, as superuser: {(model, id): record}."""
        records = {}
        for model in MESSAGE_MODELS:
            ids = {m.res_id for m in messages if m.model == model}
            for record in self.env[model].sudo().browse(ids).exists():
                records[model, record.id] = record
        return records

    @api.model
    def _sales_thread_client(self, record):
        """(client, company, opportunity, order) of a thread's record."""
        lead, order = self.env["crm.lead"], self.env["sale.order"]
        if record._name == "res.partner":
            client = record.commercial_partner_id
        elif record._name == "crm.lead":
            client, lead = record.partner_id.commercial_partner_id, record
        else:
            client, lead, order = (
                record.partner_id.commercial_partner_id,
                record.opportunity_id,
                record,
            )
        if client and any(user._is_internal() for user in client.user_ids):
            client = client.browse()
        company = record.company_id or self.env.company
        return client, company, lead, order
