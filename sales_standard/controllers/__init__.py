from . import sales_call
