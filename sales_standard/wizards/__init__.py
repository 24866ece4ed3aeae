from . import sales_first_contact
