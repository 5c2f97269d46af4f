"""Helpers shared by every test suite (emulator processes, clients)."""
