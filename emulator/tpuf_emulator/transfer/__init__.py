"""Seed and move data: a namespace to and from JSON Lines and Parquet files, and between servers.

The file layout (documented for users in README.md, "Seed and move data"):

* **JSON Lines** (``<namespace>.jsonl``): the first line is a header object
  ``{"version": 1, "namespace": ..., "distance_metric": ... | null, "schema": {...}}`` (``schema``
  as ``GET /v1/namespaces/{ns}/schema`` returns it); every other line is one row, the same JSON as
  an element of ``upsert_rows`` (null attributes omitted; dense vectors as number arrays, base64
  float32 accepted on read; datetimes as ISO 8601 text).
* **Parquet** (``<namespace>.parquet``): one column per attribute plus ``id``; the header lives in
  the file's key-value metadata (``turbopuffer.version``, ``turbopuffer.namespace``,
  ``turbopuffer.distance_metric``, ``turbopuffer.schema`` as JSON); dense vectors are
  fixed-size-list<float32> columns (also for ``f16``/``i8`` columns: the wire format is float32),
  datetimes ``timestamp[ms, UTC]``, uuids strings, bytes binary, sparse vectors map<string, float32>.

Modules: ``header.py`` (the header and its checks), ``values.py`` (vector and datetime codecs),
``jsonl.py`` / ``parquet.py`` (one format each; pyarrow is imported only by ``parquet.py``, and that
module only when a Parquet file is read or written), ``files.py`` (picks the format, lists a
folder), ``remote.py`` (paging export and batched import over the public HTTP API), ``seed.py``
(``--seed`` at start-up, through the registry's write path), ``progress.py`` and ``commands.py``
(the ``import`` / ``export`` subcommands).
"""
