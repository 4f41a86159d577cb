"""Demo data of station_report: the dashboards of HQ Service Management and
of the Beijing station manager open at login.

Called by data/demo.py as ``load(company, stations, rng)`` once the other
modules' demo workflows ran; loading it twice changes nothing.
"""
from proteus import Model

# login: XML id of the dashboard action opened at login
DASHBOARDS = {
    'hq_service': 'act_dashboard_hq_service',
    'bj_manager': 'act_dashboard_manager',
    }


def log(message):
    print(f"[demo report] {message}", flush=True)


def load(company, stations, rng):
    User = Model.get('res.user')
    Action = Model.get('ir.action')
    ModelData = Model.get('ir.model.data')
    Module = Model.get('ir.module')
    if not Module.find([
                ('name', '=', 'station_report'),
                ('state', '=', 'activated'),
                ]):
        log("station_report is not activated: no dashboards")
        return
    for login, fs_id in DASHBOARDS.items():
        users = User.find([('login', '=', login)])
        if not users:
            log(f"no user {login}: dashboard skipped")
            continue
        user, = users
        action_id = ModelData.get_id('station_report', fs_id, {})
        if any(a.id == action_id for a in user.actions):
            continue
        user.actions.append(Action(action_id))
        user.save()
        log(f"{login} opens {fs_id} at login")
