#!/usr/bin/env python3
"""Generate Sources/NewsLoader/Resources/t2s-chars.tsv: traditional → simplified, one character each.

Reprints arrive in traditional characters (本報通訊員 … 攝). The loader folds text to simplified
before it looks for places and topics; search may fold the same way. The table comes from OpenCC's
character dictionary (t2s), character by character; phrase-level conversions are not needed for
matching names.

    pip install opencc==1.1.9
    python3 scripts/gen-t2s.py
"""
import os
import sys

import opencc

EXPECTED_VERSION = "1.1.9"
try:
    from importlib.metadata import version
    if version("opencc") != EXPECTED_VERSION:
        sys.exit(f"opencc {version('opencc')} installed; this script is pinned to {EXPECTED_VERSION}")
except Exception as error:  # noqa: BLE001 - report any metadata problem plainly
    sys.exit(f"cannot check the opencc version: {error}")

converter = opencc.OpenCC("t2s")
rows = []
for code in range(0x3400, 0xA000):
    if 0x4DC0 <= code <= 0x4DFF:
        continue  # Yijing hexagram symbols, not characters
    char = chr(code)
    simplified = converter.convert(char)
    if simplified != char and len(simplified) == 1:
        rows.append(f"{char}\t{simplified}\n")

out = os.path.join(os.path.dirname(__file__), "..", "Sources", "NewsLoader", "Resources", "t2s-chars.tsv")
with open(out, "w", encoding="utf-8", newline="\n") as handle:
    handle.writelines(rows)

# Self-check on the forms the paper's reprints use.
table = dict(line.rstrip("\n").split("\t") for line in rows)
for traditional, simplified in [("報", "报"), ("訊", "讯"), ("記", "记"), ("員", "员"), ("攝", "摄"), ("蕭", "萧"), ("區", "区"), ("總", "总"), ("會", "会")]:
    assert table.get(traditional) == simplified, (traditional, table.get(traditional))
print(f"{len(rows)} characters written to {os.path.normpath(out)}")
