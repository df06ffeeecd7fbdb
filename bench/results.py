"""Replace one section of bench/RESULTS.md (between <!-- NAME --> and <!-- /NAME -->) with
the text on standard input, so each benchmark script keeps its own section up to date."""

import sys
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")
HEADER = (
    "# Benchmark results\n\n"
    "Written by the scripts in `bench/`; each section says how it was measured.\n"
)


def main(name):
    section = f"<!-- {name} -->\n{sys.stdin.read().strip()}\n<!-- /{name} -->"
    text = RESULTS.read_text() if RESULTS.exists() else HEADER
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        text = before + section + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    RESULTS.write_text(text)


if __name__ == "__main__":
    main(sys.argv[1])
