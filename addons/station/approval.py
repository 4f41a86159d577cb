# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Approval foundation shared by the station modules.

Who may approve is a group (``ir.model.button-res.group``), how many users
must approve is an ``ir.model.button.rule``; this mixin adds what Tryton does
not: the requester of a record may not press its approval buttons, and every
press is logged with the user and the time.
"""
import datetime
from functools import wraps

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool
from trytond.transaction import Transaction, without_check_access

from .exceptions import ApprovalError
from .guard import ClientGuardMixin


def _guard(func, button, check_requester=True):
    @wraps(func)
    def wrapper(cls, records, *args, **kwargs):
        if check_requester:
            cls.check_approval_requester(records, button)
        result = func(cls, records, *args, **kwargs)
        cls.log_approval(records, button)
        return result
    wrapper._station_approval = True
    return wrapper


# buttons that decide (approve, reject, receive, settle, appraise ...): each
# press is logged (R40); StationModuleTestMixin checks none escapes
DECISION_BUTTONS = {
    'approve', 'reject', 'receive', 'settle', 'appraise', 'decide',
    'approve_credit', 'review', 'acknowledge',
    }


class DecisionLogMixin:
    "Log every press of the decision buttons with the user and the time"
    __slots__ = ()
    # names of the buttons that decide without a requester to refuse
    _logged_buttons = set()

    approvals = fields.One2Many(
        'station.approval.log', 'resource', "Approval Log", readonly=True)

    @classmethod
    def __post_setup__(cls):
        super().__post_setup__()
        for button in cls._decision_buttons():
            method = getattr(cls, button)
            if getattr(method, '_station_approval', False):
                continue
            setattr(cls, button, classmethod(_guard(
                        method.__func__, button,
                        check_requester=cls._checks_requester(button))))

    @classmethod
    def _decision_buttons(cls):
        return set(cls._logged_buttons)

    @classmethod
    def _checks_requester(cls, button):
        return False

    @classmethod
    def copy(cls, records, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('approvals', None)
        return super().copy(records, default=default)

    @classmethod
    def _approval_button_string(cls, button):
        pool = Pool()
        Button = pool.get('ir.model.button')
        with without_check_access():
            buttons = Button.search([
                    ('model', '=', cls.__name__),
                    ('name', '=', button),
                    ], limit=1)
        if buttons:
            return buttons[0].string or button
        return button

    @classmethod
    def log_approval(cls, records, button):
        pool = Pool()
        Log = pool.get('station.approval.log')
        User = pool.get('res.user')
        transaction = Transaction()
        user_id = transaction.user
        if not user_id or not records:
            return
        user = User(user_id)
        now = datetime.datetime.now()
        with without_check_access():
            Log.save([Log(
                        resource=r,
                        station=getattr(r, 'station', None),
                        button=button,
                        user=user,
                        employee=user.employee,
                        date=now)
                    for r in records])


class ApprovalMixin(DecisionLogMixin):
    "Refuse self-approval and log approvals"
    __slots__ = ()
    # names of the buttons that approve (or reject) the request
    _approval_buttons = set()

    requested_by = fields.Many2One(
        'res.user', "Requested By", readonly=True, ondelete='RESTRICT',
        help="The user who created the request; "
        "they cannot approve it themselves.")

    @classmethod
    def _decision_buttons(cls):
        return super()._decision_buttons() | cls._approval_buttons

    @classmethod
    def _checks_requester(cls, button):
        return button in cls._approval_buttons

    @classmethod
    def default_requested_by(cls):
        return Transaction().user or None

    @classmethod
    def copy(cls, records, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('requested_by', cls.default_requested_by())
        return super().copy(records, default=default)

    @classmethod
    def check_approval_requester(cls, records, button):
        "Raise ApprovalError if the user requested one of the records"
        pool = Pool()
        Button = pool.get('ir.model.button')
        User = pool.get('res.user')
        transaction = Transaction()
        user = transaction.user
        if not user or not transaction.check_access:
            return
        button_groups = Button.get_groups(cls.__name__, button)
        if button_groups and not (set(User.get_groups()) & button_groups):
            # not an approver at all: ModelView.button refuses it
            return
        for record in records:
            if record.requested_by and record.requested_by.id == user:
                raise ApprovalError(gettext(
                        'station.msg_approval_own_request',
                        record=record.rec_name,
                        button=cls._approval_button_string(button)))


class ApprovalLog(ClientGuardMixin, ModelSQL, ModelView):
    "Approval Log"
    __name__ = 'station.approval.log'

    resource = fields.Reference(
        "Record", selection='get_models', required=True, readonly=True)
    station = fields.Many2One(
        'station.station', "Station", readonly=True, ondelete='CASCADE')
    button = fields.Char("Button", required=True, readonly=True)
    action = fields.Function(fields.Char("Action"), 'get_action')
    user = fields.Many2One(
        'res.user', "User", required=True, readonly=True,
        ondelete='RESTRICT')
    employee = fields.Many2One(
        'company.employee', "Employee", readonly=True, ondelete='RESTRICT')
    date = fields.Timestamp("Date", required=True, readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('date', 'DESC'))

    @classmethod
    def get_models(cls):
        pool = Pool()
        Model = pool.get('ir.model')
        return [(None, '')] + Model.get_name_items(DecisionLogMixin)

    def get_action(self, name):
        if self.resource:
            return self.resource.__class__._approval_button_string(
                self.button)
        return self.button
