from . import sales_view_mixin
from . import sales_region_portfolio
from . import sales_region_industry
from . import sales_region_passport
from . import sales_manager_dashboard
from . import sales_client_passport_deal
from . import sales_client_passport_report
from . import sales_client_forms_report
