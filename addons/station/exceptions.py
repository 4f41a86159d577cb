# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model.exceptions import AccessError, ValidationError


class StationValidationError(ValidationError):
    pass


class ApprovalError(AccessError):
    pass


class DelegationValidationError(ValidationError):
    pass


class ClientFieldError(AccessError):
    pass


class ClientValueError(ValidationError):
    pass
