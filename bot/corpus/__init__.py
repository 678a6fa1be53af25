"""The corpus layer: documents on disk to validated models."""

from bot.corpus.load import iter_document_paths, load_corpus, load_document

__all__ = ["iter_document_paths", "load_corpus", "load_document"]
