"""The French-original sentences of eval/facts_orangesum/: the sampler is fixed (the committed English lines belong to
the sentences it picks), and no article gives sentences to both parts."""

from __future__ import annotations

from pathlib import Path

from eval.facts_orangesum import sample, sentences

HERE = Path(__file__).resolve().parents[2] / "eval" / "facts_orangesum"


def _articles(n: int) -> list[str]:
    return [f"Article {a} commence ici avec une phrase assez longue pour compter. Puis une seconde phrase du même "
            f"article {a}, elle aussi assez longue." for a in range(n)]


def test_parts_come_from_disjoint_articles_and_repeat_with_the_seed():
    parts = sample(_articles(40), seed=7, per_part=10)
    dev = {i.split(":")[0] for i, _ in parts["dev"]}
    held = {i.split(":")[0] for i, _ in parts["heldout"]}
    assert len(dev) == len(held) == 10 and not dev & held
    assert sample(_articles(40), seed=7, per_part=10) == parts
    assert sample(_articles(40), seed=8, per_part=10) != parts
    # a further batch of the development half uses other articles than the first
    more = {i.split(":")[0] for i, _ in sample(_articles(40), seed=7, per_part=10, skip=10)["dev"]}
    assert not more & dev and not more & held


def test_a_further_batch_takes_another_sentence_of_the_same_articles():
    first = sample(_articles(40), seed=7, per_part=10)["dev"]
    again = sample(_articles(40), seed=7, per_part=10, exclude=frozenset(i for i, _ in first), choice_seed=4)["dev"]
    assert [i.split(":")[0] for i, _ in again] == [i.split(":")[0] for i, _ in first]
    assert not {i for i, _ in again} & {i for i, _ in first}


def test_sentences_are_slices_of_the_article():
    art = "Le premier ministre a parlé. Il a dit «non». Puis il est parti."
    assert [s for s in sentences(art)] == ["Le premier ministre a parlé.", "Il a dit «non».", "Puis il est parti."]


def test_committed_translations_match_the_sampler(orangesum_dir):
    articles = (orangesum_dir / "source_documents.txt").read_text(encoding="utf-8").splitlines()
    parts = sample(articles)
    for name, rows in parts.items():
        ids = (HERE / f"{name}.ids").read_text(encoding="utf-8").splitlines()
        english = (HERE / f"{name}.en").read_text(encoding="utf-8").splitlines()
        assert [i for i, _ in rows] == ids
        assert len(english) == len(rows)
    batches = {"dev2": sample(articles, skip=300)["dev"], "dev3": sample(articles, skip=600)["dev"],
               "heldout2": sample(articles, skip=300)["heldout"]}
    # dev4 and dev5: another sentence of the articles of dev and dev2 (README: how each batch was made)
    taken = frozenset(i for name in ("dev", "dev2", "dev3") for i in (HERE / f"{name}.ids").read_text().split())
    batches["dev4"] = sample(articles, exclude=taken, choice_seed=4)["dev"]
    batches["dev5"] = sample(articles, skip=300, exclude=taken, choice_seed=4)["dev"]
    held = frozenset(i for name in ("heldout", "heldout2") for i in (HERE / f"{name}.ids").read_text().split())
    batches["heldout3"] = sample(articles, exclude=held, choice_seed=4)["heldout"]
    held |= {i for i, _ in batches["heldout3"]}
    batches["heldout4"] = sample(articles, exclude=held, choice_seed=5)["heldout"]
    for name, rows in batches.items():
        assert [i for i, _ in rows] == (HERE / f"{name}.ids").read_text(encoding="utf-8").splitlines(), name
        assert len((HERE / f"{name}.en").read_text(encoding="utf-8").splitlines()) == len(rows), name
