"""The one facade the Discord bot, the terminal chat and the CLI all call.

Synchronous and typed; ``__init__`` only stores configuration, ``warm_up()`` opens the store, loads
the embedder and the index (building it from the bundled lectures on first use). The reader loads
on the first question.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from knowledge.answer_checks import AnswerChecks
from knowledge.chatter import asks_for_an_overview, question_in, small_talk
from knowledge.cleaning import clean_question, clean_text, decode_bytes, has_words
from knowledge.config import Settings
from knowledge.feedback import Feedback
from knowledge.index import VectorIndex
from knowledge.lexical import LexicalIndex, fuse
from knowledge.passages import split_passages
from knowledge.quiz.engine import QuizEngine
from knowledge.results import Answer, Hit, IngestReport, SearchResult
from knowledge.spelling import Speller
from knowledge.store import LectureInfo, PassageRecord, Store
from models import text_demos
from models.classifiers import AppropriatenessClassifier, Classification, HumorClassifier
from models.confidence import Calibration
from models.device import trim_heap
from models.embedder import Embedder, SentenceEmbedder
from models.errors import UserError
from models.list_items import ItemAsked, asks_for_the_list, item_asked, item_in, list_answered, list_block
from models.reader import Reader, ReaderSpan
from models.reading_view import ItemList, ReadingView, reading_view
from models.span_bounds import snap_to_words
from models.worked_examples import example_asked, may_ask_about_an_example

log = logging.getLogger(__name__)
MAX_QUERY_CHARS = 1000
LECTURE_SUFFIXES = {".md", ".markdown", ".txt"}
SENTENCE_CACHE_SIZE = 4096  # lecture sentences whose embeddings are kept (1.5 KB each)
PASSAGE_CACHE_SIZE = 4096  # stored passages kept in memory between questions (~1 KB each)
PRIME_BATCH = 8  # sentences embedded per call when priming the cache
TRIM_EVERY = 16  # asks between handing the C heap's free pages back to the OS (0.7 ms each time)
Progress = Callable[[str, int, int], None]


class TutorError(UserError):
    """A problem with the user's input, worded for the user."""


def lecture_name(filename: str) -> str:
    """A stable, URL-safe lecture name from a file name (``02-language-and-bert``)."""
    stem = Path(filename).stem.lower()
    name = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
    if not name:
        raise TutorError(f"can't make a lecture name from {filename!r}")
    return name[:120]


def lecture_title(text: str, filename: str) -> str:
    """A readable title from the file name, with each word cased as the lecture writes it.

    ``02-language-and-bert.md`` → ``02 Language and BERT``. (Lecture files often open with a
    greeting, not a title, so the first heading is a poor choice.)
    """
    words = [w for w in re.split(r"[^A-Za-z0-9]+", Path(filename).stem) if w]
    if not words:
        return "Untitled lecture"
    small = {"a", "an", "and", "the", "of", "in", "on", "to", "for", "with", "or"}
    out = []
    for i, w in enumerate(words):
        m = re.search(rf"\b({re.escape(w)})\b", text, re.IGNORECASE)
        seen = m.group(1) if m else w
        if seen.isupper() and len(seen) > 1:
            out.append(seen)
        elif i > 0 and w.lower() in small:
            out.append(w.lower())
        else:
            out.append(w[:1].upper() + w[1:].lower())
    return " ".join(out)[:300]


@contextmanager
def as_tutor_error() -> Iterator[None]:
    """Report a lower layer's input error as the Tutor's own (same message)."""
    try:
        yield
    except UserError as exc:
        if isinstance(exc, TutorError):
            raise
        raise TutorError(str(exc)) from None


def check_query(query: object, what: str = "question") -> str:
    if not isinstance(query, str):
        raise TutorError(f"the {what} must be text")
    q = " ".join(clean_question(query).split())
    if not has_words(q):
        raise TutorError(f"the {what} is empty: type a few words")
    if len(q) > MAX_QUERY_CHARS:
        raise TutorError(f"the {what} is {len(q):,} characters long; please keep it under {MAX_QUERY_CHARS:,}")
    return q


def _answered(
    result: SearchResult,
    found: SearchResult,
    passage: int,
    text: str,
    sentence: str,
    in_sentence: tuple[int, int],
    conf: float,
    timings: dict[str, float],
) -> Answer:
    """The answer to ``result``'s question: ``text`` in passage ``passage`` of the search that ``found`` it."""
    hit = found.hits[passage]
    return Answer(
        question=result.query,
        abstained=False,
        text=text,
        confidence=conf,
        sentence=sentence,
        answer_in_sentence=in_sentence,
        passage=hit.passage,
        retrieval_score=hit.score,
        hits=found.hits,
        timings_ms=timings,
        read_as=result.read_as,
    )


class Tutor:
    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        reader: Reader | None = None,
    ) -> None:
        self.settings = settings
        self.embedder: Embedder = embedder or SentenceEmbedder(
            settings.models.embedder,
            settings.models.device,
            settings.models.embed_batch_size,
            fast_forward=settings.models.fused_forward,
        )
        m, r = settings.models, settings.reader
        self.reader = reader or Reader(
            m.reader,
            m.device,
            max_seq_length=r.max_seq_length,
            doc_stride=r.doc_stride,
            max_answer_tokens=r.max_answer_tokens,
            precision=m.reader_precision,
            threads=m.torch_threads,
            window_tokens=r.window_tokens,
            skip_unrelated=r.skip_unrelated_windows,
            fast_forward=m.fused_forward,
        )
        r_cfg = settings.retrieval
        self.index = VectorIndex(r_cfg.index, r_cfg.hnsw_threshold, r_cfg.hnsw_ef_search)
        self.lexical = LexicalIndex()
        self.answer_checks = AnswerChecks(self._sentence_vectors_of)
        self.humor = HumorClassifier(self.embedder)
        self.appropriateness = AppropriatenessClassifier()
        self._store: Store | None = None
        self._quiz: QuizEngine | None = None
        self._calibration: Calibration | None = None
        self._sentence_vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._passage_cache: dict[int, PassageRecord] = {}  # of the store generation below
        self._passage_generation = ""
        self.speller = Speller()
        self._course_words = "none"  # the store generation the speller's course words come from
        self._asks = 0
        self._warm = False
        self._lock = threading.RLock()

    # -- lifecycle --------------------------------------------------------------------------
    @property
    def quiz(self) -> QuizEngine:
        if self._quiz is None:
            q = self.settings.quiz
            self._quiz = QuizEngine(self.store, self.embedder, q.free_text_threshold, q.session_minutes)
        return self._quiz

    @property
    def feedback(self) -> Feedback:
        return Feedback(self.store)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.settings.database_url)
        return self._store

    def warm_up(self, reader: bool = False, load_defaults: bool = True) -> None:
        """Load the embedder, seed an empty store, sync the glossary: once per Tutor, however often called."""
        with self._lock:
            if not self._warm:
                self.embedder.warm_up()
                if load_defaults and not self.store.lectures():
                    for folder in self.settings.paths.default_lectures:
                        self.ingest_path(self.settings.resolve(folder))
                self._ensure_index()
                glossary = self.settings.resolve(self.settings.quiz.glossary_dir)
                if glossary.is_dir():
                    self.quiz.sync_glossary(glossary)
                self.quiz.purge(self.settings.quiz.retention_days)
                self._warm = True
            if reader:
                self._warm_reader()

    def _warm_reader(self) -> None:
        if self._calibration is None:
            if isinstance(self.embedder, SentenceEmbedder):
                self.reader.share_with(self.embedder)
            self.reader.warm_up()
            self._calibration = Calibration.load(self.reader.calibration_path)
            self._warm_speller()
            self._prime_sentence_vectors(
                p.text for lecture in self.store.lectures() for p in self.store.lecture_passages(lecture.name)
            )  # lazily: a large store is read only until the cache is full

    def _warm_speller(self) -> None:
        if self.speller.ready:
            return
        tokenizer = getattr(self.embedder, "tokenizer", None)  # a fake embedder has none
        self.speller.warm_up(tokenizer.get_vocab() if tokenizer is not None else ())

    def _prime_sentence_vectors(self, passages: Iterable[str]) -> None:
        """Embed the sentences an answer or a decline can show, before anyone asks.

        The confidence check compares the question with the answer's sentence, and a decline
        picks the passage's sentence nearest to the question: uncached, that is one more embedder
        call (~9 ms of a first question's ~50). The course's sentences are few (the bundled
        lecture has 73), so they are embedded once here, up to the cache's size; a store larger
        than that fills the cache as questions come.
        """
        sentences: dict[str, None] = {}
        for text in passages:
            view = reading_view(text)
            for start, end in view.sentences:
                sentences[view.text[start:end]] = None
                sentences[view.text[slice(*view.answer_sentence(start, end))]] = None
            if len(sentences) >= SENTENCE_CACHE_SIZE:
                break
        todo = list(sentences)[:SENTENCE_CACHE_SIZE]
        for i in range(0, len(todo), PRIME_BATCH):  # small batches: a big one's activations stay resident
            self._sentence_vectors_of(todo[i : i + PRIME_BATCH])
        trim_heap()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
            self._quiz = None

    def _ensure_index(self) -> None:
        """Make the index match the store's generation: load the saved file or rebuild."""
        gen = self.store.generation()
        if self.index.generation != gen:
            path = self.settings.index_path
            if not (self.index.load(path) and self.index.generation == gen):
                ids, vectors, gen = self.store.vectors()
                self.index.build(ids, vectors, gen)
                self.index.save(path)
                log.info("index rebuilt: %d passages", len(self.index))
        stale_bm25 = self.settings.retrieval.hybrid and self.lexical.generation != self.index.generation
        if stale_bm25 or self._course_words != self.index.generation:
            ids, texts, gen = self.store.texts()
            if stale_bm25:
                self.lexical.build(ids, texts, gen)
            self.speller.set_course(texts)
            self._course_words = gen

    # -- lectures ---------------------------------------------------------------------------
    def lectures(self) -> list[LectureInfo]:
        return self.store.lectures()

    def ingest_path(self, path: Path, progress: Progress | None = None) -> list[IngestReport]:
        """Ingest a file, or every lecture file in a folder."""
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in LECTURE_SUFFIXES)
            if not files:
                raise TutorError(f"{path} holds no .md or .txt lecture files")
            return [self.ingest_path(f, progress)[0] for f in files]
        if not path.exists():
            raise TutorError(f"{path}: no such file")
        if path.suffix.lower() not in LECTURE_SUFFIXES:
            raise TutorError(f"{path.name}: lectures must be Markdown (.md) or plain text (.txt)")
        size = path.stat().st_size
        self._check_size(path.name, size)
        return [self.ingest_bytes(path.name, path.read_bytes(), source=str(path), progress=progress)]

    def _check_size(self, name: str, size: int) -> None:
        limit = self.settings.ingest.max_file_bytes
        if size > limit:
            raise TutorError(f"{name} is {size / 1e6:.1f} MB; the limit for a lecture is {limit / 1e6:.1f} MB")

    def ingest_bytes(
        self, filename: str, data: bytes, source: str | None = None, progress: Progress | None = None
    ) -> IngestReport:
        """Add or replace one lecture; an unchanged lecture is left alone (content hash)."""
        t0 = time.perf_counter()
        name = lecture_name(filename)
        self._check_size(filename, len(data))
        with as_tutor_error():
            text = clean_text(decode_bytes(data, filename))
        if not has_words(text):
            raise TutorError(f"{filename} has no text to learn from")
        digest = hashlib.sha256(text.encode()).hexdigest()
        with self._lock:
            old = self.store.lecture_hash(name)
            if old == digest:
                self._ensure_index()
                n = len(self.store.lecture_passages(name))
                return IngestReport(name, "unchanged", n, time.perf_counter() - t0)
            cfg = self.settings.ingest
            limit = min(cfg.max_passage_tokens, self.embedder.max_tokens - 6)
            drafts = split_passages(text, self.embedder.count_tokens, limit, cfg.overlap_sentences)
            if not drafts:
                raise TutorError(f"{filename} has no text to learn from")
            vectors = []
            batch = max(1, self.settings.models.embed_batch_size)
            for i in range(0, len(drafts), batch):
                chunk = drafts[i : i + batch]
                vectors.append(self.embedder.embed([d.text for d in chunk]))
                if progress:
                    progress(name, min(i + batch, len(drafts)), len(drafts))
            mat = np.vstack(vectors)
            title = lecture_title(text, filename)
            self.store.put_lecture(name, title, source or filename, digest, text, drafts, mat)
            self._ensure_index()
            if self._calibration is not None:  # answering already: the new lecture's sentences too
                self._prime_sentence_vectors([p.text for p in self.store.lecture_passages(name)])
        status = "added" if old is None else "replaced"
        return IngestReport(name, status, len(drafts), time.perf_counter() - t0)

    def remove(self, name: str) -> None:
        with self._lock:
            if not self.store.remove_lecture(name):
                known = ", ".join(lec.name for lec in self.store.lectures()) or "none"
                raise TutorError(f"no lecture named {name!r} (lectures: {known})")
            self._ensure_index()

    # -- search and ask ---------------------------------------------------------------------
    def search(self, query: str, k: int | None = None) -> SearchResult:
        return self._search(check_query(query, "query"), k)[0]

    def _search(self, typed: str, k: int | None = None) -> tuple[SearchResult, str, np.ndarray]:
        """Top-k passages for ``typed``; the question as searched and read, and its embedding.

        It is read without chat and with typos corrected; ``read_as`` is set only when words were
        corrected (greetings and thanks taken off are not news to the student).
        """
        k = self.settings.retrieval.top_k if k is None else k
        if not 1 <= k <= 50:
            raise TutorError("k must be between 1 and 50")
        r_cfg = self.settings.retrieval
        with self._lock:
            self._ensure_index()  # once a question: the index, BM25 and the speller follow the store
            if r_cfg.correct_spelling:
                self._warm_speller()  # no-op once loaded (with the reader, or on a first search)
        asked = question_in(typed)  # "Hey, quick question: …? Thanks!" is searched and read without the chat
        q = self.speller.correct(asked) if r_cfg.correct_spelling else asked  # typos read as the course's words
        t0 = time.perf_counter()
        vec = self.embedder.embed([q])[0]
        t1 = time.perf_counter()
        with self._lock:
            dense = self.index.search(vec, max(k, r_cfg.candidates) if r_cfg.hybrid else k)
            scores = dict(dense)
            ranked = [pid for pid, _ in dense][:k]
            if r_cfg.hybrid:
                lexical = [pid for pid, _ in self.lexical.search(q, r_cfg.candidates)]
                ranked = fuse([pid for pid, _ in dense], lexical, k=k)
                scores.update(self.index.similarities(vec, [pid for pid in ranked if pid not in scores]))
            records = self._passages(ranked)
        t2 = time.perf_counter()
        hits = [
            Hit(rank, scores[pid], records[pid])
            for rank, pid in enumerate((pid for pid in ranked if pid in records), start=1)
        ]
        timings = {"embed": (t1 - t0) * 1e3, "search": (t2 - t1) * 1e3}
        return SearchResult(typed, hits, timings, read_as="" if q == asked else q), q, vec

    def _passages(self, ids: list[int]) -> dict[int, PassageRecord]:
        """The stored passages of these ids, kept in memory while the store's contents stay the same."""
        if self._passage_generation != self.index.generation or len(self._passage_cache) > PASSAGE_CACHE_SIZE:
            self._passage_cache.clear()
            self._passage_generation = self.index.generation
        missing = [i for i in ids if i not in self._passage_cache]
        if missing:
            self._passage_cache.update(self.store.passages(missing))
        return {i: self._passage_cache[i] for i in ids if i in self._passage_cache}

    def chat_reply(self, message: str) -> str | None:
        """The reply to a message that needs no reading, for chat interfaces; else None.

        Small talk ("hi", "thanks!") and what the lectures cover ("What is this lecture about?", from
        their titles and sections). ``ask`` itself always answers from the lectures (``tutor ask``,
        ``tutor eval``); the chat, ``/ask`` and mentions call this first.
        """
        if (reply := small_talk(message)) is not None:
            return reply
        return self.overview() if asks_for_an_overview(message) else None

    def overview(self) -> str:
        """What the lectures cover: each lecture's title and its sections, in order."""
        self.warm_up()
        lines = [f"{title}: {' · '.join(sections)}" if sections else title for title, sections in self.store.sections()]
        return "The lectures cover:\n" + "\n".join(f"- {line}" for line in lines) if lines else "No lectures yet."

    def ask(self, question: str) -> Answer:
        answer = self._answer(check_query(question))
        with self._lock:
            self._asks += 1
            trim = self._asks % TRIM_EVERY == 0
        if trim:  # keeps resident memory from creeping up with freed torch temporaries
            trim_heap()
        return answer

    def _answer(self, typed: str) -> Answer:
        t0 = time.perf_counter()
        with self._lock:
            self._warm_reader()
        result, q, q_vec = self._search(typed)
        timings = dict(result.timings_ms)
        if may_ask_about_an_example(q) and (example := self._worked_example(result, q, q_vec, timings, t0)):
            return example
        asked = item_asked(q)
        if asked is not None:  # read first without the place: "What is the fun fact?"
            found, topic, topic_vec = self._search(asked.topic)
            for stage in ("embed", "search"):
                timings[stage] += found.timings_ms[stage]
            read = self._read(found, topic, topic_vec, timings)
            if (listed := self._item_of_list(asked, found, read, result, q_vec, timings, t0)) is not None:
                return listed
        best, conf = self._read(result, q, q_vec, timings)
        listed = self._item_of_list(asked, result, (best, conf), result, q_vec, timings, t0) if asked else None
        if listed is not None:  # as asked, the answer may begin another item of the list
            return listed
        if asks_for_the_list(typed) and (whole := self._whole_list(result, (best, conf), timings, t0)) is not None:
            return whole
        timings["total"] = (time.perf_counter() - t0) * 1e3
        if best is None or conf < self._threshold:
            return self._decline(result, q_vec, conf, timings)
        return _answered(result, result, best.passage, best.text, best.sentence, best.answer_in_sentence, conf, timings)

    @property
    def _threshold(self) -> float:
        calibration = self._calibration
        assert calibration is not None
        threshold = self.settings.reader.confidence_threshold
        return calibration.threshold if threshold == "auto" else threshold

    def _read(
        self, result: SearchResult, q: str, q_vec: np.ndarray, timings: dict[str, float]
    ) -> tuple[ReaderSpan | None, float]:
        """The reader's best span for ``q`` in the passages found, if it can be what was asked; its confidence."""
        calibration = self._calibration
        assert calibration is not None
        hits = result.hits
        if not hits or max(h.score for h in hits) < self.settings.retrieval.min_similarity:
            return None, 0.0
        t0 = time.perf_counter()
        spans = self.reader.run(q, [h.passage.text for h in hits])
        timings["read"] = timings.get("read", 0.0) + (time.perf_counter() - t0) * 1e3
        best = spans[0] if spans else None
        if best is None or not self.answer_checks.can_answer(q, best):
            return None, 0.0
        sentence_sim = float(self._sentence_vectors_of([best.sentence])[0] @ q_vec)
        return best, calibration(best.score, best.null_score, hits[best.passage].score, sentence_sim)

    def _worked_example(
        self, result: SearchResult, q: str, q_vec: np.ndarray, timings: dict[str, float], t0: float
    ) -> Answer | None:
        """The text or the numbers of a worked example the question asks about (``models.worked_examples``).

        Vouched for by the sentence detector on the question and the example as the notes show it
        ("Let us make a representation: I love dogs and dogs love snacks. [1 2 3 4 3 2 5].", or
        either of its sentences), with the calibrated threshold; below it, or with no such
        example, the reader reads as usual.
        """
        calibration = self._calibration
        assert calibration is not None
        for i, hit in enumerate(result.hits):
            view = reading_view(hit.passage.text)
            found = example_asked(q, view)
            if found is None:
                continue
            (start, end), example = found.answer, found.example
            b_start, b_end = example.block
            block = view.text[b_start:b_end]
            split = example.code[0]  # where the numbers' sentence begins
            shown = [block, view.text[b_start:split].strip(), view.text[split:b_end]]
            similarity = float(np.max(self._sentence_vectors_of(shown) @ q_vec))
            # Quoting the very numbers of the notes is not a word shared by chance: no passage floor.
            conf = (
                calibration.sentence(similarity) if found.quoted else calibration.sentence_vote(hit.score, similarity)
            )
            if conf < self._threshold:
                return None
            timings["total"] = (time.perf_counter() - t0) * 1e3
            return _answered(
                result, result, i, view.text[start:end], block, (start - b_start, end - b_start), conf, timings
            )
        return None

    def _item_of_list(
        self,
        asked: ItemAsked,
        found: SearchResult,
        read: tuple[ReaderSpan | None, float],
        result: SearchResult,
        q_vec: np.ndarray,
        timings: dict[str, float],
        t0: float,
    ) -> Answer | None:
        """The item at the asked place of the list whose item a reading's answer begins (``models.list_items``).

        Read twice: first without the place ("What is the fun fact?"), then as asked, whose answer
        may begin another item of the list ("What is the second example of language?" → "English
        and Binary", in the first example). None where neither lands on an item with confidence.
        """
        found_list = self._list_answered(found, read)
        if found_list is None:
            return None
        view, listed, passage, conf = found_list
        item = item_in(listed, asked.place)
        timings["total"] = (time.perf_counter() - t0) * 1e3
        if item is None:  # "the seventh quick term" of six: nothing to be confident in
            return self._decline(result, q_vec, 0.0, timings)
        start, end = snap_to_words(view.text, *item)
        s_start, s_end = view.answer_sentence(start, end)
        sentence, in_sentence = view.text[s_start:s_end], (start - s_start, end - s_start)
        return _answered(result, found, passage, view.text[start:end], sentence, in_sentence, conf, timings)

    def _whole_list(
        self, result: SearchResult, read: tuple[ReaderSpan | None, float], timings: dict[str, float], t0: float
    ) -> Answer | None:
        """Every item of the list whose item the reading's answer begins ("List the quick terms.")."""
        found_list = self._list_answered(result, read)
        if found_list is None:
            return None
        view, listed, passage, conf = found_list
        text, sentence, in_sentence = list_block(view, listed)
        timings["total"] = (time.perf_counter() - t0) * 1e3
        return _answered(result, result, passage, text, sentence, in_sentence, conf, timings)

    def _list_answered(
        self, found: SearchResult, read: tuple[ReaderSpan | None, float]
    ) -> tuple[ReadingView, ItemList, int, float] | None:
        """The list whose item a confident reading's answer begins: its passage's view, the list,
        the passage's index in ``found`` and the confidence; None where there is no such list."""
        best, conf = read
        if best is None or conf < self._threshold:
            return None
        view = reading_view(found.hits[best.passage].passage.text)
        listed = list_answered(view, best.start)
        return None if listed is None else (view, listed, best.passage, conf)

    def _sentence_vectors_of(self, sentences: list[str]) -> np.ndarray:
        """Embeddings of lecture sentences; answers come from the same few sentences again and again."""
        with self._lock:
            cached = {t: self._sentence_vectors[t] for t in sentences if t in self._sentence_vectors}
        missing = list(dict.fromkeys(t for t in sentences if t not in cached))
        if missing:
            cached.update(zip(missing, self.embedder.embed(missing), strict=True))
        with self._lock:
            for t, v in cached.items():
                self._sentence_vectors[t] = v
                self._sentence_vectors.move_to_end(t)
            while len(self._sentence_vectors) > SENTENCE_CACHE_SIZE:
                self._sentence_vectors.popitem(last=False)
        return np.vstack([cached[t] for t in sentences])

    def _decline(self, result: SearchResult, q_vec: np.ndarray, conf: float, timings: dict[str, float]) -> Answer:
        """Not covered: the closest passage, and its sentence nearest to the question.

        A question in the notes ("What is a model?") is nearest to a student's question and says
        nothing by itself: it is shown as an answer would be, with the rest of its line
        (``ReadingView.answer_sentence``).
        """
        hits = result.hits
        passage = hits[0].passage if hits else None
        sentence = ""
        if passage is not None:
            view = reading_view(passage.text)
            spans = view.sentences
            if spans:
                vectors = self._sentence_vectors_of([view.text[s:e] for s, e in spans])
                start, end = spans[int(np.argmax(vectors @ q_vec))]
                sentence = view.text[slice(*view.answer_sentence(start, end))]
        sim = max((h.score for h in hits), default=0.0)
        return Answer(result.query, True, "", conf, sentence, (0, 0), passage, sim, hits, timings, result.read_as)

    def forget_me(self, guild: str, user: str) -> bool:
        """Delete everything stored about one person: quiz history, schedules, questions, votes."""
        had_quiz = self.quiz.forget(guild, user)
        had_questions = self.feedback.forget(guild, user) > 0
        return had_quiz or had_questions

    # -- language demos ---------------------------------------------------------------------
    def tokenize(self, text: str, drop_stopwords: bool = False) -> text_demos.TokenizeResult:
        with as_tutor_error():
            return text_demos.tokenize(text, drop_stopwords)

    def ngrams(
        self,
        text: str | None = None,
        n: int = 2,
        drop_stopwords: bool = False,
        chars: bool = False,
        lecture: str | None = None,
        top: int = 20,
    ) -> text_demos.NgramResult:
        """N-grams of a pasted text, or of a whole lecture by name."""
        limit = text_demos.MAX_DEMO_CHARS
        if lecture:
            body = self.store.lecture_text(lecture)
            if body is None:
                known = ", ".join(x.name for x in self.lectures()) or "none"
                raise TutorError(f"no lecture named {lecture!r} (lectures: {known})")
            text, limit = body, len(body)
        with as_tutor_error():
            return text_demos.ngrams(text or "", n, drop_stopwords, chars, top, limit)

    def compare(self, a: str, b: str) -> text_demos.CompareResult:
        with as_tutor_error():
            a, _ = text_demos.prepare(a)
            b, _ = text_demos.prepare(b)
        vocab, ca, cb, bow = text_demos.bag_of_words(a, b)
        va, vb = self.embedder.embed([a, b])
        return text_demos.CompareResult(a, b, vocab, ca, cb, bow, float(va @ vb))

    def classify(self, kind: str, text: str) -> Classification:
        with as_tutor_error():
            text, _ = text_demos.prepare(text)
        if kind == "humor":
            return self.humor.run(text)
        if kind == "appropriateness":
            return self.appropriateness.run(text)
        raise TutorError("classify humor or appropriateness")
