"""Browser harness: the demo database, trytond serving sao, and Debian's
Chromium driven by Playwright (no browser download).

    with DemoServer() as server, Browser(server) as browser:
        browser.login('bj_tech1', PASSWORD)
        browser.open_menu(['站点', '站点'])
        browser.open_record('北京站')
        browser.fill('phone', '010-1234')
        browser.save()
        browser.click_button('request')
        browser.screenshot('stations')

The demo database is built by ``scripts/demo.sh --no-serve --reset`` under
its own name (``station_browser``, in ``var/browser-db/``) so that the tests
never touch a demo someone is presenting. The build is cached in
``~/.cache/station-erp/browser-db/`` (or ``$STATION_TEST_CACHE``), keyed by a
hash of the modules, ``data/``, the scripts and the day: a fresh clone of
the same sources (CI) copies it instead of building it again, and every run
starts from the demo as built.
"""
import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
            os.path.abspath(__file__))))
VAR = os.path.join(ROOT, 'var')
SCREENSHOTS = os.path.join(os.path.dirname(os.path.abspath(__file__)),
    'screenshots')
CHROMIUM = os.environ.get('STATION_CHROMIUM', '/usr/bin/chromium')
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic',
    '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage']
DATABASE = os.environ.get('STATION_BROWSER_DB', 'station_browser')
DB_DIR = os.path.join(VAR, 'browser-db')
SAO_DIR = os.path.join(VAR, 'sao-build', 'node_modules', 'tryton-sao')
TIMEOUT = 60_000  # ms, sao on a 2-core machine with a cold pool


def chromium_available():
    return os.path.exists(CHROMIUM) or bool(shutil.which('chromium'))


def venv_bin(name):
    path = os.path.join(os.path.dirname(sys.executable), name)
    return path if os.path.exists(path) else name


def demo_cache_key():
    """Key of the browser demo database: everything that shapes it (the
    modules, the demo data, the scripts building it, trytond's version) and
    the day in the demo company's time zone, since the demo documents are
    this month's and the tests read "today"."""
    import datetime as dt
    import hashlib
    from importlib.metadata import version
    from zoneinfo import ZoneInfo
    digest = hashlib.sha256()
    digest.update(version('trytond').encode())
    digest.update(dt.datetime.now(ZoneInfo('Asia/Shanghai')).date()
        .isoformat().encode())
    paths = []
    for top in ['addons', 'data', 'scripts'] + sorted(
            n for n in os.listdir(ROOT) if n.startswith('station_')):
        for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, top)):
            # (scenarios, .rst, do not shape the demo: data/ imports the
            # test tools, .py, which do)
            dirnames[:] = [d for d in dirnames if d != '__pycache__']
            for name in filenames:
                if os.path.splitext(name)[1] in {
                        '.py', '.xml', '.cfg', '.po', '.csv', '.sh',
                        '.json'}:
                    paths.append(os.path.join(dirpath, name))
    paths.append(os.path.join(ROOT, 'pyproject.toml'))
    for path in sorted(paths):
        digest.update(os.path.relpath(path, ROOT).encode())
        with open(path, 'rb') as fp:
            digest.update(fp.read())
    return digest.hexdigest()[:16]


def demo_cache_dir():
    "Where built browser demo databases are kept, shared by the checkouts"
    root = os.environ.get('STATION_TEST_CACHE') or os.path.join(
        os.environ.get('XDG_CACHE_HOME')
        or os.path.join(os.path.expanduser('~'), '.cache'), 'station-erp')
    return os.path.join(root, 'browser-db')


def build_demo():
    """Provide the demo database of the browser tests: a copy of the cached
    build of the same sources and day, else a build by scripts/demo.sh
    (then cached). Every run starts from the freshly built demo."""
    if os.environ.get('STATION_BROWSER_REUSE_DB') and os.path.exists(
            os.path.join(DB_DIR, f'{DATABASE}.sqlite')):
        # while writing a browser test: keep the database of the last run
        # whatever changed since (never in CI)
        return
    key = demo_cache_key()
    cache = demo_cache_dir()
    cached = os.path.join(cache, f'{DATABASE}-{key}.sqlite')
    target = os.path.join(DB_DIR, f'{DATABASE}.sqlite')
    os.makedirs(DB_DIR, exist_ok=True)
    if os.path.exists(cached):
        tmp = f'{target}.{os.getpid()}.tmp'
        shutil.copyfile(cached, tmp)
        os.replace(tmp, target)
        return
    env = os.environ.copy()
    for key_ in ['TRYTOND_DATABASE_URI', 'DB_NAME', 'DB_CACHE',
            'TRYTOND_CONFIG', 'PYTHONOPTIMIZE']:
        env.pop(key_, None)
    env['STATION_DEMO_DB'] = DATABASE
    env['STATION_DEMO_DB_DIR'] = DB_DIR
    env['STATION_DEMO_CONF'] = os.path.join(VAR, 'browser-trytond.conf')
    # always from an empty database: what is cached is the demo as built
    subprocess.run(
        [os.path.join(ROOT, 'scripts', 'demo.sh'), '--no-serve', '--reset'],
        cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    os.makedirs(cache, exist_ok=True)
    # older builds are of other sources or days
    for name in os.listdir(cache):
        if name.startswith(f'{DATABASE}-') and name.endswith('.sqlite'):
            with contextlib.suppress(OSError):
                os.remove(os.path.join(cache, name))
    tmp = f'{cached}.{os.getpid()}.tmp'
    shutil.copyfile(target, tmp)
    os.replace(tmp, cached)


def free_port():
    with contextlib.closing(
            socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def _decimals(value):
    "The rpc result with the Decimals sao decoded as Decimal again"
    from decimal import Decimal
    if isinstance(value, dict):
        if set(value) == {'__decimal__'}:
            return Decimal(value['__decimal__'])
        return {k: _decimals(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decimals(v) for v in value]
    return value


class DemoServer:
    "trytond serving sao and the demo database on a free local port"

    def __init__(self, build=True):
        self.build = build
        self.port = free_port()
        self.url = f'http://127.0.0.1:{self.port}'
        self.database = DATABASE
        self.process = None
        self.log_path = os.path.join(VAR, 'browser-trytond.log')
        self.config_path = os.path.join(VAR, 'browser-server.conf')

    def __enter__(self):
        if self.build:
            build_demo()
        with open(self.config_path, 'w') as fp:
            fp.write(
                "[database]\nuri = sqlite://\n"
                f"path = {DB_DIR}\n"
                f"[web]\nlisten = 127.0.0.1:{self.port}\nroot = {SAO_DIR}\n")
        env = os.environ.copy()
        for key in ['TRYTOND_DATABASE_URI', 'DB_NAME', 'DB_CACHE',
                'TRYTOND_CONFIG']:
            env.pop(key, None)
        env['PYTHONOPTIMIZE'] = '1'
        env['TRYTOND_LOGGING_LEVEL'] = '30'  # warnings: keep the log short
        env['PYTHONPATH'] = os.pathsep.join(
            filter(None, [ROOT, env.get('PYTHONPATH')]))
        self._log = open(self.log_path, 'w')
        # -d loads the pool at start-up (see scripts/demo.sh)
        self.process = subprocess.Popen(
            [venv_bin('trytond'), '-c', self.config_path,
                '-d', self.database],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        self._wait_ready()
        return self

    def _wait_ready(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"trytond exited with {self.process.returncode}, "
                    f"see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url + '/', timeout=5) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"trytond not ready after {timeout}s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


class Browser:
    "One Chromium page on the sao of a DemoServer"

    def __init__(self, server, width=1366, height=900):
        self.server = server
        self.size = {'width': width, 'height': height}
        self.errors = []
        self.user = None

    def __enter__(self):
        from playwright.sync_api import sync_playwright
        self._playwright = sync_playwright().start()
        executable = CHROMIUM if os.path.exists(CHROMIUM) else (
            shutil.which('chromium'))
        self._browser = self._playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS)
        self.page = self._browser.new_page(
            viewport=self.size, locale='zh-CN')
        self.page.set_default_timeout(TIMEOUT)
        self.page.on('pageerror', lambda e: self.errors.append(str(e)))
        return self

    def __exit__(self, *exc):
        if exc[0] is not None:
            with contextlib.suppress(Exception):
                self.screenshot('failure')
        with contextlib.suppress(Exception):
            self._browser.close()
        self._playwright.stop()

    # helpers ---------------------------------------------------------------

    def screenshot(self, name):
        os.makedirs(SCREENSHOTS, exist_ok=True)
        path = os.path.join(SCREENSHOTS, f'{name}.png')
        self.page.screenshot(path=path, full_page=True)
        return path

    def dump_html(self, name):
        os.makedirs(SCREENSHOTS, exist_ok=True)
        path = os.path.join(SCREENSHOTS, f'{name}.html')
        with open(path, 'w') as fp:
            fp.write(self.page.content())
        return path

    def login(self, user, password):
        "Log in through sao's login dialog (database, user, then password)"
        page = self.page
        self.user = user
        page.goto(f'{self.server.url}/#{self.server.database}')
        page.wait_for_selector('#login', state='visible')
        database = page.locator('select#database')
        if database.count() and database.is_visible():
            database.select_option(self.server.database)
        page.fill('#login', user)
        page.click('button[type=submit]')
        page.wait_for_selector('#ask-dialog-entry', state='visible')
        page.fill('#ask-dialog-entry', password)
        page.click('.modal:visible .modal-footer .btn-primary')
        # logged in: the menu tree is drawn
        page.wait_for_selector('#menu .column-char', state='visible')
        page.wait_for_load_state('networkidle')

    def menu_entries(self):
        "Names of the visible menu rows"
        return [t.strip() for t in self.page.locator(
                '#menu .column-char').all_inner_texts()]

    def _menu_row_index(self, names, after):
        """Index (in #menu rows) of the first row after `after` whose label
        is one of names, or None"""
        return self.page.evaluate(
            """([names, after]) => {
                const rows = Array.from(document.querySelectorAll(
                    '#menu .treeview tbody tr'));
                for (let i = after + 1; i < rows.length; i++) {
                    const cell = rows[i].querySelector('.column-char');
                    if (cell && names.includes(cell.textContent.trim())) {
                        return i;
                    }
                }
                return null;
            }""", [list(names), after])

    def _menu_row(self, index):
        return self.page.locator('#menu .treeview tbody tr').nth(index)

    def open_menu(self, path):
        """Open the menu entry at path (a list of names or 'A/B/C');
        each name may be a tuple of alternatives (e.g. zh_CN and en)."""
        if isinstance(path, str):
            path = path.split('/')
        page = self.page
        after = -1
        for i, names in enumerate(path):
            if isinstance(names, str):
                names = (names,)
            index = None
            deadline = time.monotonic() + 15
            while index is None and time.monotonic() < deadline:
                index = self._menu_row_index(names, after)
                if index is None:
                    page.wait_for_timeout(250)
            if index is None:
                raise LookupError(
                    f"menu entry {names} not found in {self.menu_entries()}")
            row = self._menu_row(index)
            after = index
            if i < len(path) - 1:
                # expand, unless already expanded (its child follows)
                child = names_next = path[i + 1]
                if isinstance(names_next, str):
                    child = (names_next,)
                nxt = self._menu_row_index(child, index)
                if nxt is None:
                    row.locator('.expander').click()
            else:
                tabs = page.locator('#tablist > li').count()
                row.locator('.column-char').click()
                with contextlib.suppress(Exception):
                    page.wait_for_function(
                        "document.querySelectorAll('#tablist > li').length"
                        f" > {tabs} || "
                        "document.querySelectorAll('.modal.in').length > 0",
                        timeout=5_000)
                # a wizard opens as a dialog, not a tab
                if (page.locator('#tablist > li').count() <= tabs
                        and not page.locator('.modal.in').count()):
                    row.locator('.column-char').dblclick()
        self.wait_idle()

    def open_model(self, model):
        "Open the list of a model through sao's URL (#db/model/name)"
        self.page.goto(
            f'{self.server.url}/#{self.server.database}/model/{model}')
        self.wait_idle()

    def wait_idle(self):
        page = self.page
        page.wait_for_load_state('networkidle')
        with contextlib.suppress(Exception):
            page.wait_for_selector(
                '#tabcontent .tab-pane.active .treeview tbody, '
                '#tabcontent .tab-pane.active .form', timeout=TIMEOUT)
        page.wait_for_timeout(500)

    def list_rows(self):
        "Text of every row of the list in the active tab"
        rows = self.page.locator(
            '#tabcontent .tab-pane.active .treeview tbody tr')
        return [' '.join(r.split()) for r in rows.all_inner_texts()
            if r.strip()]

    # forms -----------------------------------------------------------------

    def active(self, selector=''):
        "Locator inside the active tab"
        return self.page.locator(
            f'#tabcontent .tab-pane.active {selector}'.strip())

    def open_record(self, text):
        "Open the first row of the active list that contains text"
        row = self.active('.treeview tbody tr').filter(has_text=text).first
        # on the cell of the text: a many-to-one cell is a link that opens
        # the linked record instead
        cell = row.locator('td').filter(has_text=text)
        (cell.first if cell.count() else row).dblclick()
        # a tab may hold more than one .form (views not shown yet)
        self.active('.form:visible').first.wait_for(state='visible')
        self.wait_idle()

    def new_record(self):
        "A new record in the active tab (sao's New, alt+n)"
        self.active('button#new_').first.click()
        # a tab may hold more than one .form (views not shown yet)
        self.active('.form:visible').first.wait_for(state='visible')
        self.wait_idle()

    def widget(self, name):
        """The input, select or textarea of field name in the active form
        (a field of the form itself before a cell of a one2many list of
        the same name)"""
        selector = f'.form :is(input, select, textarea)[name="{name}"]'
        own = self.active(f'{selector}:not(.form-one2many *)')
        if own.count():
            return own.first
        return self.active(selector).first

    def form_labels(self):
        "Texts of the visible labels of the active form"
        return [t.strip().rstrip(':：').strip() for t in self.active(
                '.form label').all_inner_texts() if t.strip()]

    def fill(self, name, value):
        """Set field name of the active form to value: text and numbers are
        typed, selections chosen by their label, dates typed as
        YYYY-MM-DD, many-to-one fields searched by text (the first match
        is taken when sao asks to choose)."""
        page = self.page
        widget = self.widget(name)
        widget.wait_for(state='visible')
        tag = widget.evaluate('e => e.tagName.toLowerCase()')
        if tag == 'select':
            widget.select_option(label=str(value))
            widget.dispatch_event('change')
        else:
            if hasattr(value, 'strftime'):
                value = value.strftime('%Y-%m-%d')
            many2one = self._is_many2one(widget)
            widget.click()
            # numbers: sao shows a text input and swaps in a number input
            # (same name) when it gets the focus
            widget = self.active(f'.form :is(input, textarea)'
                f'[name="{name}"]:visible').first
            self._type(widget, value, many2one)
        page.wait_for_timeout(300)

    @staticmethod
    def _is_many2one(widget):
        return widget.evaluate(
            "e => !!e.closest('.form-many2one, .editabletree-many2one')")

    def _type(self, widget, value, many2one):
        """Type value in widget and leave it; a many-to-one takes the
        completion sao proposes for the text (the one that contains it),
        else the first row of the search dialog sao opens"""
        page = self.page
        widget.fill('')
        widget.fill(str(value))
        if many2one:
            items = widget.locator(
                'xpath=ancestor::div[contains(concat(" ", @class, " "),'
                ' " dropdown ")][1]').locator(
                '.dropdown-completion li.completion')
            deadline = time.monotonic() + 8
            while not items.count() and time.monotonic() < deadline:
                page.wait_for_timeout(100)
            if items.count():
                match = items.filter(has_text=str(value))
                (match if match.count() else items).first.click()
                page.wait_for_load_state('networkidle')
                page.wait_for_timeout(300)
                widget.press('Tab')
                page.wait_for_load_state('networkidle')
                return
        widget.press('Tab')
        page.wait_for_load_state('networkidle')
        # a many-to-one with several matches opens a search dialog
        dialog = page.locator('.modal:visible .treeview tbody tr')
        with contextlib.suppress(Exception):
            dialog.first.wait_for(state='visible',
                timeout=5_000 if many2one else 1_500)
        if dialog.count():
            dialog.first.dblclick()
            page.wait_for_load_state('networkidle')

    # notebooks, tab domains, buttons ----------------------------------------

    def open_page(self, label):
        "Show the notebook page labelled label of the active form"
        tab = self.active('.form .nav-tabs > li > a').filter(
            has_text=re.compile(rf'^\s*{re.escape(label)}\s*$')).first
        tab.click()
        self.page.wait_for_timeout(300)

    def form_pages(self):
        "Labels of the visible notebook pages of the active form"
        return [t.strip() for t in self.active(
                '.form .nav-tabs > li:visible > a').all_inner_texts()
            if t.strip()]

    def open_tab_domain(self, label):
        """Click the list tab (act_window domain) whose name starts with
        label, e.g. "我的维修单", and wait for the list"""
        tab = self.active('.tab-domain .nav-tabs > li > a').filter(
            has_text=re.compile(rf'^\s*{re.escape(label)}(\s|$)')).first
        tab.click()
        self.wait_idle()

    def tab_domains(self):
        "Names of the list tabs of the active tab (without counters)"
        return [' '.join(t.split()) for t in self.active(
                '.tab-domain .nav-tabs > li > a').all_inner_texts()]

    def button_state(self, name):
        """(visible, enabled) of the form button called name (its name
        attribute, or its label)"""
        button = self.active(f'.form button[name="{name}"]')
        if not button.count():
            button = self.active('.form button').filter(has_text=name)
        if not button.count():
            return (False, False)
        button = button.first
        return (button.is_visible(), button.is_enabled())

    def form_buttons(self):
        "Labels of the visible buttons of the active form's workflow"
        return [' '.join(t.split()) for t in self.active(
                '.form button[name]:visible').all_inner_texts()
            if t.strip()]

    def form_texts(self):
        """Every text of the active form a user reads: labels, notebook
        pages, visible buttons, list column titles, selection values"""
        texts = self.form_labels() + self.form_pages() + self.form_buttons()
        texts += [' '.join(t.split()) for t in self.active(
                '.form .treeview thead th').all_inner_texts()
            if t.strip()]
        texts += [t.strip() for t in self.active(
                '.form select:visible').evaluate_all(
                'els => els.map(e => e.options[e.selectedIndex] ? '
                'e.options[e.selectedIndex].text : "")') if t.strip()]
        return texts

    # one2many lists ----------------------------------------------------------

    def one2many(self, name):
        """The one2many widget of field name in the active form (marked
        through sao's view so that it is found by its field name)"""
        found = self.page.evaluate(
            """(name) => {
                const tab = Sao.Tab.tabs.get_current();
                const view = tab && tab.screen.current_view;
                const widgets = view && view.widgets && view.widgets[name];
                if (!widgets || !widgets.length) {
                    return false;
                }
                widgets[0].el.attr('data-test-field', name);
                window.__test_one2many = window.__test_one2many || {};
                window.__test_one2many[name] = widgets[0];
                if (widgets[0].but_new) {
                    widgets[0].but_new.attr('data-test-button', 'new');
                }
                return true;
            }""", name)
        if not found:
            raise LookupError(f"no one2many {name} in the active form")
        return self.active(f'.form [data-test-field="{name}"]').first

    def new_line(self, name):
        """Add a row to the editable one2many list of field name (its New
        button) and return the row being edited"""
        o2m = self.one2many(name)
        rows = o2m.locator('.treeview tbody tr')
        before = rows.count()
        current = """(name) => {
            const record = window.__test_one2many[name].screen
                .current_record;
            return record ? record.id : null;
            }"""
        previous = self.page.evaluate(current, name)
        o2m.locator('button[data-test-button="new"]').click()
        # sao first validates the row edited before, then adds the new
        # record and edits its row
        # and marks the row it edits
        self.page.wait_for_function(
            """([name, previous]) => {
                const screen = window.__test_one2many[name].screen;
                const record = screen.current_record;
                const view = screen.current_view;
                const row = view && view.edited_row;
                if (!record || record.id >= 0 || record.id === previous
                        || !row || row.record !== record
                        || !document.body.contains(row.el[0])
                        || !row.el.find('.widget-editable > *').length) {
                    return false;
                }
                view.el.find('tr[data-test-row]').removeAttr(
                    'data-test-row');
                row.el.attr('data-test-row', 'new');
                return true;
            }""", arg=[name, previous])
        self.page.wait_for_load_state('networkidle')
        self.page.wait_for_timeout(300)
        row = o2m.locator('.treeview tbody tr[data-test-row="new"]')
        if not row.count():
            # sao drew the rows again: the one whose cells hold widgets
            row = o2m.locator(
                '.treeview tbody tr:has(.widget-editable > *)')
        if rows.count() <= before:
            raise AssertionError(f"no new row in {name}")
        if row.count() != 1:
            raise AssertionError(f"{row.count()} rows edited in {name}")
        return row.first

    def line_widget(self, row, name):
        """The input or select of column name in the edited row (the
        visible one of a number's two inputs)"""
        selector = (
            f'.widget-editable :is(input, select, textarea)[name="{name}"]')
        visible = row.locator(f'{selector}:visible')
        if visible.count():
            return visible.first
        return row.locator(selector).first

    def fill_line(self, row, name, value):
        """Set column name of the edited row of a one2many list, as fill
        does for a form field (the many-to-one search dialog included)"""
        page = self.page
        widget = self.line_widget(row, name)
        widget.wait_for(state='visible')
        if not widget.is_enabled() or widget.get_attribute(
                'readonly') is not None:
            raise AssertionError(f"column {name} of the row is read-only")
        tag = widget.evaluate('e => e.tagName.toLowerCase()')
        if tag == 'select':
            widget.select_option(label=str(value))
            widget.dispatch_event('change')
        else:
            many2one = self._is_many2one(widget)
            widget.click()
            widget = row.locator(f'.widget-editable :is(input, textarea)'
                f'[name="{name}"]:visible').first
            self._type(widget, value, many2one)
        page.wait_for_timeout(300)

    def line_editable(self, row, name):
        "Whether column name of the edited row takes input"
        widget = self.line_widget(row, name)
        if not widget.count() or not widget.is_visible():
            return False
        return widget.is_enabled() and widget.get_attribute(
            'readonly') is None

    def lines(self, name, count=None, timeout=15):
        """Text of every row of the one2many list of field name; with count,
        wait (up to timeout seconds) until that many rows are drawn: sao
        redraws the list after a save"""
        deadline = time.monotonic() + timeout
        while True:
            rows = self.one2many(name).locator('.treeview tbody tr')
            texts = [' '.join(r.split()) for r in rows.all_inner_texts()
                if r.strip()]
            if count is None or len(texts) == count or (
                    time.monotonic() > deadline):
                return texts
            self.page.wait_for_timeout(250)

    def value(self, name):
        "What the active form shows in field name"
        widget = self.widget(name)
        tag = widget.evaluate('e => e.tagName.toLowerCase()')
        if tag == 'select':
            return widget.evaluate(
                'e => e.options[e.selectedIndex] ? '
                'e.options[e.selectedIndex].text : ""')
        return widget.input_value()

    def save(self):
        "Save the active record (sao's Save) and wait for the server"
        self.active('button#save').first.click()
        self.page.wait_for_load_state('networkidle')
        self.page.wait_for_timeout(500)
        self.raise_user_error()

    ERROR_DIALOGS = ('.modal.in.error-dialog, .modal.in.warning-dialog, '
        '.modal.in.user-warning-dialog, .modal.in.message-dialog')

    def dialog_value(self, name):
        "What the dialog on top (a wizard's form) shows in field name"
        widget = self.page.locator(
            f'.modal.in :is(input, select, textarea)[name="{name}"]').last
        widget.wait_for(state='visible')
        tag = widget.evaluate('e => e.tagName.toLowerCase()')
        if tag == 'select':
            return widget.evaluate(
                'e => e.options[e.selectedIndex] ? '
                'e.options[e.selectedIndex].text : ""')
        return widget.input_value()

    def dialog_button(self, label):
        "Click the button labelled label of the dialog on top"
        button = self.page.locator('.modal.in .modal-footer button').filter(
            has_text=label).last
        button.click()
        self.page.wait_for_load_state('networkidle')
        self.page.wait_for_timeout(500)
        self.raise_user_error()

    def save_refused(self):
        """Save the active record expecting sao to show an error: return
        the error's text (the dialog is closed) or fail"""
        self.active('button#save').first.click()
        # the server's error in a dialog, or the client's own validation
        # (required fields, domains) in the tab's info bar
        notice = self.page.locator(
            f'{self.ERROR_DIALOGS}, .tab-pane.active .infobar .alert')
        notice.first.wait_for(state='visible')
        text = self.user_error()
        if text:
            self.close_dialog()
            return text
        bar = self.page.locator('.tab-pane.active .infobar .alert').first
        text = ' '.join(bar.inner_text().replace('×', ' ').split())
        bar.locator('button.close').click()
        return text

    def click_button(self, name):
        """Click the form button called name (its name attribute, or its
        label), confirm sao's question if it asks one, wait for the
        server"""
        page = self.page
        button = self.active(f'.form button[name="{name}"]')
        if not button.count():
            button = self.active('.form button').filter(has_text=name)
        button.first.click()
        page.wait_for_load_state('networkidle')
        confirm = page.locator(
            '.modal.in.confirmation-dialog .modal-footer .btn-primary')
        with contextlib.suppress(Exception):
            confirm.first.wait_for(state='visible', timeout=1_000)
        if confirm.count():
            confirm.first.click()
            page.wait_for_load_state('networkidle')
        page.wait_for_timeout(500)
        self.raise_user_error()

    def user_error(self):
        "Text of the error or warning dialog sao shows, or None"
        dialog = self.page.locator(self.ERROR_DIALOGS)
        if not dialog.count():
            return None
        return ' '.join(dialog.first.inner_text().split()) or None

    def raise_user_error(self):
        "Fail with the message of an error dialog, after closing it"
        text = self.user_error()
        if text:
            self.close_dialog()
            raise AssertionError(f"sao showed an error: {text}")

    def close_dialog(self):
        "Close the dialog on top (its default button)"
        button = self.page.locator('.modal:visible .modal-footer button')
        if button.count():
            button.last.click()
            self.page.wait_for_timeout(300)

    def rpc(self, method, *params):
        """Call the server from the page, as sao does, with the session's
        context (user language included) appended to params"""
        result = self.page.evaluate(
            """async ([method, params, timeout]) => {
                const session = Sao.Session.current_session;
                const context = jQuery.extend({}, session.context);
                // no error dialog (it would wait for a click): the error
                // comes back to the test
                // sao decodes Decimals as Number objects, which reach
                // the test as {}: send their text
                const plain = (v) => {
                    if (v instanceof Number) {
                        return {'__decimal__': v.toString()};
                    } else if (Array.isArray(v)) {
                        return v.map(plain);
                    } else if (v && typeof v === 'object'
                            && v.constructor === Object) {
                        const o = {};
                        for (const [k, item] of Object.entries(v)) {
                            o[k] = plain(item);
                        }
                        return o;
                    }
                    return v;
                };
                const call = new Promise((resolve) => {
                    Sao.rpc({
                        'method': method,
                        'params': params.concat([context]),
                    }, session, true, false).then(
                        (value) => resolve({'value': plain(value)}),
                        (error) => resolve({'error': JSON.stringify(error)}));
                });
                const late = new Promise((resolve) => setTimeout(
                    () => resolve({'error': 'no answer in time'}), timeout));
                return await Promise.race([call, late]);
            }""", [method, list(params), TIMEOUT])
        if 'error' in result:
            raise AssertionError(
                f"{method} {params!r} failed: {result['error']}")
        return _decimals(result['value'])

    def all_menu_names(self):
        "Full names of every menu entry the logged-in user can open"
        return [r['complete_name'] for r in self.rpc(
                'model.ir.ui.menu.search_read', [], 0, None, None,
                ['complete_name'])]
