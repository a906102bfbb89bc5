"""200 concurrent /ask interactions through the loopback fake Discord.

Every interaction must get its initial response (the defer) within Discord's 3 s; prints p50/p95
to the initial response and to the final answer, and the longest event-loop stall seen by a 10 ms
ticker while the bot works. The unmodified bot runs against ``tests/fake_discord``.

    python bench/bench_bot_load.py [--n 200]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

import numpy as np

from bot.runtime import quiet_libraries
from tests.fake_discord.harness import running_bot

QUESTIONS = [
    "How many parameters does BERT_BASE contain?",
    "What do larger batches produce?",
    "What is a key element of BERT?",
    "What is the capital of France?",
    "What should a good representation take and leave?",
]


async def run(n: int) -> None:
    async with running_bot(Path(tempfile.mkdtemp())) as (fake, _bot):
        warm = await fake.slash("ask", [{"name": "question", "type": 3, "value": QUESTIONS[0]}])
        await fake.wait_for(lambda: any(r.path.startswith("/webhooks") for r in fake.for_interaction(warm)), 60)
        stall = 0.0
        stop = False

        async def ticker() -> None:
            nonlocal stall
            while not stop:
                t = time.perf_counter()
                await asyncio.sleep(0.01)
                stall = max(stall, time.perf_counter() - t - 0.01)

        tick = asyncio.create_task(ticker())
        payloads = []
        for i in range(n):
            p = await fake.slash("ask", [{"name": "question", "type": 3, "value": QUESTIONS[i % len(QUESTIONS)]}])
            payloads.append(p)

        def first(p: dict) -> float | None:
            r = next((r for r in fake.for_interaction(p) if r.path.endswith("/callback")), None)
            return None if r is None else r.at

        def final(p: dict) -> float | None:
            r = next((r for r in fake.for_interaction(p) if r.path.startswith("/webhooks")), None)
            return None if r is None else r.at

        await fake.wait_for(lambda: all(final(p) for p in payloads), timeout=600)
        stop = True
        await tick
        # Both clocks are time.monotonic(): when the fake dispatched the event, when the reply came.
        initial = [(first(p) or 0) - fake._dispatched[p["id"]] for p in payloads]
        answer = [(final(p) or 0) - fake._dispatched[p["id"]] for p in payloads]
        late = sum(1 for x in initial if x > 3.0)
        print(f"{n} concurrent /ask through the fake Discord (violations: {len(fake.violations)})")
        print(f"{'':<28} {'p50 s':>8} {'p95 s':>8} {'max s':>8}")
        for label, xs in (("initial response (defer)", initial), ("final answer", answer)):
            print(f"{label:<28} {np.percentile(xs, 50):8.3f} {np.percentile(xs, 95):8.3f} {max(xs):8.3f}")
        print(f"initial responses later than 3 s: {late}")
        print(f"longest event-loop stall: {stall * 1000:.1f} ms")
        print(f"throughput: {n / (max(answer)):.1f} answers/s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    quiet_libraries()
    asyncio.run(run(ap.parse_args().n))


if __name__ == "__main__":
    main()
