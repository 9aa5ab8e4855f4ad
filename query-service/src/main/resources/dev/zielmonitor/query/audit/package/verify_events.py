#!/usr/bin/env python3
"""Checks every event of events.jsonl against its link of the hash chain (docs/audit.md), with Python's
standard library only:

    content = SHA-256( SHA-256(globalIndex as text) || SHA-256(aggregateIdentifier)
                       || SHA-256(sequenceNumber as text) || SHA-256(type or "") || SHA-256(eventIdentifier)
                       || SHA-256(payloadType) || SHA-256(payloadRevision or "") || SHA-256(timestamp)
                       || SHA-256(payload bytes) || SHA-256(metadata bytes or empty) )
    hash    = SHA-256( previousHash || content )

and the latest keyed seal in hash-chain.json (ADR 0010): it names a position and the chain's hash there, and
vouches for it with an HMAC-SHA256 under a key that is not in the database:

    mac = HMAC-SHA256( key, UTF-8 of the lines "zielmonitor-hash-chain-seal-v1", sealNumber, position, headHash,
                       keyId, previousKeyId or "", previousMac or "", sealedAt, joined by newlines )

An event at the sealed position must have the sealed hash. The MAC is checked when the seal's key is given in
ZIELMONITOR_HASH_CHAIN_KEYS (<key id>:<base64>[,...], as the platform is configured); whoever holds the key can
also make seals, so without it note the seal's position and head hash and have them checked later:
./verify-event-chain.sh --head POSITION:HASH.

Run:  python3 verify_events.py [events.jsonl]     exit 0 when every event and the seal hold, 1 otherwise.
"""
import base64
import hashlib
import hmac
import json
import os
import sys

SEAL_VERSION = "zielmonitor-hash-chain-seal-v1"


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


def seal_message(s: dict) -> bytes:
    return "\n".join([SEAL_VERSION, str(s["sealNumber"]), str(s["position"]), s["headHash"], s["keyId"],
                      s.get("previousKeyId") or "", s.get("previousMac") or "", s["sealedAt"]]).encode("utf-8")


def configured_keys() -> dict:
    keys = {}
    for entry in os.environ.get("ZIELMONITOR_HASH_CHAIN_KEYS", "").split(","):
        if ":" in entry:
            key_id, key = entry.strip().split(":", 1)
            keys[key_id.strip()] = base64.b64decode(key.strip())
    return keys


def latest_seal(events_path: str):
    chain_path = os.path.join(os.path.dirname(os.path.abspath(events_path)), "hash-chain.json")
    if not os.path.exists(chain_path):
        return None
    with open(chain_path, encoding="utf-8") as chain:
        return (json.load(chain).get("seals") or {}).get("latest")


def check_seal(seal) -> int:
    """The seal's MAC if its key is given; 1 when it does not hold."""
    if seal is None:
        print("no seal in hash-chain.json: the chain was not sealed yet")
        return 0
    print(f"latest seal {seal['sealNumber']}: position {seal['position']}, head {seal['headHash']}, "
          f"key {seal['keyId']}, sealed at {seal['sealedAt']}")
    key = configured_keys().get(seal["keyId"])
    if key is None:
        print(f"seal MAC not checked: key {seal['keyId']} not given (ZIELMONITOR_HASH_CHAIN_KEYS); note the "
              f"position and head hash and check later: ./verify-event-chain.sh --head "
              f"{seal['position']}:{seal['headHash']}")
        return 0
    expected = hmac.new(key, seal_message(seal), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, seal["mac"]):
        print(f"FAIL seal {seal['sealNumber']}: MAC {seal['mac']} does not hold under key {seal['keyId']}")
        return 1
    print(f"seal {seal['sealNumber']}: MAC holds under key {seal['keyId']}")
    return 0


def main(path: str) -> int:
    failures = 0
    count = 0
    seal = latest_seal(path)
    failures += check_seal(seal)
    after_seal = 0
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
            if seal is not None and e["chainPosition"] == seal["position"] and e["hash"] != seal["headHash"]:
                print(f"FAIL {e['globalIndex']}: at the sealed position {seal['position']}, but not the sealed hash")
                failures += 1
            if seal is not None and e["chainPosition"] > seal["position"]:
                after_seal += 1
    if after_seal:
        print(f"{after_seal} events after the latest seal (appended since, not yet sealed)")
    print(f"{count} events, {failures} failures")
    return 0 if failures == 0 and count > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "events.jsonl"))
