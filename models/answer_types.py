"""What kind of text can answer a question: rules the reader applies while decoding spans.

A reader trained on Wikipedia paragraphs has never seen lecture notes' headings and lists, and
happily answers from them. These rules are answer typing, read off the question's words: a number
for "how many", a time for "when did", the kind and its noun for "what kind of N", an expansion that
spells its acronym. They remove or shape spans of the wrong type; they never pick an answer. What
links and cited titles may answer is in ``models.citations``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from models.content_words import singular_acronyms, stems

# "When did/was/will …": an event's time. ("When do chloroplasts spread out flat?" asks a condition,
# and "When X, what …?" asks the "what".)
_A_TIME = re.compile(
    r"^\W*when\s+(?:did|was|were|will|has|have|had)\b(?![^?]*,\s*(?:what|who|whom|whose|which|where|how)\b)",
    re.IGNORECASE,
)
_TIME_WORDS = frozenset(
    re.findall(
        r"\w+",
        """
january february march april may june july august september october november december jan feb mar apr
jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday today yesterday
tomorrow tonight morning afternoon evening night noon midnight dawn dusk spring summer autumn fall winter
season seasons century centuries decade decades year years month months week weeks day days hour hours
minute minutes ago before after during since until till when while once later earlier early late
recently currently now then soon previously formerly era age ages period periods time times dynasty
reign war wars bc bce ad ce millennium medieval ancient modern present future past last next following
prior end beginning start middle mid christmas easter
""",
    )
)
_DEFINED = re.compile(
    r"^\W*what(?:\s+(?:is|are|was|were)|\s*['’]s)\s+(?:(?:an?|the)\s+)?(?P<term>[^?]*?\w)[\s?.!]*$", re.IGNORECASE
)
_COUNTED = re.compile(r"\bhow\s+many\s+([a-z][\w-]*)(?:\s+([a-z][\w-]*))?", re.IGNORECASE)
_UNIT = re.compile(r"^\s*([a-z][a-z-]*s)\b")  # "340M parameters": a lower-case plural after the count
_A_NUMBER = re.compile(r"\bhow many\b|\b(?:what|which) years?\b", re.IGNORECASE)
_CARDINALS = frozenset(
    re.findall(
        r"\w+",
        """
zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
hundreds thousand thousands million millions billion billions trillion trillions dozen dozens
first second third fourth fifth sixth seventh eighth ninth tenth hundredth thousandth
""",
    )
)  # counts and ordinals ("the seventh team")
_NUMBER_WORDS = _CARDINALS | frozenset(
    re.findall(
        r"\w+",
        "several few many half once twice thrice single both none no multiple numerous couple all every each "
        "infinite infinitely countless innumerable",
    )
)  # and quantifiers ("all", "infinitely many")
_NO_TOTALS = frozenset({"all", "both", "every", "each", "most", "no", "none"})  # a share of a whole, or nothing
# "How many layers does BERT have?": a total, not a share of one ("all").
_A_TOTAL = re.compile(
    r"\bhow\s+many\s+[\w\s-]+?\s+(?:does|do|did)\s+.+?\s+(?:have|contain|hold|include|comprise|consist\s+of|use|need)\b",
    re.IGNORECASE,
)
_TIME_MARKS = _CARDINALS | _TIME_WORDS  # what makes a span a time, digits aside: no quantifier ("no", "all")


def as_asked(question: str) -> str:
    """The question as the reader was trained to read one: ending in a question mark.

    Nearly every SQuAD question ends in "?", and a student's often does not. Without it the
    reader's no-answer score fires: "what is a model" reads the right span at confidence 0.10,
    "what is a model?" at 0.90. Asked of our lecture question sets with the marks stripped, dev
    F1 fell 0.888 → 0.812 and the harder set's false abstention rose 0.29 → 0.43.
    """
    q = question.strip()
    return q if not q or q[-1] in "?.!" else q + "?"


# "What kind of text is …", "Which type of context perspective do …": the words after "of", up to an
# auxiliary verb. Without one, only the first word: "Which kind of batches produce …" asks of batches.
AUXILIARY = r"(?:is|are|was|were|do|does|did|can|could|has|have|had|will|would|should)\b"
_KIND_OF = re.compile(
    rf"\b(?:kinds?|types?|sorts?)\s+of\s+(?:(?P<group>[\w-]+(?:\s+[\w-]+){{0,2}}?)(?=\s+{AUXILIARY})|(?P<word>[\w-]+))",
    re.IGNORECASE,
)


def kind_asked(question: str) -> tuple[str, ...]:
    """What a "what kind of N" question asks a kind of, word by word as stems: ("text",) for "From
    what kind of text is BERT pretrained?", ("conte", "persp") for "… of context perspective do …".

    The answer names the kind and N with it ("unlabeled text", not "unlabeled"): see
    ``models.span_bounds.grown_by_kind``.
    """
    m = _KIND_OF.search(question)
    if m is None:
        return ()
    return tuple(w for word in (m.group("group") or m.group("word")).split() for w in sorted(stems(word)))


# "What does LSTM stand for?", "What do the letters BERT stand for?"
_STANDS_FOR = re.compile(
    r"\bwhat\s+(?:does|do|did)\s+(?:the\s+)?(?:acronym\s+|abbreviation\s+|letters?\s+)?"
    r"(?P<acronym>[A-Za-z][A-Za-z0-9.&-]{1,9})\s+stand\s+for\b",
    re.IGNORECASE,
)
_ARTICLE = frozenset({"the", "a", "an"})


def expands_what_was_asked(question: str, answer: str) -> bool:
    """Whether ``answer`` can be what an acronym the question asks about stands for.

    Its words' initials spell the acronym, or begin with its first letter, or hold most of its
    letters: of SQuAD's 243 "What does X stand for?" gold answers (dev and train) this rejects 3
    ("European Championship" for UEFA). The lecture does not expand LSTM, and "What does LSTM
    stand for?" was answered "No task separation" (0.62); any other question passes.
    """
    m = _STANDS_FOR.search(question)
    if m is None:
        return True
    acronym = singular_acronyms(m["acronym"])  # "LSTMs"
    letters = [c for c in acronym.lower() if c.isalnum()]
    initials = [w[0] for w in re.split(r"[\s/\-–]+", answer.lower()) if w[:1].isalnum() and w not in _ARTICLE]
    if not initials or not letters:
        return False
    rest = iter(initials)
    if all(any(c == i for i in rest) for c in letters) or initials[0] == letters[0]:
        return True
    return sum(c in initials for c in letters) >= 0.6 * len(letters)


def asks_for_a_number(question: str) -> bool:
    """Whether ``question`` asks "how many" or "what year": its answer holds a number.

    On SQuAD v1.1 dev, 98.5 % of the answers to a "how many" question hold a digit or a number
    word ("340M", "two", "a dozen"; the rest are "unmanned", "vast areas"), and 99.3 % of those to
    "what/which year". Anywhere in the question, so a student's preamble ("Hey, quick question:
    in which year was BERT born?") does not hide it. Lecture headings are the failure this
    prevents: "How many epochs should I train for?" was answered "Epoch" (a heading) at 0.69.
    """
    return bool(_A_NUMBER.search(question))


def defined_term(question: str) -> str:
    """What a "What is X?" question asks to define ("learning rate"), or "" for any other question."""
    m = _DEFINED.match(question)
    return m.group("term") if m else ""


def asks_for_a_time(question: str) -> bool:
    """Whether ``question`` asks when something happened or will: its answer holds a time.

    Of SQuAD v1.1's 5,497 "When did/was/were/will/has/have/had …" questions (train and dev),
    99.1 % have an answer with a number or a time word ("1889", "the 19th century", "after the
    war"); the rest name periods ("Triassic", "the Renaissance"). The lecture has no dates but
    "2018": "When were LSTMs invented?" was answered "unidirectional" (0.71).
    """
    return bool(_A_TIME.match(question))


def is_time(token_text: str) -> bool:
    """A token that makes a span a time: a number ("1889", "19th", "two") or a time word ("century").

    Not a quantifier: "No deep context perspective" is no answer to "When were LSTMs invented?".
    """
    return _digit_or_one_of(token_text, _TIME_MARKS)


# "How long does it take to train BERT?", "For how long …": a duration or a length, never a manner.
_HOW_LONG = re.compile(r"^\W*(?:(?:for|and|so|but|then)\s+)?how\s+long\b", re.IGNORECASE)
_DURATION_WORDS = _TIME_MARKS | frozenset(
    re.findall(
        r"\w+",
        "second seconds millennia life lifetime lifetimes long permanent permanently temporary temporarily "
        "forever indefinitely brief briefly term terms while",
    )
)


def gives_a_length(question: str, answer: str) -> bool:
    """Whether ``answer`` can say how long, when the question begins "How long …": a number, a time
    word or a word of duration ("four-year", "millennia", "for the rest of his life", "temporary").

    The lecture has no durations, and a distilled reader answered the near-topic "How long does it
    take to train BERT?" with the LSTM list's "Slow" (0.55). Of SQuAD v1.1's 642 questions that begin
    "How long" (train and dev) this rejects 4 gold answers ("trans-generational", "the Alpine orogeny",
    and two that answer another question). Any other question passes. A veto only: typing the span instead (reading
    the best number) answered that question "2018".
    """
    if not _HOW_LONG.match(question):
        return True
    return any(_digit_or_one_of(word, _DURATION_WORDS) for word in re.findall(r"[^\W_]+", answer))


def is_total(token_text: str) -> bool:
    """A token that makes a span a total count: ``is_number`` less a share of a whole or nothing ("all", "no").

    "all" answers "How many layers use attention?" but never "How many layers does BERT have?":
    "in all layers" read "all" for it (0.42), and next "No task separation" for "How many layers
    does an LSTM have?". Of SQuAD v1.1's 525 "How many N does X have / contain / include …?"
    questions (train and dev) none has such a word as its answer; one has "several", which stays
    a count.
    """
    return is_number(token_text) and token_text.lower() not in _NO_TOTALS


def answer_mark(question: str) -> Callable[[str], bool] | None:
    """The test one token of the answer must pass (a time, a total, a number), or None for any answer."""
    if asks_for_a_time(question):
        return is_time
    if asks_for_a_number(question):
        return is_total if _A_TOTAL.search(question) else is_number
    return None


def counted_words(question: str) -> tuple[str, ...]:
    """The (up to two) words after "how many": what is counted ("layers", "total yards")."""
    m = _COUNTED.search(question)
    return tuple(w for w in m.groups() if w) if m else ()


_MEASURED = re.compile(
    r"^\W*(?:what|which)(?:'s|\s+(?:is|was|are|were))\s+(?:the\s+)?(?:[\w-]+'s\s+)?"
    r"(?P<mods>(?:[\w-]+\s+){0,2}?)(?P<measure>size|length|number|count|amount|rate|ratio|percentage)\b(?:\s+of\s+(?P<of>[^?]+))?",
    re.IGNORECASE,
)
# "How large is BERT's vocabulary?", "How big is the vocabulary of BERT?": a property's size, read like
# "What is the vocabulary size of BERT?". Not "How big is BERT?" (the thing itself: any size answers).
_HOW_LARGE = re.compile(
    r"^\W*how\s+(?:large|big)\s+(?:is|was|are|were)\s+(?:the\s+)?"
    r"(?:[\w-]+(?:\s+[\w-]+)?'s\s+(?P<owned>(?:[\w-]+\s+){0,2}[\w-]+)\W*$"
    r"|(?P<of>(?:[\w-]+\s+){0,2}[\w-]+)\s+of\s+)",
    re.IGNORECASE,
)
_GENERIC = frozenset(
    [
        "minimum",
        "maximum",
        "max",
        "min",
        "total",
        "average",
        "mean",
        "typical",
        "approximate",
        "overall",
        "estimated",
        "exact",
        "current",
        "full",
        "entire",
    ]
)


def measured_words(question: str) -> tuple[str, ...]:
    """What "What is the vocabulary size of BERT?" measures, and the measure: ("vocabulary", "size").

    The words before the measure, less "maximum", "average" and the like; without them, what the
    measure is "of" ("the total length of the Delhi Metro" → "Delhi", "Metro", "length"). "How
    large is BERT's vocabulary?" measures ("vocabulary",). Read like ``counted_words`` for a "how
    many" question: a number answering it must count one of these.
    """
    m = _MEASURED.match(question)
    if not m:
        big = _HOW_LARGE.match(question)
        words = (big.group("owned") or big.group("of")).split() if big else []
        return tuple(w for w in words if w.lower() not in _GENERIC)
    mods = [w for w in m.group("mods").split() if w.lower() not in _GENERIC]
    return (*(mods or (m.group("of") or "").split()), m.group("measure"))


def count_unit(sentence: str, start: int, end: int) -> str:
    """The unit of the count in ``sentence[start:end]``, inside the span or right after it.

    "340M" and "340M parameters" both count "parameters": the word after the span's last number.
    """
    numbers = [m.end() for m in _TOKEN.finditer(sentence[start:end]) if is_number(m.group())]
    return unit_after(sentence, start + numbers[-1] if numbers else end)


def unit_after(sentence: str, end: int) -> str:
    """The unit a count in ``sentence`` ending at ``end`` counts ("parameters" in "340M parameters").

    Only a lower-case word ending in "s" right after it: "Ten players", not "three. Linebacker".
    """
    m = _UNIT.match(sentence[end:])
    return m.group(1) if m else ""


_TOKEN = re.compile(r"[\w.,]+")  # "340M", "1,500", "3.5": how a count is read out of a span


def holds_a_number(text: str) -> bool:
    """Whether a token of ``text`` is a number (``is_number``): "340M parameters", "two birds"."""
    return any(is_number(m.group()) for m in _TOKEN.finditer(text))


def is_number(token_text: str) -> bool:
    """A token that makes a span a count: it holds a digit or is a number word."""
    return _digit_or_one_of(token_text, _NUMBER_WORDS)


def _digit_or_one_of(token_text: str, words: frozenset[str]) -> bool:
    return any(c.isdigit() for c in token_text) or token_text.lower().lstrip("#") in words
