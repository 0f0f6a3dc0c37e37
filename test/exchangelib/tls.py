"""exchangelib over HTTPS against mock-ews (serve --tls): one way of trusting the certificate per run.

Usage: python3 tls.py MODE URL PASSWORD CA_FILE, MODE one of
  ca        trust CA_FILE (the server's self-signed certificate), as exchangelib's docs show: an
            HTTP adapter whose cert_verify passes the bundle, set as BaseProtocol.HTTP_ADAPTER_CLS
  noverify  exchangelib's NoVerifyHTTPAdapter (no check at all)
  default   exchangelib as it comes (the certificate is not trusted: the call must fail)
Prints one JSON object: {"ok": {...}} or {"error": "ExceptionClass: message"}.
"""
import json
import sys

import requests.adapters
from exchangelib import BASIC, DELEGATE, Account, Build, Configuration, Credentials, Message, Version
from exchangelib.protocol import BaseProtocol, NoVerifyHTTPAdapter

MODE, URL, PASSWORD, CA_FILE = sys.argv[1:5]


class RootCAAdapter(requests.adapters.HTTPAdapter):
    def cert_verify(self, conn, url, verify, cert):
        super().cert_verify(conn=conn, url=url, verify=CA_FILE, cert=cert)


if MODE == "ca":
    BaseProtocol.HTTP_ADAPTER_CLS = RootCAAdapter
elif MODE == "noverify":
    BaseProtocol.HTTP_ADAPTER_CLS = NoVerifyHTTPAdapter

try:
    config = Configuration(
        service_endpoint=URL,
        credentials=Credentials("alice@contoso.com", PASSWORD),
        auth_type=BASIC,
        version=Version(build=Build(15, 1, 2507, 6)),
    )
    account = Account("alice@contoso.com", config=config, access_type=DELEGATE, autodiscover=False)
    Message(account=account, folder=account.drafts, subject=f"over TLS ({MODE})").save()
    result = {"ok": {"inbox": account.inbox.name, "drafts": [m.subject for m in account.drafts.all()]}}
except Exception as e:  # reported, never hidden
    result = {"error": f"{type(e).__name__}: {e}"}
print(json.dumps(result))
