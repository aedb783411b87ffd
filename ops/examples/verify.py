#!/usr/bin/env python3
"""Verify one recording with a Bonafide gateway, the way a vendor guide shows it.

    python3 verify.py FILE [--url http://localhost:8080] [--api-key KEY] [--poll-interval 5]
                           [--operations deepfake_detection ...] [--meta key=value ...]

POSTs FILE as multipart field `file`, reads the polling URL from the `x-location` header,
GETs it every few seconds until the task is `done`, `failed` or `rejected`, then prints the
task document as JSON. Exits 0 for `done`, 1 for `failed`/`rejected`, 2 for an HTTP error.
Environment: BONAFIDE_URL, BONAFIDE_API_KEY, BONAFIDE_POLL_INTERVAL (seconds).
Needs only `requests` (Debian's python3-requests 2.28 is enough).
"""
import argparse
import json
import os
import sys
import time

import requests

API = "/api/technology/experimental/authenticity-verification"
FINAL = ("done", "failed", "rejected")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file")
    parser.add_argument("--url", default=os.environ.get("BONAFIDE_URL", "http://localhost:8080"))
    parser.add_argument("--api-key", default=os.environ.get("BONAFIDE_API_KEY"))
    parser.add_argument("--poll-interval", type=float,
                        default=float(os.environ.get("BONAFIDE_POLL_INTERVAL", "5")))
    parser.add_argument("--timeout", type=float, default=3600, help="give up after this many seconds")
    parser.add_argument("--operations", nargs="*", default=None)
    parser.add_argument("--meta", nargs="*", default=[], help="key=value pairs echoed in the result")
    args = parser.parse_args()

    headers = {"X-API-Key": args.api_key} if args.api_key else {}
    config = {}
    if args.operations:
        config["operations"] = args.operations
    if args.meta:
        config["meta"] = dict(pair.split("=", 1) for pair in args.meta)

    with open(args.file, "rb") as audio:
        # requests builds the multipart body in memory, as vendor guides do; for files of hundreds of MB
        # stream instead (e.g. requests-toolbelt's MultipartEncoder, or curl -F file=@FILE)
        files = {"file": (os.path.basename(args.file), audio, "application/octet-stream")}
        if config:
            files["config"] = (None, json.dumps(config), "application/json")
        response = requests.post(args.url.rstrip("/") + API, files=files, headers=headers, timeout=600)
    if response.status_code != 202:
        print(json.dumps({"status": response.status_code, "error": safe_json(response)}, indent=2), file=sys.stderr)
        return 2
    location = response.headers["x-location"]
    print("accepted: " + location, file=sys.stderr)

    deadline = time.monotonic() + args.timeout
    while True:
        poll = requests.get(location, headers=headers, timeout=60)
        if poll.status_code == 429 or poll.status_code == 503:
            time.sleep(float(poll.headers.get("retry-after", args.poll_interval)))
            continue
        if poll.status_code != 200:
            print(json.dumps({"status": poll.status_code, "error": safe_json(poll)}, indent=2), file=sys.stderr)
            return 2
        document = poll.json()
        state = document["task"]["state"]
        if state in FINAL:
            print(json.dumps(document, indent=2))
            return 0 if state == "done" else 1
        if time.monotonic() > deadline:
            print("gave up waiting; last state: " + state, file=sys.stderr)
            return 2
        time.sleep(args.poll_interval)


def safe_json(response):
    try:
        return response.json()
    except ValueError:
        return response.text


if __name__ == "__main__":
    sys.exit(main())
