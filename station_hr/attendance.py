# This file is part of Station ERP.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Sign-in lines come from the sign-in wizard only (R51, issue 14)"
from trytond.i18n import gettext
from trytond.model import fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction

from .common import in_group


class SigninLineError(AccessError):
    pass


def _attendance_admin():
    pool = Pool()
    ModelData = pool.get('ir.model.data')
    User = pool.get('res.user')
    return ModelData.get_id('attendance', 'group_attendance_admin') in set(
        User.get_groups())


class Line(metaclass=PoolMeta):
    __name__ = 'attendance.line'

    correction_reason = fields.Char(
        "Correction Reason",
        help="Why the clerk corrected or added this sign-in line; "
        "the lines of the sign-in wizard have none.")

    @classmethod
    def create(cls, vlist):
        transaction = Transaction()
        if transaction.user and transaction.check_access:
            cls.check_direct([], vlist)
        return super().create(vlist)

    @classmethod
    def check_modification(cls, mode, lines, values=None, external=False):
        super().check_modification(
            mode, lines, values=values, external=external)
        if external and Transaction().user and mode in {'write', 'delete'}:
            cls.check_direct(lines, [values] if mode == 'write' else [])

    @classmethod
    def check_direct(cls, lines, vlist):
        """Who keeps the sheet corrects it, with a reason (Tryton logs the
        change); everybody else signs through the wizard, at the server's
        time (R51)"""
        if _attendance_admin():
            # the system's attendance administrators (data imports)
            return
        if not in_group('clerk', 'hq_hr', 'station_admin'):
            raise SigninLineError(gettext(
                    'station_hr.msg_signin_line_direct'))
        for values in vlist:
            reasons = [values.get('correction_reason')] if (
                'correction_reason' in values or not lines) else [
                line.correction_reason for line in lines]
            if any(not (r or '').strip() for r in reasons):
                raise SigninLineError(gettext(
                        'station_hr.msg_signin_line_reason'))
