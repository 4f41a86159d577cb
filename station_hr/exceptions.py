# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.exceptions import UserError
from trytond.model.exceptions import AccessError, ValidationError


class HeadcountError(ValidationError):
    pass


class LeaveError(ValidationError):
    pass


class HRApprovalError(AccessError):
    pass


class SigninError(UserError):
    pass


class BonusPlanError(ValidationError):
    pass


class TripError(ValidationError):
    pass


class AppraisalError(ValidationError):
    pass


class WorkReportError(ValidationError):
    pass


class WorkTimeError(ValidationError):
    pass


class MonthlyReportError(ValidationError):
    pass


class RotaError(ValidationError):
    pass
