# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.misc import clean_context

from ._sales_common import without_context_keys

# The link to the entry, given as the context's default value.
LOG_LINK_DEFAULT = "default_sales_contact_log_id"
FOLLOWUP_FIELDS = {
    "active",
    "activity_type_id",
    "date_deadline",
    "res_id",
    "res_model",
    "res_model_id",
}


class MailActivity(models.Model):
    _inherit = "mail.activity"

    sales_contact_log_id = fields.Many2one(
        "sales.contact.log",
        string="Planned by Contact",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )

    @api.model_create_multi
    def create(self, vals_list):
        if (
            self._sales_protect_log_link(vals_list)
            and LOG_LINK_DEFAULT in self.env.context
        ):
            # Nor does the context's default value (see _sales_protect_log_link).
            return without_context_keys(self, {LOG_LINK_DEFAULT}).create(vals_list)
        activities = super().create(vals_list)
        activities._sales_followup_partners()._sales_recompute_next_contact_date()
        return activities

    def write(self, vals):
        self._sales_protect_log_link([vals])
        if not FOLLOWUP_FIELDS & vals.keys():
            return super().write(vals)
        partners = self._sales_followup_partners()
        res = super().write(vals)
        partners |= self._sales_followup_partners()
        partners._sales_recompute_next_contact_date()
        return res

    def unlink(self):
        partners = self._sales_followup_partners()
        res = super().unlink()
        partners._sales_recompute_next_contact_date()
        return res

    def action_sales_log_contact(self):
        """Open the contact log form (Form 2.2) prefilled from this activity.

        Saving the entry closes the follow-up: the new entry replaces it.
        """
        self.ensure_one()
        if self.res_model not in ("res.partner", "crm.lead"):
            raise UserError(
                self.env._(
                    "A contact can only be logged from an activity on a client "
                    "or an opportunity."
                )
            )
        record = self.env[self.res_model].browse(self.res_id)
        action = record._sales_contact_log_form_action(
            topic=self.summary or self.sales_contact_log_id.next_step
        )
        action["context"]["sales_followup_activity_id"] = self.id
        return action

    @api.model
    def _sales_protect_log_link(self, vals_list):
        """Only the contact log links a follow-up to its entry: it creates
        the follow-ups as superuser, with this context key. A context key
        alone comes from the client and proves nothing.

        :return: whether the values were the caller's, and their link dropped
        """
        if self.env.su and self.env.context.get("sales_standard_followup"):
            return False
        for vals in vals_list:
            vals.pop("sales_contact_log_id", None)
        return True

    def _sales_followup_partners(self):
        """Partners whose next control date depends on these activities."""
        ids = {
            activity.res_id
            for activity in self.sudo()
            if activity.res_model == "res.partner"
            and activity.activity_type_id.category == "sales_contact_log"
        }
        return self.env["res.partner"].browse(ids)

    # ------------------------------------------------------------------
    # The follow-ups planned by the contact log (Form 2.2)
    # ------------------------------------------------------------------
    @api.model
    def _sales_followup_type(self):
        return self.env.ref("sales_standard.mail_activity_type_next_contact")

    @api.model
    def _sales_followup_values(self, log, activity_type):
        """Values of the follow-up that a contact log entry plans."""
        return {
            "activity_type_id": activity_type.id,
            "res_model_id": self.env["ir.model"]._get_id("res.partner"),
            "res_id": log.partner_id.id,
            "user_id": log.user_id.id,
            "date_deadline": log.next_contact_date,
            "summary": log.topic,
            "note": log.next_step and Markup("<p>%s</p>") % log.next_step,
            "sales_contact_log_id": log.id,
        }

    @api.model
    def _sales_sync_followups(self, keys, redated=None):
        """Keep one open follow-up per client and manager: the one planned by
        the manager's newest entry (by date, then by entry) on the client.

        :param keys: the (client id, manager id) pairs to bring up to date.
        :param redated: the entries whose control date was just written: their
            open follow-up moves to it. Otherwise a follow-up keeps its own
            deadline (the daily plan may have moved it).
        Follow-ups of older entries are archived as done; the newest entry's
        follow-up is planned, updated or closed to match the entry.
        """
        redated = redated or self.env["sales.contact.log"]
        keys = {(partner, user) for partner, user in keys if partner and user}
        if not keys:
            return
        partner_ids = sorted({partner for partner, _user in keys})
        user_ids = list({user for _partner, user in keys})
        self._sales_lock_clients(partner_ids)
        log_model = self.env["sales.contact.log"]
        domain = [
            ("partner_id", "in", partner_ids),
            ("user_id", "in", user_ids),
            # Milestones logged by Odoo leave the manager's follow-up alone,
            # and so do captured contacts, unless the manager gave one a
            # control date.
            ("is_automatic", "=", False),
            "|",
            ("is_captured", "=", False),
            ("next_contact_date", "!=", False),
        ]
        newest = {
            (partner.id, user.id): log
            for (partner, user), log in log_model._sales_latest_entries(
                domain, ["partner_id", "user_id"]
            ).items()
            if (partner.id, user.id) in keys
        }
        # The entries are the authority: a salesperson who may log a contact
        # may plan it, even without write access to the partner record.
        # (Without the default_* values meant for the entry's form.)
        env_su = self.env(context=clean_context(self.env.context), su=True)
        activity_su = env_su["mail.activity"]
        open_followups = activity_su.search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", partner_ids),
                ("user_id", "in", user_ids),
                ("activity_type_id.category", "=", "sales_contact_log"),
            ]
        )
        to_archive = activity_su
        kept = {}
        for activity in open_followups:
            key = (activity.res_id, activity.user_id.id)
            if key not in keys:
                continue
            log = newest.get(key)
            if (
                log
                and log.next_contact_date
                and activity.sales_contact_log_id == log
                and key not in kept
            ):
                kept[key] = activity
            else:
                to_archive |= activity
        to_archive.action_archive()
        activity_type = self._sales_followup_type()
        to_create = []
        for key, log in newest.items():
            if not log.next_contact_date:
                continue
            values = self._sales_followup_values(log, activity_type)
            activity = kept.get(key)
            if not activity:
                to_create.append(values)
            else:
                # The follow-up carries its own deadline once planned (the
                # daily plan may have moved it): only a new control date
                # written on the entry moves it again.
                fnames = ["summary", "note"]
                if log in redated:
                    fnames.append("date_deadline")
                changed = {
                    fname: values[fname]
                    for fname in fnames
                    if (activity[fname] or False) != (values[fname] or False)
                }
                if changed:
                    activity.write(changed)
        activity_su.with_context(
            mail_activity_quick_update=True, sales_standard_followup=True
        ).create(to_create)

    @api.model
    def _sales_lock_clients(self, partner_ids):
        """Serialize the follow-ups of these clients between transactions.

        Two entries logged at once for the same client each plan a follow-up
        from what they see. Touching the client's row makes the later
        transaction fail with a serialization error (Odoo retries the request)
        instead of leaving two open follow-ups: on its retry it sees the
        first entry and replaces its follow-up.
        """
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner SET next_contact_date = next_contact_date
                 WHERE id IN (SELECT id FROM res_partner
                               WHERE id = ANY(%s)
                               ORDER BY id
                                 FOR NO KEY UPDATE)
                """,
                partner_ids,
            ),
            log_exceptions=False,
        )

    # ------------------------------------------------------------------
    # The daily plan
    # ------------------------------------------------------------------
    @api.model
    def _sales_plan_candidates(self, plans):
        """Candidates for these daily plans (a source of
        `sales.daily.plan._sales_plan_sources`): the managers' overdue
        follow-ups, oldest first, then those due on the day.

        :return: {plan: [values of a plan line]}
        """
        # Plain rows, not records: the morning cron reads tens of thousands
        # of follow-ups, and a record's field access costs more than the
        # query (a second at 50,000 follow-ups).
        query = self.sudo()._search(
            [
                ("res_model", "=", "res.partner"),
                ("user_id", "in", plans.user_id.ids),
                ("date_deadline", "<=", max(plans.mapped("date"))),
                ("activity_type_id.category", "=", "sales_contact_log"),
            ],
            order="date_deadline, id",
        )
        rows = self.env.execute_query(
            query.select(
                *(
                    SQL.identifier(query.table, fname)
                    for fname in ("id", "res_id", "user_id", "date_deadline", "summary")
                )
            )
        )
        # Clients that are active and belong to no other company.
        clients = (
            self.env["res.partner"]
            .sudo()
            ._search(
                [
                    ("id", "in", list({row[1] for row in rows})),
                    ("company_id", "in", [False, *plans.company_id.ids]),
                ],
                order="id",
            )
        )
        partner_company = dict(
            self.env.execute_query(
                clients.select(
                    SQL.identifier(clients.table, "id"),
                    SQL.identifier(clients.table, "company_id"),
                )
            )
        )
        plans_by_user = defaultdict(list)
        for plan in plans:
            plans_by_user[plan.user_id.id].append((plan, plan.date, plan.company_id.id))
        result = defaultdict(list)
        for activity_id, partner_id, user_id, deadline, summary in rows:
            if partner_id not in partner_company:
                continue
            company_id = partner_company[partner_id]
            for plan, date, plan_company_id in plans_by_user.get(user_id, ()):
                if deadline > date or (company_id and company_id != plan_company_id):
                    continue
                result[plan].append(
                    {
                        "partner_id": partner_id,
                        "source": "overdue" if deadline < date else "followup",
                        "due_date": deadline,
                        "activity_id": activity_id,
                        "topic": summary,
                    }
                )
        return result
