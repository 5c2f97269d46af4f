"""Benchmarks of the toolkit: client encode/decode cost and emulator query/ingest speed.

Run with ``python -m benchmarks [--quick]`` (``make bench``). Every figure is recorded with the
machine, library versions and date, and compared against a baseline measured in the same run.
"""
