# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
{
    "name": "Sales Department Standard: Shipments",
    "summary": "Logs the shipment milestone of a deal (Form 2.2) when its "
    "delivery is validated",
    "version": "18.0.1.0.1",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "sales_standard developers",
    "website": "https://github.com/sales-standard/sales_standard",
    "maintainers": ["sales-standard"],
    "development_status": "Beta",
    "depends": ["sales_standard", "sale_stock"],
    "auto_install": True,
    "installable": True,
}
