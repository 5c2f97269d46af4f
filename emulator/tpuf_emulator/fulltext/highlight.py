"""``["Highlight", attr, config?]`` for ``compute_attributes`` (reference §5.4).

A highlight is a list of fragments of the attribute value that contain query matches, best first:
``{"text": ..., "fragment_range": [s, e], "match_ranges": [[s, e], ...], "array_index": i}``.
Ranges are half-open and absolute within the attribute value (within the element for ``[]string``;
the docs' reading, see Appendix B), in the unit ``include_offsets`` names; without
``include_offsets`` only ``text`` (and ``array_index``) are returned.

Fragments (``fragment_by``): ``sentence`` (default; UAX #29 sentence boundaries via ``uniseg``),
``paragraph`` (text between line breaks), ``word`` (each matching token alone), ``none`` (the whole
value). Surrounding whitespace is trimmed from sentence and paragraph fragments. Only fragments with
at least one match are returned; they are ranked by the fragment scorer (default: BM25 of the
fragment's terms under the attribute index's statistics; ``rank_fragments_by`` of the form
``["$fragment", "BM25", query]`` swaps in that query), ties in text order, and the best
``fragment_limit`` (default 3, at most 1024) are kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import regex
from uniseg.sentencebreak import sentences  # type: ignore[import-untyped]

from .. import serde_errors
from ..errors import ApiError
from .analysis import AnalyzedQuery, Analyzer, Token
from .index import FullTextIndex

FRAGMENT_BY = ("none", "sentence", "paragraph", "word")
OFFSET_UNITS = ("utf-8", "utf-16", "codepoints")
MAX_FRAGMENT_LIMIT = 1024
_LINE_BREAKS = regex.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")

Span = tuple[int, int]


@dataclass(frozen=True)
class HighlightConfig:
    fragment_by: str = "sentence"
    fragment_limit: int = 3
    include_offsets: str | None = None
    rank_fragments_by: Any = None


def parse_highlight_config(value: Any, where: str = "Highlight") -> HighlightConfig:
    """Validate the optional third element of a ``Highlight`` expression."""
    if value is None:
        return HighlightConfig()
    if not isinstance(value, dict):
        raise serde_errors.invalid_type(where, value, serde_errors.struct("HighlightConfig"))
    serde_errors.reject_unknown_fields(
        value, ("fragment_by", "fragment_limit", "include_offsets", "rank_fragments_by"), where
    )
    fragment_by = serde_errors.variant(
        value.get("fragment_by", "sentence"), f"{where}.fragment_by", FRAGMENT_BY, "HighlightFragmentBy"
    )
    limit = value.get("fragment_limit", 3)
    if isinstance(limit, float) and limit.is_integer():  # JSON Schema's integer includes 3.0
        limit = int(limit)
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise serde_errors.invalid_type(f"{where}.fragment_limit", limit, serde_errors.UNSIGNED)
    if not 1 <= limit <= MAX_FRAGMENT_LIMIT:
        raise ApiError(
            400, f"{where}.fragment_limit: must be between 1 and {MAX_FRAGMENT_LIMIT}, got {limit}"
        )
    offsets = value.get("include_offsets")
    if offsets is not None:
        serde_errors.variant(offsets, f"{where}.include_offsets", OFFSET_UNITS, "HighlightOffsetUnits")
    return HighlightConfig(fragment_by, limit, offsets, value.get("rank_fragments_by"))


def fragment_query(analyzer: Analyzer, rank_fragments_by: Any, where: str) -> AnalyzedQuery:
    """The query of ``rank_fragments_by = ["$fragment", "BM25", query, params?]``."""
    expr = rank_fragments_by
    if not (isinstance(expr, list) and 3 <= len(expr) <= 4 and expr[0] == "$fragment" and expr[1] == "BM25"):
        raise ApiError(400, f'{where}.rank_fragments_by: expected ["$fragment", "BM25", query]')
    params = expr[3] if len(expr) == 4 else {}
    last_as_prefix = bool(params.get("last_as_prefix", False)) if isinstance(params, dict) else False
    return analyzer.query(expr[2], last_as_prefix=last_as_prefix, where=f"{where}.rank_fragments_by")


def highlight(
    value: str | list[str] | None,
    index: FullTextIndex,
    query: AnalyzedQuery | None,
    config: HighlightConfig,
    *,
    where: str = "Highlight",
) -> list[dict[str, Any]]:
    """Highlight fragments of one row's value.

    ``query`` is the analysed BM25 query of the row's ``rank_by`` on this attribute (``None`` when
    there is none); with neither it nor ``rank_fragments_by`` there is nothing to highlight: 400.
    """
    if config.rank_fragments_by is not None:
        query = fragment_query(index.analyzer, config.rank_fragments_by, where)
    if query is None:
        raise ApiError(
            400,
            f"{where}: nothing to highlight: the query has no BM25 rank_by on this attribute and no "
            "rank_fragments_by was given",
        )
    if value is None:
        return []
    elements = [value] if isinstance(value, str) else value
    wanted = set(query.terms)

    def is_match(token: Token) -> bool:
        return token.term in wanted or (query.prefix is not None and token.term.startswith(query.prefix))

    def score(terms: list[str]) -> float:
        return index.bm25_of_terms(terms, query)

    candidates: list[tuple[float, int, int, dict[str, Any]]] = []
    for element_index, text in enumerate(elements):
        tokens = index.analyzer.tokens(text)
        for span in _fragment_spans(text, tokens, is_match, config.fragment_by):
            inside = [t for t in tokens if span[0] <= t.start and t.end <= span[1]]
            matches = [t for t in inside if is_match(t)]
            if not matches:
                continue
            fragment = _render(text, span, matches, config.include_offsets)
            if not isinstance(value, str):
                fragment["array_index"] = element_index
            candidates.append((-score([t.term for t in inside]), element_index, span[0], fragment))
    candidates.sort(key=lambda c: c[:3])
    return [c[3] for c in candidates[: config.fragment_limit]]


def _fragment_spans(text: str, tokens: list[Token], is_match: Callable[[Token], bool], by: str) -> list[Span]:
    if by == "none":
        return [(0, len(text))]
    if by == "word":
        return [(t.start, t.end) for t in tokens if is_match(t)]
    if by == "paragraph":
        cuts = [0]
        for m in _LINE_BREAKS.finditer(text):
            cuts.extend(m.span())
        cuts.append(len(text))
        raw = list(zip(cuts[::2], cuts[1::2], strict=True))
    else:
        raw, start = [], 0
        for sentence in sentences(text):
            raw.append((start, start + len(sentence)))
            start += len(sentence)
    return [_trim(text, s, e) for s, e in raw if text[s:e].strip()]


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _offset(text: str, index: int, unit: str) -> int:
    if unit == "codepoints":
        return index
    if unit == "utf-8":
        return len(text[:index].encode("utf-8"))
    return len(text[:index].encode("utf-16-le")) // 2


def _render(text: str, span: Span, matches: list[Token], unit: str | None) -> dict[str, Any]:
    fragment: dict[str, Any] = {"text": text[span[0] : span[1]]}
    if unit is not None:
        fragment["fragment_range"] = [_offset(text, span[0], unit), _offset(text, span[1], unit)]
        fragment["match_ranges"] = [
            [_offset(text, t.start, unit), _offset(text, t.end, unit)] for t in matches
        ]
    return fragment
