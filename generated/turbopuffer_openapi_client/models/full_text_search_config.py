# generated from spec/turbopuffer.yaml by scripts/generate.py — do not edit
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.language import Language, check_language
from ..models.tokenizer import Tokenizer, check_tokenizer
from ..types import UNSET, Unset

T = TypeVar("T", bound="FullTextSearchConfig")


@_attrs_define
class FullTextSearchConfig:
    """Full-text analysis and BM25 options.

    Attributes:
        tokenizer (Tokenizer | Unset): How text is split into tokens; `pre_tokenized_array` takes each `[]string`
            element as one token.
        language (Language | Unset): The language for stemming and stop words.
        case_sensitive (bool | Unset): Match letter case exactly. Default: False.
        stemming (bool | Unset): Reduce words to their stem (Snowball, per `language`); needs case-insensitive analysis.
            Default: False.
        remove_stopwords (bool | Unset): Drop the language's common words (default `false` since January 2026). Default:
            False.
        ascii_folding (bool | Unset): Fold non-ASCII characters to ASCII equivalents (à → a). Default: False.
        max_token_length (int | Unset): Longer tokens (in bytes) are dropped. Default: 39.
        k1 (float | Unset): BM25 term-frequency saturation. Default: 1.2.
        b (float | Unset): BM25 document-length normalisation. Default: 0.75.
        k3 (float | Unset): BM25 query-term-frequency saturation. Default: 8.0.
    """

    tokenizer: Tokenizer | Unset = UNSET
    language: Language | Unset = UNSET
    case_sensitive: bool | Unset = False
    stemming: bool | Unset = False
    remove_stopwords: bool | Unset = False
    ascii_folding: bool | Unset = False
    max_token_length: int | Unset = 39
    k1: float | Unset = 1.2
    b: float | Unset = 0.75
    k3: float | Unset = 8.0

    def to_dict(self) -> dict[str, Any]:
        tokenizer: str | Unset = UNSET
        if not isinstance(self.tokenizer, Unset):
            tokenizer = self.tokenizer

        language: str | Unset = UNSET
        if not isinstance(self.language, Unset):
            language = self.language

        case_sensitive = self.case_sensitive

        stemming = self.stemming

        remove_stopwords = self.remove_stopwords

        ascii_folding = self.ascii_folding

        max_token_length = self.max_token_length

        k1 = self.k1

        b = self.b

        k3 = self.k3

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if tokenizer is not UNSET:
            field_dict["tokenizer"] = tokenizer
        if language is not UNSET:
            field_dict["language"] = language
        if case_sensitive is not UNSET:
            field_dict["case_sensitive"] = case_sensitive
        if stemming is not UNSET:
            field_dict["stemming"] = stemming
        if remove_stopwords is not UNSET:
            field_dict["remove_stopwords"] = remove_stopwords
        if ascii_folding is not UNSET:
            field_dict["ascii_folding"] = ascii_folding
        if max_token_length is not UNSET:
            field_dict["max_token_length"] = max_token_length
        if k1 is not UNSET:
            field_dict["k1"] = k1
        if b is not UNSET:
            field_dict["b"] = b
        if k3 is not UNSET:
            field_dict["k3"] = k3

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _tokenizer = d.pop("tokenizer", UNSET)
        tokenizer: Tokenizer | Unset
        if isinstance(_tokenizer, Unset):
            tokenizer = UNSET
        else:
            tokenizer = check_tokenizer(_tokenizer)

        _language = d.pop("language", UNSET)
        language: Language | Unset
        if isinstance(_language, Unset):
            language = UNSET
        else:
            language = check_language(_language)

        case_sensitive = d.pop("case_sensitive", UNSET)

        stemming = d.pop("stemming", UNSET)

        remove_stopwords = d.pop("remove_stopwords", UNSET)

        ascii_folding = d.pop("ascii_folding", UNSET)

        max_token_length = d.pop("max_token_length", UNSET)

        k1 = d.pop("k1", UNSET)

        b = d.pop("b", UNSET)

        k3 = d.pop("k3", UNSET)

        full_text_search_config = cls(
            tokenizer=tokenizer,
            language=language,
            case_sensitive=case_sensitive,
            stemming=stemming,
            remove_stopwords=remove_stopwords,
            ascii_folding=ascii_folding,
            max_token_length=max_token_length,
            k1=k1,
            b=b,
            k3=k3,
        )

        return full_text_search_config
