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

from ..errors import ApiError
from ..schema.model import LANGUAGES, TOKENIZERS, FullTextConfig

FULL_TEXT_TYPES = ("string", "[]string")
_BOOL_FIELDS = ("case_sensitive", "stemming", "remove_stopwords", "ascii_folding")
_NUMBER_FIELDS = ("k1", "b", "k3")


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def parse_full_text_config(value: Any, attribute_type: str, where: str) -> FullTextConfig | None:
    """The effective config for a ``full_text_search`` JSON value (``false``/``null`` -> ``None``).

    ``where`` names the attribute in error messages (e.g. ``"schema.title.full_text_search"``).
    Raises ``ApiError(422)`` for a wrong JSON type and ``ApiError(400)`` for an invalid setting.
    """
    if value is None or value is False:
        return None
    if value is True:
        value = {}
    if not isinstance(value, dict):
        raise ApiError(422, f"{where}: expected a boolean or an object, found {_type_name(value)}")
    known = {"tokenizer", "language", "max_token_length", *_BOOL_FIELDS, *_NUMBER_FIELDS}
    unknown = sorted(set(value) - known)
    if unknown:
        raise ApiError(400, f"{where}: unknown full-text search option(s) {', '.join(unknown)}")
    for name in ("tokenizer", "language"):
        if name in value and not isinstance(value[name], str):
            raise ApiError(422, f"{where}.{name}: expected a string, found {_type_name(value[name])}")
    for name in _BOOL_FIELDS:
        if name in value and not isinstance(value[name], bool):
            raise ApiError(422, f"{where}.{name}: expected a boolean, found {_type_name(value[name])}")
    for name in _NUMBER_FIELDS:
        if name in value and (isinstance(value[name], bool) or not isinstance(value[name], int | float)):
            raise ApiError(422, f"{where}.{name}: expected a number, found {_type_name(value[name])}")
    mtl = value.get("max_token_length")
    if mtl is None and "max_token_length" in value:  # null means the default, not a crash later
        value = {k: v for k, v in value.items() if k != "max_token_length"}
    if isinstance(mtl, float) and mtl.is_integer():  # JSON Schema's integer includes 39.0
        mtl = int(mtl)
        value = {**value, "max_token_length": mtl}
    if mtl is not None and (isinstance(mtl, bool) or not isinstance(mtl, int)):
        raise ApiError(422, f"{where}.max_token_length: expected an integer, found {_type_name(mtl)}")

    tokenizer = value.get("tokenizer", "word_v4")
    if tokenizer == "pre_tokenized_array":
        if "language" in value:
            raise ApiError(400, f"{where}: language cannot be set with the pre_tokenized_array tokenizer")
        for name in ("stemming", "remove_stopwords"):
            if value.get(name):
                raise ApiError(
                    400, f"{where}: {name} cannot be enabled with the pre_tokenized_array tokenizer"
                )
        if value.get("case_sensitive") is False:
            raise ApiError(
                400,
                f"{where}: the pre_tokenized_array tokenizer is always case-sensitive; "
                "case_sensitive cannot be false",
            )
    config = FullTextConfig(
        tokenizer=tokenizer,
        case_sensitive=value.get("case_sensitive", tokenizer == "pre_tokenized_array"),
        language=value.get("language", "english"),
        stemming=value.get("stemming", False),
        remove_stopwords=value.get("remove_stopwords", False),
        ascii_folding=value.get("ascii_folding", False),
        max_token_length=value.get("max_token_length", 39),
        k1=float(value.get("k1", 1.2)),
        b=float(value.get("b", 0.75)),
        k3=float(value.get("k3", 8.0)),
    )
    validate_full_text_config(config, attribute_type, where)
    return config


def validate_full_text_config(config: FullTextConfig, attribute_type: str, where: str) -> None:
    """Raise ``ApiError(400)`` naming the problem if ``config`` is not a valid setting."""
    if attribute_type not in FULL_TEXT_TYPES:
        raise ApiError(
            400, f"{where}: full-text search is only supported on string and []string, not {attribute_type}"
        )
    if config.tokenizer not in TOKENIZERS:
        raise ApiError(
            400, f"{where}: unknown tokenizer {config.tokenizer!r}; expected one of {', '.join(TOKENIZERS)}"
        )
    if config.language not in LANGUAGES:
        raise ApiError(
            400, f"{where}: unknown language {config.language!r}; expected one of {', '.join(LANGUAGES)}"
        )
    if not 1 <= config.max_token_length <= 254:
        raise ApiError(
            400, f"{where}: max_token_length must be between 1 and 254, got {config.max_token_length}"
        )
    if not config.k1 > 0:
        raise ApiError(400, f"{where}: k1 must be greater than 0, got {config.k1}")
    if not 0 <= config.b <= 1:
        raise ApiError(400, f"{where}: b must be between 0 and 1, got {config.b}")
    if not config.k3 > 0:
        raise ApiError(400, f"{where}: k3 must be greater than 0, got {config.k3}")
    if config.tokenizer == "pre_tokenized_array":
        if attribute_type != "[]string":
            raise ApiError(
                400, f"{where}: the pre_tokenized_array tokenizer is only supported on []string attributes"
            )
        if config.stemming or config.remove_stopwords or not config.case_sensitive:
            raise ApiError(
                400,
                f"{where}: the pre_tokenized_array tokenizer matches tokens exactly; stemming, "
                "remove_stopwords and case-insensitive matching are not allowed",
            )
    if config.case_sensitive and config.stemming:
        raise ApiError(400, f"{where}: stemming requires case-insensitive analysis (case_sensitive: false)")
    if config.case_sensitive and config.remove_stopwords and config.tokenizer != "pre_tokenized_array":
        raise ApiError(
            400, f"{where}: remove_stopwords requires case-insensitive analysis (case_sensitive: false)"
        )
