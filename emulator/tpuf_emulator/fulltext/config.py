"""Reading and validating the ``full_text_search`` option of an attribute (reference §6.2).

The schema layer owns the attribute model; this module knows the rules that are specific to
full-text search, so the schema layer can call :func:`parse_full_text_config` for the JSON option and
:func:`validate_full_text_config` for a config built in code.

Choices where the reference is silent or unconfirmed:

* stemming and stop-word removal both need case-insensitive analysis, so ``case_sensitive: true``
  with either one is a 400 (the tokenizer library's constraint as the reference reports it);
* ``pre_tokenized_array`` matches tokens exactly, so its effective ``case_sensitive`` is ``true``;
  sending ``case_sensitive: false``, ``language``, ``stemming: true`` or ``remove_stopwords: true``
  with it is a 400, and it is only allowed on ``[]string`` attributes.
"""

from __future__ import annotations

from typing import Any

from .. import serde_errors
from ..errors import ApiError
from ..schema.model import LANGUAGES, TOKENIZERS, FullTextConfig

FULL_TEXT_TYPES = ("string", "[]string")
_BOOL_FIELDS = ("case_sensitive", "stemming", "remove_stopwords", "ascii_folding")
_NUMBER_FIELDS = ("k1", "b", "k3")
_DEFAULTS = FullTextConfig()
PRE_TOKENIZED = "pre_tokenized_array"
_FIELDS = ("tokenizer", "language", "case_sensitive", "stemming", "remove_stopwords", "ascii_folding",
           "max_token_length", "k1", "b", "k3")  # fmt: skip


def _expect_types(value: dict[str, Any], where: str) -> None:
    """422 in serde's words for an option of the wrong JSON type or an unknown enum value."""
    for name, variants, enum in (("tokenizer", TOKENIZERS, "Tokenizer"), ("language", LANGUAGES, "Language")):
        if name in value:
            serde_errors.variant(value[name], f"{where}.{name}", variants, enum)
    for name in _BOOL_FIELDS:
        if name in value and not isinstance(value[name], bool):
            raise serde_errors.invalid_type(f"{where}.{name}", value[name], serde_errors.BOOLEAN)
    for name in _NUMBER_FIELDS:
        if name in value and (isinstance(value[name], bool) or not isinstance(value[name], int | float)):
            raise serde_errors.invalid_type(f"{where}.{name}", value[name], serde_errors.FLOAT)


def _max_token_length(value: dict[str, Any], where: str) -> int:
    mtl = value.get("max_token_length")
    if mtl is None:  # absent or null: the default, not a crash later
        return _DEFAULTS.max_token_length
    if isinstance(mtl, float) and mtl.is_integer():  # JSON Schema's integer includes 39.0
        mtl = int(mtl)
    if isinstance(mtl, bool) or not isinstance(mtl, int):
        raise serde_errors.invalid_type(f"{where}.max_token_length", mtl, serde_errors.UNSIGNED)
    return mtl


def parse_full_text_config(value: Any, attribute_type: str, where: str) -> FullTextConfig | None:
    """The effective config for a ``full_text_search`` JSON value (``false``/``null`` -> ``None``).

    ``where`` names the attribute in error messages (e.g. ``"schema.title.full_text_search"``).
    Raises ``ApiError(422)`` (serde's words) for a wrong JSON type, an unknown option or an unknown
    tokenizer / language, and ``ApiError(400)`` for an invalid setting.
    Schema responses echo every effective option, including ``language: "english"`` for the
    ``pre_tokenized_array`` tokenizer; that echo is accepted back (it is the default, not a choice),
    any other language with that tokenizer is a 400.
    """
    if value is None or value is False:
        return None
    if value is True:
        value = {}
    if not isinstance(value, dict):
        raise serde_errors.invalid_type(where, value, "a boolean or struct FullTextSearchConfig")
    serde_errors.reject_unknown_fields(value, _FIELDS, where)
    _expect_types(value, where)
    max_token_length = _max_token_length(value, where)

    tokenizer = value.get("tokenizer", _DEFAULTS.tokenizer)
    if tokenizer == PRE_TOKENIZED and value.get("language", _DEFAULTS.language) != _DEFAULTS.language:
        raise ApiError(400, f"{where}.language: language cannot be set with the {PRE_TOKENIZED} tokenizer")
    config = FullTextConfig(
        tokenizer=tokenizer,
        case_sensitive=value.get("case_sensitive", tokenizer == PRE_TOKENIZED),
        language=value.get("language", _DEFAULTS.language),
        stemming=value.get("stemming", _DEFAULTS.stemming),
        remove_stopwords=value.get("remove_stopwords", _DEFAULTS.remove_stopwords),
        ascii_folding=value.get("ascii_folding", _DEFAULTS.ascii_folding),
        max_token_length=max_token_length,
        k1=float(value.get("k1", _DEFAULTS.k1)),
        b=float(value.get("b", _DEFAULTS.b)),
        k3=float(value.get("k3", _DEFAULTS.k3)),
    )
    validate_full_text_config(config, attribute_type, where)
    return config


def validate_full_text_config(config: FullTextConfig, attribute_type: str, where: str) -> None:
    """Raise ``ApiError(400)`` naming the offending option if ``config`` is not a valid setting."""
    if attribute_type not in FULL_TEXT_TYPES:
        raise ApiError(
            400, f"{where}: full-text search is only supported on string and []string, not {attribute_type}"
        )
    if config.tokenizer not in TOKENIZERS:
        raise ApiError(
            400,
            f"{where}.tokenizer: unknown tokenizer {config.tokenizer!r}; expected one of {', '.join(TOKENIZERS)}",
        )
    if config.language not in LANGUAGES:
        raise ApiError(
            400,
            f"{where}.language: unknown language {config.language!r}; expected one of {', '.join(LANGUAGES)}",
        )
    if not 1 <= config.max_token_length <= 254:
        raise ApiError(
            400,
            f"{where}.max_token_length: max_token_length must be between 1 and 254, got {config.max_token_length}",
        )
    if not config.k1 > 0:
        raise ApiError(400, f"{where}.k1: k1 must be greater than 0, got {config.k1}")
    if not 0 <= config.b <= 1:
        raise ApiError(400, f"{where}.b: b must be between 0 and 1, got {config.b}")
    if not config.k3 > 0:
        raise ApiError(400, f"{where}.k3: k3 must be greater than 0, got {config.k3}")
    if config.tokenizer == PRE_TOKENIZED:
        _validate_pre_tokenized(config, attribute_type, where)
    elif config.case_sensitive and config.remove_stopwords:
        raise ApiError(
            400,
            f"{where}.remove_stopwords: remove_stopwords requires case-insensitive analysis "
            "(case_sensitive: false)",
        )
    if config.case_sensitive and config.stemming:
        raise ApiError(
            400, f"{where}.stemming: stemming requires case-insensitive analysis (case_sensitive: false)"
        )


def _validate_pre_tokenized(config: FullTextConfig, attribute_type: str, where: str) -> None:
    """``pre_tokenized_array`` matches tokens exactly: no stemming, stop words or case folding."""
    if attribute_type != "[]string":
        raise ApiError(
            400, f"{where}.tokenizer: the {PRE_TOKENIZED} tokenizer is only supported on []string attributes"
        )
    for name in ("stemming", "remove_stopwords"):
        if getattr(config, name):
            raise ApiError(
                400,
                f"{where}.{name}: {name} cannot be enabled with the {PRE_TOKENIZED} tokenizer "
                "(it matches tokens exactly)",
            )
    if not config.case_sensitive:
        raise ApiError(
            400,
            f"{where}.case_sensitive: the {PRE_TOKENIZED} tokenizer is always case-sensitive; "
            "case_sensitive cannot be false",
        )
