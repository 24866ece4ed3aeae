# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from collections import defaultdict

from odoo import api, models


class ReportRegionPassport(models.AbstractModel):
    _name = "report.sales_standard.report_region_passport"
    _description = "Region Passport (Form 2.3) Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        regions = self.env["sales.region"].browse(docids)
        # {(region id, period, source, client type): amount}, with "total"
        # for all sources or all client types: next year's firm orders
        # ("order") and weighted forecast ("opportunity") stay apart.
        portfolio = defaultdict(float)
        for region, period, source, client_type, amount in self.env[
            "sales.region.portfolio"
        ]._read_group(
            [("region_id", "in", regions.ids)],
            ["region_id", "period", "source", "client_type"],
            ["amount:sum"],
        ):
            for source_key in (source, "total"):
                for type_key in (client_type, "total"):
                    portfolio[region.id, period, source_key, type_key] += amount
        rankings = defaultdict(list)
        for rank in self.env["sales.region.industry"].search(
            [("region_id", "in", regions.ids)]
        ):
            rankings[rank.region_id.id].append(rank)
        year_start = self.env.company._sales_date().replace(month=1, day=1)
        contacts = defaultdict(int)
        for region, form, count in self.env["sales.contact.log"]._read_group(
            [
                ("region_id", "in", regions.ids),
                ("date", ">=", year_start),
                ("is_contact", "=", True),
            ],
            ["region_id", "contact_form"],
            ["__count"],
        ):
            contacts[region.id, form] = count
        log_model = self.env["sales.contact.log"]
        return {
            "doc_ids": regions.ids,
            "doc_model": "sales.region",
            "docs": regions,
            "client_types": self.env["res.partner"]
            ._fields["client_type"]
            ._description_selection(self.env),
            "portfolio": portfolio,
            "rankings": rankings,
            "contacts": contacts,
            "contact_forms": log_model._fields["contact_form"]._description_selection(
                self.env
            ),
            "year": year_start.year,
        }
