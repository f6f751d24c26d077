"""Time question-bank generation: the declaration once, the text x1, x2, x4, x8 (time per word),
and its text repeated 100 times.

Run: .venv/bin/python benchmarks/generation.py [--repeat N] [--runs N] [--scales 1,2,4,8]
Prints the median single-run time, the time per word at each scale (linear: about constant), the
repeated-text time and its ratio to the single run (linear: ratio ≈ N). The distractor pools are
bounded (POOL_LIMIT phrases of each kind): a text too short to fill them costs less per word than
a long one, so the time per word rises a little until the pools are full, then stays flat.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.corpus import DECLARATION_PATH, parse_document, read_source  # noqa: E402
from app.generation.bank import build_bank, lesson_texts  # noqa: E402
from app.generation.lists import _item_form  # noqa: E402
from app.generation.terms import normalise  # noqa: E402


def repeated_text(text: str, times: int) -> str:
    """The text ``times`` times over, each copy's headings numbered so section ids stay distinct."""
    lines = text.splitlines()
    body = lines[: next(i for i, line in enumerate(lines) if line.startswith("The President"))]
    document = parse_document(text)
    headings = {s.title for s in document.sections if s.kind == "body"}
    copies = []
    for n in range(1, times + 1):
        copies.append(
            "\n".join(f"{line} Part {n}" if line.strip() in headings else line for line in body)
        )
    closing = "\n".join(lines[len(body) :])
    return "\n".join(copies) + "\n" + closing


def timed(text: str, lessons: dict[str, str] | None = None) -> tuple[float, int]:
    """CPU seconds (one core; steady on a shared machine) to parse and generate, and questions."""
    normalise.cache_clear()  # no run may profit from the caches of the one before
    _item_form.cache_clear()
    start = time.process_time()
    banks = build_bank(parse_document(text), lessons)
    return time.process_time() - start, sum(len(b["questions"]) for b in banks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scales", default="1,2,4,8", help="Copies of the text, per-word times.")
    args = parser.parse_args()
    text = read_source(DECLARATION_PATH)
    singles = [timed(text) for _ in range(args.runs)]
    single = statistics.median(t for t, _ in singles)
    lessons = lesson_texts(Path(__file__).resolve().parent.parent / "lessons")
    taught = [timed(text, lessons) for _ in range(args.runs)]
    for scale in (int(n) for n in args.scales.split(",") if n.strip()):
        scaled = text if scale == 1 else repeated_text(text, scale)
        seconds = min(timed(scaled)[0] for _ in range(max(1, args.runs // scale)))
        words = len(scaled.split())
        per_word = seconds / words * 1e6
        print(f"text x{scale}: {words} words, {seconds:.2f} s CPU, {per_word:.0f} µs/word")
    if args.repeat < 2:
        return
    big = repeated_text(text, args.repeat)
    sections = len(parse_document(big).sections)
    assert len(set(re.findall(r"Part \d+", big))) == args.repeat
    many, questions = timed(big)
    print(f"single run (median of {args.runs}): {single:.3f} s CPU, {singles[0][1]} questions")
    print(
        f"with its lessons (median of {args.runs}): "
        f"{statistics.median(t for t, _ in taught):.3f} s CPU, {taught[0][1]} questions"
    )
    print(f"text x{args.repeat} ({sections} sections): {many:.2f} s CPU, {questions} questions")
    print(f"ratio: {many / single:.1f} (linear growth gives about {args.repeat})")


if __name__ == "__main__":
    main()
