# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The chatter notes of the contact log (Form 2.2): each entry logged leaves
a note on its client's chatter, one note per client for a batch of entries,
in the words and dates of the user who logged them."""

from collections import defaultdict

from markupsafe import Markup

from odoo.tools import format_date
from odoo.tools.misc import clean_context


def log_in_chatter(logs):
    """Post the note of each of these entries on its client's chatter."""
    bodies = defaultdict(Markup)
    labels = _labels(logs)
    for log in logs:
        bodies[log.partner_id.id] += _body(log, labels)
    if bodies:
        # Logging a note needs no write access to the client: the entry
        # itself was allowed.
        env_su = logs.env(context=clean_context(logs.env.context), su=True)
        partners_su = env_su["res.partner"].browse(list(bodies))
        partners_su._message_log_batch(
            bodies=bodies, author_id=logs.env.user.partner_id.id
        )


def _labels(logs):
    """The words of the notes in the user's language, and the dates as they
    read them: the same for every entry of a batch."""
    env = logs.env
    field = logs._fields["contact_form"]
    return {
        "forms": dict(field._description_selection(env)),
        "title": env._("Contact (Form 2.2)"),
        "with": env._("With"),
        "result": env._("Result"),
        "next": env._("Next contact"),
        "dates": {},
    }


def _body(log, labels):
    """The note of the entry `log`, in the words of `labels`."""
    body = Markup("<p><b>%s</b> %s: %s</p>") % (
        labels["title"],
        labels["forms"][log.contact_form],
        log.topic,
    )
    if log.addressee:
        body += Markup("<p>%s: %s</p>") % (labels["with"], log.addressee)
    if log.result:
        body += Markup("<p>%s: %s</p>") % (labels["result"], log.result)
    if log.next_contact_date:
        dates = labels["dates"]
        if log.next_contact_date not in dates:
            dates[log.next_contact_date] = format_date(log.env, log.next_contact_date)
        body += Markup("<p>%s: %s %s</p>") % (
            labels["next"],
            dates[log.next_contact_date],
            log.next_step or "",
        )
    return body
