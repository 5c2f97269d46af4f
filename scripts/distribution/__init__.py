"""Building, checking, smoke-testing and rehearsing the release of the two distributions
(``scripts/release.py``): the emulator ``tpuf-emulator`` and the generated client
``turbopuffer-openapi-client``. Nothing here imports from ``tests/``."""
