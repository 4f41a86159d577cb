# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.exceptions import UserError
from trytond.model.exceptions import AccessError, ValidationError


class ServiceOrderError(UserError):
    pass


class ServiceOrderValidationError(ValidationError):
    pass


class PartStockError(UserError):
    pass


class PriceError(ValidationError):
    pass


class PaymentError(UserError):
    pass


class PaymentValidationError(ValidationError):
    pass


class DealerAuthorizationError(AccessError):
    pass


class WarrantyClaimError(UserError):
    pass


class ComplaintError(UserError):
    pass


class TransferError(UserError):
    pass


class ServicePlanError(UserError):
    pass


class QualityReportError(UserError):
    pass


class CustomerVisitError(UserError):
    pass
