"""Exceptions that mean "the search backend is down, slow or refused", as
opposed to a bug: the search page answers these with a 503."""

from django.db import DatabaseError


class EngineRefused(Exception):
    """The engine answered a search of a multi-search request with an error."""


_errors = [DatabaseError, ConnectionError, TimeoutError, EngineRefused]

try:
    from search.backends import opensearch_client

    _errors.append(opensearch_client.load().exceptions.OpenSearchException)
except ImportError:  # pragma: no cover - opensearch-py is a pinned dependency
    pass

try:
    from elastic_transport import TransportError as ElasticTransportError
    from elasticsearch import ApiError as ElasticApiError

    _errors.extend([ElasticTransportError, ElasticApiError])
except ImportError:  # pragma: no cover - elasticsearch is a pinned dependency
    pass

try:
    from urllib3.exceptions import HTTPError as Urllib3Error

    _errors.append(Urllib3Error)
except ImportError:  # pragma: no cover
    pass

ENGINE_ERRORS = tuple(_errors)
