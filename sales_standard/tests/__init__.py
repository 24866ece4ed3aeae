from . import test_contact_log
from . import test_first_contact
from . import test_access
from . import test_accountant
from . import test_performance
from . import test_tour
from . import test_i18n
