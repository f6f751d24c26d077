"""Print every question a document's generated bank holds, to judge each by the quality guide.

Run: .venv/bin/python benchmarks/dump_bank.py [FILE] [--summary]
FILE defaults to the declaration; no lessons are used for another document. Each line gives the
question id, type, generator, stem, key and options, so a reviewer can mark it valid or invalid.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.corpus import DECLARATION_PATH, parse_document, read_source  # noqa: E402
from app.generation.bank import build_bank  # noqa: E402


def _key(question: dict) -> str:
    """The question's key in a short readable form."""
    for field in ("answer", "answers", "order", "pairs", "correct"):
        if field in question:
            return repr(question[field])
    return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("source", nargs="?", default=str(DECLARATION_PATH))
    parser.add_argument("--summary", action="store_true", help="Only the counts by type.")
    args = parser.parse_args()
    banks = build_bank(parse_document(read_source(Path(args.source))), None)
    types: Counter[str] = Counter()
    generators: Counter[str] = Counter()
    for bank in banks:
        for q in bank["questions"]:
            types[q["type"]] += 1
            generators[q.get("generator", "?")] += 1
            if args.summary:
                continue
            print(f"[{q['id']}] {q['type']} / {q.get('generator')}")
            print(f"  stem: {q['stem']}")
            print(f"  key: {_key(q)}")
            if q.get("options"):
                print(f"  options: {q['options']}")
    print(f"{sum(types.values())} questions; types {dict(types)}; generators {dict(generators)}")


if __name__ == "__main__":
    main()
