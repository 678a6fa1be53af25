"""Every example of the question lexicon reads as its intent or field, through the real reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.knowledge import knowledge_of
from bot.answer.models import Intent
from bot.lexicon.questions import load_questions, question_lexicon
from index.backend import KnowledgeBase

from .conftest import TODAY

LEXICON = question_lexicon()
INTENT_EXAMPLES = [(name, text) for name, intent in LEXICON.intents.items() for text in intent.examples]
FIELD_EXAMPLES = [(name, text) for name, f in LEXICON.contact_fields.items() for text in f.examples]


@pytest.mark.parametrize(("intent", "question"), INTENT_EXAMPLES)
def test_intent_examples(kb: KnowledgeBase, intent: str, question: str):
    assert Intent(intent) in knowledge_of(kb).read(question, TODAY).reading.intents


@pytest.mark.parametrize(("field", "question"), FIELD_EXAMPLES)
def test_contact_field_examples(kb: KnowledgeBase, field: str, question: str):
    reading = knowledge_of(kb).read(question, TODAY).reading
    assert reading.primary is Intent.CONTACT and field in reading.contact_fields


def test_a_bad_pattern_is_named_with_its_file(tmp_path: Path):
    broken = tmp_path / "questions.toml"
    text = (Path(__file__).parents[2] / "bot" / "lexicon" / "questions.toml").read_text(encoding="utf-8")
    broken.write_text(text.replace('"多久"', '"多久("', 1), encoding="utf-8")
    with pytest.raises(ValueError, match=r"(?s)questions\.toml.*time_limit.*not a valid pattern"):
        load_questions(broken)
