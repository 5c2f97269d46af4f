"""How long ``tpuf_emulator.run()`` takes to the first HTTP answer, thread vs process mode.

    python -m benchmarks.launcher_startup [--repeat 5]

* ``thread, first in a process``: a fresh interpreter that imports ``tpuf_emulator`` and times
  ``run()`` (the emulator's modules are imported during that start);
* ``thread, modules already imported``: further starts in the same interpreter;
* ``process``: each start is a new ``python -m tpuf_emulator`` (interpreter + imports).

Each figure is the median of ``--repeat`` starts; every start ends with one answered request.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

from tpuf_emulator import launcher

COLD_THREAD = """
import json, time
import tpuf_emulator
t0 = time.perf_counter()
with tpuf_emulator.run(mode="thread") as emu:
    assert tpuf_emulator.launcher.answers(emu.base_url, emu.headers)
    print(json.dumps(time.perf_counter() - t0))
"""


def _time_run(mode: launcher.Mode) -> float:
    started = time.perf_counter()
    with launcher.run(mode=mode) as emu:
        elapsed = time.perf_counter() - started
        assert launcher.answers(emu.base_url, emu.headers)
    return elapsed


def _cold_thread() -> float:
    out = subprocess.run([sys.executable, "-c", COLD_THREAD], check=True, capture_output=True, text=True)
    return float(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    figures = {
        "thread, first in a process": [_cold_thread() for _ in range(args.repeat)],
        "process": [_time_run("process") for _ in range(args.repeat)],
    }
    _time_run("thread")  # imports the emulator's modules into this interpreter
    figures["thread, modules already imported"] = [_time_run("thread") for _ in range(args.repeat)]
    for name, values in figures.items():
        print(
            f"{name:36s} median {statistics.median(values):.3f} s  (min {min(values):.3f}, max {max(values):.3f})"
        )


if __name__ == "__main__":
    main()
