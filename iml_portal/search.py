"""What every search of the site shares, whatever app it searches: the thesaurus, which carries
a search into the other languages ("trata" also searches "trafficking in persons" and "traite
des personnes"), and the vocabulary behind "did you mean …?" for misspelt words.

Apps plug in without importing each other: each registers the models and text fields whose
words make up the vocabulary (`register_vocabulary`, called from its AppConfig.ready), and
builds its own queries from `expand()` and `suggest()`.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models.signals import post_save

from .cache import kept

# A word shorter than this is never corrected (too many near neighbours).
MIN_WORD = 4
# How alike a word and its correction must be (difflib's ratio), and how many near words to
# weigh (found by trigram similarity, pg_trgm's threshold of 0.3, on PostgreSQL).
DIFFLIB_CUTOFF = 0.75
NEIGHBOURS = 10

_VOCABULARY_SOURCES = []  # (model, field names, language field), registered by the apps
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def fold(text):
    """Lower case, without accents, words separated by single spaces: "Rétention, détention"
    -> "retention detention"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.findall(r"\w+", bare.casefold()))


@dataclass
class Expansion:
    """What a search also looks for, through the thesaurus."""

    terms: list = field(default_factory=list)  # every other term and synonym, all languages
    shown: list = field(default_factory=list)  # (language, preferred term) for "also searched"

    def __bool__(self):
        return bool(self.terms)


def _thesaurus():
    """[(folded term, concept id)], {concept id: [(language, text, preferred)]} and {concept
    id: related concept ids}: one query, kept in the cache until content changes."""
    return kept("thesaurus", _read_thesaurus, 3600)


def _read_thesaurus():
    from .models import Term

    index, concepts, related = set(), {}, {}
    rows = Term.objects.values_list(
        "concept_id", "language", "text", "preferred", "concept__related"
    ).order_by("pk")
    for concept_id, language, text, preferred, related_id in rows:
        entry = (language, text, preferred)
        if entry not in concepts.setdefault(concept_id, []):
            concepts[concept_id].append(entry)
            index.add((fold(text), concept_id))
        if related_id is not None:
            related.setdefault(concept_id, set()).add(related_id)
    return sorted(index), concepts, related


def expand(query):
    """The concepts named in `query` (a term or synonym appears in it as whole words), and
    their other terms in every language, with those of their related concepts."""
    folded = f" {fold(query)} "
    if not folded.strip():
        return Expansion()
    index, concepts, related = _thesaurus()
    named = {concept for term, concept in index if term and f" {term} " in folded}
    found = sorted(named.union(*(related.get(concept, ()) for concept in named)))
    expansion = Expansion()
    typed = query.strip().casefold()
    for concept in found:
        for language, text, preferred in concepts[concept]:
            if text.casefold() == typed:
                continue  # searched as typed
            # "detention" is searched for "détention" (which the text may not spell so), but
            # not shown as something else that was searched.
            expansion.terms.append(text)
            if preferred and fold(text) != fold(query):
                expansion.shown.append((language, text))
    return expansion


def words(text):
    return [word for word in fold(text).split() if len(word) >= MIN_WORD and not word.isdigit()]


def suggest(query, language):
    """`query` with each word unknown to the vocabulary replaced by the nearest known one (a
    word of `language`'s texts first), or None when every word is known or none has a near
    neighbour. One query."""
    typed = fold(query).split()
    candidates = [word for word in typed if len(word) >= MIN_WORD]
    if not candidates:
        return None
    if connection.vendor == "postgresql":
        nearest = _nearest_postgresql(candidates, language)
    else:
        nearest = _nearest_elsewhere(candidates, language)
    corrected = [nearest.get(word, word) for word in typed]
    return " ".join(corrected) if corrected != typed else None


def _nearest_postgresql(candidates, language):
    """Each word's nearest vocabulary word: pg_trgm's index finds the closest few by trigram
    similarity, which _closest() then ranks."""
    from .models import SearchWord

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.typed, w.word, w.language FROM unnest(%s::text[]) AS t(typed)"
            " CROSS JOIN LATERAL ("
            f"  SELECT word, language FROM {SearchWord._meta.db_table}"
            "   WHERE word %% t.typed ORDER BY similarity(word, t.typed) DESC LIMIT %s"
            " ) AS w",
            [candidates, NEIGHBOURS],
        )
        neighbours = {}
        for typed, word, word_language in cursor.fetchall():
            neighbours.setdefault(typed, []).append((word, word_language))
    return _closest(neighbours, language)


def _nearest_elsewhere(candidates, language):
    from .models import SearchWord

    rows = list(SearchWord.objects.values_list("word", "language"))
    by_word = {}
    for word, word_language in rows:
        by_word.setdefault(word, []).append((word, word_language))
    neighbours = {}
    for typed in candidates:
        close = difflib.get_close_matches(typed, by_word, n=NEIGHBOURS, cutoff=DIFFLIB_CUTOFF)
        neighbours[typed] = [pair for word in close for pair in by_word[word]]
    return _closest(neighbours, language)


def _closest(neighbours, language):
    """{typed: correction} from {typed: [(word, its language)]}: none for a word that is known;
    else the fewest edits away (a swap of two letters is one edit), then the most alike, then a
    word of the visitor's language."""
    nearest = {}
    for typed, pairs in neighbours.items():
        if not pairs or any(word == typed for word, _language in pairs):
            continue
        ranked = sorted(
            pairs,
            key=lambda pair, typed=typed: (
                edit_distance(typed, pair[0]),
                -difflib.SequenceMatcher(None, typed, pair[0]).ratio(),
                pair[1] != language,
                pair[0],
            ),
        )
        word = ranked[0][0]
        if difflib.SequenceMatcher(None, typed, word).ratio() >= DIFFLIB_CUTOFF:
            nearest[typed] = word
    return nearest


def edit_distance(first, second):
    """Edits (insert, delete, replace, swap two neighbours) from one word to the other."""
    previous2, previous = None, list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i]
        for j, b in enumerate(second, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def register_vocabulary(model, fields, language_field=None):
    """Words of these fields of `model` make up the vocabulary, each with the language of its
    text: a translated field's column says it (description_fr), else `language_field` of the
    object (e.g. a publication's title), else none. A saved object adds its new words."""
    _VOCABULARY_SOURCES.append((model, tuple(fields), language_field))
    post_save.connect(_add_words_of, sender=model, dispatch_uid=f"vocabulary-{model._meta.label}")


def _field_language(name, values, language_field):
    suffix = name.rsplit("_", 1)[-1]
    if "_" in name and suffix in LANGUAGE_CODES:
        return suffix
    return values.get(language_field, "") if language_field else ""


def _words_of(values, fields, language_field):
    """{(word, language)} of one object's `values` ({field: value})."""
    return {
        (word[:100], _field_language(name, values, language_field) or "")
        for name in fields
        for word in words(str(values.get(name) or ""))
    }


def _add_words_of(sender, instance, raw=False, **kwargs):
    # A draft's words would show in "did you mean …?" before the draft is public.
    if not getattr(instance, "is_public", True):
        return
    _model, fields, language_field = next(
        source for source in _VOCABULARY_SOURCES if source[0] is sender
    )
    names = (*fields, language_field) if language_field else fields
    found = _words_of({name: getattr(instance, name) for name in names}, fields, language_field)
    _store(found, ignore_conflicts=True)


def _store(found, **kwargs):
    from .models import SearchWord

    SearchWord.objects.bulk_create(
        [SearchWord(word=word, language=language) for word, language in sorted(found)],
        batch_size=2000,
        **kwargs,
    )


def rebuild_vocabulary():
    """Every word of the registered fields; returns how many (word, language) pairs."""
    from .models import SearchWord

    found = set()
    for model, fields, language_field in _VOCABULARY_SOURCES:
        names = (*fields, language_field) if language_field else fields
        rows = model.objects.public() if hasattr(model.objects, "public") else model.objects
        for values in rows.values(*names).iterator():
            found |= _words_of(values, fields, language_field)
    SearchWord.objects.all().delete()
    _store(found)
    return len(found)
