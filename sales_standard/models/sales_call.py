# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Phone calls that the telephony provider reports (``POST
/sales_standard/call``, see ``controllers/sales_call.py``).

Every finished call is kept, once: the unique key (company, provider's call
id) holds a re-delivered report. A call whose number is one client's makes
one contact log entry (Form 2.2) of form "call_in" or "call_out"; a number of
no client, or of two, leaves the call unmatched, with its candidates, until a
manager attaches it to a client. The entry is claimed in
``sales.contact.capture`` (source model "sales.call"): the same call never
makes two entries.
"""

from datetime import datetime, timezone

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.misc import clean_context

from ._sales_common import upsert

DIRECTIONS = [("in", "Incoming"), ("out", "Outgoing")]
STATES = [("matched", "Matched"), ("unmatched", "Unmatched"), ("ignored", "Ignored")]
# The longest text a report may give for its call id, number and user.
MAX_TEXT = 255
# The longest call a report may give: one day, in seconds.
MAX_DURATION = 24 * 3600


class CallReportError(ValueError):
    """A call report that is not what the endpoint accepts (HTTP 400)."""


def _text(data, key, required=True):
    value = data.get(key)
    if isinstance(value, int) and not isinstance(value, bool) and key == "call_id":
        value = str(value)
    if value is False:
        value = None
    if value is not None and (
        not isinstance(value, str) or len(value) > MAX_TEXT or "\x00" in value
    ):
        raise CallReportError(f"'{key}' must be a text of at most {MAX_TEXT} chars.")
    value = (value or "").strip()
    if not value and required:
        raise CallReportError(f"'{key}' is required.")
    return value or False


def parse_call_report(data):
    """The values of a call report, checked: `data` is the decoded JSON body.

    ``{"call_id": "…", "direction": "in"|"out", "number": "…", "start":
    "2026-04-01T08:00:00Z", "duration": 125, "user": "login or email",
    "company_id": 1}``; ``user`` and ``company_id`` are optional. A start
    without an offset is UTC.

    :return: {call_ref, direction, number, start (naive UTC), duration,
        user_ref}
    :raise CallReportError: what is wrong, for the provider
    """
    if not isinstance(data, dict):
        raise CallReportError("The body must be a JSON object.")
    direction = data.get("direction")
    if direction not in dict(DIRECTIONS):
        raise CallReportError('\'direction\' must be "in" or "out".')
    start = data.get("start")
    try:
        start = datetime.fromisoformat(start)
    except (TypeError, ValueError):
        raise CallReportError(
            "'start' must be an ISO 8601 date and time, such as "
            "2026-04-01T08:00:00Z."
        ) from None
    if start.tzinfo:
        start = start.astimezone(timezone.utc).replace(tzinfo=None)
    if not 2000 <= start.year <= 9999:
        raise CallReportError("'start' is out of range.")
    duration = data.get("duration")
    if (
        isinstance(duration, bool)
        or not isinstance(duration, int | float)
        or duration != duration  # NaN
        or not 0 <= duration <= MAX_DURATION
    ):
        raise CallReportError(
            f"'duration' must be a number of seconds from 0 to {MAX_DURATION}."
        )
    return {
        "call_ref": _text(data, "call_id"),
        "direction": direction,
        "number": _text(data, "number"),
        "start": start.replace(microsecond=0),
        "duration": round(duration),
        "user_ref": _text(data, "user", required=False),
    }


def format_duration(seconds):
    """125 → "2:05", 3725 → "1:02:05"."""
    hours, rest = divmod(int(seconds or 0), 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"


class SalesCall(models.Model):
    _name = "sales.call"
    _description = "Phone Call"
    _order = "start desc, id desc"
    _rec_name = "number"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
        ondelete="cascade",
    )
    call_ref = fields.Char(
        string="Call ID",
        required=True,
        readonly=True,
        help="The call's id at the telephony provider: a report delivered "
        "again is not stored twice.",
    )
    direction = fields.Selection(DIRECTIONS, required=True, readonly=True)
    number = fields.Char(
        string="Phone Number",
        required=True,
        readonly=True,
        help="The client's number, as the provider reported it.",
    )
    number_sanitized = fields.Char(
        string="Normalized Number",
        readonly=True,
        index="btree_not_null",
        help="The number in international notation (E.164), with the "
        "company's country for a national one.",
    )
    start = fields.Datetime(required=True, readonly=True, index=True)
    duration = fields.Integer(string="Duration (s)", readonly=True, help="In seconds.")
    duration_display = fields.Char(
        string="Duration", compute="_compute_duration_display"
    )
    user_ref = fields.Char(
        string="Reported User",
        readonly=True,
        help="The login or email of the internal user, as the provider " "reported it.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Manager",
        readonly=True,
        index=True,
        check_company=True,
        ondelete="set null",
        domain="[('share', '=', False)]",
    )
    state = fields.Selection(
        STATES,
        required=True,
        readonly=True,
        default="unmatched",
        index=True,
        help="Matched: the call is one client's, and logged. Unmatched: its "
        "number is no client's, or several clients': a manager attaches it. "
        "Ignored: not answered, or set aside.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        readonly=True,
        index="btree_not_null",
        check_company=True,
        ondelete="set null",
    )
    contact_person_id = fields.Many2one(
        "res.partner",
        string="Contact Person",
        readonly=True,
        check_company=True,
        ondelete="set null",
    )
    candidate_ids = fields.Many2many(
        "res.partner",
        "sales_call_candidate_rel",
        "call_id",
        "partner_id",
        string="Candidate Clients",
        readonly=True,
        help="The clients whose number this is, when there are several.",
    )
    log_id = fields.Many2one(
        "sales.contact.log",
        string="Contact Log Entry",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )

    _sql_constraints = [
        (
            "call_ref_unique",
            "UNIQUE (company_id, call_ref)",
            "A call is reported once per company.",
        ),
        ("duration_positive", "CHECK (duration >= 0)", "A call lasts 0 s or more."),
    ]

    @api.depends("duration")
    def _compute_duration_display(self):
        for call in self:
            call.duration_display = format_duration(call.duration)

    @api.depends("direction", "number", "partner_id")
    def _compute_display_name(self):
        directions = dict(self._fields["direction"]._description_selection(self.env))
        for call in self:
            call.display_name = " ".join(
                filter(None, [directions.get(call.direction), call.number])
            )

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def action_open_attach(self):
        """Open the wizard that attaches an unmatched call to a client."""
        self.ensure_one()
        self._sales_check_unmatched()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Attach to a Client"),
            "res_model": "sales.call.attach",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_call_id": self.id,
                "default_partner_id": self.candidate_ids[:1].id,
            },
        }

    def action_ignore(self):
        """Set unmatched calls aside: they make no entry."""
        self._sales_check_unmatched()
        self.sudo().write({"state": "ignored"})
        return True

    def action_open_log(self):
        self.ensure_one()
        self.log_id.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "sales.contact.log",
            "res_id": self.log_id.id,
            "view_mode": "form",
        }

    def _sales_check_unmatched(self):
        """The calls are the user's to handle (the record rules), and
        unmatched."""
        self.check_access("read")
        if any(call.state != "unmatched" for call in self):
            raise UserError(
                self.env._("Only an unmatched call can be attached or ignored.")
            )

    # ------------------------------------------------------------------
    # Reports of the telephony provider
    # ------------------------------------------------------------------
    @api.model
    def _sales_receive(self, company, reports):
        """Keep the calls `reports` (values of ``parse_call_report``) of
        `company`, and log those of one client. Runs as superuser (the
        endpoint has no user); a report delivered again changes nothing.

        :return: the call of each report, in their order
        """
        calls_su = self.sudo().with_company(company)
        numbers = {
            report["number"]: calls_su._sales_sanitize(report["number"])
            for report in reports
        }
        users = calls_su._sales_find_users(
            company, {report["user_ref"] for report in reports} - {False}
        )
        calls, created = upsert(
            calls_su,
            [
                {
                    "company_id": company.id,
                    "call_ref": report["call_ref"],
                    "direction": report["direction"],
                    "number": report["number"],
                    "number_sanitized": numbers[report["number"]],
                    "start": report["start"],
                    "duration": report["duration"],
                    "user_ref": report["user_ref"],
                    "user_id": users.get(report["user_ref"], False),
                    "state": "unmatched" if report["duration"] else "ignored",
                }
                for report in reports
            ],
            ["company_id", "call_ref"],
        )
        created._sales_match()
        return calls

    @api.model
    def _sales_sanitize(self, number):
        """The number in E.164, with the company's country for a national
        one (Odoo's phone_validation); False when it is no phone number."""
        return (
            self.env["res.partner"]._phone_format_number(
                number, country=self.env.company.country_id
            )
            or False
        )

    @api.model
    def _sales_find_users(self, company, refs):
        """{login or email: user id} of the company's internal users."""
        if not refs:
            return {}
        users = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("share", "=", False),
                    ("company_ids", "in", company.ids),
                    "|",
                    ("login", "in", list(refs)),
                    ("email", "in", list(refs)),
                ],
                order="id",
            )
        )
        found = {}
        for user in users:
            for ref in (user.login, user.email):
                found.setdefault(ref, user.id)
        return found

    def _sales_match(self):
        """Find the client of each new call by its number, and log the calls
        of one client."""
        calls = self.filtered(lambda call: call.state == "unmatched")
        partners = self._sales_partners_by_number(
            set(calls.mapped("number_sanitized")) - {False}
        )
        for call in calls:
            found = partners.get(call.number_sanitized, [])
            clients = self.env["res.partner"].browse(
                list(dict.fromkeys(p.commercial_partner_id.id for p in found))
            )
            if len(clients) != 1:
                call.candidate_ids = clients
                continue
            persons = [p for p in found if p != clients]
            call.write(
                {
                    "partner_id": clients.id,
                    "contact_person_id": persons[0].id if persons else False,
                    "candidate_ids": [(6, 0, clients.ids)],
                    "user_id": call.user_id.id or self._sales_salesperson(clients),
                }
            )
        calls.filtered("partner_id")._sales_log()

    def _sales_salesperson(self, client):
        """The client's salesperson, when an internal user of the company."""
        user = client.user_id
        if user and not user.share and self.env.company in user.company_ids:
            return user.id
        return False

    def _sales_partners_by_number(self, numbers):
        """{E.164 number: [partners]}: the partners of the company (or of
        none) whose phone or mobile is that number, in their notation
        (national or international) formatted with their country or the
        company's. Internal users' partners are not clients."""
        if not numbers:
            return {}
        national = set()
        for number in numbers:
            # The last 7 digits find the candidates, whatever the notation;
            # formatting them gives the number.
            national.add("%" + "".join(filter(str.isdigit, number))[-7:])
        company = self.env.company
        self.env["res.partner"].flush_model(["phone", "mobile", "company_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM res_partner
                 WHERE active
                   AND (company_id IS NULL OR company_id = %s)
                   AND (regexp_replace(phone, '[^0-9]', '', 'g') LIKE ANY(%s)
                        OR regexp_replace(mobile, '[^0-9]', '', 'g') LIKE ANY(%s))
                 ORDER BY id
                """,
                company.id,
                list(national),
                list(national),
            )
        )
        partners = self.env["res.partner"].browse(
            [row[0] for row in self.env.cr.fetchall()]
        )
        found = {}
        for partner in partners:
            if any(u._is_internal() for u in partner.commercial_partner_id.user_ids):
                continue
            if partner.commercial_partner_id == company.partner_id:
                continue
            for fname in ("phone", "mobile"):
                number = partner._phone_format(fname=fname)
                if number in numbers and partner not in found.get(number, []):
                    found.setdefault(number, []).append(partner)
        return found

    def _sales_log(self, user=None):
        """Make the contact log entry of each call (of one client), once.

        :param user: the manager of the entries of calls without one
        :return: the entries made
        """
        log_model = self.env["sales.contact.log"]
        capture = self.env["sales.contact.capture"]
        # A call without a manager to log it for stays unmatched, unclaimed:
        # a manager attaches it.
        calls = self.filtered(lambda call: call.user_id or user)
        claimed = capture._sales_claim("sales.call", calls.ids)
        calls = calls.filtered(lambda call: call.id in claimed)
        directions = {
            "in": self.env._("Incoming call"),
            "out": self.env._("Outgoing call"),
        }
        vals_list = []
        for call in calls:
            manager = call.user_id or user
            vals_list.append(
                {
                    "partner_id": call.partner_id.id,
                    "contact_person_id": call.contact_person_id.id,
                    "user_id": manager.id,
                    "company_id": call.company_id.id,
                    "date": call.company_id._sales_date(call.start),
                    "contact_form": "call_" + call.direction,
                    "topic": directions[call.direction],
                    "result": self.env._(
                        "Number %(number)s, duration %(duration)s",
                        number=call.number,
                        duration=format_duration(call.duration),
                    ),
                    "is_captured": True,
                    "capture_source": "call",
                    "capture_model": "sales.call",
                    "capture_res_id": call.id,
                }
            )
        if not vals_list:
            return log_model
        env_su = self.env(context=clean_context(self.env.context), su=True)
        logs = env_su["sales.contact.log"].create(vals_list)
        capture._sales_link("sales.call", dict(zip(calls.ids, logs.ids, strict=True)))
        for call, log in zip(calls, logs, strict=True):
            call.write(
                {"state": "matched", "log_id": log.id, "user_id": log.user_id.id}
            )
        return log_model.browse(logs.ids)

    def _sales_attach(self, client, person=None, user=None):
        """Attach an unmatched call to `client` and log it, once: the
        manager of its entry is the call's user, or `user`."""
        self.ensure_one()
        if self.state != "unmatched" or self.log_id:
            raise UserError(self.env._("This call is attached already."))
        self.write(
            {
                "partner_id": client.id,
                "contact_person_id": person.id if person else False,
                "user_id": self.user_id.id or (user.id if user else False),
            }
        )
        logs = self._sales_log(user=user)
        if not logs:
            raise UserError(self.env._("This call is attached already."))
        return logs
