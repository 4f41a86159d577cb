# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.exceptions import UserError
from trytond.model.exceptions import ValidationError


class DeclarationError(ValidationError):
    pass


class ExpenseError(UserError):
    pass


class OverBudgetError(ExpenseError):
    pass


class EarmarkedError(ExpenseError):
    pass


class SettledMonthError(UserError):
    pass


class SegregationError(UserError):
    pass


class CashError(UserError):
    pass


class ContractError(UserError):
    pass


class AssetError(UserError):
    pass
