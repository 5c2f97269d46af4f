"""Background threads (snapshot writing, ANN graph folding) yield the CPU to requests.

Why: on a small machine a snapshot of a large namespace, or a graph fold, competes with the
request threads (and a local client) for the same cores; requests are what a user waits for, so
background threads lower their own scheduling priority. On Linux a thread is a task of its own and
``setpriority`` on its thread id affects only that thread. Elsewhere this is a no-op.
"""

from __future__ import annotations

import os
import threading

BACKGROUND_NICENESS = 10


def lower_current_thread_priority(niceness: int = BACKGROUND_NICENESS) -> None:
    """Make the calling thread nicer (never less nice than it already is); best effort."""
    try:
        thread = threading.get_native_id()
        current = os.getpriority(os.PRIO_PROCESS, thread)
        os.setpriority(os.PRIO_PROCESS, thread, max(current, niceness))
    except (AttributeError, OSError):  # not Linux, or not permitted: run at normal priority
        pass
