# The types of the module that scripts/generate.py renders from templates/extras/package/_spec_defaults.py.jinja;
# only for type-checking this folder at its source (never copied into generated/).
DEFAULT_BASE_URL: str
KNOWN_REGIONS: tuple[str, ...]
USER_AGENT: str
