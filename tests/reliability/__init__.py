"""Reliability tests: crash safety under SIGKILL and property-based fuzzing of inputs.

The fuzz tests are sized to take seconds; ``RECON_FUZZ_SCALE=20`` runs twenty times as many
examples for a deeper manual run.
"""

import os


def examples(count: int) -> int:
    """A fuzz test's number of examples, scaled by ``RECON_FUZZ_SCALE``."""
    return max(1, round(count * float(os.environ.get("RECON_FUZZ_SCALE", "1"))))
