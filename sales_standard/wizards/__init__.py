from . import sales_first_contact
from . import base_partner_merge_automatic_wizard
from . import sales_daily_plan_wizards
from . import sales_trip_add_visits
