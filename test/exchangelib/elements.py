"""exchangelib's ordinary Message(...) fields for reminders, culture, IsResponseRequested and the
sender/received_by a recipient reads, against mock-ews: one process, JSON out, like mail.py.

Usage: python3 elements.py URL PASSWORD. Prints one JSON object: check name -> {"ok": value} or
{"error": "..."}. The mocha test (test/integration/exchangelib-elements.test.ts) asserts.
"""

from exchangelib import UTC, EWSDateTime, Message

from harness import account, check, done


alice = account("alice@contoso.com")
bob = account("bob@contoso.com")


@check("reminders_culture_sender")
def _():
    m = Message(
        account=alice,
        folder=alice.drafts,
        subject="Remind me",
        body="Due Friday",
        to_recipients=["bob@contoso.com"],
        reminder_is_set=True,
        reminder_due_by=EWSDateTime(2016, 7, 1, 10, 0, tzinfo=UTC),
        reminder_minutes_before_start=15,
        culture="de-DE",
        is_response_requested=True,
    )
    m.save()
    saved = alice.drafts.get(id=m.id)
    out = {
        "saved": [
            saved.reminder_is_set,
            saved.reminder_due_by.isoformat(),
            saved.reminder_minutes_before_start,
            saved.culture,
            saved.is_response_requested,
        ]
    }
    saved.culture = "fr-FR"
    saved.reminder_minutes_before_start = 5
    saved.save(update_fields=["culture", "reminder_minutes_before_start"])
    updated = alice.drafts.get(id=m.id)
    out["updated"] = [updated.culture, updated.reminder_minutes_before_start, updated.reminder_is_set]
    updated.send()
    got = bob.inbox.get(subject="Remind me")
    out["received"] = {
        "sender": got.sender.email_address,
        "received_by": got.received_by.email_address,
        "received_representing": got.received_representing.email_address,
        "culture": got.culture,
        "reminder_is_set": got.reminder_is_set,
        "is_response_requested": got.is_response_requested,
    }
    got.delete()
    plain = Message(account=alice, folder=alice.drafts, subject="Plain")
    plain.save()
    fresh = alice.drafts.get(id=plain.id)
    out["defaults"] = [fresh.reminder_is_set, fresh.reminder_minutes_before_start, fresh.culture]
    plain.delete()
    return out


@check("send_as_denied")
def _():
    m = Message(account=alice, subject="As Bob", body="x", to_recipients=["bob@contoso.com"], author="bob@contoso.com")
    try:
        m.send()
    except Exception as e:  # exchangelib raises the response code as its exception class
        return type(e).__name__
    return "sent"


done()
