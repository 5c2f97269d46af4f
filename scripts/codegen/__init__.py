"""Code generation for the typed Python client: spec/turbopuffer.yaml -> generated/.

The steps live in small modules (one responsibility each) and are driven by ``scripts/generate.py``:

* :mod:`codegen.spec` loads and validates the OpenAPI document;
* :mod:`codegen.view` derives the generator view handed to openapi-python-client;
* :mod:`codegen.openapi_client` runs openapi-python-client with our templates and config;
* :mod:`codegen.query_language` reads the query-language tuples of the REAL spec;
* :mod:`codegen.extras` renders our own spec-driven Jinja templates (namespace handle, builders, ...);
* :mod:`codegen.handwritten` copies the hand-written modules of ``clientlib/`` verbatim;
* :mod:`codegen.output` formats, stamps headers, diffs and replaces the output folder.
"""
