"""The web console at ``/console``: static single-page app plus two small JSON endpoints.

``routes.py`` mounts the static assets (public: the page itself holds no data) and the key-protected
``/console/api/...`` endpoints; ``projection.py`` computes the 2-D PCA of a vector attribute;
``counters.py`` keeps the per-organisation request counters the live view shows.
"""
