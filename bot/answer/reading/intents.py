"""What a question asks for, from the cue patterns of bot/lexicon/questions.toml.

Cues are data: each intent has patterns; the engine reads the strongest intent and,
for contact questions, which fields were asked. Patterns describe how citizens ask,
never particular sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.answer.models import Intent
from bot.lexicon.questions import QuestionLexicon, question_lexicon


@dataclass
class IntentReading:
    """The intents a question shows, strongest first, and the contact fields it asks for."""

    intents: list[Intent] = field(default_factory=list)
    contact_fields: list[str] = field(default_factory=list)
    domain: bool = False

    @property
    def primary(self) -> Intent:
        """The intent to answer first."""
        return self.intents[0] if self.intents else Intent.GENERAL


def read_intents(
    folded: str, *, has_agency: bool, has_year: bool, has_ref: bool, lexicon: QuestionLexicon | None = None
) -> IntentReading:
    """Intents of a folded question; `has_ref` when it carries a 文号 or 索引号."""
    words = lexicon or question_lexicon()
    reading = IntentReading(domain=bool(re.search(words.domain, folded)) or has_agency or has_year or has_ref)
    found = {Intent(name) for name, intent in words.intents.items() if _any(intent.cues, folded)}
    counts = bool(_COUNTS.search(folded))
    reading.contact_fields = [
        name for name, f in words.contact_fields.items() if _asks_field(f.cues, folded, counts)
    ]
    if reading.contact_fields:
        found.add(Intent.CONTACT)
    if has_ref:
        found.add(Intent.ITEM)
    if Intent.GREETING in found:
        reading.intents = [Intent.GREETING]
        return reading
    if has_year and re.search(words.yes_no, folded) and re.search(words.reported, folded):
        found.add(Intent.STATISTIC)
    # A count or yes/no question about an agency, a year or what reports count is about a report.
    about_reports = has_year or has_agency or bool(re.search(words.reported, folded))
    report_question = Intent.STATISTIC in found and about_reports and not has_ref
    # A comparison compares report figures: "平潭这几年主动公开的变化", never "政策有什么变化".
    if not (about_reports and (report_question or re.search(words.reported, folded))):
        found.discard(Intent.COMPARE)
    if not report_question:
        found.discard(Intent.STATISTIC)
    if Intent.FEE in found and has_year and re.search(words.collected, folded):
        found.add(Intent.STATISTIC)  # "2024年收了多少钱": the fees a report says were collected
    counts_reported = (
        re.search(words.reported, folded)
        and re.search(r"多少|几|数量|总数", folded)
        and not re.search(r"索引号|文号|字号|成文|有效性|是否有效|还有效吗", folded)  # asked of one document
    )
    if Intent.ITEM in found and Intent.STATISTIC in found and counts_reported and not has_ref:
        found.discard(Intent.ITEM)  # "2024年废止了多少件规范性文件": a report figure, not one document
    # A count asked of an agency or a year is a report figure, unless it asks for a phone
    # number or an address ("…的联系电话是多少"); without either, STATISTIC was dropped.
    order = [Intent(name) for name in words.order]
    reading.intents = sorted(found, key=lambda i: order.index(i) if i in order else len(order))
    if not reading.intents and not reading.domain:
        reading.intents = [Intent.OFFTOPIC]
    return reading


def _any(cues: list[str], text: str) -> bool:
    return any(re.search(cue, text) for cue in cues)


# A contact word that says how applications came in, in a count question, asks for no contact:
# 电话申请的有几件, 通过邮件提交了多少件.
_COUNTS = re.compile(r"多少|几(?:件|个|次|宗|份)")
_MANNER = re.compile(r"^(?:方式|形式)?(?:申请|提出|提交|递交|寄来|寄过来)")


def _asks_field(cues: list[str], folded: str, counts: bool) -> bool:
    """Whether a cue of a contact field asks for it (not "电话申请的有几件")."""
    for cue in cues:
        for match in re.finditer(cue, folded):
            if not (counts and _MANNER.match(folded[match.end() :])):
                return True
    return False
