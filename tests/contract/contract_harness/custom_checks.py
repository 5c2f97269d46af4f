"""Properties schemathesis cannot see from one response alone, checked with follow-up reads.

* ``query_after_delete_finds_nothing``: after an acknowledged namespace delete, ID delete or
  delete-by-filter, a strongly consistent query finds none of the deleted documents.
  (schemathesis' own ``use_after_free`` ignores POST reads, and every read here is a POST.)
* ``written_documents_readable``: after an acknowledged upsert, every upserted document reads
  back with the same attribute values (compared by the namespace's declared/inferred type).
* ``rate_limited_response_has_retry_after``: a 429 tells the client when to come back.

Each check takes an ``Exchange`` (what was sent and what came back) and, when it needs to
read, an ``httpx.Client`` bound to the same server and key. It returns True when it verified
something, False when the exchange was not one it applies to, and raises ``AssertionError``
with a precise message when the property is violated. The schemathesis hooks
(``st_hooks.py``) wrap these; the mutant tests prove each can fail.
"""

from __future__ import annotations

import base64
import email.utils
import math
import re
import urllib.parse
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import numpy as np

WRITE_PATH = "/v2/namespaces/{namespace}"
QUERY_LIMIT = 10_000


@dataclass(frozen=True)
class Exchange:
    """One request the suite sent and the response it got, in plain Python values."""

    method: str
    path_template: str
    namespace: str | None
    body: Any
    status: int
    headers: Mapping[str, str]
    response_json: Any

    @property
    def is_write(self) -> bool:
        return self.method == "POST" and self.path_template == WRITE_PATH

    @property
    def is_namespace_delete(self) -> bool:
        return self.method == "DELETE" and self.path_template == WRITE_PATH


# ---- 429 ------------------------------------------------------------------------------------


def rate_limited_response_has_retry_after(exchange: Exchange) -> bool:
    if exchange.status != 429:
        return False
    value = _header(exchange.headers, "retry-after")
    assert value is not None, (
        f"{exchange.method} {exchange.path_template} answered 429 without a Retry-After header "
        "(clients cannot know when to retry)"
    )
    assert _is_retry_after_value(value), (
        f"429 Retry-After {value!r} is neither delta-seconds nor an HTTP-date"
    )
    return True


def _is_retry_after_value(value: str) -> bool:
    if re.fullmatch(r"\d+", value.strip()):
        return True
    try:
        return email.utils.parsedate_to_datetime(value) is not None
    except (TypeError, ValueError):
        return False


def _header(headers: Mapping[str, Any], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            if isinstance(value, list):
                return value[0] if value else None
            return value
    return None


# ---- query after delete ---------------------------------------------------------------------


def query_after_delete_finds_nothing(exchange: Exchange, probe: httpx.Client) -> bool:
    if exchange.status != 200 or exchange.namespace is None:
        return False
    if exchange.is_namespace_delete:
        answer = _query(probe, exchange.namespace, {"rank_by": ["id", "asc"], "limit": 10})
        if answer.status_code == 404:
            return True
        assert answer.status_code == 200, _unexpected("query after namespace delete", answer)
        rows = answer.json().get("rows")
        assert not rows, (
            f"namespace {exchange.namespace!r} was deleted (200) but a query still finds "
            f"{len(rows)} document(s), e.g. id {rows[0].get('id')!r}"
        )
        return True
    if not exchange.is_write or not isinstance(exchange.body, dict):
        return False
    verified = False
    deleted = _deleted_ids(exchange.body, exchange.response_json)
    if deleted:
        rows = _rows_with_ids(probe, exchange.namespace, deleted, "query after delete")
        assert not rows, (
            f"write to {exchange.namespace!r} deleted ids {deleted[:5]!r} (200) but a query still finds "
            f"{sorted(map(repr, (row['id'] for row in rows)))[:5]}"
        )
        verified = True
    if _delete_by_filter_is_checkable(exchange.body, exchange.response_json):
        written = _ids_written_after_filter_delete(exchange.body)
        filters = exchange.body["delete_by_filter"]
        if written:
            filters = ["And", [filters, ["id", "NotIn", written]]]
        answer = _query(
            probe, exchange.namespace, {"filters": filters, "rank_by": ["id", "asc"], "limit": 10}
        )
        assert answer.status_code == 200, _unexpected("query with the delete_by_filter filter", answer)
        rows = answer.json().get("rows") or []
        assert not rows, (
            f"delete_by_filter {exchange.body['delete_by_filter']!r} on {exchange.namespace!r} succeeded "
            f"(rows_remaining false) but a query with the same filter still finds id {rows[0].get('id')!r}"
        )
        verified = True
    return verified


def _deleted_ids(body: dict[str, Any], result: Any) -> list[Any]:
    deletes = body.get("deletes")
    if not isinstance(deletes, list) or not deletes:
        return []
    if isinstance(result, dict) and body.get("return_affected_ids") is True:
        return list(result.get("deleted_ids") or [])
    if "delete_condition" in body:
        return []  # which deletions happened is unknown without the affected IDs
    return list(deletes)


def _delete_by_filter_is_checkable(body: dict[str, Any], result: Any) -> bool:
    if "delete_by_filter" not in body:
        return False
    if isinstance(result, dict) and result.get("rows_remaining"):
        return False
    # A patch_by_filter (run after the delete) can make surviving documents match the filter.
    return "patch_by_filter" not in body


def _ids_written_after_filter_delete(body: dict[str, Any]) -> list[Any]:
    """IDs the same request may (re)write after its delete_by_filter ran."""
    ids: list[Any] = []
    for key in ("upsert_rows", "patch_rows"):
        rows = body.get(key)
        if isinstance(rows, list):
            ids.extend(row["id"] for row in rows if isinstance(row, dict) and "id" in row)
    for key in ("upsert_columns", "patch_columns"):
        columns = body.get(key)
        if isinstance(columns, dict) and isinstance(columns.get("id"), list):
            ids.extend(columns["id"])
    return ids


# ---- written documents are readable ---------------------------------------------------------


def written_documents_readable(exchange: Exchange, probe: httpx.Client) -> bool:
    if not exchange.is_write or exchange.status != 200 or exchange.namespace is None:
        return False
    if not isinstance(exchange.body, dict):
        return False
    written = _upserted_rows(exchange.body, exchange.response_json)
    if not written:
        return False
    schema = _schema(probe, exchange.namespace)
    found = {
        _id_key(row["id"]): row
        for row in _rows_with_ids(probe, exchange.namespace, list(written), "read back")
    }
    for key, row in written.items():
        stored = found.get(_id_key(key))
        assert stored is not None, (
            f"upserted document id {key!r} in {exchange.namespace!r} (200) is not found by a query on its id"
        )
        for attribute, value in row.items():
            if attribute == "id":
                continue
            attr_type = (schema.get(attribute) or {}).get("type")
            got = stored.get(attribute)
            assert same_value(attr_type, value, got), (
                f"document {key!r} in {exchange.namespace!r}: attribute {attribute!r} (type {attr_type}) "
                f"was written as {value!r} but reads back as {got!r}"
            )
    return True


def _upserted_rows(body: dict[str, Any], result: Any) -> dict[Any, dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    if isinstance(body.get("upsert_rows"), list):
        rows.extend(row for row in body["upsert_rows"] if isinstance(row, dict) and "id" in row)
    columns = body.get("upsert_columns")
    if isinstance(columns, dict) and isinstance(columns.get("id"), list):
        if not all(isinstance(values, list) for values in columns.values()):
            return {}  # a column given as one value has no per-row meaning to compare
        for index, doc_id in enumerate(columns["id"]):
            rows.append(
                {name: values[index] if index < len(values) else None for name, values in columns.items()}
            )
            rows[-1]["id"] = doc_id
    by_id = {row["id"]: row for row in rows if _hashable(row["id"])}
    if isinstance(result, dict) and body.get("return_affected_ids") is True:
        applied = {_id_key(i) for i in result.get("upserted_ids") or []}
        return {key: row for key, row in by_id.items() if _id_key(key) in applied}
    if "upsert_condition" in body:
        return {}  # which upserts happened is unknown without the affected IDs
    return by_id


def _hashable(value: Any) -> bool:
    return isinstance(value, (int, str)) and not isinstance(value, bool)


def _id_key(value: Any) -> Any:
    """IDs compare by value: a UUID string matches its canonical form."""
    if isinstance(value, str):
        try:
            return uuid.UUID(value)
        except ValueError:
            return value
    return value


def same_value(attr_type: str | None, written: Any, stored: Any) -> bool:
    """Whether ``stored`` (read back) is the value ``written`` for an attribute of ``attr_type``."""
    if written is None:
        return stored is None
    if stored is None:
        return False
    kind = attr_type or ""
    if kind.startswith("[") and re.match(r"\[\d+\](f32|f16|i8)$", kind):
        return _same_vector(kind, written, stored)
    if kind.startswith("{}"):
        return (
            isinstance(stored, dict)
            and set(written) == set(stored)
            and all(
                math.isclose(float(written[k]), float(stored[k]), rel_tol=1e-3, abs_tol=1e-3) for k in written
            )
        )
    element = kind[2:] if kind.startswith("[]") else kind
    if kind.startswith("[]"):
        return (
            isinstance(written, list)
            and isinstance(stored, list)
            and len(written) == len(stored)
            and all(_same_scalar(element, w, s) for w, s in zip(written, stored, strict=True))
        )
    return _same_scalar(element, written, stored)


def _same_scalar(kind: str, written: Any, stored: Any) -> bool:
    if kind == "datetime":
        want, got = _epoch_ms(written), _epoch_ms(stored)
        return want == got if want is not None and got is not None else written == stored
    if kind == "uuid":
        return _id_key(written) == _id_key(stored)
    if kind == "bytes":
        return base64.b64decode(written) == base64.b64decode(stored)
    if isinstance(written, bool) or isinstance(stored, bool):
        return written is stored
    if isinstance(written, (int, float)) and isinstance(stored, (int, float)):
        return float(written) == float(stored)
    return written == stored


def _same_vector(kind: str, written: Any, stored: Any) -> bool:
    want = _as_vector(written)
    got = _as_vector(stored)
    if want is None or got is None or want.shape != got.shape:
        return False
    if kind.endswith("f32"):
        return bool(np.array_equal(want.astype(np.float32), got.astype(np.float32)))
    if kind.endswith("f16"):
        return bool(np.allclose(want.astype(np.float16), got, rtol=1e-3, atol=1e-3))
    return bool(np.allclose(want, got, atol=0.5))


def _as_vector(value: Any) -> np.ndarray | None:
    if isinstance(value, str):
        return np.frombuffer(base64.b64decode(value), dtype="<f4").astype(np.float64)
    if isinstance(value, list) and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in value
    ):
        return np.asarray(value, dtype=np.float64)
    return None


_FRACTION = re.compile(r"(\.\d{1,6})\d*")


def _epoch_ms(value: Any) -> int | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    if not isinstance(value, str):
        return None
    text = _FRACTION.sub(r"\1", value.strip()).replace("z", "Z")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)


# ---- follow-up reads ------------------------------------------------------------------------


def _query(probe: httpx.Client, namespace: str, body: dict[str, Any]) -> httpx.Response:
    return probe.post(f"/v2/namespaces/{_quote(namespace)}/query", json=body)


def _rows_with_ids(probe: httpx.Client, namespace: str, ids: list[Any], what: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for start in range(0, len(ids), QUERY_LIMIT):
        chunk = ids[start : start + QUERY_LIMIT]
        answer = _query(
            probe,
            namespace,
            {
                "filters": ["id", "In", chunk],
                "rank_by": ["id", "asc"],
                "limit": len(chunk),
                "include_attributes": True,
            },
        )
        assert answer.status_code == 200, _unexpected(what, answer)
        rows.extend(answer.json().get("rows") or [])
    return rows


def _schema(probe: httpx.Client, namespace: str) -> dict[str, Any]:
    answer = probe.get(f"/v1/namespaces/{_quote(namespace)}/schema")
    assert answer.status_code == 200, _unexpected("schema read after a write", answer)
    schema = answer.json()
    return schema if isinstance(schema, dict) else {}


def _quote(namespace: str) -> str:
    return urllib.parse.quote(namespace, safe="")


def _unexpected(what: str, answer: httpx.Response) -> str:
    return f"{what}: {answer.request.method} {answer.request.url.path} -> {answer.status_code} {answer.text[:300]}"
