"""A running tutor keeps out the libraries it does not need (each costs tens of MB resident).

The packaged embedder and reader are read from their tensor files into the fused forward, the
appropriateness model runs on exported arrays and the n-gram demo reads scikit-learn's stopword
file directly, so a tutor that has used every model and demo has imported none of
sentence-transformers, the Hugging Face model classes or scikit-learn (``bench/bench_memory.py``
measures what that saves). Run in a fresh interpreter: this test session imports them all.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from knowledge.config import REPO_ROOT

SCRIPT = """
import json, sys
from bot.runtime import quiet_libraries
from knowledge.config import REPO_ROOT, load_settings
from knowledge.tutor import Tutor

quiet_libraries()
tutor = Tutor(load_settings(REPO_ROOT / "config.toml", env={"TUTOR__PATHS__DATA_DIR": json.dumps(sys.argv[1])}))
tutor.warm_up(reader=True)
answer = tutor.ask("Who created BERT?")
funny = tutor.classify("humor", "Not to brag, but I'm fluent in 10 languages. English and Binary.")
rude = tutor.classify("appropriateness", "you are a fucking idiot")
tutor.tokenize("Transformers read word pieces.", drop_stopwords=True)
tutor.ngrams("I love dogs and dogs love snacks.", 1, drop_stopwords=True)
heavy = ("sentence_transformers", "transformers.modeling_utils", "sklearn")
print(json.dumps({
    "imported": [m for m in heavy if m in sys.modules],
    "answer": answer.text, "funny": funny.label, "rude": rude.label,
}))
tutor.close()
"""


def test_a_tutor_that_used_every_model_imported_none_of_the_heavy_libraries(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["imported"] == []
    assert seen["answer"] and seen["funny"] == "funny" and seen["rude"] == "inappropriate"
