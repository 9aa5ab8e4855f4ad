#!/usr/bin/env python3
"""Checks every event of events.jsonl against its link of the hash chain (docs/audit.md), with Python's
standard library only:

    content = SHA-256( SHA-256(globalIndex as text) || SHA-256(aggregateIdentifier)
                       || SHA-256(sequenceNumber as text) || SHA-256(type or "") || SHA-256(eventIdentifier)
                       || SHA-256(payloadType) || SHA-256(payloadRevision or "") || SHA-256(timestamp)
                       || SHA-256(payload bytes) || SHA-256(metadata bytes or empty) )
    hash    = SHA-256( previousHash || content )

Run:  python3 verify_events.py [events.jsonl]     exit 0 when every event holds, 1 otherwise.
"""
import base64
import hashlib
import json
import sys


def sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def text(value) -> bytes:
    return ("" if value is None else str(value)).encode("utf-8")


def content_hash(e: dict) -> bytes:
    payload = base64.b64decode(e["payloadBase64"])
    metadata = base64.b64decode(e["metadataBase64"]) if e.get("metadataBase64") else b""
    parts = [text(e["globalIndex"]), text(e["aggregateIdentifier"]), text(e["sequenceNumber"]), text(e["type"]),
             text(e["eventIdentifier"]), text(e["payloadType"]), text(e["payloadRevision"]), text(e["timestamp"]),
             payload, metadata]
    return sha(b"".join(sha(p) for p in parts))


def main(path: str) -> int:
    failures = 0
    count = 0
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            e = json.loads(line)
            count += 1
            if e.get("hash") is None:
                print(f"FAIL {e['globalIndex']}: not chained")
                failures += 1
                continue
            if json.loads(base64.b64decode(e["payloadBase64"])) != e["payload"]:
                print(f"FAIL {e['globalIndex']}: the readable payload differs from the stored bytes")
                failures += 1
            expected = sha(bytes.fromhex(e["previousHash"]) + content_hash(e)).hex()
            if expected != e["hash"]:
                print(f"FAIL {e['globalIndex']} ({e['aggregateIdentifier']}): hash {e['hash']}, content gives {expected}")
                failures += 1
    print(f"{count} events, {failures} failures")
    return 0 if failures == 0 and count > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "events.jsonl"))
