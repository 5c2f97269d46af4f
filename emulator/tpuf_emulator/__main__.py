"""``python -m tpuf_emulator`` behaves exactly like the ``tpuf-emulator`` command."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
