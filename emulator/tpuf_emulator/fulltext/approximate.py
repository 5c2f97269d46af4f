"""Approximate substring search in linear time: does ``text`` contain a substring within ``k``
Levenshtein edits (insertions, deletions, substitutions) of ``needle``?

Myers' bit-parallel algorithm (1999, in Hyyrö's formulation), searching variant: one pass over the
text, a few big-integer operations per character, ``O(len(text) * len(needle) / 64)`` whatever the
input. Before it, the pigeonhole principle rejects most texts at C speed: cut the needle into
``k + 1`` pieces; an alignment with at most ``k`` edits leaves one of them untouched, so a text that
contains none of the pieces cannot match (``Fuzzy`` guarantees pieces of at least 3 characters).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ApproximateSearch:
    needle: str
    k: int
    _peq: dict[str, int] = field(init=False, repr=False, compare=False)
    _pieces: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.needle:
            raise ValueError("the needle must not be empty")
        peq: dict[str, int] = {}
        for i, char in enumerate(self.needle):
            peq[char] = peq.get(char, 0) | (1 << i)
        object.__setattr__(self, "_peq", peq)
        m, parts = len(self.needle), min(self.k + 1, len(self.needle))
        bounds = [m * p // parts for p in range(parts + 1)]
        pieces = tuple(self.needle[a:b] for a, b in zip(bounds, bounds[1:], strict=False))
        object.__setattr__(self, "_pieces", pieces)

    def found_in(self, text: str) -> bool:
        m, k = len(self.needle), self.k
        if m <= k:
            return True  # the empty substring is close enough
        if len(text) < m - k or not any(piece in text for piece in self._pieces):
            return False
        peq, mask, high = self._peq, (1 << m) - 1, 1 << (m - 1)
        pv, mv, score = mask, 0, m
        for char in text:
            eq = peq.get(char, 0)
            xv = eq | mv
            xh = (((eq & pv) + pv) ^ pv) | eq
            ph = mv | ~(xh | pv)
            mh = pv & xh
            if ph & high:
                score += 1
            elif mh & high:
                score -= 1
            ph = (ph << 1) & mask  # searching: a match may start anywhere, so row 0 stays 0
            mh = (mh << 1) & mask
            pv = (mh | ~(xv | ph)) & mask
            mv = ph & xv
            if score <= k:
                return True
        return False
