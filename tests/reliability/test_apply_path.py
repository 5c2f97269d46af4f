"""One apply path: what a random sequence of writes built live is exactly what recovery rebuilds,
from the log alone and from a snapshot plus the log after it.

Every kind of request goes through the in-process registry with a data directory: upserts, patches,
deletes, conditional writes, delete/patch by filter, schema changes (new attributes, full-text
options, drops), copy and branch, metadata patches and namespace deletions; requests the API
refuses are part of the sequence too (they must log nothing). The state compared is what users
read: documents, schema, metadata, the namespace list, and the results of full-text (BM25), ANN
and filtered order-by queries.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tpuf_emulator.errors import ApiError
from tpuf_emulator.namespaces import Registry
from tpuf_emulator.storage import open_storage

from .conftest import FUZZ

BUDGET = settings(
    max_examples=300 if FUZZ else 40,
    deadline=None,
    derandomize=not FUZZ,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

ORG = "dev"
NAMESPACES = ("a", "b", "c")
WORDS = ("apple", "apples", "pear", "the", "running", "runs", "blue")
TAGS = ("red", "green", "blue")
ids = st.integers(min_value=0, max_value=11)
texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)
vectors = st.lists(st.integers(min_value=1, max_value=4).map(float), min_size=4, max_size=4)
namespaces = st.sampled_from(NAMESPACES)


def _row(doc_id: int, text: str, n: int, tag: str | None, vector: list[float]) -> dict[str, Any]:
    row: dict[str, Any] = {"id": doc_id, "text": text, "n": n, "vector": vector}
    if tag is not None:
        row["tag"] = tag
    return row


rows = st.builds(_row, ids, texts, st.integers(-3, 3), st.none() | st.sampled_from(TAGS), vectors)
upsert_rows = st.lists(rows, min_size=1, max_size=6, unique_by=lambda row: row["id"])
patch_values = st.fixed_dictionaries({}, optional={"n": st.none() | st.integers(-3, 3), "tag": st.sampled_from(TAGS),
                                                   "text": texts})  # fmt: skip
conditions = st.sampled_from([["n", "Lt", 1], ["tag", "Eq", "red"], ["n", "Gte", ["$ref_new", "n"]]])

KEY = "projects/p/locations/l/keyRings/r/cryptoKeys/k"
write_settings = st.sampled_from(
    [
        {},
        {},
        {},
        {"encryption": {"mode": "customer-managed", "key_name": KEY}},
        {"sharding": {"num_shards": 2}},
    ]
)
upserts = st.builds(
    lambda rows_, condition, extra: {"upsert_rows": rows_, "distance_metric": "cosine_distance", **extra,
                                     **({"upsert_condition": condition} if condition else {})},
    upsert_rows, st.none() | conditions, write_settings,
)  # fmt: skip
patches = st.builds(
    lambda patched, values, condition: {"patch_rows": [{"id": i, **values} for i in patched],
                                        **({"patch_condition": condition} if condition else {})},
    st.lists(ids, min_size=1, max_size=4, unique=True), patch_values, st.none() | conditions,
)  # fmt: skip
deletes = st.builds(
    lambda deleted, condition: {"deletes": deleted, **({"delete_condition": condition} if condition else {})},
    st.lists(ids, min_size=1, max_size=4, unique=True),
    st.none() | st.sampled_from([["n", "Lt", 0], ["tag", "NotEq", "red"]]),
)
by_filter = st.one_of(
    st.builds(lambda n: {"delete_by_filter": ["n", "Gte", n]}, st.integers(-3, 4)),
    st.builds(
        lambda tag, n: {"patch_by_filter": {"filters": ["tag", "Eq", tag], "patch": {"n": n}}},
        st.sampled_from(TAGS),
        st.integers(-3, 3),
    ),  # fmt: skip
)
schema_changes = st.sampled_from(
    [
        {"text": {"type": "string", "full_text_search": True}},
        {"text": {"type": "string", "full_text_search": {"stemming": True, "remove_stopwords": False}}},
        {"text": {"type": "string", "full_text_search": False}},
        {"tag": {"type": "string", "filterable": False}},
        {"tag": {"drop": True}},
        {"n": {"drop": True}},
        {"note": {"type": "string"}},
    ]
)

upsert_ops = st.tuples(st.just("write"), namespaces, upserts)
write_ops = st.tuples(st.just("write"), namespaces, st.one_of(patches, deletes, by_filter))
schema_ops = st.tuples(st.just("schema"), namespaces, schema_changes)
copy_ops = st.tuples(
    st.just("write"), namespaces,
    st.builds(lambda kind, source: {kind: source}, st.sampled_from(["copy_from_namespace", "branch_from_namespace"]),
              namespaces),
)  # fmt: skip
meta_ops = st.tuples(st.just("meta"), namespaces, st.sampled_from([{"pinning": True}, {"pinning": None},
                                                                   {"read_only": True}, {"read_only": False},
                                                                   {"read_only": False, "pinning": None}]))  # fmt: skip
drop_ops = st.tuples(st.just("drop"), namespaces, st.just({}))
# Every sequence starts by creating a namespace, and upserts stay the most common request.
operations = st.builds(
    lambda first, rest: [first, *rest],
    upsert_ops,
    st.lists(st.one_of(upsert_ops, upsert_ops, upsert_ops, write_ops, write_ops, schema_ops, copy_ops, meta_ops,
                       drop_ops), max_size=25),
)  # fmt: skip


def _perform(registry: Registry, operation: tuple[str, str, dict[str, Any]]) -> None:
    kind, name, body = operation
    try:
        if kind == "write":
            registry.write(ORG, name, body)
        elif kind == "schema":
            registry.update_schema(ORG, name, body)
        elif kind == "meta":
            registry.patch_metadata(ORG, name, body)
        else:
            registry.delete_namespace(ORG, name)
    except ApiError:
        pass  # refused: it must have logged and applied nothing, which the comparison checks


def _plain(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _answers(registry: Registry, name: str, schema: dict[str, Any]) -> list[Any]:
    bodies: list[dict[str, Any]] = []
    for attr, config in schema.items():
        if isinstance(config, dict) and config.get("full_text_search"):
            bodies += [
                {"rank_by": [attr, "BM25", word], "limit": 10} for word in ("apple", "running", "the pear")
            ]
        if str(config.get("type", "")).startswith("[4]"):
            bodies.append({"rank_by": [attr, "ANN", [1.0, 2.0, 3.0, 4.0]], "limit": 5})
    if "n" in schema:
        bodies.append({"rank_by": ["n", "desc"], "filters": ["n", "Gte", 0], "limit": 5,
                       "include_attributes": True})  # fmt: skip
    if "tag" in schema:
        bodies.append({"aggregate_by": {"count": ["Count"]}, "group_by": ["tag"], "limit": 10})
    answers = []
    for body in bodies:
        try:
            result = registry.query(ORG, name, body)
            answers.append(_plain({key: result.get(key) for key in ("rows", "aggregation_groups")}))
        except ApiError as exc:
            answers.append(("error", exc.status, exc.message))
    return answers


def _state(registry: Registry) -> dict[str, Any]:
    names = [ns["id"] for ns in registry.list_namespaces(ORG, "", None, 100)["namespaces"]]
    state: dict[str, Any] = {"list": names}
    for name in names:
        schema = registry.get_schema(ORG, name)
        metadata = registry.metadata(ORG, name)
        metadata.pop("index")  # ANN folding progress: not state
        documents = registry._orgs[ORG][name].docs
        state[name] = {
            "schema": schema,
            "metadata": metadata,
            "docs": [_plain(doc) for doc in documents.values()],  # in the namespace's order
            "answers": _answers(registry, name, schema),
        }
    return state


def _recovered(data_dir: Path) -> dict[str, Any]:
    registry = Registry(open_storage(data_dir))
    registry.recover()
    try:
        return _state(registry)
    finally:
        registry._storage.close()  # no final snapshot: the directory is not ours to change


@BUDGET
@given(operations, st.data())
def test_replay_rebuilds_exactly_what_live_writes_built(sequence, data) -> None:
    with tempfile.TemporaryDirectory() as log_only, tempfile.TemporaryDirectory() as with_snapshots:
        # One registry never compacts (recovery replays its whole log); the other snapshots at a
        # random point, and then in the background every few records (recovery: snapshot + log).
        plain = Registry(open_storage(Path(log_only)))
        snapshot_at = data.draw(st.integers(0, len(sequence)), label="snapshot_at")
        every = data.draw(st.none() | st.integers(2, 6), label="snapshot_every_records")
        compacting = Registry(open_storage(Path(with_snapshots)), snapshot_every_records=every)
        for registry in (plain, compacting):
            registry.recover()
        for position, operation in enumerate(sequence):
            if position == snapshot_at:
                compacting.snapshot()
            _perform(plain, operation)
            _perform(compacting, operation)
        compacting.wait_for_snapshot()
        live = _state(plain)
        compacted_live = _state(compacting)
        for registry in (plain, compacting):
            registry._storage.close()  # a crash: recovery has only what is on disk

        assert _recovered(Path(log_only)) == live
        assert _recovered(Path(with_snapshots)) == compacted_live
