"""The question inside a chat message: greetings, "quick question:", thanks and frames taken off.

Students write to the bot as to a person: "Hey tutor, quick question: in which year was BERT
born? Thanks!". The search reads every word, and "question" matched the lecture's "Any questions,
concerns or thoughts": the passage with the answer fell out of the top three and the question was
declined; asked plainly, it is answered "2018". Only what carries no topic is taken off: greetings,
a bare "(quick) question:", an apology, and thanks at the end. A sentence before the question that
names a topic ("Question about LSTMs: why are they slow?", "I'm reading about BERT. Who created
it?") is kept: reading only the sentence with the question mark lost such topics (measured, see
the reader's model card). A question asked indirectly is read as the question: "Can you tell me
what larger batches produce" as "what larger batches produce?", "Define a model." as "What is a
model?", "Name a drawback of LSTMs." as "What is a drawback of LSTMs?" (the reader learned from
SQuAD's direct questions; on the 191 SQuAD questions that begin "Name …", read as "What is …?",
EM 0.51 → 0.54). A reference to the course itself
("According to the lecture, …", "… in the slides?") is taken off too: the tutor reads nothing
else, and "lecture" matched the lecture's "VERY good Stanford Lecture on NLP and pretrained
models" ("What is a model according to the lecture?" → "pretrained models"; plainly asked:
"problem representation").
"""

from __future__ import annotations

import re

from knowledge.cleaning import has_words

_GREETING = (
    r"(?:hey|hi|hiya|hello|heya|yo|howdy|greetings|good\s+(?:morning|afternoon|evening|day))"
    r"(?:\s+(?:there|tutor|bot|all|everyone|everybody|folks|guys|team|prof(?:essor)?|sir|ma'?am|<@!?\d+>))?"
)
_ASKING = (
    r"(?:(?:i\s+(?:have|had|got)|i've\s+got|got|just)\s+)?(?:an?\s+)?"
    r"(?:(?:quick|short|small|simple|silly|dumb|stupid|random|little|tiny)\s+)?question(?:\s+(?:for\s+you|here))?"
)
_APOLOGY = r"sorry(?:\s+(?:if\s+this\s+is\s+(?:obvious|a\s+(?:dumb|silly|stupid)\s+question)|to\s+bother(?:\s+you)?))?"
_FILLER = r"(?:so|ok(?:ay)?|um+|uh+|well|also)"
_MENTION = r"(?:<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b)"  # a Discord user, role or channel mention: no topic
# A greeting or a mention may run straight into the question ("hi what is BERT"); the rest must end in a mark.
# What ends an opening: punctuation, a dash, or a hyphen that joins no word ("Well - what …", not "Well-fed …").
_SEP = r"\s*(?:[,:;.!–—]|(?<=\s)-|-(?=\s))[,:;.!\-–—]*\s*"
_LEADING = re.compile(
    rf"^\s*(?:(?:{_GREETING}|{_MENTION})(?:{_SEP}|\s+)|(?:{_ASKING}|{_APOLOGY}|{_FILLER}){_SEP})",
    re.IGNORECASE,
)
_WH = r"(?:what|who|whom|whose|when|where|which|why|how)\b"
# "According to the lecture, …", "… in the slides?": the course material the tutor reads anyway.
_SOURCE = (
    r"(?:according\s+to|in|from|based\s+on|during|per)\s+(?:(?:the|our|this|today'?s|last|yesterday'?s|my)\s+)?"
    r"(?:(?:lecture|class|course)\s+)?(?:lectures?|slides?|notes|class(?:es)?|course|lessons?|professor|prof|"
    r"teacher|instructor|tutor|(?:course|lecture|class)\s+materials?)"
)
_SOURCE_LEADING = re.compile(
    rf"^\s*{_SOURCE}(?:{_SEP}|\s+(?={_WH}|(?:is|are|was|were|do|does|did|can|should)\b))", re.IGNORECASE
)
_SOURCE_TRAILING = re.compile(rf",?\s+{_SOURCE}(?=[\s?]*$)", re.IGNORECASE)  # "…? I can't find it in the slides." stays
# "Can you tell me what …", "Do you know who …", "I was wondering why …": the question after the frame.
_FRAME = re.compile(
    r"^(?:(?:can|could|would|will)\s+(?:you|someone|anyone)\s+(?:please\s+)?(?:tell|explain(?:\s+to)?|show)\s+(?:me|us)"
    r"|(?:can|could|would|will)\s+(?:you|someone|anyone)\s+(?:please\s+)?explain"
    r"|(?:do|does)\s+(?:you|anyone|anybody|someone)\s+know"
    r"|i\s+(?:was|am|'m)\s+wondering|i\s+wonder|i(?:\s+would|'d)\s+like\s+to\s+know|i\s+(?:want|need)\s+to\s+know"
    r"|(?:please\s+)?(?:tell|show)\s+(?:me|us)|(?:please\s+)?explain(?:\s+to\s+(?:me|us))?)\s+(?=" + _WH + ")",
    re.IGNORECASE,
)
# "Define a model.", "Explain backpropagation", "Name a drawback of LSTMs", "Give me a fun fact", "List the
# quick terms": a request for what something is, or for things.
_REQUEST = re.compile(
    r"^(?:please\s+)?(?P<verb>define|explain|describe|give\s+(?:me|us)|give(?=\s+(?:an?\s+)?examples?\b)"
    r"|tell\s+(?:me|us)\s+about|name|list|mention)\s+(?!of\b|" + _WH + r")(?P<term>.+?)"
    r"(?:\s+(?:to\s+(?:me|us)|please))*[\s.?!]*$",
    re.IGNORECASE,
)
_DANGLING = re.compile(r"[\s,;:\-–—]+$")
_THANKS = re.compile(
    r"(?:^|(?<=[.?!,;:)]))\s*(?:thanks|thank\s+you|thx|ty|cheers|much\s+appreciated|please\s+help|pls|please)"
    r"(?:\s+(?:so\s+much|a\s+lot|in\s+advance|again))?[\s!.,:;()\-DP]*$",
    re.IGNORECASE,
)


def question_in(message: str) -> str:
    """The question in ``message``: greetings, "quick question:", thanks and question frames taken off.

    A frame ("Can you tell me what …", "Do you know who …") leaves its question ("what …?");
    "Define X." and "Explain X" read as "What is X?". Returns the message unchanged when nothing
    with a letter or digit would be left. Read again, the result stays as it is.
    """
    text = message.strip()
    for _ in range(4):  # a frame taken off can bare more chat ("Define X according to the lecture please")
        read = _read_once(text)
        if read == text:
            break
        text = read
    return text


def _read_once(message: str) -> str:
    text = message.strip()
    while True:
        m = _LEADING.match(text) or _SOURCE_LEADING.match(text)
        if m is None or not m.end():
            break
        text = text[m.end() :]
    while (thanked := _DANGLING.sub("", _SOURCE_TRAILING.sub("", _THANKS.sub("", text)))) != text:  # "Thanks! Thx!"
        text = thanked
    if not has_words(text):
        return message.strip()
    framed = _FRAME.match(text)
    if framed:
        return text[framed.end() :].rstrip(" .!?") + "?"
    requested = _REQUEST.match(text)
    if requested and has_words(requested["term"]):
        return f"What {'are' if requested['verb'].lower() == 'list' else 'is'} {requested['term']}?"
    return _topic_named(text)


# "BERT - who created it?", "About LSTMs: why are they slow?": a topic named first, then a question that
# points back at it. A topic is a few words that are not a sentence of their own ("I'm reading about BERT."),
# set off by a colon or a dash.
_TOPIC_FIRST = re.compile(
    r"^(?:(?:a\s+)?question\s+)?(?:about|on|regarding|re)?\s*"
    r"(?P<topic>(?!(?:i|i'm|im|we|you|my|our|this|that|it|thanks?|thx|ty|please|pls|ok|okay|and|but|hmm+"
    r"|note|edit|update|ps|btw|also|so|well|sorry|quick|question|q|follow-up|followup"
    r"|in|at|by|for|with|within|along|according|besides|before|after|during|while|when|since|until|from|to|as"
    r"|under|over|without|despite|among|between|because|if|although|once|each|prior)\b)"
    r"[\w'-]+(?:\s+[\w'-]+){0,2}?)"
    r"\s*(?::|\s[—–-])\s+(?P<question>" + _WH + r".*)$",  # not a comma: "In 2009, what did it …" is prose
    re.IGNORECASE,
)
_POINTER = re.compile(r"\b(?:it|they|them)\b|\b(?:its|their)\b", re.IGNORECASE)


def _topic_named(text: str) -> str:
    """The question with the topic named before it put in place of its "it" / "they" (the first one).

    The reader cannot resolve a pronoun to a word outside the question: "BERT, who created it?" read
    "state-of-the-art models" (0.33), "who created BERT?" reads "Google Researchers".
    """
    m = _TOPIC_FIRST.match(text)
    if m is None or (pointer := _POINTER.search(m["question"])) is None:
        return text
    topic = m["topic"] + ("'s" if pointer.group().lower() in ("its", "their") else "")
    question = m["question"]
    return question[: pointer.start()] + topic + question[pointer.end() :]


# A message that is only chat: no question to search for.
_ONLY_GREETING = re.compile(rf"^\s*(?:(?:{_GREETING}|{_MENTION})[\s!?.,:;)]*)+$", re.IGNORECASE)
_ONLY_THANKS = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|great|cool|nice|perfect|awesome|got\s+it|i\s+see|makes\s+sense)[\s,!.]*)*"
    r"(?:thanks|thank\s+you|thx|ty|cheers|much\s+appreciated)(?:\s+(?:so\s+much|a\s+lot|again))?"
    r"(?:\s+(?:tutor|bot))?[\s!.,:;()\-DP]*$",
    re.IGNORECASE,
)
_ONLY_BYE = re.compile(
    r"^\s*(?:bye|goodbye|good\s*night|see\s+(?:you|ya)(?:\s+later)?|cya)(?:\s+(?:tutor|bot|all))?[\s!.]*$",
    re.IGNORECASE,
)
GREETING_REPLY = "Hi! Ask me about the lectures, for example “Who created BERT?”, or type /help for the commands."
THANKS_REPLY = "You're welcome! Ask again any time."
BYE_REPLY = "Bye, and good luck with the course!"


def small_talk(message: str) -> str | None:
    """The reply to a message that is only a greeting, thanks or goodbye ("hi", "thanks!"), else None.

    Searched as a question, "hi" was declined with the lecture's "Good evening again!" as the
    closest passage, and "thanks!" with a video link.
    """
    for pattern, reply in ((_ONLY_GREETING, GREETING_REPLY), (_ONLY_THANKS, THANKS_REPLY), (_ONLY_BYE, BYE_REPLY)):
        if pattern.match(message):
            return reply
    return None


# "What is this lecture about?", "What topics does the course cover?", "Summarize the lectures."
_LECTURES = r"(?:lectures?|course|class|slides|notes|material)"
_OVERVIEW = re.compile(
    rf"^\s*(?:what(?:'s|\s+is|\s+are)\s+(?:this|the|our|these|today'?s)\s+{_LECTURES}\s+(?:about|on)"
    rf"|what\s+(?:topics?|subjects?|sections?)\s+(?:are|is|does|do)\s+(?:(?:this|the|our)\s+{_LECTURES}\s+)?"
    rf"(?:covered|cover|in|there|taught)"
    rf"|what\s+does\s+(?:this|the|our)\s+{_LECTURES}\s+cover"
    rf"|(?:summari[sz]e|outline)\s+(?:this|the|our|these)\s+{_LECTURES})\b",
    re.IGNORECASE,
)


def asks_for_an_overview(message: str) -> bool:
    """Whether ``message`` asks what the lectures cover ("What is this lecture about?").

    The reader answers from one sentence, and no sentence says what the whole lecture is about:
    "Summarize the lecture" read "Stanford" (0.35), "What is this lecture about?" was declined.
    The lectures' own titles and sections answer it (``Tutor.chat_reply``).
    """
    return bool(_OVERVIEW.match(question_in(message)))
