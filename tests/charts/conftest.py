"""Charts of real comparisons: the answer engine over the bundled corpus's index."""

from __future__ import annotations

from tests.answer.conftest import ask, kb

__all__ = ["ask", "kb"]
