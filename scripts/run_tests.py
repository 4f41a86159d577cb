#!/usr/bin/env python3
"""Run the tests of every Station ERP module with unittest.

One child process per test package (addons/*/tests, station_*/tests, the
root tests/ and tests/browser/), so that a crash or a leaked pool in one
module cannot hide the others. The scenarios (*.rst) are loaded by each
package's ``load_tests`` (trytond's ``load_doc_tests``), which plain pytest
would skip.

    scripts/run_tests.py                      # every package, SQLite
    scripts/run_tests.py station              # one module (or tests, browser)
    scripts/run_tests.py --postgresql postgresql://postgres@127.0.0.1:5432/
    scripts/run_tests.py -k scenario_agreement station

The last line of the output is always ``N passed, M failed, K skipped``;
the exit status is non-zero when anything failed or errored.
"""
import argparse
import fnmatch
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VAR = os.path.join(ROOT, 'var')
CHROMIUM = os.environ.get('STATION_CHROMIUM', '/usr/bin/chromium')


PACKAGE_TIMEOUT = int(os.environ.get('STATION_TEST_TIMEOUT', 20 * 60))

# root test files run in several processes, each on a share of the tests
# (they read $STATION_TEST_SHARD = "i/n")
SHARDS = {'test_access_matrix': 2}


def test_packages():
    "Return [(name, dotted package, directory)] of every test package"
    packages = []
    for path in sorted(glob.glob(os.path.join(ROOT, 'addons', '*', 'tests'))):
        module = os.path.basename(os.path.dirname(path))
        packages.append((module, f'addons.{module}.tests', path))
    for path in sorted(glob.glob(os.path.join(ROOT, 'station_*', 'tests'))):
        module = os.path.basename(os.path.dirname(path))
        packages.append((module, f'{module}.tests', path))
    path = os.path.join(ROOT, 'tests')
    if os.path.isdir(path):
        # the cross-module tests are the longest: one job per test file so
        # that they run side by side
        for file_ in sorted(glob.glob(os.path.join(path, 'test_*.py'))):
            name = os.path.splitext(os.path.basename(file_))[0]
            shards = SHARDS.get(name, 1)
            if shards == 1:
                packages.append((f'tests.{name}', f'tests.{name}', path))
                continue
            for i in range(1, shards + 1):
                packages.append((f'tests.{name}.{i}of{shards}',
                        f'tests.{name}', path))
    path = os.path.join(ROOT, 'tests', 'browser')
    if os.path.isdir(path):
        packages.append(('browser', 'tests.browser', path))
    return [
        p for p in packages
        if os.path.exists(os.path.join(p[2], '__init__.py'))]


def source_hash():
    """Hash of everything that shapes a test database, so that the
    template cache (DB_CACHE) is never reused after a module changed."""
    digest = hashlib.sha256()
    try:
        from importlib.metadata import version
        digest.update(version('trytond').encode())
    except Exception:
        pass
    patterns = ['addons/*/**', 'station_*/**', 'pyproject.toml']
    files = set()
    for pattern in patterns:
        files.update(glob.glob(os.path.join(ROOT, pattern), recursive=True))
    for path in sorted(files):
        if (not os.path.isfile(path) or '__pycache__' in path
                or os.path.splitext(path)[1] not in {
                    '.py', '.xml', '.cfg', '.po', '.toml', '.csv'}):
            continue
        digest.update(os.path.relpath(path, ROOT).encode())
        with open(path, 'rb') as fp:
            digest.update(fp.read())
    return digest.hexdigest()[:16]


def cache_root():
    """Where the SQLite template caches live: $STATION_TEST_CACHE, else
    ~/.cache/station-erp, shared by every checkout of the machine as the
    PostgreSQL template databases are shared through the server (the
    source hash keeps a checkout from using another source state's)"""
    root = os.environ.get('STATION_TEST_CACHE')
    if not root:
        root = os.path.join(
            os.environ.get('XDG_CACHE_HOME')
            or os.path.join(os.path.expanduser('~'), '.cache'),
            'station-erp')
    return root


def prepare_cache(kind):
    "Return a DB_CACHE directory for this source state; drop stale ones"
    base = os.path.join(cache_root(), f'test-cache-{kind}')
    current = os.path.join(base, source_hash())
    if os.path.isdir(base):
        # drop caches of older sources, unless a run may still use them
        for name in os.listdir(base):
            path = os.path.join(base, name)
            if (path != current
                    and time.time() - os.path.getmtime(path) > 3600):
                shutil.rmtree(path, ignore_errors=True)
    os.makedirs(current, exist_ok=True)
    return current


def flatten(suite):
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            yield from flatten(test)
        else:
            yield test


def atomic_db_cache():
    """Make trytond's template cache safe for parallel test processes:
    a cache entry appears only once it is complete (written under a
    temporary name, then renamed), so no process restores a half-written
    template."""
    from trytond.tests import test_tryton

    sqlite_copy = test_tryton._sqlite_copy
    pg_dump = test_tryton._pg_dump

    def _sqlite_copy(file_, restore=False):
        if restore:
            return sqlite_copy(file_, restore=True)
        if os.path.exists(file_):
            return False
        tmp = f'{file_}.{os.getpid()}.tmp'
        if os.path.exists(tmp):
            os.remove(tmp)
        result = sqlite_copy(tmp)
        if result and not os.path.exists(file_):
            os.replace(tmp, file_)
        elif os.path.exists(tmp):
            os.remove(tmp)
        return result

    def _pg_dump(cache_file):
        if cache_file.startswith('postgresql://'):
            try:
                return pg_dump(cache_file)
            except Exception as exc:
                # another test process created the same template first
                if 'already exists' not in str(exc):
                    raise
                return False
        if os.path.exists(cache_file):
            return False
        tmp = f'{cache_file}.{os.getpid()}.tmp'
        shutil.rmtree(tmp, ignore_errors=True)
        result = pg_dump(tmp)
        if result and os.path.isdir(tmp) and not os.path.exists(cache_file):
            os.replace(tmp, cache_file)
        shutil.rmtree(tmp, ignore_errors=True)
        return result

    test_tryton._sqlite_copy = _sqlite_copy
    test_tryton._pg_dump = _pg_dump

    if test_tryton.DB_CACHE.startswith('postgresql://'):
        # templates carry the source hash in their name, so a template of
        # older sources is never restored
        prefix = os.environ['STATION_PG_TEMPLATE_PREFIX']

        def _db_cache_file(path, name):
            hash_name = hashlib.shake_128(
                name.encode('utf8')).hexdigest(40 // 2)
            return f'{test_tryton.DB_CACHE}/{prefix}{hash_name}'
        test_tryton._db_cache_file = _db_cache_file


def run_child(args):
    "Run one test package in this process and write the counts as JSON"
    sys.path.insert(0, ROOT)
    os.chdir(ROOT)
    if os.environ.get('DB_CACHE'):
        atomic_db_cache()
    loader = unittest.TestLoader()
    if args.k:
        loader.testNamePatterns = [
            p if '*' in p else f'*{p}*' for p in args.k]
    directory = os.path.join(ROOT, *args.child.split('.'))
    if os.path.isfile(directory + '.py'):
        suite = loader.loadTestsFromName(args.child)
    else:
        suite = loader.discover(
            directory, pattern='test*.py', top_level_dir=ROOT)
    if args.child == 'tests':
        # tests/browser runs as its own package
        suite = unittest.TestSuite(
            t for t in flatten(suite)
            if not t.id().startswith('tests.browser.'))
    runner = unittest.TextTestRunner(
        stream=sys.stderr, verbosity=args.verbosity,
        failfast=args.failfast)
    result = runner.run(suite)
    counts = {
        'run': result.testsRun,
        'failed': (len(result.failures) + len(result.errors)
            + len(result.unexpectedSuccesses)),
        'skipped': len(result.skipped),
        'expected_failures': len(result.expectedFailures),
        }
    # errors of setUpClass/setUpModule are not among the tests run
    outside = sum(1 for test, _ in result.errors
        if isinstance(test, unittest.suite._ErrorHolder))
    counts['passed'] = max(0, counts['run'] - (counts['failed'] - outside)
        - counts['skipped'] - counts['expected_failures'])
    with open(args.result, 'w') as fp:
        json.dump(counts, fp)
    return 0 if result.wasSuccessful() else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('modules', nargs='*',
        help="test packages to run: module names (station, "
        "station_service, ...), 'tests' (root) or 'browser'; "
        "shell patterns allowed")
    parser.add_argument('--postgresql', metavar='URI',
        default=os.environ.get('STATION_TEST_DB_URI'),
        help="run on PostgreSQL (default: $STATION_TEST_DB_URI, else "
        "SQLite in memory)")
    browser = parser.add_mutually_exclusive_group()
    browser.add_argument('--browser', dest='browser', action='store_true',
        default=None, help="run the browser tests (default when "
        f"{CHROMIUM} exists)")
    browser.add_argument('--no-browser', dest='browser',
        action='store_false', help="skip the browser tests")
    parser.add_argument('-k', action='append', metavar='PATTERN',
        help="only tests (and scenarios) matching PATTERN, as unittest -k")
    parser.add_argument('-v', '--verbose', dest='verbosity',
        action='store_const', const=2, default=1)
    parser.add_argument('-f', '--failfast', action='store_true')
    parser.add_argument('-j', '--jobs', type=int,
        default=int(os.environ.get('STATION_TEST_JOBS', 1)),
        help="test packages run in parallel (default: $STATION_TEST_JOBS "
        "or 1); the template cache is shared safely")
    parser.add_argument('--child', help=argparse.SUPPRESS)
    parser.add_argument('--result', help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        return run_child(args)

    env = os.environ.copy()
    env['PYTHONPATH'] = os.pathsep.join(
        filter(None, [ROOT, env.get('PYTHONPATH')]))
    env.pop('PYTHONOPTIMIZE', None)  # tests rely on assert
    env.pop('TRYTOND_CONFIG', None)
    if args.postgresql:
        uri = args.postgresql
        if not uri.endswith('/'):
            uri += '/'
        env['TRYTOND_DATABASE_URI'] = uri
        # template databases (CREATE DATABASE ... TEMPLATE) restore much
        # faster than pg_dump files; their names carry the source hash
        prepare_cache('postgresql')
        env['DB_CACHE'] = uri.rstrip('/')
        env['STATION_PG_TEMPLATE_PREFIX'] = (
            f'{PG_TEMPLATE_PREFIX}{source_hash()[:8]}-')
        drop_stale_templates(uri, env['STATION_PG_TEMPLATE_PREFIX'])
        # test databases need no durability: do not wait for the disk
        env.setdefault('PGOPTIONS', '-c synchronous_commit=off')
        backend = 'postgresql'
    else:
        env['TRYTOND_DATABASE_URI'] = 'sqlite://'
        env['DB_NAME'] = ':memory:'
        env['DB_CACHE'] = prepare_cache('sqlite')
        backend = 'sqlite'

    if args.browser is None:
        args.browser = os.path.exists(CHROMIUM) or bool(env.get('CI'))
    env['STATION_BROWSER_TESTS'] = '1' if args.browser else '0'

    packages = test_packages()
    if args.modules:
        packages = [
            p for p in packages
            if any(fnmatch.fnmatchcase(p[0], m)
                or fnmatch.fnmatchcase(p[0], m + '.*')
                for m in args.modules)]
        if not packages:
            print(f"No test package matches {args.modules}", file=sys.stderr)
            print("0 passed, 1 failed, 0 skipped")
            return 2
    if not args.browser:
        packages = [p for p in packages if p[0] != 'browser']

    # longest first (durations of the last run on this backend), so that
    # parallel jobs end together; the cross-module tests lead by default
    durations_file = os.path.join(VAR, f'test-durations-{backend}.json')
    try:
        with open(durations_file) as fp:
            last = json.load(fp)
    except (OSError, ValueError):
        last = {}
    packages.sort(key=lambda p: -last.get(
            p[0], 10000 if p[0].startswith(('tests', 'browser')) else 1000))
    print(f"Testing {', '.join(p[0] for p in packages)} on {backend}"
        f"{' with browser tests' if args.browser else ''}", file=sys.stderr)
    def run_package(name, package, tmp, stream):
        result_file = os.path.join(tmp, f'{name}.json')
        child_env = env.copy()
        shard = re.search(r'\.(\d+)of(\d+)$', name)
        if shard:
            child_env['STATION_TEST_SHARD'] = '%s/%s' % shard.groups()
        if backend == 'postgresql':
            child_env['DB_NAME'] = (
                'test_station_%s_%s' % (
                    re.sub(r'\W', '_', name), os.getpid())).lower()
        cmd = [sys.executable, os.path.abspath(__file__),
            '--child', package, '--result', result_file]
        if args.verbosity > 1:
            cmd.append('-v')
        if args.failfast:
            cmd.append('--failfast')
        for pattern in args.k or []:
            cmd.extend(['-k', pattern])
        start = time.monotonic()
        # a hung package (a browser waiting on a dialog, a lock) must not
        # hold the whole run: it fails after PACKAGE_TIMEOUT seconds
        process = subprocess.Popen(cmd, env=child_env, cwd=ROOT,
            stdout=stream, stderr=stream)
        try:
            code = process.wait(timeout=PACKAGE_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
            print(f"!!! {name}: killed after {PACKAGE_TIMEOUT}s",
                file=stream or sys.stderr)
        duration = time.monotonic() - start
        try:
            with open(result_file) as fp:
                counts = json.load(fp)
        except (OSError, ValueError):
            counts = {'passed': 0, 'failed': 1, 'skipped': 0}
            print(f"!!! {name}: test process died (exit {code}) "
                "without a result", file=stream or sys.stderr)
        if code and not counts['failed']:
            counts['failed'] = 1
        if backend == 'postgresql':
            drop_database(child_env)
        return counts, duration

    totals = {'passed': 0, 'failed': 0, 'skipped': 0}
    report = {}
    with tempfile.TemporaryDirectory(prefix='station-tests-') as tmp:
        if args.jobs <= 1:
            for name, package, _ in packages:
                print(f"\n=== {name} ({package}) ===", file=sys.stderr)
                sys.stderr.flush()
                report[name] = run_package(name, package, tmp, None)
                if args.failfast and report[name][0]['failed']:
                    break
        else:
            # each child writes to its own log, printed when it ends
            import concurrent.futures

            def job(name, package):
                log_path = os.path.join(tmp, f'{name}.log')
                with open(log_path, 'w') as log:
                    result = run_package(name, package, tmp, log)
                with open(log_path) as log:
                    output = log.read()
                return name, package, result, output

            with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
                futures = [pool.submit(job, name, package)
                    for name, package, _ in packages]
                for future in concurrent.futures.as_completed(futures):
                    name, package, result, output = future.result()
                    print(f"\n=== {name} ({package}) ===", file=sys.stderr)
                    sys.stderr.write(output)
                    sys.stderr.flush()
                    report[name] = result
    for counts, _ in report.values():
        for key in totals:
            totals[key] += counts[key]

    if not args.k:
        last.update({name: round(duration, 1)
                for name, (_, duration) in report.items()})
        try:
            with open(durations_file, 'w') as fp:
                json.dump(last, fp, indent=1, sort_keys=True)
        except OSError:
            pass

    print("\nSummary:", file=sys.stderr)
    for name, _, _ in packages:
        if name not in report:
            continue
        counts, duration = report[name]
        print(f"  {name:<24} {counts['passed']:>5} passed "
            f"{counts['failed']:>4} failed {counts['skipped']:>4} skipped "
            f"{duration:>7.1f}s", file=sys.stderr)
    sys.stderr.flush()
    print(f"{totals['passed']} passed, {totals['failed']} failed, "
        f"{totals['skipped']} skipped")
    return 1 if totals['failed'] else 0


PG_TEMPLATE_PREFIX = 'stpl'


def drop_stale_templates(uri, current_prefix, max_age=3600):
    """Drop the template databases of other source states once they are an
    hour old (a run of other sources may still be using younger ones)."""
    try:
        import psycopg
        from psycopg import sql
    except ImportError:
        return
    try:
        with psycopg.connect(uri.rstrip('/') + '/postgres',
                autocommit=True) as conn:
            rows = conn.execute(
                "SELECT datname, EXTRACT(EPOCH FROM now() - "
                "(pg_stat_file('base/' || oid || '/PG_VERSION'))"
                ".modification) "
                "FROM pg_database WHERE datname LIKE %s",
                (PG_TEMPLATE_PREFIX + '%',)).fetchall()
            for name, age in rows:
                if name.startswith(current_prefix) or age < max_age:
                    continue
                conn.execute(sql.SQL('DROP DATABASE IF EXISTS {}').format(
                        sql.Identifier(name)))
    except Exception as exc:
        print(f"warning: could not drop old test templates: {exc}",
            file=sys.stderr)


def drop_database(env):
    "Drop the test database a child may have left behind"
    try:
        import psycopg
        from psycopg import sql
    except ImportError:
        return
    try:
        with psycopg.connect(env['TRYTOND_DATABASE_URI'].rstrip('/')
                + '/postgres', autocommit=True) as conn:
            conn.execute(sql.SQL('DROP DATABASE IF EXISTS {}').format(
                    sql.Identifier(env['DB_NAME'])))
    except Exception as exc:
        print(f"warning: could not drop {env['DB_NAME']}: {exc}",
            file=sys.stderr)


if __name__ == '__main__':
    sys.exit(main())
