# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
{
    "name": "Sales Department Standard: Dashboard",
    "summary": "The head of sales' spreadsheet dashboard: contacts by manager "
    "and form, overdue follow-ups, plan completion, the order portfolio by "
    "region and client type, and reviews in progress",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "sales_standard developers",
    "website": "https://github.com/sales-standard/sales_standard",
    "maintainers": ["sales-standard"],
    "development_status": "Beta",
    "depends": ["sales_standard", "spreadsheet_dashboard"],
    "data": ["data/spreadsheet_dashboard_data.xml"],
    "assets": {
        "web.assets_tests": [
            "sales_standard_spreadsheet/static/tests/tours/**/*",
        ],
    },
    "auto_install": True,
    "installable": True,
}
