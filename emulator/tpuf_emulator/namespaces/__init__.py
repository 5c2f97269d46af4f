"""Organisations and their namespaces: writes applied atomically, metadata, listing, copy/branch.

A write goes through four phases: ``write_request`` (JSON shape, 422), ``write_plan`` (everything
checked against the namespace: schema changes, ids, types, filters; 400), ``write_effects``
(conditions and filters resolved into id -> new document / deletion; ``commands`` turns them into
a ``records.WriteRecord``) and the registry's commit (record appended, then applied by
``apply.apply_record``, the same function recovery uses). Nothing is modified before the last phase.

Choices where the API reference is silent or unconfirmed (the spec documents the same):

* a write to a ``read_only`` namespace is ``403``;
* upserts must carry every dense vector attribute of the namespace; vector attributes cannot be
  patched; ``distance_metric`` is fixed by the first write that has vectors (a different one is 400);
* an attribute whose only values in a request are null or empty arrays gets no type yet, and those
  values are not stored (there is nothing to infer a type from);
* ``$ref_new`` in ``patch_condition`` reads the document as it would be after the patch; in
  ``delete_condition`` every ``$ref_new`` is null; conditions see the state after
  ``delete_by_filter`` and ``patch_by_filter`` of the same request;
* ``copy_from_namespace``/``branch_from_namespace`` need a destination without documents;
  ``source_region`` is accepted and ignored (one region); ``source_api_key`` selects the source's
  organisation among the emulator's keys (unknown key: 403);
* the legacy export pages in id order (a stable cursor under concurrent writes);
* every request is answered synchronously; ``startCopyFrom`` tokens are immediately ``finished``.
"""

from .namespace import Namespace
from .registry import Registry

__all__ = ["Namespace", "Registry"]
