from . import mail_activity_type
from . import mail_activity
from . import sales_region
from . import sales_contact_log
from . import res_partner
from . import crm_lead
from . import sales_client_list
from . import sales_daily_plan
