"""exchangelib's delegate and folder-permission reading against mock-ews: account.delegates,
another mailbox's Inbox read with Account(primary_smtp_address=other, access_type=DELEGATE) as its
delegate, folder.permission_set, and folder.save() still working on a folder with permissions.

Usage: python3 delegates.py URL PASSWORD. The mocha test (test/integration/exchangelib-delegates.test.ts)
makes bob alice's delegate (Inbox Reviewer, Calendar Editor) before it runs this, then asserts on the
JSON printed: check name -> {"ok": value} or {"error": "..."}.
"""

from exchangelib import DELEGATE, Account, Folder
from exchangelib.errors import ErrorAccessDenied

from harness import account, check, done


alice = account("alice@contoso.com")


@check("delegates")
def _():
    return [
        [
            d.user_id.primary_smtp_address,
            d.delegate_permissions.inbox_folder_permission_level,
            d.delegate_permissions.calendar_folder_permission_level,
            d.delegate_permissions.tasks_folder_permission_level,
            d.receive_copies_of_meeting_messages,
            d.view_private_items,
        ]
        for d in alice.delegates
    ]


@check("delegate_reads_inbox")
def _():
    as_bob = account("alice@contoso.com", login="bob@contoso.com")
    inbox = as_bob.inbox
    return {
        "name": inbox.name,
        "total": inbox.total_count,
        "subjects": sorted(m.subject for m in inbox.all()),
    }


@check("delegate_denied_drafts")
def _():
    as_bob = account("alice@contoso.com", login="bob@contoso.com")
    try:
        list(as_bob.drafts.all())
    except ErrorAccessDenied:
        return "ErrorAccessDenied"
    return "read"


@check("permission_set")
def _():
    inbox = alice.inbox
    inbox.refresh()
    ps = inbox.permission_set
    return sorted(
        [
            p.user_id.primary_smtp_address or p.user_id.distinguished_user,
            p.read_items,
            p.can_create_items,
            p.is_folder_visible,
        ]
        for p in (ps.permissions or [])
    )


@check("rename_keeps_working")
def _():
    f = Folder(parent=alice.inbox, name="Before")
    f.save()
    f.name = "After"
    f.save()
    return [c.name for c in alice.inbox.children]


done()
