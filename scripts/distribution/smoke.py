"""What each wheel must do in a fresh virtualenv. The emulator's check uses only the standard library
(its venv holds nothing but the emulator wheel and its dependencies); the client's check runs in a
venv holding only the client wheel, against the emulator started from the other venv."""

from __future__ import annotations

import textwrap

SMOKE_API_KEY = "release-smoke-key"

# argv: expected version, base URL, API key. Full-text search with English stemming and stop words
# needs the stop-word lists shipped as package data: a wheel without them fails here.
EMULATOR = textwrap.dedent(
    """
    import importlib.metadata, importlib.resources, json, sys, urllib.error, urllib.request
    import tpuf_emulator

    version, base_url, key = sys.argv[1:4]
    assert tpuf_emulator.__version__ == version, tpuf_emulator.__version__
    assert importlib.metadata.version("tpuf-emulator") == version
    stopwords = importlib.resources.files("tpuf_emulator.fulltext") / "stopwords" / "english.txt"
    assert stopwords.is_file(), "stop-word lists missing from the wheel"

    def post(path, body):
        request = urllib.request.Request(
            base_url + path, data=json.dumps(body).encode(), method="POST",
            headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as reply:
            return json.loads(reply.read())

    english = {"language": "english", "stemming": True, "remove_stopwords": True}
    post("/v2/namespaces/wheel-smoke", {
        "upsert_rows": [
            {"id": 1, "vector": [0.0, 1.0], "text": "The quick brown fox jumps"},
            {"id": 2, "vector": [1.0, 0.0], "text": "A lazy dog sleeps all day"},
        ],
        "distance_metric": "cosine_distance",
        "schema": {"text": {"type": "string", "full_text_search": english}},
    })
    def ids(rank_by):
        return [row["id"] for row in post("/v2/namespaces/wheel-smoke/query", {"rank_by": rank_by, "limit": 5})["rows"]]
    assert ids(["text", "BM25", "foxes jumping"]) == [1]  # stemmed
    assert ids(["text", "BM25", "all"]) == []  # an English stop word
    assert ids(["vector", "ANN", [0.9, 0.1]])[0] == 2

    # The web console's static assets ship in the wheel and are served without a key; its API is not.
    console = importlib.resources.files("tpuf_emulator.console") / "static"
    assert all((console / name).is_file() for name in ("index.html", "app.js", "style.css")), "console assets missing"
    with urllib.request.urlopen(base_url + "/console/", timeout=30) as reply:
        page = reply.read().decode()
        assert reply.status == 200 and 'src="app.js"' in page, page[:200]
    with urllib.request.urlopen(base_url + "/console/app.js", timeout=30) as reply:
        assert "javascript" in reply.headers["content-type"], reply.headers["content-type"]
    try:
        urllib.request.urlopen(base_url + "/console/api/counters", timeout=30)
    except urllib.error.HTTPError as error:
        assert error.code == 401, error.code
    else:
        raise AssertionError("the console API answered without a key")
    print("emulator wheel smoke test passed")
    """
)

# argv: expected version. TURBOPUFFER_BASE_URL / TURBOPUFFER_API_KEY point at the emulator.
CLIENT = textwrap.dedent(
    """
    import importlib.metadata, sys
    import numpy as np
    import turbopuffer_openapi_client as tp
    from turbopuffer_openapi_client.lang import filter as f

    version = sys.argv[1]
    assert tp.__version__ == version and importlib.metadata.version("turbopuffer-openapi-client") == version
    client = tp.Turbopuffer()
    ns = client.namespace("client-wheel-smoke")
    ns.write(upsert_rows=[{"id": 1, "vector": np.array([0.0, 1.0]), "kind": "a"},
                          {"id": 2, "vector": [1.0, 0.0], "kind": "b"}], distance_metric="cosine_distance")
    result = ns.query(rank_by=("vector", "ANN", [0.9, 0.1]), filters=f.Eq("kind", "b"), top_k=5)
    assert result.ids == [2], result
    try:
        client.namespace("client-wheel-smoke-missing").metadata()
    except tp.NotFoundError as error:
        assert error.status_code == 404
    else:
        raise AssertionError("expected NotFoundError")
    assert [s.id for s in client.namespaces(prefix="client-wheel-smoke")] == ["client-wheel-smoke"]
    ns.delete_all()
    print("client wheel smoke test passed")
    """
)
