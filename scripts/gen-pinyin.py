#!/usr/bin/env python3
"""Generate the pinyin tables UnionPress uses to make ASCII URL slugs.

Writes, under Sources/NewsLoader/Resources/:

  pinyin-chars.tsv    `char<TAB>reading`, one line per character of the CJK
                      Unified Ideographs block (U+4E00..U+9FFF) that pypinyin
                      knows, with its first (most common) reading.
  pinyin-phrases.tsv  `phrase<TAB>reading reading ...` for the 2-4 character
                      phrases whose reading a character-by-character lookup
                      would get wrong (长兴 chang xing, 银行 yin hang, ...).

Readings are lowercase ASCII without tones; ü is written u (绿 lu, 女 nu).
Both files are UTF-8 with LF line endings, sorted by code point.

How a consumer reads a text: greedy longest match from left to right -- at
each position try the next 4, 3, then 2 characters in the phrase table, else
take one character from the character table, else keep the character as is.

Phrase sources, later ones winning where they disagree:
  1. pypinyin-dict's large_pinyin (phrase-pinyin-data, ~400k phrases; it has
     everyday news words the built-in dictionary lacks: 长三角, 长效, 调休).
     Only words that are also in jieba's dictionary (words in current use)
     are taken: large_pinyin's rare and classical entries would otherwise
     swallow common text under greedy matching (降低折扣 would read
     "jiang di she kou" through its entry 低折 "di she"). Entries that give a
     character a reading pypinyin does not know for it are data errors
     (一定地 "yi deng de") and are dropped too.
  2. pypinyin's own phrase dictionary, all of it (curated; it wins the ~250
     conflicts with large_pinyin, e.g. 献血 xian xue, 老区 lao qu).
  3. PHRASE_OVERRIDES below (readings neither source gets right).
Phrases that read 地 as the adverb marker "de" (准确地, 快速地) are left out:
headlines rarely use adverbial 地, and greedy matching would misread the far
more common 地 that starts the next word (准确地址, 快速地铁, 集中地块 would
come out "de zhi", "de tie", "de kuai").

A phrase is kept when its reading differs from the character defaults; then,
until nothing changes, so is every other source phrase that greedy matching
over the kept set would misread (a kept phrase can swallow the start of
another). So every source phrase is read right when it stands alone.

Regenerate (from the repository root):

    pip install pypinyin==0.55.0 pypinyin-dict==0.9.0 jieba==0.42.1
    python3 scripts/gen-pinyin.py

If Sources/NewsLoader/Resources/gazetteer.tsv exists (scripts/gen-gazetteer.py)
the self-check also reads every place name in it and compares with its slug.
"""

import importlib.metadata
import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path

from pypinyin import Style, pinyin
from pypinyin.contrib.tone_convert import to_normal
from pypinyin.phrases_dict import phrases_dict as builtin_phrases
from pypinyin.pinyin_dict import pinyin_dict
from pypinyin_dict.phrase_pinyin_data.large_pinyin import phrases_dict as large_phrases

PINNED = {"pypinyin": "0.55.0", "pypinyin-dict": "0.9.0", "jieba": "0.42.1"}

RESOURCES = Path(__file__).resolve().parent.parent / "Sources/NewsLoader/Resources"
CHARS_OUT = RESOURCES / "pinyin-chars.tsv"
PHRASES_OUT = RESOURCES / "pinyin-phrases.tsv"
GAZETTEER = RESOURCES / "gazetteer.tsv"

FIRST_CJK, LAST_CJK = 0x4E00, 0x9FFF
MIN_PHRASE, MAX_PHRASE = 2, 4

# Readings neither source gets right, checked by hand.
PHRASE_OVERRIDES = {
    # Place names of the paper's region (Zhejiang, Shanghai, Jiangsu), as in gazetteer.tsv.
    "闵行": "min hang",  # Shanghai district; only 闵行区 is in the sources
    "莲都": "lian du",  # Lishui district (not in jieba's word list)
    "六合": "lu he",  # Nanjing district (the sources say liu he, the cosmos;
    #                  六合彩 liu he cai is matched first as a longer phrase)
    # large_pinyin errors found by comparing this table with pypinyin on the
    # jieba words of frequency >= 30 and checking every difference by hand.
    "检察长": "jian cha zhang",
    "成长性": "cheng zhang xing",
    "旅行家": "lu xing jia",
    "串行": "chuan xing",
    "盛装": "sheng zhuang",
    "电解法": "dian jie fa",
    "顾颉刚": "gu jie gang",
    "仔仔细细": "zi zi xi xi",
    "查理": "cha li",
    "查理曼": "cha li man",
    "查理一世": "cha li yi shi",
    # pypinyin's own errors found the same way or by spot checks.
    "饱和点": "bao he dian",
    "大仓": "da cang",  # would also turn 扩大仓储 into "kuo tai cang chu"
}

# Headlines and their expected readings, checked after writing.
SELF_CHECK = {
    "长兴县银行业工会成立": "chang xing xian yin hang ye gong hui cheng li",
    "乐清快递小哥入会": "yue qing kuai di xiao ge ru hui",
    "重庆重要行业": "chong qing zhong yao hang ye",
    "厦门银行行长": "xia men yin hang hang zhang",
    "长三角一体化": "chang san jiao yi ti hua",
    "常态长效机制": "chang tai chang xiao ji zhi",
    "嵊州丽水台州天台": "sheng zhou li shui tai zhou tian tai",
    "蚌埠六安番禺": "beng bu lu an pan yu",
    "闵行长宁六合": "min hang chang ning lu he",
    "会计调研": "kuai ji diao yan",
    "绿色女工": "lu se nu gong",
    "快速地铁准确地址": "kuai su di tie zhun que di zhi",
    "降低折扣": "jiang di zhe kou",
    "简朴古朴扩大仓储": "jian pu gu pu kuo da cang chu",
}


def ascii_reading(tone_marked):
    """'lǜ' -> 'lu', 'xíng' -> 'xing', 'ê̄' -> 'e'."""
    reading = to_normal(tone_marked).lower().replace("ü", "u").replace("v", "u").replace("ê", "e")
    if not re.fullmatch(r"[a-z]+", reading):
        sys.exit(f"non-ASCII reading {reading!r} from {tone_marked!r}")
    return reading


# Every reading pypinyin lists for each character, as ASCII.
KNOWN_READINGS = {}


def build_chars():
    """Every BMP CJK ideograph pypinyin knows, with its heteronym-off reading."""
    chars = {}
    for codepoint in range(FIRST_CJK, LAST_CJK + 1):
        char = chr(codepoint)
        reading = pinyin(char, style=Style.TONE, heteronym=False, errors=lambda _: [None])[0][0]
        if reading:
            chars[char] = ascii_reading(reading)
            KNOWN_READINGS[char] = {ascii_reading(r) for r in pinyin_dict[codepoint].split(",")}
    return chars


def load_jieba_words():
    """The words of jieba's dictionary: a list of words in current use."""
    spec = importlib.util.find_spec("jieba")  # locate only; importing jieba is slow
    path = Path(spec.origin).parent / "dict.txt"
    with open(path, encoding="utf-8") as lines:
        return {line.split(" ", 1)[0] for line in lines}


def build_dictionary(chars):
    """Merged phrase -> [reading] for 2-4 character phrases of known chars."""
    jieba_words = load_jieba_words()
    merged = {}
    skipped = Counter()
    for source in (large_phrases, builtin_phrases):
        for phrase, readings in source.items():
            if not MIN_PHRASE <= len(phrase) <= MAX_PHRASE:
                continue
            if len(readings) != len(phrase) or not all(c in chars for c in phrase):
                skipped["unknown char or malformed"] += 1
                continue
            reading = [ascii_reading(options[0]) for options in readings]
            # Both sources read 朴 piáo (the Korean surname Park) inside words
            # such as 古朴, 简朴, 质朴, 纯朴 (pǔ); piáo stays only at the start.
            for i in range(1, len(phrase)):
                if phrase[i] == "朴" and reading[i] == "piao":
                    reading[i] = "pu"
            if source is large_phrases:
                if any(r not in KNOWN_READINGS[c] for c, r in zip(phrase, reading)):
                    skipped["large_pinyin: unknown reading"] += 1
                    continue
                if phrase not in jieba_words:
                    skipped["large_pinyin: not a jieba word"] += 1
                    continue
            if any(c == "地" and r == "de" for c, r in zip(phrase, reading)):
                skipped["adverbial 地"] += 1
                continue
            merged[phrase] = reading
    for phrase, reading in PHRASE_OVERRIDES.items():
        merged[phrase] = reading.split()
    return merged, skipped


def greedy(text, chars, phrases):
    """Readings of text by greedy longest match (what the Swift side does)."""
    out, i = [], 0
    while i < len(text):
        for length in range(min(MAX_PHRASE, len(text) - i), MIN_PHRASE - 1, -1):
            reading = phrases.get(text[i : i + length])
            if reading:
                out.extend(reading)
                i += length
                break
        else:
            out.append(chars.get(text[i], text[i]))
            i += 1
    return out


def select_phrases(dictionary, chars):
    """The phrases greedy matching needs to read every dictionary phrase right."""
    kept = {p: r for p, r in dictionary.items() if r != [chars[c] for c in p]}
    differing = len(kept)
    while True:
        misread = {p: r for p, r in dictionary.items() if p not in kept and greedy(p, chars, kept) != r}
        if not misread:
            return kept, differing
        kept.update(misread)


def self_check(chars, phrases):
    failures = []
    for text, expected in SELF_CHECK.items():
        got = " ".join(greedy(text, chars, phrases))
        print(f"  {text}: {got}")
        if got != expected:
            failures.append(f"{text}: got {got!r}, want {expected!r}")
    if GAZETTEER.exists():
        lines = GAZETTEER.read_text(encoding="utf-8").splitlines()
        header = lines[0].split("\t")
        count = 0
        for line in lines[1:]:
            row = dict(zip(header, line.split("\t")))
            got = "".join(greedy(row["short"], chars, phrases))
            if got != row["slug"].split("-")[0]:
                failures.append(f"gazetteer {row['short']}: got {got!r}, slug {row['slug']!r}")
            count += 1
        print(f"  gazetteer: {count} place names read as their slugs")
    assert not failures, "self-check failed:\n" + "\n".join(failures)


def main():
    for dist, version in PINNED.items():
        if importlib.metadata.version(dist) != version:
            sys.exit(f"need {dist}=={version}, found {importlib.metadata.version(dist)}")

    chars = build_chars()
    dictionary, skipped = build_dictionary(chars)
    phrases, differing = select_phrases(dictionary, chars)

    RESOURCES.mkdir(parents=True, exist_ok=True)
    with open(CHARS_OUT, "w", encoding="utf-8", newline="\n") as out:
        for char in sorted(chars):
            out.write(f"{char}\t{chars[char]}\n")
    with open(PHRASES_OUT, "w", encoding="utf-8", newline="\n") as out:
        for phrase in sorted(phrases):
            out.write(f"{phrase}\t{' '.join(phrases[phrase])}\n")

    print(f"wrote {CHARS_OUT} ({len(chars)} chars, {CHARS_OUT.stat().st_size} bytes)")
    print(
        f"wrote {PHRASES_OUT} ({len(phrases)} phrases, {PHRASES_OUT.stat().st_size} bytes): "
        f"{differing} differ from the char defaults, {len(phrases) - differing} more keep "
        f"greedy matching right; from {len(dictionary)} dictionary phrases"
    )
    print("  source phrases left out: " + ", ".join(f"{k} {v}" for k, v in skipped.items()))
    print("self-check:")
    self_check(chars, phrases)
    print("self-check passed")


if __name__ == "__main__":
    main()
