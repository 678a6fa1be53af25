"""Fixtures for the statistics extractor: the format readers' session cache."""

from tests.corpus.formats.conftest import read

__all__ = ["read"]
