# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
"""Defaults read from the spec and the generator config (the only spec-driven part of :mod:`._config`)."""

#: The spec's first server URL (``{region}`` is filled from ``region`` / ``TURBOPUFFER_REGION``).
DEFAULT_BASE_URL = "https://{region}.turbopuffer.com"
#: Region names the spec lists for ``{region}`` (others are accepted: the list grows).
KNOWN_REGIONS: tuple[str, ...] = (
    "aws-ap-southeast-2",
    "aws-ca-central-1",
    "aws-eu-central-1",
    "aws-eu-west-1",
    "aws-eu-west-2",
    "aws-us-east-1",
    "aws-us-east-2",
    "aws-us-west-2",
    "aws-ap-south-1",
    "aws-sa-east-1",
    "gcp-us-central1",
    "gcp-us-east1",
    "gcp-us-west1",
    "gcp-us-east4",
    "gcp-northamerica-northeast2",
    "gcp-europe-west3",
    "gcp-europe-west1",
    "gcp-asia-southeast1",
    "gcp-asia-northeast3",
)
#: Sent with every request: this client's distribution name and version.
USER_AGENT = "turbopuffer-openapi-client/0.2.0 (python; httpx)"
