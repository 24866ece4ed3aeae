# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Meetings held with clients become contact log entries (Form 2.2) by
themselves, once they have started.

A calendar event whose attendees include a client (a company that is not an
internal user) or one of its contact persons makes one "meeting" entry for
each client and each of its managers: the organiser, and the salespeople who
attended it. The scheduled action logs the events that started lately;
booking, moving or deleting an event before it starts logs nothing.

An event is claimed once in ``sales.contact.capture`` (source model
"calendar.event", source id the event), and all its entries are made in the
transaction that claims it: the claim's unique key is the guarantee that a
cron run twice, or two workers at once, never log it twice. The event, not
each (event, client, manager), is the source: the key is an event id, and a
meeting is logged as it stood when it started (a client invited afterwards
makes no second round). A meeting already logged from another event for the
same client, manager and start (a recurrence that Odoo made again, the same
meeting in two managers' calendars) is not logged again.
"""

from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import html2plaintext, is_html_empty
from odoo.tools.misc import clean_context

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from ._sales_common import salespeople
from .sales_contact_capture import RESULT_LENGTH, shorten

# How far back the scheduled action looks for started meetings: a cron that
# was down for up to a week catches up; an event claimed before is left out.
LOOKBACK = timedelta(days=7)
# The fields that move an event in time.
START_FIELDS = frozenset({"start", "start_date", "allday"})


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    def write(self, vals):
        # Read before Odoo's write, which pops the time fields from `vals`.
        moved = bool(START_FIELDS & vals.keys())
        res = super().write(vals)
        if moved:
            self._sales_redate_meetings()
        return res

    def unlink(self):
        if not self.env.context.get(MODULE_UNINSTALL_FLAG):
            # A business trip's event goes only with the right to change the
            # trip: deleting it detaches the trip from the calendar.
            trips = (
                self.env["sales.trip"]
                .sudo()
                .search([("calendar_event_id", "in", self.ids)])
            )
            trips.with_env(self.env).check_access("write")
            # A meeting that has started happened: it is logged before the
            # event goes, as the scheduled action would have logged it.
            self._sales_capture_meetings(self._sales_started())
        return super().unlink()

    # ------------------------------------------------------------------
    # Capture
    # ------------------------------------------------------------------
    @api.model
    def _cron_sales_capture_meetings(self):
        """Log the meetings with clients that started in the last week and
        are not logged yet.

        :return: the entries made
        """
        return self._sales_capture_meetings(
            self.sudo().search(self._sales_started_domain(), order="start, id")
        )

    @api.model
    def _sales_started_domain(self):
        now = fields.Datetime.now()
        return [("start", "<=", now), ("start", ">=", now - LOOKBACK)]

    def _sales_started(self):
        """The events of `self` that started within the look-back window."""
        now = fields.Datetime.now()
        return self.filtered(
            lambda event: event.start and now - LOOKBACK <= event.start <= now
        )

    @api.model
    def _sales_capture_meetings(self, events):
        """Log `events` (started meetings) that have a client among their
        attendees, once each: one entry per client and manager.

        The cost does not depend on the number of events: the events are
        read in batch, claimed in one statement and their entries made in
        one create.

        :return: the entries made
        """
        log_model = self.env["sales.contact.log"]
        env_su = self.env(context=clean_context(self.env.context), su=True)
        events = events.with_env(env_su).exists()
        if not events:
            return log_model
        capture_su = env_su["sales.contact.capture"]
        claimed_before = set(
            capture_su.search_fetch(
                [
                    ("source_model", "=", "calendar.event"),
                    ("source_id", "in", events.ids),
                ],
                ["source_id"],
            ).mapped("source_id")
        )
        events = events.filtered(lambda event: event.id not in claimed_before)
        candidates = events._sales_meeting_candidates()
        if not candidates:
            return log_model
        claimed = capture_su._sales_claim(
            "calendar.event", [vals["capture_res_id"] for vals in candidates]
        )
        candidates = events._sales_not_logged_yet(
            [vals for vals in candidates if vals["capture_res_id"] in claimed]
        )
        if not candidates:
            return log_model
        logs = env_su["sales.contact.log"].create(candidates)
        # The claim links to the event's first entry; each entry links back
        # to its event.
        first = {}
        for log in logs:
            first.setdefault(log.capture_res_id, log.id)
        capture_su._sales_link("calendar.event", first)
        return log_model.browse(logs.ids)

    def _sales_not_logged_yet(self, candidates):
        """The candidates (of these events) whose meeting is not logged yet
        for its client and manager: a meeting is its client, its manager and
        its start. Another event of the same meeting, logged before, is one
        that Odoo made again when it rewrote a recurrence (archiving the past
        occurrences and making them anew), or the same meeting booked by two
        managers in their own calendars."""
        if not candidates:
            return candidates
        env = self.env
        logs = env["sales.contact.log"].search_fetch(
            [
                ("is_captured", "=", True),
                ("capture_model", "=", "calendar.event"),
                ("partner_id", "in", list({vals["partner_id"] for vals in candidates})),
                ("user_id", "in", list({vals["user_id"] for vals in candidates})),
                ("date", "in", list({vals["date"] for vals in candidates})),
            ],
            ["partner_id", "user_id", "capture_res_id"],
        )
        starts = {event.id: event.start for event in self}
        if logs:
            logged = self.with_context(active_test=False).search_fetch(
                [("id", "in", list(set(logs.mapped("capture_res_id"))))], ["start"]
            )
            starts.update((event.id, event.start) for event in logged)
        held = {
            (log.partner_id.id, log.user_id.id, starts.get(log.capture_res_id))
            for log in logs
        }
        new = []
        for vals in candidates:
            key = (
                vals["partner_id"],
                vals["user_id"],
                starts[vals["capture_res_id"]],
            )
            if key not in held:
                held.add(key)
                new.append(vals)
        return new

    def _sales_meeting_candidates(self):
        """The values of the entries that these events would make: one per
        client among the attendees and per manager, the organiser and the
        salespeople who attended, in a company that captures meetings."""
        sales_users = set(salespeople(self.env).ids)
        # Read what the loop reads, for all the events at once.
        partners = self.attendee_ids.partner_id
        (partners | partners.commercial_partner_id).user_ids.mapped("share")
        (self.user_id | partners.user_ids).company_ids.mapped("sales_capture_meetings")
        candidates = []
        for event in self:
            attendees = event.attendee_ids.filtered(
                lambda attendee: attendee.state != "declined" and attendee.partner_id
            )
            clients = {}  # {client: contact person or empty}
            users = event.user_id.filtered(lambda user: not user.share)
            for attendee in attendees:
                partner = attendee.partner_id
                internal = partner.user_ids.filtered(lambda user: not user.share)
                if internal:
                    users |= internal.filtered(lambda user: user.id in sales_users)
                    continue
                client = partner.commercial_partner_id
                if not client.is_company or any(
                    not user.share for user in client.user_ids
                ):
                    continue
                person = partner if partner != client else partner.browse()
                if not clients.get(client):
                    clients[client] = person
            for client, person in clients.items():
                for user in users:
                    vals = event._sales_meeting_values(client, person, user)
                    if vals:
                        candidates.append(vals)
        return candidates

    def _sales_meeting_values(self, client, person, user):
        """The values of the entry of this meeting for `client` (with its
        contact person `person`) and the manager `user`, or None when the
        company does not capture meetings or the client is another
        company's."""
        self.ensure_one()
        lead = self.opportunity_id
        if lead.partner_id and lead.partner_id.commercial_partner_id != client:
            lead = lead.browse()
        company = (
            lead.company_id
            if lead.company_id and lead.company_id in user.company_ids
            else user.company_id
        )
        if lead.company_id and lead.company_id != company:
            lead = lead.browse()
        if not company.sales_capture_meetings or (
            client.company_id and client.company_id != company
        ):
            return None
        if self.allday:
            date = self.start_date
        else:
            date = company._sales_date(self.start)
        description = self.description
        return {
            "partner_id": client.id,
            "contact_person_id": person.id,
            "user_id": user.id,
            "company_id": company.id,
            "date": date,
            "contact_form": "meeting",
            "topic": shorten(self.name, 200),
            "result": shorten(
                ""
                if is_html_empty(description)
                else html2plaintext(description, include_references=False),
                RESULT_LENGTH,
            ),
            "lead_id": lead.id,
            "is_captured": True,
            "capture_source": "event",
            "capture_model": "calendar.event",
            "capture_res_id": self.id,
        }

    def _sales_redate_meetings(self):
        """Date the entries of these logged meetings at their start again:
        the capture mirrors its source. An entry that the manager gave a
        control date before the new date keeps its own."""
        env_su = self.env(context=clean_context(self.env.context), su=True)
        logs = env_su["sales.contact.log"].search(
            [
                ("is_captured", "=", True),
                ("capture_model", "=", "calendar.event"),
                ("capture_res_id", "in", self.ids),
            ]
        )
        if not logs:
            return
        events = {event.id: event for event in self.with_env(env_su)}
        by_date = {}
        for log in logs:
            event = events[log.capture_res_id]
            date = (
                event.start_date
                if event.allday
                else log.company_id._sales_date(event.start)
            )
            if date == log.date or (
                log.next_contact_date and log.next_contact_date < date
            ):
                continue
            by_date.setdefault(date, logs.browse())
            by_date[date] |= log
        for date, dated in by_date.items():
            dated.write({"date": date})
