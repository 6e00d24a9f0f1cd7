#!/usr/bin/env python3
"""A case system's receiver of MASH Hub events, written from the Standard Webhooks specification
(https://www.standardwebhooks.com, "Verifying webhook authenticity") and the hub's contract
(schemas/case-system/openapi.yaml), not from the hub's code: Python's standard library only.

    standard_webhooks_receiver.py PORT SECRETS_FILE LOG_FILE

SECRETS_FILE holds the receiver's secrets (whsec_..., one per line); it is read again for every delivery, so a test
rotates the receiver's secret by rewriting it. Each delivery is one JSON line in LOG_FILE:
{"id", "timestamp", "verified", "answer", "sequence"}. Answers: 401 if no signature is good or the timestamp is more
than five minutes from now, 409 for an id already taken, 204 otherwise.
"""
import base64
import hashlib
import hmac
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE_SECONDS = 5 * 60
PORT, SECRETS_FILE, LOG_FILE = int(sys.argv[1]), sys.argv[2], sys.argv[3]
taken = set()
lock = threading.Lock()


def secrets():
    with open(SECRETS_FILE) as f:
        return [line.strip() for line in f if line.strip()]


def verified(msg_id, timestamp, signature_header, body):
    if not (msg_id and timestamp and signature_header):
        return False
    try:
        if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
            return False
    except ValueError:
        return False
    signed_content = f"{msg_id}.{timestamp}.".encode() + body
    for secret in secrets():
        key = base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)
        expected = base64.b64encode(hmac.new(key, signed_content, hashlib.sha256).digest()).decode()
        for versioned in signature_header.split(" "):
            version, _, signature = versioned.partition(",")
            if version == "v1" and hmac.compare_digest(expected, signature):
                return True
    return False


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        msg_id = self.headers.get("webhook-id")
        ok = self.path == "/events" and verified(msg_id, self.headers.get("webhook-timestamp"),
                                                  self.headers.get("webhook-signature"), body)
        with lock:
            if not ok:
                answer = 401
            elif msg_id in taken:
                answer = 409
            else:
                taken.add(msg_id)
                answer = 204
            with open(LOG_FILE, "a") as log:
                log.write(json.dumps({"id": msg_id, "timestamp": self.headers.get("webhook-timestamp"), "verified": ok,
                                      "answer": answer, "sequence": self.headers.get("Mash-Child-Sequence")}) + "\n")
        self.send_response(answer)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", PORT), Receiver).serve_forever()
