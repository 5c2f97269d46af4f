"""The real-text corpus: passages of the documentation two Debian packages ship, with attributes.

``python3-doc`` (the Python 3 HTML reference), ``postgresql-doc-15`` (the PostgreSQL 15 HTML
manual) and ``linux-doc-6.1`` (the Linux kernel's documentation, Sphinx HTML) are real English
technical prose in plain HTML that ``html.parser`` strips; the first two give ~34k passages, the
kernel's the rest of the ~90k. They are installed with apt-get when missing (this is the
benchmark's preparation step; it needs root).

Every ``<p>`` of every page becomes sentences, grouped into passages of about 50-150 words that
never cross a page. The passages are shuffled with a fixed seed, so any prefix (the quick tier's
5k, the embedded 21k) is a random sample of the whole. Each passage has:

* ``id`` (int, its position after the shuffle) and ``text``;
* ``source`` (string, the package and section of its page, e.g. ``python:library`` or
  ``postgresql:sql``, ``linux:admin-guide``; ~300 values) for group-by;
* ``length`` (int, its word count) for order-by;
* ``bucket`` (int, uniform in 0..99) for filters: ``bucket == 0`` keeps 1%, ``bucket < 10`` 10%.

Cached as ``build/bench-corpus/passages.jsonl``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "bench-corpus"
PASSAGES = CACHE / "passages.jsonl"
SEED = 16
MIN_WORDS, MAX_WORDS = 50, 150

# Debian package -> its HTML folder and the prefix of its passages' ``source``.
PACKAGES: dict[str, tuple[Path, str]] = {
    "python3-doc": (Path("/usr/share/doc/python3/html"), "python"),
    "postgresql-doc-15": (Path("/usr/share/doc/postgresql-doc-15/html"), "postgresql"),
    "linux-doc-6.1": (Path("/usr/share/doc/linux-doc-6.1/html"), "linux"),
}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Passage:
    id: int
    text: str
    source: str
    length: int
    bucket: int


class _Paragraphs(HTMLParser):
    """The text of every ``<p>`` of one page (navigation, scripts and styles hold none)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._depth = 0
        self._parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            if self._depth == 0:
                self._parts = []
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._depth > 0:
            self._depth -= 1
            if self._depth == 0:
                text = _SPACE.sub(" ", "".join(self._parts)).strip()
                if text:
                    self.paragraphs.append(text)

    def handle_data(self, data: str) -> None:
        if self._depth > 0:
            self._parts.append(data)


def ensure_packages() -> dict[str, str]:
    """Install the documentation packages when their HTML is missing; their installed versions."""
    missing = [name for name, (html, _) in PACKAGES.items() if not html.is_dir()]
    if missing:
        if shutil.which("apt-get") is None or os.geteuid() != 0:
            raise RuntimeError(
                f"the corpus needs the Debian packages {missing}: apt-get install them as root"
            )
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        apt = ["apt-get", "-o", "DPkg::Lock::Timeout=300", "-qq"]
        subprocess.run([*apt, "update"], check=True, env=env)
        subprocess.run([*apt, "install", "-y", "--no-install-recommends", *missing], check=True, env=env)
    versions = {}
    for name in PACKAGES:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Version}", name], capture_output=True, text=True, check=True
        )
        versions[name] = out.stdout
    return versions


def _source(prefix: str, page: Path, html: Path) -> str:
    """``<prefix>:<top folder or page>``; for PostgreSQL's flat folder, its page name up to the first dash."""
    parts = page.relative_to(html).with_suffix("").parts
    section = parts[-1].split("-")[0] if prefix == "postgresql" else parts[0]
    return f"{prefix}:{section}"


def _split(paragraphs: list[str]) -> Iterator[str]:
    """Sentences grouped into passages of MIN_WORDS..MAX_WORDS words; a sentence longer than MAX_WORDS
    is cut. A page's tail shorter than MIN_WORDS is a passage of its own if it has 8 words or more."""
    words: list[str] = []
    for paragraph in paragraphs:
        for sentence in _SENTENCE_END.split(paragraph):
            words.extend(sentence.split())
            while len(words) > MAX_WORDS:
                yield " ".join(words[:MAX_WORDS])
                words = words[MAX_WORDS:]
            if len(words) >= MIN_WORDS:
                yield " ".join(words)
                words = []
    if len(words) >= 8:
        yield " ".join(words)


def _pages() -> Iterator[tuple[str, str]]:
    """(source, passage text) for every page of every package, in a stable order."""
    for _, (html, prefix) in PACKAGES.items():
        for page in sorted(html.rglob("*.html")):
            parts = page.relative_to(html).parts
            if any(part.startswith("_") for part in parts) or parts[0] == "translations":
                continue  # Sphinx's _static, _sources, _images; the kernel's non-English pages
            parser = _Paragraphs()
            parser.feed(page.read_text(encoding="utf-8", errors="replace"))
            source = _source(prefix, page, html)
            for text in _split(parser.paragraphs):
                yield source, text


def build() -> list[Passage]:
    raw = list(tqdm(_pages(), desc="corpus: split pages into passages", unit=" passages"))
    rng = np.random.default_rng(SEED)
    order = rng.permutation(len(raw))
    buckets = rng.integers(0, 100, len(raw))
    return [
        Passage(i, raw[j][1], raw[j][0], len(raw[j][1].split()), int(buckets[i]))
        for i, j in enumerate(order.tolist())
    ]


def _ensure_cached() -> None:
    if PASSAGES.exists():
        return
    passages = build()
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = PASSAGES.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for p in passages:
            f.write(json.dumps(asdict(p), ensure_ascii=False) + "\n")
    tmp.replace(PASSAGES)


def iterate(limit: int | None = None) -> Iterator[Passage]:
    """The first ``limit`` passages (all when None), one at a time; built and cached on first use."""
    _ensure_cached()
    with PASSAGES.open(encoding="utf-8") as f:
        for count, line in enumerate(f):
            if limit is not None and count >= limit:
                return
            yield Passage(**json.loads(line))


def load(limit: int | None = None) -> list[Passage]:
    return list(iterate(limit))
