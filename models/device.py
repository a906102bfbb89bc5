"""Pick the compute device once: ``auto`` prefers CUDA, then Apple MPS, then the CPU."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache

import torch

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeviceChoice:
    device: str
    half: bool  # run models in fp16 (CUDA only)

    @property
    def dtype(self) -> torch.dtype:
        return torch.float16 if self.half else torch.float32


@cache
def choose_device(preference: str = "auto") -> DeviceChoice:
    """Resolve a preference; a device that is asked for but absent falls back to the CPU, loudly."""
    cuda = torch.cuda.is_available()
    mps = bool(getattr(torch.backends, "mps", None)) and torch.backends.mps.is_available()
    if preference == "auto":
        device = "cuda" if cuda else "mps" if mps else "cpu"
    elif (preference == "cuda" and not cuda) or (preference == "mps" and not mps):
        log.warning("device %r is not available here; using the CPU", preference)
        device = "cpu"
    else:
        device = preference
    choice = DeviceChoice(device=device, half=device == "cuda")
    log.info("models run on %s%s", device, " in half precision" if choice.half else "")
    return choice


def release_free_memory() -> None:
    """Hand memory freed while building the model back to the OS (glibc keeps it otherwise)."""
    import gc

    gc.collect()
    trim_heap()


def trim_heap() -> None:
    """Return the C heap's free pages to the OS (glibc ``malloc_trim``; elsewhere nothing to do).

    Torch's temporaries of every forward call are freed into glibc's arenas, which keep them:
    a tutor's resident memory crept from 595 to ~676 MB over 500 questions, ~17 MB of it free heap.
    """
    import contextlib
    import ctypes

    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to do
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def cpu_runs_bf16_fast() -> bool:
    """Whether this CPU has bfloat16 matrix units (AMX or AVX512-BF16).

    There bf16 weights run a BERT forward ~1.5× faster than dynamic int8 and ~2.3× faster than
    fp32 (bench/bench_ask.py); elsewhere bf16 is emulated and slow, and int8 is the better choice.
    """
    probes = ("_is_amx_tile_supported", "_is_avx512_bf16_supported")
    return any(bool(getattr(torch.cpu, name, lambda: False)()) for name in probes)


def resolve_precision(preference: str, choice: DeviceChoice) -> str:
    """``fp16`` on CUDA; on the CPU ``auto`` means bf16 where it is fast, else int8."""
    if choice.half:
        return "fp16"
    if choice.device != "cpu":
        return "fp32"
    if preference == "auto":
        return "bf16" if cpu_runs_bf16_fast() else "int8"
    return preference
