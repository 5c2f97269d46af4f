"""tpuf_emulator: a real, local implementation of the turbopuffer HTTP API described by spec/turbopuffer.yaml."""

__version__ = "0.2.0"
