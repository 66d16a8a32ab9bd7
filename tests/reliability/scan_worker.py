"""A scanning workstation that the crash test kills: scans as fast as it can.

Run as ``python -m tests.reliability.scan_worker DB SESSION_ID RUN_ID [options]`` from the
repository root, with the operator's PIN in ``RECON_PIN``. It signs in, prints ``READY``,
then for every scan prints ``TRY <client id> <barcode>`` *before* calling
``SessionService.scan`` and ``ACK <client id> <tag>`` only after ``scan()`` returned (the
scan is durably committed by then). Each line is flushed at once, so a parent that reads
``ACK`` knows that scan must survive whatever happens next.

Client ids are ``<run id>-<counter>``: deterministic, so the parent can retry the scan
whose outcome it never learnt with the same id.

With ``--import-file`` it imports that file instead (``PLANNED`` once the file is checked,
``DONE`` once it is imported), so that an import can be killed halfway too.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections.abc import Iterator

from recon_desktop.services import Services
from recon_desktop.services.importing import ImportService
from recon_desktop.store.db import WalCheckpointer, open_database


def client_id(run_id: str, n: int) -> str:
    return f"{run_id}-{n:06d}"


def barcodes(rng: random.Random, items: int, run_id: str) -> Iterator[str]:
    """Demo item barcodes (in and out of scope, repeats, some with an AIM prefix or a
    terminator), unknown barcodes and location barcodes (they set the current location)."""
    n = 0
    while True:
        n += 1
        roll = rng.random()
        if roll < 0.1:
            yield f"UNKNOWN-{run_id}-{n}"
        elif roll < 0.15:
            yield f"LOC-{rng.randint(1, 60):06d}"
        elif roll < 0.25:
            yield f"RC{rng.randint(1, 20):08d}"  # often repeated: Already scanned
        elif roll < 0.3:
            yield f"]C0RC{rng.randint(1, items):08d}\t"
        else:
            yield f"RC{rng.randint(1, items):08d}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scan_worker")
    parser.add_argument("db")
    parser.add_argument("session_id", type=int)
    parser.add_argument("run_id")
    parser.add_argument("--user", default="ben")
    parser.add_argument("--station", default="BENCH-CRASH")
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-scans", type=int, default=1_000_000)
    parser.add_argument("--import-file", help="import this file into --lab instead of scanning")
    parser.add_argument("--lab", default="Cell Biology")
    args = parser.parse_args(argv)

    out = sys.stdout
    db = open_database(args.db, create=False)
    # as the application runs, with checkpoints far more often: kills land inside them too
    checkpointer = WalCheckpointer(db, interval_s=0.02)
    try:
        services = Services.create(db, station=args.station)
        operator = services.auth.sign_in(args.user, os.environ["RECON_PIN"])
        out.write("READY\n")
        out.flush()
        if args.import_file:
            importer = ImportService(db, services.admin)
            plan = importer.plan(args.import_file, args.lab)
            out.write("PLANNED\n")
            out.flush()
            importer.apply(plan, operator=operator)
            out.write("DONE\n")
            out.flush()
            return 0
        rng = random.Random(args.seed)
        codes = barcodes(rng, args.items, args.run_id)
        for n in range(1, args.max_scans + 1):
            cid = client_id(args.run_id, n)
            code = next(codes)
            out.write(f"TRY {cid} {code}\n")
            out.flush()
            result = services.sessions.scan(operator, args.session_id, code, client_id=cid)
            tag = result.tag.value if result is not None and result.tag else "-"
            out.write(f"ACK {cid} {tag}\n")
            out.flush()
    finally:
        checkpointer.stop()
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
