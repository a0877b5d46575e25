"""Quote extraction against PolNeAR (human-annotated attributions in 2016 US news).

Gold direct quotes are attributions whose content span starts at (or just after) a
quotation mark. Measures:
- direct recall: the union of our direct/partial quotes covers >= 50% of the gold content;
- direct precision: our direct/partial quotes that lie >= 50% inside some gold content span
  (any attribution, direct or not);
- speaker: for found gold direct quotes whose source span is annotated, the best-overlapping
  quote's speaker_span overlaps the gold source span;
- indirect recall: other gold attributions covered >= 50% by our indirect quotes;
- indirect precision: our indirect quotes that lie >= 50% inside some gold content span;
- indirect speaker: for found gold indirect attributions whose source span is annotated,
  the best-overlapping indirect quote's speaker_span overlaps the gold source span.

    python benchmarks/eval_quotes.py --split dev [--errors 20]
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import time
from pathlib import Path
from typing import Any

from framing.features.quotes import extract_quotes
from framing.text import segment

QUOTE_MARKS = "\"“”‘’'«»„"
COVER = 0.5


def _field(value: Any) -> Any:
    return ast.literal_eval(value) if isinstance(value, str) and value[:1] in "[{(" else value


def load(path: Path) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            row["attributions"] = [
                {k: _field(v) for k, v in a.items()} for a in (_field(row.get("attributions")) or [])
            ]
            rows.append(row)
    return rows


def _spans(part: Any) -> list[tuple[int, int]]:
    if not part:
        return []
    part = _field(part)
    return [(int(s), int(e)) for s, e in _field(part.get("spans") or [])]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _covered(spans: list[tuple[int, int]], mine: list[tuple[int, int]]) -> float:
    total = sum(e - s for s, e in spans) or 1
    hit = 0
    for s, e in spans:
        points = sorted((max(s, a), min(e, b)) for a, b in mine if a < e and s < b)
        pos = s
        for a, b in points:
            a = max(a, pos)
            if b > a:
                hit += b - a
                pos = b
    return hit / total


def _inside_gold(q: Any, gold_all: list[list[tuple[int, int]]]) -> bool:
    """Does quote q lie >= COVER inside some gold attribution's content?"""
    inside = max((sum(_overlap((q.start, q.end), s) for s in g) for g in gold_all), default=0)
    return inside >= COVER * (q.end - q.start)


def _speaker_found(quotes: list[Any], spans: list[tuple[int, int]], source: list[tuple[int, int]]) -> tuple[bool, Any]:
    """(does the quote overlapping the gold content most have a speaker_span overlapping
    the gold source, that quote)."""
    best = max(quotes, key=lambda q: sum(_overlap((q.start, q.end), s) for s in spans))
    ok = best.speaker_span is not None and any(_overlap(best.speaker_span, s) > 0 for s in source)
    return ok, best


def is_direct(text: str, spans: list[tuple[int, int]]) -> bool:
    if not spans:
        return False
    s = spans[0][0]
    return (s < len(text) and text[s] in QUOTE_MARKS) or (s > 0 and text[s - 1] in QUOTE_MARKS)


def evaluate(rows: list[dict[str, Any]], actor_of=None, errors: int = 0) -> dict[str, float]:
    n = {"gold_direct": 0, "found": 0, "pred": 0, "correct_pred": 0, "spk_n": 0, "spk_ok": 0, "gold_ind": 0, "ind_found": 0,
         "ind_pred": 0, "ind_correct": 0, "ind_spk_n": 0, "ind_spk_ok": 0}
    elapsed = 0.0
    shown = {"missed": 0, "false": 0, "speaker": 0, "false indirect": 0, "indirect speaker": 0}
    for row in rows:
        text = row["text"]
        doc = segment(text)
        t0 = time.perf_counter()
        quotes = extract_quotes(doc, actor_of=actor_of)
        elapsed += time.perf_counter() - t0
        speech = [q for q in quotes if q.kind in ("direct", "partial")]
        mine = [(q.start, q.end) for q in speech]
        reported = [q for q in quotes if q.kind == "indirect"]
        indirect = [(q.start, q.end) for q in reported]
        gold_all = [_spans(a.get("quote")) for a in row["attributions"]]
        for q in reported:
            n["ind_pred"] += 1
            if _inside_gold(q, gold_all):
                n["ind_correct"] += 1
            elif shown["false indirect"] < errors:
                shown["false indirect"] += 1
                cue = text[q.cue_span[0]:q.cue_span[1]] if q.cue_span else None
                print(f"FALSE INDIRECT [{row['doc_id']}] cue={cue!r}: {text[max(0, q.start - 80):q.start]!r} "
                      f"[[{text[q.start:q.end]!r}]]")
        for q in speech:
            n["pred"] += 1
            if _inside_gold(q, gold_all):
                n["correct_pred"] += 1
            elif shown["false"] < errors:
                shown["false"] += 1
                print(f"FALSE [{row['doc_id']}] {q.kind}: {text[max(0, q.start - 60):q.end + 40]!r}")
        for a, spans in zip(row["attributions"], gold_all):
            if not spans:
                continue
            if not is_direct(text, spans):
                n["gold_ind"] += 1
                if _covered(spans, indirect) < COVER:
                    continue
                n["ind_found"] += 1
                source = _spans(a.get("speaker"))
                if source:
                    n["ind_spk_n"] += 1
                    ok, best = _speaker_found(reported, spans, source)
                    n["ind_spk_ok"] += ok
                    if not ok and shown["indirect speaker"] < errors:
                        shown["indirect speaker"] += 1
                        got = text[best.speaker_span[0]:best.speaker_span[1]] if best.speaker_span else None
                        print(f"INDIRECT SPEAKER [{row['doc_id']}] gold={a['speaker']['text']!r} got={got!r}: "
                              f"{text[max(0, best.start - 120):best.end + 40]!r}")
                continue
            n["gold_direct"] += 1
            if _covered(spans, mine) < COVER:
                if shown["missed"] < errors:
                    shown["missed"] += 1
                    s = spans[0][0]
                    print(f"MISSED [{row['doc_id']}]: {text[max(0, s - 80):spans[-1][1] + 60]!r}")
                continue
            n["found"] += 1
            source = _spans(a.get("speaker"))
            if not source:
                continue
            n["spk_n"] += 1
            ok, best = _speaker_found(speech, spans, source)
            n["spk_ok"] += ok
            if not ok and shown["speaker"] < errors:
                shown["speaker"] += 1
                got = text[best.speaker_span[0]:best.speaker_span[1]] if best.speaker_span else None
                s = spans[0][0]
                print(f"SPEAKER [{row['doc_id']}] gold={a['speaker']['text']!r} got={got!r} cue={best.cue!r}: "
                      f"{text[max(0, s - 100):min(spans[-1][1], s + 120) + 80]!r}")
    return {
        "articles": len(rows),
        "gold direct": n["gold_direct"],
        "direct recall": n["found"] / max(1, n["gold_direct"]),
        "direct precision": n["correct_pred"] / max(1, n["pred"]),
        "speaker-span overlap": n["spk_ok"] / max(1, n["spk_n"]),
        "gold indirect": n["gold_ind"],
        "indirect recall": n["ind_found"] / max(1, n["gold_ind"]),
        "indirect precision": n["ind_correct"] / max(1, n["ind_pred"]),
        "indirect speaker-span overlap": n["ind_spk_ok"] / max(1, n["ind_spk_n"]),
        "ms/article (extract_quotes)": 1000 * elapsed / max(1, len(rows)),
    }


def main(argv: list[str] | None = None) -> int:
    default = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "polnear"
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=default.resolve(), help="folder with dev.jsonl/train.jsonl")
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors of each type")
    parser.add_argument("--no-actors", action="store_true", help="do not link speakers to actors")
    args = parser.parse_args(argv)
    path = args.data / f"{args.split}.jsonl"
    if not path.is_file():
        print(f"no data at {path}", file=sys.stderr)
        return 2
    actor_of = None
    if not args.no_actors:
        try:
            from framing.features.actors import load_actor_lexicon

            actor_of = load_actor_lexicon().actor_of
        except Exception as exc:  # the actor lexicon is optional for this benchmark
            print(f"(actors unavailable: {exc})", file=sys.stderr)
    result = evaluate(load(path), actor_of, args.errors)
    print(f"\nPolNeAR {args.split}\n\n| measure | value |\n|---|---:|")
    for key, value in result.items():
        print(f"| {key} | {value:.3f} |" if isinstance(value, float) else f"| {key} | {value} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
