# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
{
    "name": "Sales Department Standard: Integrator Test",
    "summary": "Test only: an integrator's required fields with a default on "
    "the records that sales_standard inserts in bulk",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "license": "LGPL-3",
    "author": "sales_standard developers",
    "website": "https://github.com/sales-standard/sales_standard",
    "maintainers": ["sales-standard"],
    "development_status": "Beta",
    "depends": ["sales_standard"],
    "installable": True,
}
