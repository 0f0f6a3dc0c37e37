"""exchangelib's streaming and push notification APIs against mock-ews: one process, JSON out.

Usage: python3 notify.py URL PASSWORD. Prints one JSON object: check name -> {"ok": value} or
{"error": ...}. The mocha test (test/integration/exchangelib-notify.test.ts) asserts. Only
loopback sockets: the push receiver listens on 127.0.0.1.
"""
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from exchangelib import Message
from exchangelib.services import SendNotification

from harness import account, check, done

alice = account("alice@contoso.com")


def save_in_inbox(subject):
    m = Message(account=alice, folder=alice.inbox, subject=subject, body="hello")
    m.save()
    return m.id


@check("streaming")
def _():
    with alice.inbox.streaming_subscription(event_types=["CreatedEvent"]) as a, \
            alice.inbox.streaming_subscription(event_types=["CreatedEvent"]) as b:
        item_id = save_in_inbox("streamed")
        seen = []
        for notification in alice.inbox.get_streaming_events(
            [a, b], connection_timeout=1, max_notifications_returned=2
        ):
            for event in notification.events:
                seen.append(
                    {
                        "subscription": "a" if notification.subscription_id == a else "b",
                        "type": type(event).__name__,
                        "ours": event.item_id.id == item_id,
                    }
                )
        return sorted(seen, key=lambda e: e["subscription"])


@check("streaming_unknown")
def _():
    return list(alice.inbox.get_streaming_events("AAAAunknown", connection_timeout=1))


@check("push")
def _():
    got = []
    arrived = threading.Condition()

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            ws = SendNotification(protocol=alice.protocol)
            with arrived:
                got.extend(ws.parse(body))
                arrived.notify_all()
            answer = ws.ok_payload()
            self.send_response(200)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/push"
        with alice.inbox.push_subscription(callback_url=url, event_types=["CreatedEvent"]) as (sub_id, _wm):
            with arrived:
                arrived.wait_for(lambda: len(got) >= 1, timeout=20)
            item_id = save_in_inbox("pushed")
            with arrived:
                arrived.wait_for(lambda: len(got) >= 2, timeout=20)
            return {
                "first": [type(e).__name__ for e in got[0].events],
                "same_subscription": all(n.subscription_id == sub_id for n in got),
                "second": [type(e).__name__ for e in got[1].events] if len(got) > 1 else None,
                "ours": len(got) > 1 and got[1].events[0].item_id.id == item_id,
            }
    finally:
        server.shutdown()


done()
