"""The HTTP face of the emulator: a Starlette app built by ``create_app(config)``."""

from .app import create_app

__all__ = ["create_app"]
