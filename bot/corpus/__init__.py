"""The corpus layer: documents on disk to validated models.

The loader (and the PDF, HTML and Word readers behind it) is imported on first use,
so code that only needs the models, such as the answer engine, starts without them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.corpus.load import iter_document_paths, load_corpus, load_document

__all__ = ["iter_document_paths", "load_corpus", "load_document"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("bot.corpus.load"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
