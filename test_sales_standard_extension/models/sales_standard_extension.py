# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""An integrator's required field with a default on each record that
sales_standard inserts in one SQL statement (plans, plan lines, passports,
reviews), and on the passport documents, which are created through the ORM.
"""

from odoo import fields, models


class SalesDailyPlan(models.Model):
    _inherit = "sales.daily.plan"

    integrator_code = fields.Char(required=True, default="PLAN")


class SalesDailyPlanLine(models.Model):
    _inherit = "sales.daily.plan.line"

    integrator_code = fields.Char(required=True, default="LINE")


class SalesClientPassport(models.Model):
    _inherit = "sales.client.passport"

    integrator_code = fields.Char(required=True, default="PASSPORT")


class SalesClientPassportDocument(models.Model):
    _inherit = "sales.client.passport.document"

    integrator_code = fields.Char(required=True, default="DOCUMENT")


class SalesManagerReport(models.Model):
    _inherit = "sales.manager.report"

    integrator_code = fields.Char(required=True, default="REVIEW")
