"""The exact stage of the search: fzf-style scores, spans and explanations for the pairs worth it.

**One slot on one point** (see ``intent``): the best field wins. Every tier 1-2 field is
scored by ``fields.score_field`` and weighted (``score.WEIGHTS``); a match inside a trailing
parenthetical of the name counts as ``name.aside`` ("Access to Web Services (including
webhooks)" only mentions webhooks), and a term equal to the rest of the name as a whole
field. Then the summary (word starts only); then, when nothing matched and the typo stage ran
for the slot, a typo (``typo``). A phrase slot averages its terms. A slot with synonyms also
tries each alternative the point holds (``WEIGHTS["synonym"]`` times the alternative's own
score) and each need the point's capability serves (``NEED_SCORE``); when one wins, the hit
explains it ("notify → events").

**One pair.** Two slots that may be one word written apart ("web hooks") take the joined
word's score when it is better. A slot that names the pair's platform and matches the
platform better than the point ("online web panel") scores as the platform plus
``PLATFORM_QUALIFIER_BONUS``; one the point holds as well ("web api", "netserver soap") adds
only ``PLATFORM_TIEBREAK``, which orders the point's own pairs. Slots are averaged by weight
(the engine's: letters times rarity; by default letters); a slot the point does not match
counts 0 (the loose stage asks for such points), and then the score is multiplied by the share
of the weight matched, so a point that matches more of the query ranks higher. Consecutive
terms that together equal a field, a word of the name or the start of the name add
``PHRASE_BONUS`` in proportion to their share and the field's weight (``phrases``). The
result is scaled to 0-100.

In a sentence (a query of ``loose.LOOSE_SLOTS`` or more fuzzy slots) a fuzzy term scores
only where it is a run that starts a word: letters scattered over a long field ("erp" in
"opERations uPsert") are fzf's answer to short terms, not to words in a sentence.

Scores are remembered per (term, field), (slot, point) and (term, platform) across
searches, so the terms that stay the same while the next one is typed cost nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from explorer.core.search.fields import (
    is_whole,
    score_field,
    score_platform,
    score_summary,
)
from explorer.core.search.index import SearchIndex
from explorer.core.search.intent import Plan, Slot, Thesaurus
from explorer.core.search.phrases import Phrases
from explorer.core.search.query import Kind, Term
from explorer.core.search.score import (
    BEST_NORMALISED,
    COVERAGE_BONUS,
    NAMED_BONUS,
    NEED_SCORE,
    PHRASE_BONUS,
    PLATFORM_QUALIFIER_BONUS,
    PLATFORM_TIEBREAK,
    SCATTER_MIN,
    SYNONYM_FLOOR,
    WEIGHTS,
    WHOLE_FIELD_BONUS,
    WORD_END_BONUS,
    starts_word,
    to_spans,
)
from explorer.core.search.slots import plural_of
from explorer.core.search.typo import TYPO_MIN, score_typo

Span = tuple[int, int]
#: Score, name spans, other fields' spans, explanations, whether a typo was needed.
Scored = tuple[float, tuple[Span, ...], dict[str, tuple[Span, ...]], tuple[str, ...], bool]
#: What one slot scores on one point: score, field key, spans, name positions, explanation, typo.
SlotScore = tuple[float, str | None, tuple[Span, ...], list[int] | None, str, bool]

#: The memo is cleared when it holds more entries than this.
MEMO_ENTRIES = 200_000
_BEST_SUMMARY = WEIGHTS["summary"] * BEST_NORMALISED
#: What a perfect hit adds up to (the whole name, naming the platform, as a phrase): 100.
_TOP_SCORE = BEST_NORMALISED + PLATFORM_QUALIFIER_BONUS + PHRASE_BONUS
_NOTHING: SlotScore = (0.0, None, (), None, "", False)


class ExactScorer:
    def __init__(self, index: SearchIndex, thesaurus: Thesaurus, alternative_points) -> None:
        """``alternative_points(phrase)``: the points a synonym alternative matches."""
        self.index = index
        self.thesaurus = thesaurus
        self.alternative_points = alternative_points
        self.memo: dict = {}
        self._ids: dict[tuple, int] = {}
        self.phrases = Phrases(index, thesaurus, self.memo)

    def clear(self) -> None:
        self.memo.clear()
        self._ids.clear()

    def score(self, plan: Plan, pairs: Iterable[tuple[int, int]], typo_slots: frozenset[int] = frozenset(),
              weights: list[float] | None = None, sentence: bool = False) -> list[Scored]:
        """Exact scores of (point rank, platform index) pairs; ``typo_slots`` are the indices
        of the slots the typo stage ran for, ``weights`` how much each slot counts (default:
        its letters). In a ``sentence`` (see ``slots``) a fuzzy word scores only where it
        starts a word, as a run."""
        memo = self.memo
        if len(memo) > MEMO_ENTRIES:
            memo.clear()
            self._ids.clear()
        slots = plan.slots
        rows = [(i, row) for i, row in enumerate(map(self._platform_row, slots)) if row is not None]
        if weights is None:
            weights = [float(slot.weight) for slot in slots]
        weight_sum = sum(weights) or 1
        wordwise = [sentence and slot.fuzzy for slot in slots]
        ids = [self._id((slot.key, i in typo_slots, w)) for i, (slot, w) in enumerate(zip(slots, wordwise))]
        words = tuple(t.text.lower() for slot in slots for t in slot.terms)
        phrase_id = self._id((words, tuple(s.synonyms for s in slots), "phrase")) if len(words) > 1 else None
        points: dict[int, tuple] = {}
        out: list[Scored] = []
        for rank, plat in pairs:
            got = points.get(rank)
            if got is None:
                got = points[rank] = self._point_part(plan, rank, ids, typo_slots, wordwise, weights, words, phrase_id)
            scores, keys, name_spans, explain, by_typo, phrase = got
            if rows:
                scores, keys = list(scores), list(keys)
                for i, row in rows:
                    named = row[plat]
                    if named is None:
                        continue
                    score = named[0] * WEIGHTS["platform"]
                    if score > scores[i]:  # the term is about the platform, not the point
                        scores[i] = score + PLATFORM_QUALIFIER_BONUS
                        keys[i] = (named[1], to_spans(named[2]))
                    else:  # the point holds the term itself: the platform only breaks ties
                        scores[i] += PLATFORM_TIEBREAK
            spans = {k: v for k, v in keys if k is not None and k != "name"}
            score = sum(s * w for s, w in zip(scores, weights)) / weight_sum + phrase
            if 0.0 in scores:  # a loose hit: the share of the query it misses costs twice
                score *= sum(w for s, w in zip(scores, weights) if s) / weight_sum
            out.append((min(100.0, round(100.0 * score / _TOP_SCORE, 2)), name_spans, spans, explain, by_typo))
        return out

    def _id(self, key: tuple) -> int:
        """A small int standing for a composite key in the memo (cheap to hash)."""
        got = self._ids.get(key)
        if got is None:
            got = self._ids[key] = len(self._ids)
        return got

    def _point_part(self, plan: Plan, rank: int, ids: list[int], typo_slots: frozenset[int], wordwise: list[bool],
                    weights: list[float], words: tuple[str, ...], phrase_id: int | None) -> tuple:
        """What a point scores whatever the platform: slot scores, their fields, name spans,
        explanations, whether a typo was needed, the phrase bonus."""
        memo = self.memo
        if len(ids) == 1 and not plan.joins and phrase_id is None:  # one slot: the common case
            key = (ids[0], rank)
            got = memo.get(key)
            if got is None:
                got = memo[key] = self._slot_point(plan.slots[0], rank, 0 in typo_slots, wordwise[0])
            best, best_key, best_spans, on_name, why, typo_used = got
            return ([best], [(best_key, best_spans)], to_spans(on_name) if on_name else (),
                    (why,) if why else (), typo_used, 0.0)
        scores: list[float] = []
        keys: list[tuple[str | None, tuple[Span, ...]]] = []
        name_positions: set[int] = set()
        explain: list[str] = []
        by_synonym: list[int] = []
        by_typo = False
        for i, (slot, sid) in enumerate(zip(plan.slots, ids)):
            key = (sid, rank)
            got = memo.get(key)
            if got is None:
                got = memo[key] = self._slot_point(slot, rank, i in typo_slots, wordwise[i])
            best, best_key, best_spans, on_name, why, typo_used = got
            if on_name:
                name_positions.update(on_name)
            if why:
                explain.append(why)
                by_synonym.append(i)
            by_typo = by_typo or typo_used
            scores.append(best)
            keys.append((best_key, best_spans))
        for i, joined in plan.joins:
            self._join(joined, i, rank, scores, weights, name_positions)
        phrase = 0.0
        if phrase_id is not None:
            phrase = memo.get((phrase_id, rank))
            if phrase is None:
                phrase = memo[(phrase_id, rank)] = self.phrases.bonus(plan, words, rank, tuple(by_synonym))
        return scores, keys, to_spans(sorted(name_positions)), tuple(explain), by_typo, phrase

    def _platform_row(self, slot: Slot) -> list | None:
        """How the slot's term scores on each platform's own fields (None: it names none)."""
        if len(slot.terms) != 1:
            return None
        term = slot.terms[0]
        row = []
        for pf in self.index.platforms:
            key = (term.key, pf.index, "platform")
            got = self.memo.get(key)
            if got is None:
                got = self.memo[key] = score_platform(term, pf.fields)
            row.append(got if got[2] is not None else None)
        return row if any(r is not None for r in row) else None

    def _join(self, joined: Term, i: int, rank: int, scores: list[float], weights: list[float],
              name_positions: set[int]) -> None:
        """Slots i and i + 1 take the joined word's score where it beats them apart."""
        key = (self._id((joined.key, "join")), rank)
        got = self.memo.get(key)
        if got is None:
            # only a run counts: the words were typed apart, so scattered letters add nothing
            if any(joined.text in low for _, _, low, _ in self.index.point_fields(rank)):
                got = self._point_term(joined, rank, False, squeezed=False)
            else:
                got = _NOTHING
            self.memo[key] = got
        best, _, _, on_name, _, _ = got
        apart = (scores[i] * weights[i] + scores[i + 1] * weights[i + 1]) / (weights[i] + weights[i + 1])
        if best > apart:
            scores[i] = scores[i + 1] = best
            if on_name:
                name_positions.update(on_name)

    # ------------------------------------------------------------------ one slot, one point

    def _slot_point(self, slot: Slot, rank: int, typo: bool, wordwise: bool = False) -> SlotScore:
        if len(slot.terms) == 1:
            best = self._term_memo(slot.terms[0], rank, typo, wordwise)
        else:
            best = self._phrase_direct(slot, rank, wordwise)
        if best[0] >= SYNONYM_FLOOR:
            return best  # the point holds what was typed: synonyms would only blur that
        plural = plural_of(slot)
        if plural:
            got = self._term_memo(Term(Kind.FUZZY, plural), rank, False, True)
            if got[0] * WEIGHTS["plural"] > best[0]:
                best = (got[0] * WEIGHTS["plural"], *got[1:])
        for entry in slot.synonyms:
            got = self._synonym(slot, entry, rank)
            if got[0] > best[0]:
                best = got
        return best

    def _term_memo(self, term: Term, rank: int, typo: bool, wordwise: bool = False) -> SlotScore:
        key = (self._id((term.key, typo, wordwise)), rank)
        got = self.memo.get(key)
        if got is None:
            got = self.memo[key] = self._point_term(term, rank, typo, wordwise=wordwise)
        return got

    def _phrase_direct(self, slot: Slot, rank: int, wordwise: bool) -> SlotScore:
        """A phrase slot's own terms, all of which must match: averaged by length."""
        total, positions, first = 0.0, [], None
        for term in slot.terms:
            if wordwise and term.text.lower() in self.thesaurus.stop_words:
                continue  # as in the cheap stage: "call OUR api"
            got = self._term_memo(term, rank, False, wordwise)
            if got[0] <= 0.0:
                return _NOTHING
            total += got[0] * len(term.text)
            if got[3]:
                positions.extend(got[3])
            first = first or got
        score = total / slot.weight
        return (score, first[1], first[2], sorted(set(positions)) or None, "", False)  # type: ignore[index]

    def _synonym(self, slot: Slot, entry: int, rank: int) -> SlotScore:
        """The best alternative of a synonym entry on a point, or a need it serves."""
        e = self.thesaurus.entries[entry]
        best = _NOTHING
        for phrase in e.alternatives(slot.text):
            if rank not in self.alternative_points(phrase):
                continue
            got = self._alternative(phrase, rank)
            if got[0] > best[0]:
                best = got[:4] + (f"{slot.text} → {phrase}", False)
        for need in e.needs:
            if NEED_SCORE > best[0] and rank in self.index.need_points.get(need, ()):
                best = (NEED_SCORE, None, (), None, f"{slot.text} → {need}", False)
        return best

    def _alternative(self, phrase: str, rank: int) -> SlotScore:
        """A catalog phrase on a point, each word as a word prefix; weighted as a synonym."""
        key = (phrase, rank, "alternative")
        got = self.memo.get(key)
        if got is None:
            words = self.thesaurus.content_words(phrase)
            total, positions, first = 0.0, [], None
            for word in words:
                scored = self._term_memo(Term(Kind.FUZZY, word), rank, False, True)
                if scored[0] <= 0.0:
                    total = 0.0
                    break
                total += scored[0] * len(word)
                if scored[3]:
                    positions.extend(scored[3])
                first = first or scored
            score = total / sum(map(len, words)) if total else 0.0
            if not self.phrases.calls(rank, phrase):
                score *= WEIGHTS["synonym"]
            got = (score, first[1], first[2], sorted(set(positions)) or None, "", False) if score else _NOTHING
            self.memo[key] = got
        return got

    def _is_word(self, text: str) -> bool:
        key = (text, "word")
        got = self.memo.get(key)
        if got is None:
            got = self.memo[key] = self.index.is_word(text)
        return got

    def _point_term(self, term: Term, rank: int, typo: bool, squeezed: bool = True, wordwise: bool = False
                    ) -> SlotScore:
        """The best field of one term on one point (see the module docstring); ``squeezed``
        as in ``fields.score_field``; with ``wordwise`` only a run that starts a word counts."""
        memo = self.memo
        index = self.index
        fields = index.point_fields(rank)
        head = index.name_heads[rank]
        best, best_key, best_positions = 0.0, None, None
        on_name = None
        named = False
        tkey, t, sensitive = self._id((term.key, squeezed)), term.text, term.case_sensitive
        wordwise = wordwise and term.kind is Kind.FUZZY
        # a word the catalog uses means that word: its letters scattered over other words
        # ("Dialogs And TAsks" for "data") count for less
        word = term.kind is Kind.FUZZY and len(t) >= SCATTER_MIN and self._is_word(t.lower())
        n = len(t)
        check = wordwise or word
        for key, text, folded, weight in fields:
            hay = text if sensitive else folded
            # "aliases.N" that is the term (or its singular or plural)
            if not named and key[0] == "a" and -1 <= len(hay) - n <= 1 and is_whole(t, hay):
                named = True
            # only a whole-field match (with its bonus) could still win here
            if (weight * (1 + WORD_END_BONUS) <= best and key != "name"
                    and (weight * BEST_NORMALISED <= best or not -1 <= len(hay) - n <= 1)):
                continue
            mkey = (tkey, text)
            got = memo.get(mkey)
            if got is None:
                got = memo[mkey] = score_field(term, text, hay, squeezed)
            score, positions = got
            if positions is None:
                continue
            if check:
                scattered = positions[-1] - positions[0] >= len(positions) and not _one_run(hay, positions)
                if wordwise and (scattered or not starts_word(text, positions[0])):
                    continue
                if word and scattered:
                    score *= WEIGHTS["scattered"]
            if key == "name":
                on_name = positions
                if positions[0] >= head:
                    weight = WEIGHTS["name.aside"]
                else:
                    if head < len(text) and positions[-1] < head and is_whole(t, hay[:head], squeezed):
                        score += WHOLE_FIELD_BONUS
                    score += COVERAGE_BONUS * min(1.0, len(positions) / head)
            score *= weight
            if score > best:
                best, best_key, best_positions = score, key, positions
        if named and best_key is not None and best_key[0] != "a":
            best += NAMED_BONUS  # the name holds the term and an alias is the term
        if best < _BEST_SUMMARY:
            score, positions = score_summary(term, index.points[rank].summary)
            if positions is not None and score * WEIGHTS["summary"] > best:
                best, best_key, best_positions = score * WEIGHTS["summary"], "summary", positions
        by_typo = False
        if best == 0.0 and typo and term.kind is Kind.FUZZY and not sensitive and len(t) >= TYPO_MIN:
            for key, text, folded, weight in fields:
                score, positions = score_typo(t, text, folded)
                if positions is not None and score * weight * WEIGHTS["typo"] > best:
                    best, best_key, best_positions = score * weight * WEIGHTS["typo"], key, positions
                    by_typo = True
                    if key == "name":
                        on_name = positions
        spans = to_spans(best_positions) if best_positions is not None else ()
        return best, best_key, spans, on_name, "", by_typo


_SEPARATORS = frozenset(" -_")


def _one_run(hay: str, positions: list[int]) -> bool:
    """Whether ``positions`` are one run of ``hay``, separators aside ("user-defined")."""
    first, last = positions[0], positions[-1]
    if last - first + 1 == len(positions):
        return True
    matched = set(positions)
    return all(hay[i] in _SEPARATORS for i in range(first, last + 1) if i not in matched)
