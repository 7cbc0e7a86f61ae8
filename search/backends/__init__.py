"""Search backends that understand Chinese.

- `search.backends.database`: the embedded default (SQLite FTS5 or
  PostgreSQL full-text search), with Chinese segmented by jieba in Python.
- `search.backends.opensearch` and `search.backends.elasticsearch`: Wagtail's
  engine backends with the analysis in `search.backends.analysis`.
"""
