"""The custom checks' value comparisons and 429 rule, on the wire forms the API really uses.

(Whether each check can fail against a server is shown by the mutant tests; this pins down the
comparisons that decide it, where a too-lenient rule would silently pass wrong values.)
"""

from __future__ import annotations

import base64
import struct

import pytest
from contract_harness.custom_checks import Exchange, rate_limited_response_has_retry_after, same_value


def _b64(values: list[float]) -> str:
    return base64.b64encode(struct.pack(f"<{len(values)}f", *values)).decode()


@pytest.mark.parametrize(
    ("attr_type", "written", "stored"),
    [
        ("[2]f32", [0.1, 0.2], [0.10000000149011612, 0.20000000298023224]),  # float32 rounding
        ("[2]f32", _b64([0.1, 0.2]), [0.10000000149011612, 0.20000000298023224]),  # base64 in, floats out
        ("datetime", "2015-01-20", "2015-01-20T00:00:00.000Z"),
        ("datetime", "2015-01-20T12:34:56-04:00", "2015-01-20T16:34:56.000000000Z"),
        ("uuid", "6F1C2A9E-0000-4000-8000-000000000001", "6f1c2a9e-0000-4000-8000-000000000001"),
        ("int", 3, 3),
        ("float", 2.5, 2.5),
        ("[]string", ["a", "b"], ["a", "b"]),
        (None, None, None),
    ],
)
def test_same_value_accepts_the_same_value_in_another_wire_form(attr_type, written, stored):
    assert same_value(attr_type, written, stored)


@pytest.mark.parametrize(
    ("attr_type", "written", "stored"),
    [
        ("[2]f32", [0.1, 0.2], [0.1, 0.3]),
        ("[2]f32", [0.1, 0.2], [0.1]),
        ("datetime", "2015-01-20", "2015-01-21T00:00:00Z"),
        ("string", "red shoe", "RED SHOE"),
        ("bool", True, 1),
        ("int", 3, None),
        ("[]string", ["a", "b"], ["b", "a"]),
        ("string", None, "x"),
    ],
)
def test_same_value_rejects_a_different_value(attr_type, written, stored):
    assert not same_value(attr_type, written, stored)


def _reply(status: int, headers: dict[str, str]) -> Exchange:
    return Exchange("POST", "/v2/namespaces/{namespace}/query", "ns", {}, status, headers, None)


def test_retry_after_is_required_on_429_and_must_be_seconds_or_a_date():
    assert rate_limited_response_has_retry_after(_reply(429, {"Retry-After": "2"}))
    assert rate_limited_response_has_retry_after(
        _reply(429, {"retry-after": "Wed, 21 Oct 2026 07:28:00 GMT"})
    )
    assert not rate_limited_response_has_retry_after(_reply(200, {}))
    with pytest.raises(AssertionError, match="without a Retry-After"):
        rate_limited_response_has_retry_after(_reply(429, {"retry-after-ms": "1500"}))
    with pytest.raises(AssertionError, match="neither delta-seconds nor an HTTP-date"):
        rate_limited_response_has_retry_after(_reply(429, {"Retry-After": "soon"}))
