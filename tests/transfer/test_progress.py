"""Progress bars: shown on a terminal, never when stderr is not one, never with --quiet."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios

import pytest

from tests.transfer.helpers import run_cli


def _run_on_terminal(*args: str) -> str:
    """Run ``tpuf-emulator ARGS`` with stderr on a 100x40 pseudo-terminal; what the terminal showed."""
    main, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    env = {k: v for k, v in os.environ.items() if not k.startswith("TURBOPUFFER_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "tpuf_emulator", *args], stdout=subprocess.DEVNULL, stderr=side, env=env
    )
    os.close(side)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # EIO: the process closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait(timeout=120) == 0
    os.close(main)
    return shown.decode(errors="replace")


@pytest.mark.parametrize("quiet", [False, True])
def test_import_shows_a_bar_on_a_terminal_unless_quiet(target, tmp_path, unique_ns, quiet):
    path = tmp_path / "ns.jsonl"
    path.write_text(f'{{"namespace": "{unique_ns}"}}\n' + "".join(f'{{"id": {i}}}\n' for i in range(500)))
    shown = _run_on_terminal("import", str(path), "--url", target.base_url, *(["--quiet"] if quiet else []))
    assert (f"import {unique_ns}: " in shown and "/500 [" in shown) is not quiet, shown


def test_no_bar_when_stderr_is_not_a_terminal(target, tmp_path, unique_ns):
    path = tmp_path / "ns.jsonl"
    path.write_text(f'{{"namespace": "{unique_ns}"}}\n{{"id": 1}}\n')
    out = run_cli("import", str(path), "--url", target.base_url)
    assert out.returncode == 0 and out.stderr == ""
