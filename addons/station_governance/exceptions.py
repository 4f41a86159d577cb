# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.exceptions import UserError
from trytond.model.exceptions import AccessError, ValidationError


class GovernanceAccessError(AccessError):
    pass


class AgreementValidationError(ValidationError):
    pass


class CircularError(UserError):
    pass


class EscalationError(UserError):
    pass


class GiftValidationError(ValidationError):
    pass
