"""tantivy (BM25) as a separate process, so its resident memory is its own.

``python -m benchmarks.realtext.tantivy_peer INDEX_DIR N`` indexes the first N corpus passages into
an on-disk index (like the emulator, which is durable; the indexing time includes reading the
cached passages), prints one JSON line with the indexing
time, then answers one JSON query per input line (``{"q": "...", "k": 10}``) with the search time
measured inside the process and the top-k passage ids, until its input ends.

Analysis matches the emulator's ``{"language": "english", "stemming": true, "remove_stopwords":
true}``: lowercase, tokens of at most 39 bytes, the same Snowball English stop-word list, the
Snowball English stemmer. Tokenisation differs (tantivy splits at every non-alphanumeric
character, the emulator at UAX #29 word boundaries), hence an overlap below 1.
"""

from __future__ import annotations

import json
import sys
import time

import tantivy
from tpuf_emulator.fulltext.stopwords import stopwords

from benchmarks.realtext import corpus

ANALYZER = "en_snowball"


def build(path: str, n: int) -> tuple[tantivy.Index, float]:
    schema_builder = tantivy.SchemaBuilder()
    schema_builder.add_integer_field("id", stored=False, indexed=False, fast=True)
    schema_builder.add_text_field("text", stored=False, tokenizer_name=ANALYZER)
    index = tantivy.Index(schema_builder.build(), path=path, reuse=False)
    analyzer = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.custom_stopword(sorted(stopwords("english"))))
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )
    index.register_tokenizer(ANALYZER, analyzer)
    t0 = time.perf_counter()
    writer = index.writer()
    for p in corpus.iterate(n):  # streamed: the corpus is not held in this process's memory
        writer.add_document(tantivy.Document(id=p.id, text=p.text))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index, time.perf_counter() - t0


def serve(index: tantivy.Index) -> None:
    searcher = index.searcher()
    for line in sys.stdin:
        request = json.loads(line)
        t0 = time.perf_counter()
        query = index.parse_query(request["q"], ["text"])
        hits = searcher.search(query, request["k"]).hits
        ids = searcher.fast_field_values("id", [address for _, address in hits])
        seconds = time.perf_counter() - t0
        print(json.dumps({"seconds": seconds, "ids": [i for i in ids if isinstance(i, int)]}), flush=True)


def main() -> None:
    index, seconds = build(sys.argv[1], int(sys.argv[2]))
    print(json.dumps({"index_seconds": seconds}), flush=True)
    serve(index)


if __name__ == "__main__":
    main()
