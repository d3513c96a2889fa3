#!/usr/bin/env python3
"""Breaks faqbot's accuracy on the bigfaq question sets down by kind of question, source FAQ and rank.

`faqbot eval` gives the headline (right / wrong / declined); this adds where it fails: per section of
paraphrases.tsv (short, chat, none), per source document (perl, debian, python), where the expected entry
ranked among the five best `ask --explain` lists, and which questions the noise broke (right when asked
clean, not right when asked noisy). Nothing here scores differently from `eval`: right = answered with the
expected entry, or declined / small talk for `none`; a suggestion is not right.

Usage: python3 tests/questions/bigfaq/measure.py [--faqbot BIN] [--faq DIR ...] [--out FILE]
Run from the repository root (config.toml is read from there, as `eval` does).
"""

import argparse
import collections
import os
import re
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))


def read(path):
    rows, section = [], None
    for line in open(path, encoding="utf-8").read().splitlines():
        if line.startswith("# ") and line[2:] in ("short", "chat", "none"):
            section = line[2:]
        if not line or line.startswith("#"):
            continue
        key, question = line.split("\t")
        rows.append((key, question, section))
    return rows


def explain(binary, faqs, question):
    """Outcome and the ids of the best entries, in order, from `ask --explain`."""
    args = [binary] + [a for f in faqs for a in ("--faq", f)] + ["ask", "--explain", question]
    text = subprocess.run(args, capture_output=True, text=True).stdout
    outcome = re.search(r"^outcome: (\S+)", text, re.M)
    ranked = re.findall(r"^  \d\.\d+ .*\[([^\]]+)\]$", text, re.M)
    return (outcome.group(1) if outcome else "?"), ranked, text


def right(key, outcome, ranked):
    if key == "none":
        return outcome in ("declined", "small-talk", "smalltalk", "small_talk")
    return outcome == "answered" and bool(ranked) and ranked[0] in key.split("|")


def run(binary, faqs, rows):
    out = []
    for key, question, section in rows:
        outcome, ranked, text = explain(binary, faqs, question)
        rank = next((i + 1 for i, r in enumerate(ranked) if r in key.split("|")), None)
        out.append(dict(key=key, q=question, section=section, outcome=outcome, ranked=ranked, rank=rank,
                        right=right(key, outcome, ranked), text=text))
    return out


def source(key):
    return "none" if key == "none" else key.split("/")[0].rstrip("0123456789").replace("perlfaq", "perl").split("-")[0]


def table(title, results, group):
    lines = [f"## {title}", "", "| group | n | right | wrong answer | suggested | declined | expected top-1 | in top 5 |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    buckets = collections.OrderedDict()
    for r in results:
        buckets.setdefault(group(r), []).append(r)
    buckets["all"] = results
    for name, rs in buckets.items():
        n = len(rs)
        ans = [r for r in rs if r["key"] != "none"]
        wrong = sum(1 for r in rs if r["outcome"] == "answered" and not r["right"])
        sug = sum(1 for r in rs if r["outcome"] == "suggested")
        dec = sum(1 for r in rs if r["outcome"] == "declined")
        top1 = sum(1 for r in ans if r["rank"] == 1)
        top5 = sum(1 for r in ans if r["rank"])
        pct = lambda a, b: f"{a}/{b} ({100 * a / b:.1f}%)" if b else "-"
        lines.append(f"| {name} | {n} | {pct(sum(r['right'] for r in rs), n)} | {wrong} | {sug} | {dec} | "
                     f"{pct(top1, len(ans))} | {pct(top5, len(ans))} |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--faqbot", default=shutil.which("faqbot") or "/work/faqbot-release")
    ap.add_argument("--faq", action="append", default=None)
    ap.add_argument("--out", default=None, help="write the report here too")
    args = ap.parse_args()
    faqs = args.faq or ["tests/fixtures/bigfaq/faq"]
    clean_rows = read(os.path.join(HERE, "paraphrases.tsv"))
    noisy_rows = [(k, q, s) for (k, q, _), (_, _, s) in zip(read(os.path.join(HERE, "noisy.tsv")), clean_rows)]
    clean = run(args.faqbot, faqs, clean_rows)
    noisy = run(args.faqbot, faqs, noisy_rows)
    report = [f"# bigfaq measurement: faqbot {' '.join('--faq ' + f for f in faqs)}", ""]
    report.append(table("noisy.tsv by kind of question", noisy, lambda r: r["section"]))
    report.append(table("noisy.tsv by source FAQ", noisy, lambda r: source(r["key"])))
    report.append(table("paraphrases.tsv (same questions, no noise) by kind", clean, lambda r: r["section"]))
    broke = [(c, n) for c, n in zip(clean, noisy) if c["right"] and not n["right"]]
    fixed = [(c, n) for c, n in zip(clean, noisy) if not c["right"] and n["right"]]
    report.append(f"## noise\n\nright clean but not noisy: {len(broke)}; right noisy but not clean: {len(fixed)}\n")
    for c, n in broke:
        report.append(f"- `{c['q']}` → `{n['q']}`: {n['outcome']} {n['ranked'][:1]} (expected rank {n['rank']})")
    report.append("\n## wrong answers (noisy)\n")
    for r in noisy:
        if r["outcome"] == "answered" and not r["right"]:
            report.append(f"- [{r['key']}] `{r['q']}` → {r['ranked'][:1]} (expected rank {r['rank']})")
    text = "\n".join(report) + "\n"
    print(text)
    if args.out:
        open(args.out, "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    main()
