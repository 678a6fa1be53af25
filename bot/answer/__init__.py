"""The answer engine: one set of functions serves every channel and knows none of them.

answer(question, kb)          a free-text question -> Answer
contact_answer(kb, agency)    the contact card of an agency (/hotline)
procedure_answer(kb, agency)  how to apply to an agency (/apply)
search_documents(kb, query)   matching documents and items, paginated (/search, 相关文件)
coverage(kb)                  which agencies and years the corpus covers (/about)
"""

from bot.answer.engine import answer, contact_answer, coverage, procedure_answer, search_documents, warm
from bot.answer.models import Answer, Citation, ContactCard, Coverage, DocumentPage, Intent, ProcedureCard

__all__ = [
    "Answer",
    "Citation",
    "ContactCard",
    "Coverage",
    "DocumentPage",
    "Intent",
    "ProcedureCard",
    "answer",
    "contact_answer",
    "coverage",
    "procedure_answer",
    "search_documents",
    "warm",
]
