from . import sales_first_contact
from . import base_partner_merge_automatic_wizard
from . import sales_daily_plan_wizards
from . import sales_trip_add_visits
from . import crm_lead_to_opportunity
from . import sales_client_passport_wizards
from . import sales_prospect_import
from . import sales_call_attach
