"""exchangelib's free/busy API (protocol.get_free_busy_info) against mock-ews: one process, JSON out.

Usage: python3 availability.py URL PASSWORD. Prints one JSON object: check name -> {"ok": value} or
{"error": "ExceptionClass: message"}. The mocha test (test/integration/exchangelib-availability.test.ts)
asserts.
"""

from exchangelib import CalendarItem, EWSDateTime, EWSTimeZone

from harness import account, check, done


BERLIN = EWSTimeZone("Europe/Berlin")
UTC = EWSTimeZone("UTC")
alice = account("alice@contoso.com", BERLIN)
bob = account("bob@contoso.com", UTC)


def view(v):
    """A FreeBusyView as plain data, or the error exchangelib yields for that mailbox."""
    if isinstance(v, Exception):
        return {"error": type(v).__name__}
    return {
        "type": v.view_type,
        "merged": v.merged,
        "events": [
            [e.start.isoformat(), e.end.isoformat(), e.busy_type, e.details.subject if e.details else None]
            for e in (v.calendar_events or [])
        ],
        "working_days": [list(p.weekdays) for p in (v.working_hours or [])],
        "working_start": [p.start.isoformat() for p in (v.working_hours or [])],
    }


@check("free_busy")
def _():
    CalendarItem(
        account=alice,
        folder=alice.calendar,
        subject="Design review",
        start=EWSDateTime(2016, 6, 13, 10, 0, tzinfo=BERLIN),
        end=EWSDateTime(2016, 6, 13, 11, 0, tzinfo=BERLIN),
        legacy_free_busy_status="Busy",
    ).save()
    CalendarItem(
        account=bob,
        folder=bob.calendar,
        subject="Bob's dentist",
        start=EWSDateTime(2016, 6, 13, 12, 0, tzinfo=UTC),
        end=EWSDateTime(2016, 6, 13, 13, 0, tzinfo=UTC),
        legacy_free_busy_status="OOF",
    ).save()
    start = EWSDateTime(2016, 6, 13, 0, 0, tzinfo=BERLIN)
    end = EWSDateTime(2016, 6, 14, 0, 0, tzinfo=BERLIN)
    views = alice.protocol.get_free_busy_info(
        [
            (alice, "Organizer", False),
            (bob, "Required", False),
            ("carol@fabrikam.com", "Optional", False),
            ("nobody@contoso.com", "Required", False),
        ],
        start,
        end,
        merged_free_busy_interval=60,
    )
    return [view(v) for v in views]


done()
