"""Does spec/turbopuffer.yaml cover everything an official ``turbopuffer`` client knows?

Shared by the fidelity test (tests/spec/test_client_fidelity.py, against the pinned client installed
in .venv) and ``make drift`` (scripts/drift.py, against the newest client on PyPI in a throwaway
venv). Needs only ``turbopuffer`` itself (which brings pydantic and typing_extensions) and PyYAML.

* ``spec_document``: load the spec and follow its ``$ref``s.
* ``client_surface``: what the installed client sends and expects, found by introspection.
* ``type_coverage``: compare one client Python type with one spec schema.
* ``compare``: every check of a client surface against the spec, as a list of gaps.
"""
