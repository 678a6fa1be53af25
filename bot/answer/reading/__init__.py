"""Reading a question: its words, years, agencies and places, and what it asks for.

The lowest floor of the answer engine with `matching`: it knows the corpus only
through the agency registry and the index's segmenter it is given.
"""

from bot.answer.reading.question import Question, understand

__all__ = ["Question", "understand"]
