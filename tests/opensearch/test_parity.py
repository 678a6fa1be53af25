"""The same answers from the cluster as from whoosh, on the bundled corpus; and a control that differs."""

from __future__ import annotations

import json
import subprocess
import sys
from itertools import product
from pathlib import Path

import pytest

from bot.corpus.models import Corpus, DocKind
from index.backend import DocumentFilters, KnowledgeBase, RecordKind, SearchFilters
from index.opensearch.config import ClusterConfig
from index.opensearch.store import open_cluster
from tests.opensearch.conftest import cli_env, eval_questions
from tests.opensearch.ranking import disagreements, key

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]  # a first run builds the launcher
LIMIT = 50  # deeper than any answer reads


def questions(corpus: Corpus) -> list[str]:
    """The dev sets' questions, and one of each document title and agency (other members of the class)."""
    asked = eval_questions()
    asked += [f"{doc.meta.title}？" for doc in corpus.documents]
    asked += [f"{agency.name}的政府信息公开电话是多少" for agency in corpus.agencies.agencies]
    return asked


def ask(questions: list[str], env: dict[str, str], *args: str) -> list[dict[str, object]]:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "-", *args],
        input="\n".join(questions) + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=True,
    )
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(answers) == len(questions), done.stderr[-2000:]
    return answers


def test_every_question_gets_the_same_answer_from_both_backends(
    cluster_index: ClusterConfig, built_index: Path, corpus_dir: Path, corpus: Corpus
) -> None:
    asked = questions(corpus)
    whoosh_env = {k: v for k, v in cli_env(cluster_index).items() if not k.startswith("GONGKAI_")}
    whoosh = ask(asked, whoosh_env, "--index", str(built_index), "--corpus", str(corpus_dir))
    cluster = ask(asked, cli_env(cluster_index), "--corpus", str(corpus_dir))
    differ = [
        q
        for q, a, b in zip(asked, whoosh, cluster, strict=True)
        if (a["answer"], a["found"]) != (b["answer"], b["found"])
    ]
    assert not differ, differ
    assert sum(bool(a["found"]) for a in whoosh) > len(asked) // 2  # answers, not a row of apologies
    assert all(a["id"] != "error" for a in cluster)


def test_rankings_agree_up_to_the_weights_rounding(
    cluster_kb: KnowledgeBase, whoosh_kb: KnowledgeBase, corpus: Corpus
) -> None:
    problems = {}
    for question in questions(corpus):
        found = disagreements(question, whoosh_kb, cluster_kb.backend.search(question, limit=LIMIT), LIMIT)
        if found:
            problems[question] = found
    assert not problems, problems


def test_three_shards_without_dfs_rank_differently(
    cluster_index: ClusterConfig, whoosh_kb: KnowledgeBase, corpus: Corpus
) -> None:
    """The negative control: per-shard statistics change scores, and the comparison sees it."""
    kb = open_cluster(cluster_index, dfs=False)
    try:
        differing = [
            question
            for question in questions(corpus)
            if disagreements(question, whoosh_kb, kb.backend.search(question, limit=LIMIT), LIMIT)
        ]
    finally:
        kb.backend.close()
    assert len(differing) > len(questions(corpus)) // 2


def test_phrases_find_the_same_records(
    cluster_kb: KnowledgeBase, whoosh_kb: KnowledgeBase, corpus: Corpus
) -> None:
    phrases = [doc.meta.title[:8] for doc in corpus.documents]
    phrases += [section.text[5:17] for doc in corpus.documents for section in list(doc.walk_sections())[:2]]
    phrases += ["政府信息公开条例", "依申请公开", "不存在的一句话甲乙丙丁"]
    for phrase, filters in product(phrases, [None, SearchFilters(records=[RecordKind.PASSAGE])]):
        mine = [key(hit) for hit in cluster_kb.backend.phrase(phrase, filters, limit=10)]
        theirs = [key(hit) for hit in whoosh_kb.backend.phrase(phrase, filters, limit=10)]
        assert mine == theirs, phrase


def test_lookups_agree_on_every_number_and_its_bracket_variants(
    cluster_kb: KnowledgeBase, whoosh_kb: KnowledgeBase, corpus: Corpus
) -> None:
    numbers = set()
    for doc in corpus.documents:
        numbers |= {(doc.meta.doc_no, None), (None, doc.meta.index_no)}
        numbers |= {(e.doc_no, None) for e in doc.catalogue} | {(None, e.index_no) for e in doc.catalogue}
    numbers = {pair for pair in numbers if any(pair)}
    variants = set()
    for doc_no, index_no in numbers:
        variants.add((doc_no, index_no))
        if doc_no:
            for left, right in ["[]", "（）", "【】", "〔〕"]:
                variants.add((doc_no.replace("〔", left).replace("〕", right).replace("[", left), None))
            variants.add((" ".join(doc_no), None))
    assert len(numbers) >= 10
    found = 0
    for doc_no, index_no in sorted(variants, key=str):
        mine = [key(hit) for hit in cluster_kb.backend.lookup(doc_no=doc_no, index_no=index_no)]
        assert mine == [key(hit) for hit in whoosh_kb.backend.lookup(doc_no=doc_no, index_no=index_no)]
        found += bool(mine)
    assert found >= len(numbers)


def test_records_and_counts_agree_on_every_filter(
    cluster_kb: KnowledgeBase, whoosh_kb: KnowledgeBase, corpus: Corpus
) -> None:
    docs = [doc.id for doc in corpus.documents]
    agencies = sorted({doc.meta.agency for doc in corpus.documents if doc.meta.agency})
    years = sorted({doc.meta.year for doc in corpus.documents if doc.meta.year})
    filters = [SearchFilters()]
    filters += [SearchFilters(documents=[doc], records=[kind]) for doc in docs for kind in RecordKind]
    filters += [SearchFilters(agencies=[agency]) for agency in agencies]
    filters += [SearchFilters(years=[year], doc_kinds=[kind]) for year in years for kind in DocKind]
    filters += [SearchFilters(agencies=agencies[:2], years=years[-3:], records=[RecordKind.STATISTIC])]
    for f in filters:
        assert cluster_kb.backend.count(f) == whoosh_kb.backend.count(f), f
        mine = [key(hit) for hit in cluster_kb.backend.records(f, limit=5000)]
        assert mine == [key(hit) for hit in whoosh_kb.backend.records(f, limit=5000)], f
    assert cluster_kb.backend.count() == whoosh_kb.backend.count(None) > 1000


def test_the_catalogue_and_facts_agree(
    cluster_kb: KnowledgeBase, whoosh_kb: KnowledgeBase, corpus: Corpus
) -> None:
    assert cluster_kb.documents == whoosh_kb.documents
    assert cluster_kb.agencies == whoosh_kb.agencies
    assert cluster_kb.conflicts == whoosh_kb.conflicts
    assert cluster_kb.info.records == whoosh_kb.info.records
    agencies = sorted({d.agency for d in whoosh_kb.documents if d.agency})
    years = sorted({d.meta.year for d in whoosh_kb.documents if d.meta.year})
    filters = [DocumentFilters()] + [DocumentFilters(agencies=[a]) for a in agencies]
    filters += [DocumentFilters(kinds=[kind], years=years[-2:]) for kind in DocKind]
    filters += [DocumentFilters(ids=[doc.id for doc in corpus.documents[::7]])]
    for f in filters:
        assert cluster_kb.backend.documents(f) == whoosh_kb.backend.documents(f), f
    everything = cluster_kb.backend.documents(limit=None)
    assert everything == whoosh_kb.backend.documents(limit=None) and len(everything) == len(corpus.documents)
