"""The analyzer: jieba words with real positions and offsets, folded, pickled with its words."""

from __future__ import annotations

import pickle
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from bot.corpus.models import Agency, AgencyRegistry, Corpus
from bot.text import fold
from index.analyzer import STOPWORDS, USERDICT, GongkaiAnalyzer, domain_words, read_word_file
from index.build import corpus_words
from index.query import Synonyms, weighted_terms
from index.segment import (
    JiebaSegmenter,
    RJiebaSegmenter,
    import_jieba,
    jieba_dictionary_longest,
    segmentable,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def analyzer(corpus: Corpus) -> GongkaiAnalyzer:
    """The analyzer an index of the bundled corpus is built with."""
    return GongkaiAnalyzer(corpus_words(corpus))


def _texts(analyzer: GongkaiAnalyzer, text: str, main: bool | None = None) -> list[str]:
    return [t.text for t in analyzer.terms(text) if main is None or t.main is main]


def test_sub_words_sit_at_their_word_position(analyzer: GongkaiAnalyzer) -> None:
    terms = analyzer.terms("中国农业发展银行")
    bank = next(t for t in terms if t.text == "农业发展银行")
    farming = next(t for t in terms if t.text == "农业")
    assert bank.main and not farming.main
    assert farming.pos == bank.pos and bank.start <= farming.start < farming.end <= bank.end


def test_main_words_take_consecutive_positions_without_punctuation_or_stopwords(
    analyzer: GongkaiAnalyzer,
) -> None:
    terms = [t for t in analyzer.terms("请问：《政府信息公开条例》的全文在哪里？") if t.main]
    assert [t.pos for t in terms] == list(range(len(terms)))
    assert "政府信息公开条例" in [t.text for t in terms]
    assert not {"请问", "的", "在", "哪里", "：", "《"} & {t.text for t in terms}


@pytest.mark.parametrize(
    "text", ["張店區安監局的聯繫電話", "岚综管规［２０２４］４号", "ＰＺ００１０１－１７００"]
)
def test_offsets_point_into_the_original_text(analyzer: GongkaiAnalyzer, text: str) -> None:
    terms = analyzer.terms(text)
    assert terms
    for term in terms:
        assert fold(text[term.start : term.end]) == term.text


def test_traditional_and_full_width_fold_to_simplified_half_width(analyzer: GongkaiAnalyzer) -> None:
    assert _texts(analyzer, "張店區安監局") == _texts(analyzer, "张店区安监局")
    assert _texts(analyzer, "２０２４年ＡＢＣ") == _texts(analyzer, "2024年abc")


def test_question_words_go_content_words_stay(analyzer: GongkaiAnalyzer) -> None:
    words = _texts(analyzer, "请问怎么申请政府信息公开？要多少费用吗？", main=True)
    assert words == ["申请", "政府信息公开", "费用"]


def test_every_domain_word_is_one_token(analyzer: GongkaiAnalyzer) -> None:
    split = [w for w in domain_words() if len(w) > 1 and _texts(analyzer, w, main=True) != [fold(w)]]
    assert split == []


def test_every_agency_and_publisher_is_one_token(analyzer: GongkaiAnalyzer, corpus: Corpus) -> None:
    names = {name for doc in corpus.documents for name in (doc.meta.agency, doc.meta.publisher) if name}
    whole = [n for n in names if segmentable(fold(n))]
    assert whole
    assert [n for n in whole if _texts(analyzer, n, main=True) != [fold(n)]] == []


def test_a_name_with_brackets_keeps_its_pieces_whole() -> None:
    analyzer = GongkaiAnalyzer(["从化经济开发区管理委员会（广州市从化区）"])
    assert {"从化经济开发区管理委员会", "广州市从化区"} <= set(analyzer.words)


def test_userdict_is_read_without_comments() -> None:
    words = [fields[0] for fields in read_word_file(USERDICT)]
    assert "政府信息公开" in words and "索引号" in words
    assert not any(word.startswith("#") for word in words)


def test_pickle_keeps_words_not_the_segmenter(analyzer: GongkaiAnalyzer) -> None:
    analyzer.terms("预热")
    data = pickle.dumps(analyzer)
    assert b"Tokenizer" not in data and b"Jieba" not in data
    copy = pickle.loads(data)
    assert copy == analyzer and copy._segmenter is None
    assert copy.terms("张店区安监局电话") == analyzer.terms("张店区安监局电话")


def test_words_change_tokens_only_of_their_own_analyzer() -> None:
    plain, extended = GongkaiAnalyzer(), GongkaiAnalyzer(["区财政金融局"])
    assert _texts(extended, "区财政金融局", main=True) == ["区财政金融局"]
    assert _texts(plain, "区财政金融局", main=True) != ["区财政金融局"]


def test_importing_the_index_loads_no_segmenter() -> None:
    code = (
        "import sys, index, index.analyzer, index.store; print(sorted({'jieba','rjieba'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_jieba_engine_has_its_own_tokenizer() -> None:
    jieba = import_jieba()
    segmenter = JiebaSegmenter(["某某测试局"])
    assert segmenter._tokenizer is not jieba.dt
    assert [w for w, _, _ in segmenter.tokenize("某某测试局")] == ["某某测试局"]


def test_both_engines_tag_a_question_alike() -> None:
    words = ["某某测试局"]
    question = "平潭的某某测试局电话是多少"
    assert JiebaSegmenter(words).tag(question) == RJiebaSegmenter(words).tag(question)
    assert ("某某测试局", "") in RJiebaSegmenter(words).tag(question)  # a user word: no tag, kept as topic


def test_rjieba_gives_jiebas_tokens_on_the_whole_corpus(analyzer: GongkaiAnalyzer, corpus: Corpus) -> None:
    """The faster engine is used only because it cuts our text exactly as jieba does."""
    reference = GongkaiAnalyzer(analyzer.words, engine="jieba")
    assert analyzer.engine == "rjieba"
    for doc in corpus.documents:
        assert analyzer.terms(doc.text) == reference.terms(doc.text), doc.id
    words = [*domain_words(), *corpus_words(corpus)]
    assert [w for w in words if analyzer.terms(w) != reference.terms(w)] == []


def test_synonyms_join_agency_aliases_and_the_term_list() -> None:
    registry = AgencyRegistry(
        agencies=[Agency(name="张店区应急管理局", aliases=["张店区安监局", "區安監局"])]
    )
    analyzer = GongkaiAnalyzer([*domain_words(), "张店区应急管理局", "张店区安监局", "区安监局"])
    synonyms = Synonyms.load(registry)
    assert synonyms.of("张店区安监局") == ["区安监局", "张店区应急管理局"]
    assert "应急管理局" in synonyms.of("安监局")
    assert "热线" in synonyms.of("联系方式")
    weights = weighted_terms(analyzer, synonyms, "张店区安监局")
    assert weights["张店区安监局"] == 1.0
    assert 0 < weights["张店区应急管理局"] < 1.0


def _every_sub_word(analyzer: GongkaiAnalyzer, text: str) -> list[tuple[str, int, int]]:
    """The sub-words as they were found before the length bound: every substring looked up."""
    segmenter, found = analyzer.segmenter, []
    for word, start, _ in segmenter.tokenize(fold(text)):
        for piece, i, _j in segmenter.split(word):
            size = len(piece)
            found += [
                (piece[k : k + n], start + i + k, start + i + k + n)
                for n in range(2, size)
                for k in range(size - n + 1)
                if segmenter.has_word(piece[k : k + n]) and piece[k : k + n] not in STOPWORDS
            ]
    return found


@pytest.mark.parametrize("engine", ["rjieba", "jieba"])
def test_sub_words_are_those_of_every_substring_looked_up(engine: str, corpus: Corpus) -> None:
    """Looking no further than the longest dictionary word finds exactly what looking everywhere did."""
    long_user_word = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"  # longer than any jieba word
    analyzer = GongkaiAnalyzer([*corpus_words(corpus), long_user_word, long_user_word + "测试局"])
    assert analyzer.segmenter.longest == len(long_user_word + "测试局") > jieba_dictionary_longest() >= 16
    texts = [doc.text for doc in corpus.documents[:20]] + [long_user_word + "测试局", "9" * 300, "ab1-" * 50]
    for text in texts:
        subs = [(t.text, t.start, t.end) for t in analyzer.terms(text) if not t.main]
        assert sorted(subs) == sorted(_every_sub_word(analyzer, text))
    assert long_user_word in _texts(analyzer, long_user_word + "测试局", main=False)


def test_rjieba_holds_the_longest_words_of_jiebas_dictionary() -> None:
    """The bound of jieba-rs is measured on jieba's dict.txt: it must be the same dictionary."""
    text = (resources.files("jieba") / "dict.txt").read_text(encoding="utf-8")
    longest = [line.split()[0] for line in text.splitlines() if len(line.split()[0]) >= 13]
    segmenter = RJiebaSegmenter([])
    assert longest and all(segmenter.has_word(word) for word in longest)
    assert segmenter.longest == jieba_dictionary_longest() == max(map(len, longest))
