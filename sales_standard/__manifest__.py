# Copyright 2026 sales_standard developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
{
    "name": "Sales Department Standard",
    "summary": "Client card (Form 2.1), contact log (Form 2.2) with "
    "next-contact control, region passport (Form 2.3), client lists "
    "(Form 2.3/4), the daily contact plan, the sales manager report "
    "(Form 2.4), business trips (Form 2.5) and the client passport with "
    "deal milestones for the sales department",
    "version": "18.0.1.1.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "sales_standard developers",
    "website": "https://github.com/sales-standard/sales_standard",
    "maintainers": ["sales-standard"],
    "development_status": "Beta",
    "depends": ["crm", "sale_crm"],
    "data": [
        "security/sales_standard_security.xml",
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "data/sales_trip_data.xml",
        "report/sales_standard_reports.xml",
        "report/sales_region_report_views.xml",
        "report/sales_client_passport_reports.xml",
        "wizards/sales_first_contact_views.xml",
        "wizards/sales_acceptance_upload_views.xml",
        "wizards/sales_contact_report_views.xml",
        "wizards/sales_daily_plan_reschedule_views.xml",
        "wizards/sales_daily_plan_cancel_views.xml",
        "wizards/sales_trip_add_visits_views.xml",
        "wizards/crm_lead_to_opportunity_views.xml",
        "views/sales_region_views.xml",
        "views/sales_contact_log_views.xml",
        "views/sales_client_list_views.xml",
        "views/sales_daily_plan_views.xml",
        "views/sales_trip_views.xml",
        "views/sales_manager_report_views.xml",
        "views/sales_client_passport_views.xml",
        "views/res_partner_views.xml",
        "views/crm_lead_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/sales_region_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/sales_contact_log_demo.xml",
        "demo/sale_order_demo.xml",
        "demo/crm_lead_demo.xml",
        "demo/sales_client_list_demo.xml",
        "demo/sales_trip_demo.xml",
        "demo/sales_daily_plan_demo.xml",
        "demo/sales_manager_report_demo.xml",
        "demo/sales_client_passport_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "sales_standard/static/src/**/*",
        ],
        "web.assets_tests": [
            "sales_standard/static/tests/tours/**/*",
        ],
    },
    "uninstall_hook": "uninstall_hook",
    "installable": True,
    "application": False,
}
