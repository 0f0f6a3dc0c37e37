"""exchangelib's calendar API against mock-ews: one process, several checks, JSON out.

Usage: python3 appointments.py URL PASSWORD. Prints one JSON object: check name -> {"ok": value} or
{"error": "ExceptionClass: message"}. The mocha test (test/integration/exchangelib-calendar.test.ts) asserts.
"""
import datetime

from exchangelib import CalendarItem, EWSDateTime, EWSTimeZone, FileAttachment

from harness import account, check, done


BERLIN = EWSTimeZone("Europe/Berlin")
UTC = EWSTimeZone("UTC")
alice = account("alice@contoso.com", BERLIN)


@check("save")
def _():
    item = CalendarItem(
        account=alice,
        folder=alice.calendar,
        subject="Design review",
        start=EWSDateTime(2016, 7, 1, 10, 0, tzinfo=BERLIN),
        end=EWSDateTime(2016, 7, 1, 11, 30, tzinfo=BERLIN),
        location="Room 4",
        categories=["Green"],
        legacy_free_busy_status="Tentative",
    )
    item.attach(FileAttachment(name="agenda.txt", content=b"1. numbers"))
    item.save()
    got = alice.calendar.get(id=item.id)
    return {
        "subject": got.subject,
        "start": got.start.astimezone(UTC).isoformat(),
        "end": got.end.astimezone(UTC).isoformat(),
        "location": got.location,
        "categories": got.categories,
        "free_busy": got.legacy_free_busy_status,
        "start_timezone": got._start_timezone.key if got._start_timezone else None,
        "attachments": [a.name for a in got.attachments],
        "organizer": got.organizer.email_address if got.organizer else None,
        "is_all_day": got.is_all_day,
    }


@check("update_delete")
def _():
    item = CalendarItem(
        account=alice,
        folder=alice.calendar,
        subject="Standup",
        start=EWSDateTime(2016, 7, 2, 9, 0, tzinfo=BERLIN),
        end=EWSDateTime(2016, 7, 2, 9, 15, tzinfo=BERLIN),
    )
    item.save()
    item.location = "Kitchen"
    item.end = EWSDateTime(2016, 7, 2, 9, 30, tzinfo=BERLIN)
    item.save(update_fields=["location", "end"])
    got = alice.calendar.get(id=item.id)
    out = {"location": got.location, "end": got.end.astimezone(UTC).isoformat()}
    got.delete()
    out["left"] = alice.calendar.filter(subject="Standup").count()
    return out


@check("all_day")
def _():
    item = CalendarItem(
        account=alice,
        folder=alice.calendar,
        subject="Holiday",
        start=datetime.date(2016, 7, 4),
        end=datetime.date(2016, 7, 5),
        is_all_day=True,
    )
    item.save()
    got = alice.calendar.get(id=item.id)
    return {"is_all_day": got.is_all_day, "start": str(got.start), "end": str(got.end)}


@check("recurrence_view")
def _():
    from exchangelib.recurrence import Recurrence, WeeklyPattern, DailyPattern
    from exchangelib.fields import MONDAY, WEDNESDAY

    item = CalendarItem(
        account=alice,
        folder=alice.calendar,
        subject="Gym",
        start=EWSDateTime(2016, 9, 5, 18, 0, tzinfo=BERLIN),
        end=EWSDateTime(2016, 9, 5, 19, 0, tzinfo=BERLIN),
        recurrence=Recurrence(
            pattern=WeeklyPattern(interval=1, weekdays=[MONDAY, WEDNESDAY], first_day_of_week=MONDAY),
            start=datetime.date(2016, 9, 5),
            number=4,
        ),
    )
    item.save()
    master = alice.calendar.get(id=item.id)
    view = list(
        alice.calendar.view(
            start=EWSDateTime(2016, 9, 1, tzinfo=UTC), end=EWSDateTime(2016, 10, 1, tzinfo=UTC)
        ).filter()
    )
    gym = [i for i in view if i.subject == "Gym"]
    occurrence = gym[1]
    occurrence.delete()
    after = [i for i in alice.calendar.view(
        start=EWSDateTime(2016, 9, 1, tzinfo=UTC), end=EWSDateTime(2016, 10, 1, tzinfo=UTC)
    ) if i.subject == "Gym"]
    again = alice.calendar.get(id=item.id)
    return {
        "type": master.type,
        "pattern": str(master.recurrence.pattern),
        "starts": [i.start.astimezone(UTC).isoformat() for i in gym],
        "types": [i.type for i in gym],
        "after": len(after),
        "deleted": len(again.deleted_occurrences or []),
        "last": again.last_occurrence.start.astimezone(UTC).isoformat(),
    }


@check("meeting_accept")
def _():
    from exchangelib.items import MeetingRequest, SEND_TO_ALL_AND_SAVE_COPY

    bob = account("bob@contoso.com", BERLIN)
    item = CalendarItem(
        account=alice,
        folder=alice.calendar,
        subject="Quarterly planning",
        start=EWSDateTime(2016, 10, 3, 10, 0, tzinfo=BERLIN),
        end=EWSDateTime(2016, 10, 3, 11, 0, tzinfo=BERLIN),
        required_attendees=["bob@contoso.com"],
    )
    item.save(send_meeting_invitations=SEND_TO_ALL_AND_SAVE_COPY)
    requests = [m for m in bob.inbox.all() if isinstance(m, MeetingRequest)]
    request = requests[0]
    tentative = [i for i in bob.calendar.all() if i.subject == "Quarterly planning"][0]
    before = tentative.legacy_free_busy_status
    request.accept(body="See you there")
    mine = alice.calendar.get(id=item.id)
    bobs = [i for i in bob.calendar.all() if i.subject == "Quarterly planning"][0]
    return {
        "request": [request.subject, request.start.astimezone(UTC).isoformat()],
        "tentative_before": before,
        "organizer_sees": [a.response_type for a in mine.required_attendees],
        "bob_now": [bobs.my_response_type, bobs.legacy_free_busy_status],
        "responses": [m.subject for m in alice.inbox.all() if m.item_class.startswith("IPM.Schedule.Meeting.Resp")],
    }


done()
