"""What a question asks of the notes' links and of the works they cite: rules the reader applies.

Lecture notes cite their sources as links, often with a title in brackets ("Source: https://…pdf
[BERT: Pre-training of …]"), or name a resource before its link ("VERY good Stanford Lecture on NLP:
https://…"). A reader trained on Wikipedia never saw either as an answer. These rules say when a
link or a title can answer a question, and which kind of link was asked for.
"""

from __future__ import annotations

import re

from models.answer_types import AUXILIARY, asks_for_a_number, defined_term

URL = re.compile(r"(?:https?://|www\.)[^\s<>\[\]()\"']+")
_NOT_A_LINK = re.compile(r"^\W*(?:who|whom|whose|when|how (?:much|long|old))\b", re.IGNORECASE)  # counts: below
_A_NAME = re.compile(r"\b(?:called|titled?|named|name)\b", re.IGNORECASE)  # a title is never a URL
_ASKS_WHERE = re.compile(
    r"\b(?:where|links?|linked|urls?|(?:web)?sites?|(?:web)?pages?|papers?|articles?|books?|sources?|references?"
    r"|cited?|citations?|read|reading|find|download|notebooks?|resources?|repo|repository|github|pdf|published"
    r"|online|slides?|videos?|blogs?|tutorials?|explanations?|dig|deeper|learn|explore|visit|recommend\w*|redirect\w*)\b",
    re.IGNORECASE,
)


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
_MEDIA = r"(?:videos?|notebooks?|tutorials?|talks?|books?|resources?)"  # what is watched or read, linked
_A_WORK = re.compile(rf"\b(?:papers?|articles?|publications?|{_MEDIA})\b", re.IGNORECASE)
_NAMES_A_WORK = re.compile(_A_NAME.pattern + r"|\bstands?\s+for\b|\bacronym|\babbreviat", re.IGNORECASE)
_A_QUESTION = re.compile(  # a question word first, or a preposition before one ("From what kind …")
    r"^\W*(?:what|which|who|whom|whose|when|where|why|how|in|on|at|from|for|by|with)\b", re.IGNORECASE
)
_ENDS_IN_A_PREPOSITION = re.compile(r"\b(?:on|from|in|by|with|for|of|at|to|about|into)$", re.IGNORECASE)


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
_A_PLACE = re.compile(
    r"^\W*where\b|\b(?:links?|urls?|(?:web)?sites?|web\s*pages?)\b"
    r"|\bis\s+there\s+(?:an?\s+|any\s+)?(?:videos?|notebooks?|papers?|books?|tutorials?|talks?|lectures?|explanations?)\b"
    r"|^\W*any\s+(?:[\w-]+\s+)?" + _MEDIA + r"\b"
    r"|^\W*(?:what|which)\s+(?:(?:is|are|was|were)\s+)?(?:(?:the|an?|one|some)\s+)?"
    r"(?:(?!" + AUXILIARY + r")[\w-]+\s+){0,3}?" + _MEDIA + r"\b(?![^?]*\babout\b)",
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


# Kinds of resource a student asks for by name, how each one's links look, and the word for one.
_LINK_KINDS = (
    (re.compile(r"\b(?:papers?|articles?|publications?|pdfs?|published)\b", re.I),
     re.compile(r"\.pdf\b|arxiv\.org|aclanthology\.org|doi\.org|openreview\.net|semanticscholar\.org", re.I),
     "paper"),
    (re.compile(r"\b(?:videos?|talks?|watch|youtube)\b", re.I), re.compile(r"youtube\.com|youtu\.be|vimeo\.com", re.I),
     "video"),
    (re.compile(r"\b(?:notebooks?|colab)\b", re.I), re.compile(r"\.ipynb\b|colab\.research", re.I), "notebook"),
    (re.compile(r"\bbooks?\b", re.I), re.compile(r"/books?/|manning\.com|oreilly\.com|amazon\.", re.I), "book"),
)  # fmt: skip


def link_kind(question: str) -> re.Pattern[str] | None:
    """How a link of the kind of resource ``question`` names looks ("paper" → ".pdf", arXiv, …)."""
    kinds = [link for asked, link, _ in _LINK_KINDS if asked.search(question)]
    return kinds[0] if len(kinds) == 1 else None


def link_words(text: str) -> str:
    """Words a student uses for the links in ``text`` that the notes never write beside them.

    "Source: https://aclanthology.org/N19-1423.pdf [BERT: Pre-training of …]" is a paper, and the
    bracket is its title, but neither word is on the line: "What is the title of the paper?"
    shared no word with it, so neither the word search nor the reader's window filter found it
    (declined, 0.00). Each link adds "link" and its kind ("paper", "video", "notebook", "book");
    a bracketed title after it, "title". Searched and filtered with the text, never read.
    """
    found: list[str] = []
    for m in URL.finditer(text):
        found.append("link")
        found.extend(word for _, link, word in _LINK_KINDS if link.search(m.group()))
        if LINK_TITLE.match(text, m.end()):
            found.append("title")
    return " ".join(dict.fromkeys(found))
