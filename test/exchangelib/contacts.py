"""exchangelib's high-level API for contacts, distribution lists, tasks and out of office (issue 17).

Usage: python3 contacts.py URL PASSWORD. Prints one JSON object: check name -> {"ok": value} or
{"error": ...}. The mocha test (test/integration/exchangelib-contacts.test.ts) asserts.
"""
import datetime
import decimal

from exchangelib import Message, OofSettings
from exchangelib.indexed_properties import EmailAddress, PhoneNumber, PhysicalAddress
from exchangelib.items import Contact, DistributionList, Task
from exchangelib.properties import Mailbox, Member

from harness import account, check, done


alice = account("alice@contoso.com")
bob = account("bob@contoso.com")


@check("contact")
def _():
    c = Contact(
        account=alice,
        folder=alice.contacts,
        display_name="Dana Fisher",
        given_name="Dana",
        surname="Fisher",
        company_name="Fabrikam",
        job_title="Buyer",
        birthday=datetime.date(1980, 5, 17),
        email_addresses=[EmailAddress(email="dana@fabrikam.com", label="EmailAddress1")],
        phone_numbers=[PhoneNumber(phone_number="+1 555 0199", label="MobilePhone")],
        physical_addresses=[PhysicalAddress(street="1 Main St", city="Springfield", label="Business")],
    )
    c.save()
    got = alice.contacts.get(id=c.id)
    got.job_title = "Head buyer"
    got.save(update_fields=["job_title"])
    again = alice.contacts.get(id=c.id)
    found = [x.display_name for x in alice.contacts.filter(company_name="Fabrikam")]
    out = {
        "names": [again.given_name, again.surname, again.display_name, again.company_name],
        "job_title": again.job_title,
        "birthday": str(again.birthday),
        "emails": [e.email for e in again.email_addresses],
        "phones": [p.phone_number for p in again.phone_numbers],
        "city": again.physical_addresses[0].city,
        "found": found,
        "item_class": again.item_class,
    }
    again.delete()
    out["left"] = alice.contacts.all().count()
    return out


@check("distribution_list")
def _():
    dl = DistributionList(
        account=alice,
        folder=alice.contacts,
        display_name="Bowling team",
        members=[Member(mailbox=Mailbox(email_address="bob@contoso.com")), Member(mailbox=Mailbox(email_address="pat@example.org"))],
    )
    dl.save()
    got = alice.contacts.get(id=dl.id)
    # (exchangelib's expand_dl cannot name a private list: its DLMailbox leaves item_id out.)
    out = {
        "item_class": got.item_class,
        "display_name": got.display_name,
        "members": [m.mailbox.email_address for m in got.members],
    }
    got.delete()
    return out


@check("task")
def _():
    t = Task(
        account=alice,
        folder=alice.tasks,
        subject="File the report",
        due_date=datetime.date(2016, 6, 20),
        status="InProgress",
        percent_complete=decimal.Decimal(50),
    )
    t.save()
    got = alice.tasks.get(id=t.id)
    first = {"status": got.status, "percent": str(got.percent_complete), "due": str(got.due_date)}
    got.status = "Completed"
    got.save(update_fields=["status"])
    done = alice.tasks.get(id=t.id)
    out = {
        "first": first,
        "done": {"status": done.status, "percent": str(done.percent_complete), "is_complete": done.is_complete},
        "found": [x.subject for x in alice.tasks.all()],
    }
    done.delete()
    return out


@check("oof")
def _():
    before = bob.oof_settings
    bob.oof_settings = OofSettings(
        state=OofSettings.ENABLED,
        external_audience="Known",
        internal_reply="Away until Monday",
        external_reply="Away",
    )
    after = bob.oof_settings
    for subject in ["Lunch?", "Lunch again?"]:
        Message(account=alice, subject=subject, body="?", to_recipients=["bob@contoso.com"]).send()
    replies = [m.subject for m in alice.inbox.filter(subject__startswith="Automatic reply")]
    bob.oof_settings = OofSettings(state=OofSettings.DISABLED)
    return {
        "before": before.state,
        "after": [after.state, after.external_audience, after.internal_reply, after.external_reply],
        "replies": replies,
        "disabled": bob.oof_settings.state,
    }


done()
