"""exchangelib's ordinary high-level API against mock-ews: one process, several checks, JSON out.

Usage: python3 mail.py URL PASSWORD. Prints one JSON object: check name -> {"ok": value} or
{"error": "ExceptionClass: message"}. The mocha test (test/integration/exchangelib.test.ts) asserts.
"""

from exchangelib import ExtendedProperty, FileAttachment, ItemAttachment, HTMLBody, Mailbox, Message

from harness import account, check, done


alice = account("alice@contoso.com")
bob = account("bob@contoso.com")


@check("folders")
def _():
    top = alice.root / "Top of Information Store"
    return {
        "inbox": alice.inbox.name,
        "root": alice.root.name,
        "top": top.name,
        "children": sorted(f.name for f in top.children),
        "inbox_by_path": (top / "Inbox").id == alice.inbox.id,
    }


@check("draft")
def _():
    m = Message(
        account=alice,
        folder=alice.drafts,
        subject="Quarterly numbers",
        body=HTMLBody("<p>See <b>attached</b></p>"),
        to_recipients=[Mailbox(email_address="bob@contoso.com")],
        cc_recipients=["carol@fabrikam.com"],
        categories=["Finance", "Q3"],
        importance="High",
    )
    m.save()
    [back] = alice.fetch(ids=[m])
    return {
        "subject": back.subject,
        "body_has_html": "<b>attached</b>" in back.body,
        "body_type": type(back.body).__name__,
        "to": [r.email_address for r in back.to_recipients],
        "cc": [r.email_address for r in back.cc_recipients],
        "categories": back.categories,
        "importance": back.importance,
        "is_draft": back.is_draft,
        "in_drafts": alice.drafts.filter(subject="Quarterly numbers").count(),
    }


@check("queryset")
def _():
    drafts = alice.drafts
    created = drafts.bulk_create(
        items=[Message(account=alice, subject=f"batch {i}", body=f"body {i}") for i in range(5)]
    )
    qs = drafts.filter(subject__startswith="batch")
    out = {
        "created": len([c for c in created if not isinstance(c, Exception)]),
        "count": qs.count(),
        "exact": [m.subject for m in drafts.filter(subject="batch 3")],
        "desc": [m.subject for m in qs.order_by("-subject")],
        "only": [(m.subject, m.body) for m in qs.order_by("subject").only("subject")[:2]],
        "page": [m.subject for m in qs.order_by("subject")[1:3]],
        "exists": drafts.filter(subject="no such subject").exists(),
    }
    deleted = alice.bulk_delete(ids=list(qs.order_by("subject")[:3]))
    out["deleted"] = [d is True for d in deleted]
    out["left"] = [m.subject for m in qs.order_by("subject")]
    return out


@check("send")
def _():
    Message(
        account=alice,
        subject="Lunch?",
        body="Noon at the usual place",
        to_recipients=["bob@contoso.com"],
    ).send()
    got = list(bob.inbox.filter(subject="Lunch?"))
    return {
        "received": len(got),
        "from": got[0].sender.email_address if got else None,
        "is_read": got[0].is_read if got else None,
        "sent_copy": alice.sent.filter(subject="Lunch?").count(),
    }


@check("mark_read")
def _():
    [m] = bob.inbox.filter(subject="Lunch?")
    m.is_read = True
    m.save(update_fields=["is_read"])
    [back] = bob.fetch(ids=[m])
    bob.inbox.refresh()
    return {"is_read": back.is_read, "unread_in_inbox": bob.inbox.unread_count}


@check("move_copy")
def _():
    m = Message(account=alice, folder=alice.drafts, subject="Move me", body="x")
    m.save()
    m.copy(to_folder=alice.inbox)
    m.move(to_folder=alice.trash)
    return {
        "drafts": alice.drafts.filter(subject="Move me").count(),
        "inbox": alice.inbox.filter(subject="Move me").count(),
        "trash": alice.trash.filter(subject="Move me").count(),
    }


@check("sync")
def _():
    changes = []
    for change_type, item in bob.inbox.sync_items():
        changes.append([change_type, getattr(item, "subject", None)])
    state = bob.inbox.item_sync_state
    Message(account=alice, subject="Second", body="y", to_recipients=["bob@contoso.com"]).send()
    later = [[t, getattr(i, "subject", None)] for t, i in bob.inbox.sync_items(sync_state=state)]
    return {"first": changes, "later": later}


@check("attachments")
def _():
    m = Message(account=alice, folder=alice.drafts, subject="With file", body="see file")
    m.attach(FileAttachment(name="notes.txt", content=b"binary \x00\xff bytes"))
    m.save()
    m.attach(FileAttachment(name="later.txt", content=b"added later", is_inline=True, content_id="l@x"))
    [back] = alice.fetch(ids=[m])
    out = {
        "has_attachments": back.has_attachments,
        "names": [a.name for a in back.attachments],
        "contents": [a.content.decode("latin-1") for a in back.attachments],
        "inline": [a.is_inline for a in back.attachments],
        "found": [x.has_attachments for x in alice.drafts.filter(subject="With file")],
    }
    back.attachments[0].detach()
    [after] = alice.fetch(ids=[m])
    out["after_detach"] = [a.name for a in after.attachments]
    sent = Message(account=alice, subject="File for Bob", body="x", to_recipients=["bob@contoso.com"])
    sent.attach(FileAttachment(name="bob.txt", content=b"for bob"))
    sent.send_and_save()
    [got] = bob.inbox.filter(subject="File for Bob")
    out["bob"] = [(a.name, a.content.decode()) for a in got.attachments]
    return out


@check("item_attachment")
def _():
    m = Message(account=alice, folder=alice.drafts, subject="Carrier", body="x")
    inner = Message(subject="Inner", body="inner body", to_recipients=["bob@contoso.com"])
    m.attach(ItemAttachment(name="inner", item=inner))
    m.save()
    [back] = alice.fetch(ids=[m])
    [a] = back.attachments
    return {
        "type": type(a).__name__,
        "name": a.name,
        "subject": a.item.subject,
        "body": str(a.item.body),
        "to": [r.email_address for r in a.item.to_recipients],
    }


@check("plain_save")
def _():
    # What an application does most: fetch a draft, change one thing, save() with no update_fields.
    # exchangelib then sends every field, item:MimeContent (the MIME it fetched) first: the save
    # must leave the draft as it was but for that one change.
    m = Message(account=alice, folder=alice.drafts, subject="Plain save", body=HTMLBody("<p>x</p>"))
    m.categories = ["Keep"]
    m.attach(ItemAttachment(name="Inner note", item=Message(subject="Inner", body="inner body")))
    m.attach(FileAttachment(name="logo.png", content=b"PNG", is_inline=True, content_id="logo@x"))
    m.save()

    def shape(item):
        return {
            "categories": item.categories,
            "attachments": sorted(
                (a.name, bool(a.is_inline), a.content_id or "") for a in item.attachments
            ),
        }

    got = alice.drafts.get(id=m.id)
    before = shape(got)
    got.subject = "Plain save, edited"
    got.save()
    after = alice.drafts.get(id=m.id)
    out = {"subject": after.subject, "unchanged": shape(after) == before, "after": shape(after)}
    after.delete()
    return out


@check("resolve_names")
def _():
    def name(r):
        return type(r).__name__ if isinstance(r, Exception) else r.email_address

    full = alice.protocol.resolve_names(["bob"], return_full_contact_data=True)
    return {
        "exact": [name(r) for r in alice.protocol.resolve_names(["bob@contoso.com"])],
        "none": [name(r) for r in alice.protocol.resolve_names(["nobody-here"])],
        "other_org": [name(r) for r in alice.protocol.resolve_names(["carol@fabrikam.com"])],
        "full": [[m.email_address, c.display_name] for m, c in full],
    }


@check("query_string")
def _():
    drafts = alice.drafts
    drafts.bulk_create(
        items=[
            Message(account=alice, subject="Luncheon menu", body="soup"),
            Message(account=alice, subject="Offsite agenda", body="lunch at noon"),
        ]
    )
    return {
        "subject": [m.subject for m in drafts.filter("subject:luncheon")],
        "free_text": sorted(m.subject for m in drafts.filter("lunch")),
        "or": sorted(m.subject for m in drafts.filter("subject:offsite OR body:soup")),
        "count": drafts.filter("body:noon").count(),
    }


class Flag(ExtendedProperty):
    property_tag = 0x1090
    property_type = "Integer"


class Colour(ExtendedProperty):
    distinguished_property_set_id = "PublicStrings"
    property_name = "Colour"
    property_type = "String"


class MessageClass(ExtendedProperty):
    """exchangelib's item_class is read-only: the class is set as PR_MESSAGE_CLASS."""

    property_tag = 0x001A
    property_type = "String"


class Tags(ExtendedProperty):
    property_set_id = "c11ff724-aa03-4555-9952-8fa248a11c3e"
    property_id = 0x10
    property_type = "StringArray"


class MessageFlags(ExtendedProperty):
    """PR_MESSAGE_FLAGS: created without MSGFLAG_UNSENT (8), a message is no draft."""

    property_tag = 0x0E07
    property_type = "Integer"


@check("import_as_received")
def _():
    # The usual recipe for putting mail into a folder as if it had been received.
    Message.register("message_flags", MessageFlags)
    try:
        m = Message(account=alice, folder=alice.inbox, subject="Looks received", body="b")
        m.message_flags = 1  # MSGFLAG_READ
        m.save()
        got = alice.inbox.get(id=m.id)
        out = {"is_draft": got.is_draft, "is_read": got.is_read, "flags": got.message_flags}
        got.delete()
        return out
    finally:
        Message.deregister("message_flags")


@check("extended_properties")
def _():
    Message.register("flag", Flag)
    Message.register("colour", Colour)
    Message.register("tags", Tags)
    Message.register("message_class", MessageClass)
    try:
        for subject, flag in [("ext one", 1), ("ext two", 2), ("ext ten", 10)]:
            Message(
                account=alice,
                folder=alice.drafts,
                subject=subject,
                body="x",
                flag=flag,
                colour=f"colour of {subject}",
                tags=["a", subject],
                message_class="IPM.Note.Custom",
            ).save()
        [one] = alice.drafts.filter(subject="ext one")
        [back] = alice.fetch(ids=[one])
        out = {
            "flag": back.flag,
            "colour": back.colour,
            "tags": back.tags,
            "item_class": back.item_class,
            "message_class": back.message_class,
            "filtered": sorted(m.subject for m in alice.drafts.filter(flag__gt=1)),
            "ordered": [m.flag for m in alice.drafts.filter(subject__startswith="ext").order_by("-flag")],
        }
        back.flag = 5
        back.save(update_fields=["flag"])
        out["updated"] = alice.drafts.get(subject="ext one").flag
        return out
    finally:
        Message.deregister("flag")
        Message.deregister("colour")
        Message.deregister("tags")
        Message.deregister("message_class")


@check("headers_conversation")
def _():
    Message(
        account=alice,
        subject="Dinner?",
        body="At eight",
        to_recipients=["bob@contoso.com"],
        reply_to=["team@contoso.com"],
        is_read_receipt_requested=True,
    ).send()
    got = bob.inbox.get(subject="Dinner?")
    Message(
        account=bob,
        subject="RE: Dinner?",
        body="Yes",
        to_recipients=["alice@contoso.com"],
        in_reply_to=got.message_id,
        references=got.message_id,
    ).send()
    answer = alice.inbox.get(subject="RE: Dinner?")
    sent = alice.sent.get(subject="Dinner?")
    answer_conversation, topic = answer.conversation_id, answer.conversation_topic
    answer.delete()  # leaves Alice's Inbox as the later checks expect it
    return {
        "reply_to": [m.email_address for m in got.reply_to or []],
        "read_receipt": got.is_read_receipt_requested,
        "in_reply_to": answer.in_reply_to == got.message_id,
        "one_conversation": bool(got.conversation_id)
        and answer_conversation.id == got.conversation_id.id == sent.conversation_id.id,
        "topic": topic,
    }


@check("reply_forward")
def _():
    Message(
        account=alice,
        subject="Offsite",
        body="Friday?",
        to_recipients=["bob@contoso.com"],
    ).send()
    got = bob.inbox.get(subject="Offsite")
    got.reply(subject="RE: Offsite", body="Friday works")
    got.forward(subject="FW: Offsite", body="See below", to_recipients=["alice@contoso.com"])
    reply = alice.inbox.get(subject="RE: Offsite")
    forward = alice.inbox.get(subject="FW: Offsite")
    out = {
        "reply_body_starts": reply.text_body.startswith("Friday works"),
        "reply_quotes": "Friday?" in reply.text_body,
        "same_conversation": reply.conversation_id.id == got.conversation_id.id == forward.conversation_id.id,
        "forward_from": forward.sender.email_address,
    }
    reply.delete()  # leaves Alice's Inbox as the later checks expect it
    forward.delete()
    return out


@check("mime")
def _():
    raw = (
        b"From: Alice <alice@contoso.com>\r\nTo: bob@contoso.com\r\nSubject: From MIME\r\n"
        b"X-Imported: yes\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nimported body\r\n"
    )
    Message(account=alice, folder=alice.drafts, mime_content=raw).save()
    got = alice.drafts.get(subject="From MIME")
    fetched = got.mime_content
    out = {
        "subject": got.subject,
        "body": str(got.body),
        "to": [r.email_address for r in got.to_recipients],
        "header_back": b"X-Imported: yes" in fetched,
        "subject_in_mime": b"Subject: From MIME" in fetched,
    }
    # Saving the fetched draft sends mime_content first, then the other fields on top (check
    # plain_save does the same with every field).
    got.subject = "From MIME, edited"
    got.save(update_fields=["mime_content", "subject"])
    edited = alice.drafts.get(subject="From MIME, edited")
    out["edited_body"] = str(edited.body)
    out["edited_mime"] = b"Subject: From MIME, edited" in edited.mime_content
    edited.delete()
    return out


@check("unsupported_searchable")
def _():
    return list(alice.protocol.get_searchable_mailboxes())


@check("unsupported_roomlists")
def _():
    return list(alice.protocol.get_roomlists())


@check("version_after")
def _():
    return {
        "account": alice.version.api_version,
        "protocol": alice.protocol.version.api_version,
        "inbox_still_works": alice.inbox.all().count(),
    }


done()
