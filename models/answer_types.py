"""What kind of text can answer a question: rules the reader applies while decoding spans.

A reader trained on Wikipedia paragraphs has never seen lecture notes' links, headings and lists,
and happily answers from them. These rules are answer typing, read off the question's first words:
they remove spans that cannot be of the asked type, they never pick an answer.
"""

from __future__ import annotations

import re

from models.content_words import stems

URL = re.compile(r"(?:https?://|www\.)[^\s<>\[\]()\"']+")
_NOT_A_LINK = re.compile(r"^\W*(?:who|whom|whose|when|how (?:much|long|old))\b", re.IGNORECASE)  # counts: below
_A_NAME = re.compile(r"\b(?:called|titled?|named|name)\b", re.IGNORECASE)  # a title is never a URL
_ASKS_WHERE = re.compile(
    r"\b(?:where|links?|linked|urls?|(?:web)?sites?|(?:web)?pages?|papers?|articles?|books?|sources?|references?"
    r"|cited?|citations?|read|reading|find|download|notebooks?|resources?|repo|repository|github|pdf|published"
    r"|online|slides?|videos?|blogs?|tutorials?|explanations?|dig|deeper|learn|explore|visit|recommend\w*|redirect\w*)\b",
    re.IGNORECASE,
)
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


def links_cannot_answer(question: str) -> bool:
    """Whether no link can answer ``question``: it asks for something other than a place to read.

    Lecture notes cite their sources as links, which a reader trained on Wikipedia never saw as
    answers; it still picks one for "Who created BERT?" (the paper's link over "BERT is a 2018
    child of Google Researchers") or "What is the maximum sequence length of BERT?" (a notebook's
    link, 0.41). A link answers where to find or read something ("Where was the paper
    published?", "Which book …?", "What does the lecture link to?"), never who, when, how many or
    what something is called ("What is the BERT paper called?" was answered with a link, 0.62):
    for any other question the reader does not let a span start or end in one.
    """
    if _NOT_A_LINK.match(question) or _A_NAME.search(question) or asks_for_a_number(question):
        return True
    return not _ASKS_WHERE.search(question)


# A cited work's title, in brackets after its link: "Source: https://…pdf [BERT: Pre-training of …]".
LINK_TITLE = re.compile(r"[ \t]*\n?[ \t]*\[(?P<title>[^\[\]\n]+(?:\n[^\[\]\n]+)*)\]")


_NAMES_A_WORK = re.compile(_A_NAME.pattern + r"|\bstands?\s+for\b|\bacronym|\babbreviat", re.IGNORECASE)
_A_QUESTION = re.compile(  # a question word first, or a preposition before one ("From what kind …")
    r"^\W*(?:what|which|who|whom|whose|when|where|why|how|in|on|at|from|for|by|with)\b", re.IGNORECASE
)


_ENDS_IN_A_PREPOSITION = re.compile(r"\b(?:on|from|in|by|with|for|of|at|to|about|into)$", re.IGNORECASE)


_A_WORK = re.compile(
    r"\b(?:papers?|articles?|publications?|books?|videos?|talks?|notebooks?|tutorials?)\b", re.IGNORECASE
)


def asks_for_a_title(question: str) -> bool:
    """Whether ``question`` asks what a cited work is called: "What is the name of the BERT paper?"."""
    return bool(_A_NAME.search(question) and _A_WORK.search(question))


def titles_cannot_answer(question: str) -> bool:
    """Whether a cited work's bracketed title cannot answer ``question``.

    A title names a work: it answers what the work is called, where to find it, or what its
    subject is ("What is BERT?" → "Pre-training of Deep Bidirectional Transformers"), but it
    states no fact of the lecture. Read as prose, its words answered "What does BERT pretrain
    from?" with "Deep Bidirectional Transformers for Language Understanding" (0.78; the lecture
    says "from unlabeled text").
    """
    term = defined_term(question)  # "What is BERT?"; not "What is BERT pre-trained on?"
    if _NAMES_A_WORK.search(question) or (term and not _ENDS_IN_A_PREPOSITION.search(term)):
        return False  # "What does BERT stand for?", "What is BERT?"
    return bool(_A_QUESTION.match(question)) and links_cannot_answer(question)  # a bare "BERT" may read it


# "Where is …", "What is the link to …", "Is there a video …", "Which video explains …", "What is the
# recommended notebook?": the answer is a place to go. (Not "What does the video show?", "What is the
# video about?": those ask what it says.)
_MEDIA = r"(?:videos?|notebooks?|tutorials?|talks?|books?|resources?)"
_A_PLACE = re.compile(
    r"^\W*where\b|\b(?:links?|urls?|(?:web)?sites?|web\s*pages?)\b"
    r"|\bis\s+there\s+(?:an?\s+|any\s+)?(?:videos?|notebooks?|papers?|books?|tutorials?|talks?|lectures?|explanations?)\b"
    r"|^\W*any\s+(?:[\w-]+\s+)?" + _MEDIA + r"\b"
    r"|^\W*(?:what|which)\s+(?:(?:is|are|was|were)\s+)?(?:(?:the|an?|one|some)\s+)?"
    r"(?:(?!(?:do|does|did|can|could|should|would|will|is|are|was|were|has|have|had)\b)[\w-]+\s+){0,3}?"
    + _MEDIA
    + r"\b(?![^?]*\babout\b)",
    re.IGNORECASE,
)


def asks_for_a_link(question: str) -> bool:
    """Whether ``question`` asks where to go: a link on the line that names the resource answers it.

    Notes cite as "<what it is>: <link>", and the reader, which cannot read a URL, answers from
    the words: "Where is the Stanford lecture?" read "NLP" (0.79) from "VERY good Stanford
    Lecture on NLP and pretrained models: https://www.youtube.com/…"; "What is the link to …"
    read the description; "Is there a video explaining BERT?" read "Easy and less-easy".
    """
    if re.fullmatch(_MEDIA, defined_term(question), re.IGNORECASE):  # "What is a notebook?" asks what it is
        return False
    return bool(_A_PLACE.search(question)) and not links_cannot_answer(question)


# Kinds of resource a student asks for by name, and how each one's links look.
_LINK_KINDS = (
    (re.compile(r"\b(?:papers?|articles?|publications?|pdfs?|published)\b", re.I),
     re.compile(r"\.pdf\b|arxiv\.org|aclanthology\.org|doi\.org|openreview\.net|semanticscholar\.org", re.I)),
    (re.compile(r"\b(?:videos?|talks?|watch|youtube)\b", re.I), re.compile(r"youtube\.com|youtu\.be|vimeo\.com", re.I)),
    (re.compile(r"\b(?:notebooks?|colab)\b", re.I), re.compile(r"\.ipynb\b|colab\.research", re.I)),
    (re.compile(r"\bbooks?\b", re.I), re.compile(r"/books?/|manning\.com|oreilly\.com|amazon\.", re.I)),
)  # fmt: skip


def link_kind(question: str) -> re.Pattern[str] | None:
    """How a link of the kind of resource ``question`` names looks ("paper" → ".pdf", arXiv, …)."""
    kinds = [link for asked, link in _LINK_KINDS if asked.search(question)]
    return kinds[0] if len(kinds) == 1 else None


# "What kind of text is …", "Which type of context perspective do …": the words after "of", up to an
# auxiliary verb. Without one, only the first word: "Which kind of batches produce …" asks of batches.
_AUXILIARY = r"(?:is|are|was|were|do|does|did|can|could|has|have|had|will|would|should)\b"
_KIND_OF = re.compile(
    rf"\b(?:kinds?|types?|sorts?)\s+of\s+(?:(?P<group>[\w-]+(?:\s+[\w-]+){{0,2}}?)(?=\s+{_AUXILIARY})|(?P<word>[\w-]+))",
    re.IGNORECASE,
)


def kind_asked(question: str) -> tuple[str, ...]:
    """What a "what kind of N" question asks a kind of, word by word as stems: ("text",) for "From
    what kind of text is BERT pretrained?", ("conte", "persp") for "… of context perspective do …".

    The answer names the kind and N with it ("unlabeled text", not "unlabeled"): see
    ``models.reader.grown_by_kind``.
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
    acronym = m["acronym"]
    if acronym[:-1].isupper() and acronym.endswith("s"):  # "LSTMs"
        acronym = acronym[:-1]
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


def counted_words(question: str) -> tuple[str, ...]:
    """The (up to two) words after "how many": what is counted ("layers", "total yards")."""
    m = _COUNTED.search(question)
    return tuple(w for w in m.groups() if w) if m else ()


def count_unit(sentence: str, start: int, end: int) -> str:
    """The unit of the count in ``sentence[start:end]``, inside the span or right after it.

    "340M" and "340M parameters" both count "parameters": the word after the span's last number.
    """
    numbers = [m.end() for m in re.finditer(r"[\w.,]+", sentence[start:end]) if is_number(m.group())]
    return unit_after(sentence, start + numbers[-1] if numbers else end)


def unit_after(sentence: str, end: int) -> str:
    """The unit a count in ``sentence`` ending at ``end`` counts ("parameters" in "340M parameters").

    Only a lower-case word ending in "s" right after it: "Ten players", not "three. Linebacker".
    """
    m = _UNIT.match(sentence[end:])
    return m.group(1) if m else ""


def is_number(token_text: str) -> bool:
    """A token that makes a span a count: it holds a digit or is a number word."""
    return _digit_or_one_of(token_text, _NUMBER_WORDS)


def _digit_or_one_of(token_text: str, words: frozenset[str]) -> bool:
    return any(c.isdigit() for c in token_text) or token_text.lower().lstrip("#") in words
