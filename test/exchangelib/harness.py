"""What every exchangelib script here shares (imported by each; this folder is on sys.path).

The server URL and password come from argv; `account()` makes an Account as exchangelib's docs do
(Basic, no autodiscover, an Exchange 2016 build); `check(name)` runs a function and records
{"ok": value} or {"error": "ExceptionClass: message", "trace": ...}; `done()` prints the results as
one JSON object for the mocha test that runs the script (test/helpers/exchangelib.ts).
"""
import json
import sys
import traceback

from exchangelib import BASIC, DELEGATE, Account, Build, Configuration, Credentials, FaultTolerance, Version

URL, PASSWORD = sys.argv[1], sys.argv[2]
VERSION = Version(build=Build(15, 1, 2507, 6))
results = {}


def account(address, tz=None, login=None):
    """`address`'s mailbox, logged in as `login` (default: the owner), in time zone `tz` if given."""
    config = Configuration(
        service_endpoint=URL,
        credentials=Credentials(login or address, PASSWORD),
        auth_type=BASIC,
        version=VERSION,
        retry_policy=FaultTolerance(max_wait=1),
    )
    zone = {} if tz is None else {"default_timezone": tz}
    return Account(primary_smtp_address=address, config=config, access_type=DELEGATE, autodiscover=False, **zone)


def check(name):
    def run(fn):
        try:
            results[name] = {"ok": fn()}
        except Exception as e:  # every failure is reported, never hidden
            results[name] = {"error": f"{type(e).__name__}: {e}", "trace": traceback.format_exc(limit=4)}
        return fn

    return run


def done():
    print(json.dumps(results, default=repr))
