"""Content words shared by questions and texts."""

from models.content_words import stems, words


def test_words_drop_question_words_and_stopwords() -> None:
    assert words("What do we need to find in training?") == ["need", "find", "train"]


def test_short_words_meet_their_inflections() -> None:
    # A five-letter prefix alone kept "tuned"/"tune" and "tasks"/"task" apart.
    assert stems("What should be tuned first?") & stems("it is usually sufficient to tune the learning rate")
    assert stems("Which tasks does BERT target?") & stems("No task separation")
    # Snowball alone stems "represented" to "repres" but "representation" to "represent".
    assert stems("How are words represented?") == stems("word representation")


def test_stems_match_word_forms_and_ignore_case() -> None:
    assert stems("How many PARAMETERS?") & stems("BERT_LARGE contains 340M parameters")
    assert stems("What is BERT pretrained on?") & stems("BERT pretraining uses unlabeled text")
    assert not stems("What is the capital of France?") & stems("Larger batches produce stable updates.")
    assert stems("What is it?") == frozenset()  # nothing but question words and stopwords


def test_an_acronyms_plural_meets_its_singular() -> None:
    # Snowball keeps the "s" when no vowel comes before it: "LSTMs" stemmed to "lstms", never "lstm".
    assert words("LSTMs RNNs GPUs lstms") == ["lstm", "rnn", "gpu", "lstm"]
    assert stems("LSTM downsides") & stems("LSTMs are: Slow to train")
    assert words("bus thus") == ["bus", "thus"]  # a vowel before the "s": Snowball decides
