"""Similar proposals as plain functions: which words of a new proposal to look for, and how
the existing proposals that share some of them rank.

A resident writing "小区东门加装雨棚" should be shown an existing "东门加装遮雨棚" and be
able to support it instead. Whole words do not work for that (Chinese has no spaces, and
the two titles share no word), so a text's **words** here are the distinct bigrams of its
Chinese runs (东门, 门加, 加装, 雨棚, ...) and its other words of three letters or more,
title first, then the start of the body, at most TERMS_MAX of them; each becomes a **term**
with its synonyms (core.keyword_search.expand). An existing proposal matches when it
shares ANY term; it counts as similar when it shares at least MIN_SHARED of them (one,
when the new text has only one), and the similar ones rank by:

1. how many of the terms its title mentions (a near-duplicate's title shares most),
2. how many of the terms it mentions anywhere (title or body),
3. still open for support (published or queued) before closed,
4. newest published first, then the highest id.

No Flask, no database: values in, values out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from govhub.core.keyword_search import Word, expand, runs

TERMS_MAX = 24  # distinct words of a new proposal that are looked for
TITLE_CHARS, BODY_CHARS = 200, 300  # how much of its title and body they are taken from
LATIN_MIN = 3  # shorter words than this ("a", "to", "of") would find everything
MIN_SHARED = 2  # terms an existing proposal must share to count as similar


@dataclass(frozen=True)
class Candidate:
    """An existing proposal as the ranking sees it: its words, open or not, when published."""

    id: int
    title: list[Word]
    text: list[Word]  # title and body
    is_open: bool
    published_at: datetime | None


def words(title: str, body: str) -> list[Word]:
    """The distinct words of a new proposal to look for: CJK bigrams and longer other words,
    from the title, then from the first BODY_CHARS characters of the body; at most
    TERMS_MAX."""
    found: dict[Word, None] = {}
    for is_cjk, run in runs((title or "")[:TITLE_CHARS]) + runs((body or "")[:BODY_CHARS]):
        if is_cjk:
            found.update(((True, run[i:i + 2]), None) for i in range(len(run) - 1))
        elif len(run) >= LATIN_MIN:
            found[(False, run)] = None
        if len(found) >= TERMS_MAX:
            break
    return list(found)[:TERMS_MAX]


def terms(found: list[Word], index: dict[Word, tuple[Word, ...]]) -> list[tuple[Word, ...]]:
    """The words as terms, each with its synonyms (any alternative matches)."""
    return expand(found, index)


def shared(text: list[Word], found: list[tuple[Word, ...]]) -> int:
    """How many of the terms a text mentions (by any of their alternatives), as
    core.keyword_search.mentions matches a word: a Chinese word inside a run of Chinese,
    another word at the start of a word."""
    chinese = "\n".join(run for is_cjk, run in text if is_cjk)
    other = " " + " ".join(run for is_cjk, run in text if not is_cjk)
    return sum(1 for alternatives in found if any(
        (wanted in chinese) if is_cjk else (" " + wanted) in other
        for is_cjk, wanted in alternatives))


def rank(candidates: Iterable[Candidate], found: list[tuple[Word, ...]],
         limit: int) -> list[int]:
    """The ids of the `limit` most similar candidates (see the module's doc); those that
    share too few terms are left out."""
    least = min(MIN_SHARED, len(found))
    if least == 0 or limit <= 0:
        return []
    scored = []
    for candidate in candidates:
        anywhere = shared(candidate.text, found)
        if anywhere >= least:
            published = (candidate.published_at.timestamp() if candidate.published_at
                         else float("-inf"))
            scored.append(((shared(candidate.title, found), anywhere, candidate.is_open,
                            published, candidate.id), candidate.id))
    scored.sort(reverse=True)
    return [candidate_id for _, candidate_id in scored[:limit]]
