"""Shared machinery of the contract suites: budgets, the schemathesis runner and its hooks,
seed data, case counting and the in-process serving of (mutant) emulator apps.

It lives in a package (not in conftest.py) because three callers use it: the pytest suites
under ``tests/contract``, the schemathesis process those suites start (through
``st_hooks.py``), and ``scripts/contract_live.py``.
"""
