# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: parse a 100,000-message WhatsApp export, ours against whatstk.

Each parser runs in its own subprocess so that peak memory (maximum resident
set size) belongs to that parser alone. whatstk is not a Meldpunt dependency;
install it in a throwaway virtualenv and point this script at its python:

    python3 -m venv /tmp/bench-venv
    /tmp/bench-venv/bin/pip install whatstk
    PYTHONPATH=. python bench/evidence_whatsapp.py \\
        --whatstk-python /tmp/bench-venv/bin/python

(or set WHATSTK_PYTHON instead of the option). Without it only ours is run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

NAMES = ["Sanne Voorbeeld", "Pieter Testbeeld", "Fatima Proefmans", "Zoë de Vries"]
WORDS = ("de", "lijst", "is", "naar", "het", "verkeerde", "adres", "gestuurd", "wie")


def generate(path: Path, count: int, seed: int = 17) -> None:
    """Write an Android export (DD/MM/YYYY, 24h) with some multi-line messages."""
    rng = random.Random(seed)
    moment = datetime(2024, 3, 5, 9, 0, tzinfo=UTC)
    with path.open("w", encoding="utf-8") as out:
        for _ in range(count):
            moment += timedelta(seconds=rng.randint(0, 300))
            text = " ".join(rng.choices(WORDS, k=rng.randint(2, 18)))
            if rng.random() < 0.1:
                text += "\n" + " ".join(rng.choices(WORDS, k=rng.randint(2, 10)))
            stamp = moment.strftime("%d/%m/%Y, %H:%M")
            out.write(f"{stamp} - {rng.choice(NAMES)}: {text}\n")


def run_ours(path: Path) -> int:
    from meldpunt.core.evidence import parse_path

    parsed = parse_path(path, date_order="DMY")
    return len(parsed["entries"])


def run_whatstk(path: Path) -> int:
    from whatstk import WhatsAppChat

    chat = WhatsAppChat.from_source(str(path), hformat="%d/%m/%Y, %H:%M - %name:")
    return len(chat.df)


def worker(which: str, path: Path) -> None:
    start = time.perf_counter()
    count = run_ours(path) if which == "ours" else run_whatstk(path)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps({"messages": count, "seconds": seconds, "peak_mib": peak_kib / 1024})
    )


def run_once(python: str, which: str, path: Path) -> dict[str, float]:
    command = [python, __file__, "--worker", which, str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(
    parsers: dict[str, tuple[str, str]], path: Path, repeat: int
) -> dict[str, dict[str, float]]:
    """Best time and highest peak of each parser over ``repeat`` rounds.

    Each round runs every parser once, one after the other, so that a machine
    that is busier for a while slows all of them alike.
    """
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in parsers}
    for _ in range(repeat):
        for name, (python, which) in parsers.items():
            runs[name].append(run_once(python, which, path))
    results = {}
    for name, done in runs.items():
        best = min(done, key=lambda run: run["seconds"])
        best["per_second"] = best["messages"] / best["seconds"]
        best["peak_mib"] = max(run["peak_mib"] for run in done)
        results[name] = best
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--whatstk-python", default=os.environ.get("WHATSTK_PYTHON"))
    parser.add_argument(
        "--worker", nargs=2, metavar=("WHICH", "FILE"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]))
        return

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "WhatsApp Chat.txt"
        generate(path, args.messages)
        print(
            f"export: {args.messages} messages, {path.stat().st_size / 2**20:.1f} MiB"
        )
        parsers = {"meldpunt": (sys.executable, "ours")}
        if args.whatstk_python:
            parsers["whatstk"] = (args.whatstk_python, "whatstk")
        results = measure(parsers, path, args.repeat)

    print(
        f"{'parser':<10} {'messages':>9} {'seconds':>8} {'msg/s':>10} {'peak MiB':>9}"
    )
    for name, run in results.items():
        print(
            f"{name:<10} {run['messages']:>9} {run['seconds']:>8.2f} "
            f"{run['per_second']:>10.0f} {run['peak_mib']:>9.1f}"
        )
    if "whatstk" in results:
        ratio = results["meldpunt"]["per_second"] / results["whatstk"]["per_second"]
        print(f"meldpunt is {ratio:.1f}x the speed of whatstk")
    else:
        print("whatstk skipped: give --whatstk-python or WHATSTK_PYTHON (see --help)")


if __name__ == "__main__":
    main()
