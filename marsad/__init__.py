"""marsad: offline, Arabic-first extraction of structured knowledge from news articles."""

from marsad.engine import Engine, extract
from marsad.errors import InputError, MarsadError
from marsad.record.article import Article, Rejected

__all__ = ["Article", "Engine", "InputError", "MarsadError", "Rejected", "extract"]
