"""Reading the cells of a task-breakdown table as a person transcribing it would.

- `split_cell`: a 任务分解 cell into steps, each with the document's date phrase (8月底前, 9月,
  6到12月) as data/tasks.yaml writes it, or none;
- `date_phrases` (phrases.py's): the date phrases a text holds, as the check that a step's
  `due` is the one its own text names reads them;
- `propose_targets`: the quantitative targets a step states plainly ("下降至0.70吨标煤/万元");
- `split_units`, `split_leaders`, `clean_name`: the unit, leader and name cells.

The rules are the ones the hand transcription of the bundled table followed; tests/test_cells.py
checks them against every cell of the source text. No I/O, and nothing heavier than `re`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterator
from typing import Any, NamedTuple

from .i18n import _
from .phrases import Phrase, date_phrases

__all__ = ["Phrase", "date_phrases"]  # the importer's, and its tests', from here

_TERMINATORS = "。；;"
_CLOSERS = "”’」』》）)\"'"
_COMMAS = "，,"


class CellStep(NamedTuple):
    """One step of a breakdown cell: its text (a verbatim slice), its due phrase or None, and
    what a person should review about it."""

    text: str
    due: str | None
    warnings: tuple[str, ...] = ()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _sentences(line: str) -> Iterator[str]:
    """A line cut after each 。；; (closing quotes and brackets stay with their sentence)."""
    start, i = 0, 0
    while i < len(line):
        if line[i] in _TERMINATORS:
            i += 1
            while i < len(line) and (line[i] in _CLOSERS or line[i] in _TERMINATORS):
                i += 1
            yield line[start:i]
            start = i
        else:
            i += 1
    if start < len(line):
        yield line[start:]


def _words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


UNDATED = "names no date: due at the task's deadline"
# Work that goes on rather than ends: an undated step, due at the plan's end.
_ONGOING = re.compile(
    r"持续(?:开展|推进|实施|进行|抓好)|长期(?:坚持|推进|开展|执行)|常态化|常年(?:开展|坚持)"
)


def ongoing(text: str) -> str | None:
    """The phrase that says text's work goes on (持续推进, 长期坚持), when it names no date."""
    if date_phrases(text):
        return None
    m = _ONGOING.search(text)
    return m[0] if m else None


def split_cell(text: str) -> list[CellStep]:
    """The steps of a 任务分解 cell.

    A cell without a date phrase is one undated step, its lines joined. Otherwise every
    sentence (cut at 。；; and line breaks) is a step, and a sentence with several phrases is cut
    again after the last "，" before each later phrase; what precedes the first phrase stays
    with it.
    """
    lines = _lines(text)
    if not lines:
        return []
    sentences: list[str] = []
    for line in lines:
        for sentence in _sentences(line):
            sentence = sentence.strip()
            if not sentence:
                continue
            if sentences and not _words(sentence):
                sentences[-1] += sentence  # a stray "。" on a line of its own
            else:
                sentences.append(sentence)
    dated = [(s, date_phrases(s)) for s in sentences]
    if not any(found for _, found in dated):
        return [CellStep("".join(lines), None, (UNDATED,))]
    steps: list[CellStep] = []
    for sentence, found in dated:
        if not found:
            steps.append(CellStep(sentence, None, (UNDATED,)))
            continue
        cuts = [0]
        notes: list[tuple[str, ...]] = [()]
        for before, phrase in itertools.pairwise(found):
            comma = max(sentence.rfind(c, before.end, phrase.start) for c in _COMMAS)
            if comma >= 0:
                cuts.append(comma + 1)
                notes.append(())
            else:
                cuts.append(phrase.start)
                notes.append((f"cut before {phrase.phrase} where no comma separates it",))
        for i, phrase in enumerate(found):
            end = cuts[i + 1] if i + 1 < len(cuts) else len(sentence)
            steps.append(CellStep(sentence[cuts[i] : end].strip(), phrase.due(), notes[i]))
    return steps


def expected_due(text: str) -> str | None:
    """The `due` the reader gives a step with this text: its first date phrase."""
    found = date_phrases(text)
    return found[0].due() if found else None


# -- quantitative targets ---------------------------------------------------------------------

_AT_LEAST = r"达到|达|提高到|提高至|提升到|提升至|增加到|增加至|不低于|不少于|超过|高于"
_AT_MOST = r"下降至|下降到|降至|降到|降低至|降低到|减少至|减少到|控制在|不高于|不超过|低于"
_TARGET = re.compile(
    rf"(?P<verb>{_AT_MOST}|{_AT_LEAST})"
    r"(?P<value>\d+(?:\.\d+)?)"
    r"(?P<unit>[%％‰]|[^\d\s，,；;。、和及与或且并以]{0,8}?)"
    r"(?P<bound>以上|以下|以内)?"
    r"(?=$|[\s，,；;。]|且|并)"
)
_CANDIDATE = re.compile(rf"(?:{_AT_MOST}|{_AT_LEAST})\d|\d%")
_CLAUSE = re.compile(r"[^，,；;。：:]+")
_LEADING_VERB = re.compile(r"^(?:实现|确保|保证|保持|力争|全年|全区|并)+")


def _number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


def _scan_targets(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    targets: list[dict[str, Any]] = []
    warnings: list[str] = []
    for clause_match in _CLAUSE.finditer(text):
        clause = clause_match[0].strip()
        if not _CANDIDATE.search(clause):
            continue
        matches = list(_TARGET.finditer(clause))
        if len(matches) != 1 or "分别" in clause:
            warnings.append(_("a target to review by hand: {clause}").format(clause=clause))
            continue
        m = matches[0]
        op = ">=" if re.fullmatch(_AT_LEAST, m["verb"]) else "<="
        if m["bound"] in ("以下", "以内"):
            op = "<="
        elif m["bound"] == "以上":
            op = ">="
        subject = clause[: m.start()]
        if (found := date_phrases(subject)) and not subject[: found[0].start].strip():
            subject = subject[found[0].end :]  # "到11月底实现…": the date is not the indicator
        indicator = _LEADING_VERB.sub("", subject.strip()).strip()
        unit = "%" if m["unit"] == "％" else m["unit"]
        if not indicator:
            warnings.append(_("a target with no indicator named: {clause}").format(clause=clause))
            continue
        targets.append(
            {
                "indicator": indicator,
                "op": op,
                "value": _number(m["value"]),
                "unit": unit,
                "text": clause,
            }
        )
    return targets, warnings


def propose_targets(text: str) -> list[dict[str, Any]]:
    """The targets a step states plainly, as Target dicts (indicator, op, value, unit, text);
    `text` is the clause, a verbatim part of the step."""
    return _scan_targets(text)[0]


def target_warnings(text: str) -> list[str]:
    """Clauses that look like a target but are not plain enough to propose: for a person."""
    return _scan_targets(text)[1]


# -- unit, leader and name cells --------------------------------------------------------------

OPEN_ENDED = re.compile(r"等(?:相关|有关|其他|其它)?(?:单位|部门)$")
_UNIT_END = "局办部站队会委联院所府心处"
_LIST_SEPARATORS = re.compile(r"[\n、，,；;/]+")
_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]"


class Units(NamedTuple):
    names: list[str]
    open_ended: bool
    splits: list[tuple[str, list[str]]]  # run-together text and the names it was cut into


def _join_padded(parts: list[str]) -> list[str]:
    """Words of a line: padded names ("李  斌") are one name, the rest are names each."""
    return ["".join(parts)] if any(len(p) == 1 for p in parts) else parts


def _segment(word: str, known: Collection[str]) -> list[str] | None:
    """word as a run of known names, or None."""
    best: dict[int, list[str]] = {0: []}
    for end in range(1, len(word) + 1):
        for start in range(end):
            if start in best and word[start:end] in known:
                best[end] = [*best[start], word[start:end]]
                break
    return best.get(len(word))


def _split_run_together(word: str, known: Collection[str]) -> list[str]:
    if word in known:
        return [word]
    if known and (parts := _segment(word, known)) and len(parts) > 1:
        return parts
    pieces, start = [], 0
    for i in range(1, len(word)):
        if word[i] in "区县市各" and word[i - 1] in _UNIT_END and i - start >= 2:
            pieces.append(word[start:i])
            start = i
    pieces.append(word[start:])
    return pieces if all(len(p) >= 2 for p in pieces) else [word]


# A collective by its shape: 各 and a list of kinds of unit (各街镇, 各街道、镇, 各镇（街道）,
# 各乡镇, 各镇街, 各县（市、区）), ending where a name would: not 各镇、区环保局's 区.
_KIND = r"(?:街道|社区|乡|镇|街|村|县|市|区)+"
_COLLECTIVE = re.compile(
    rf"各{_KIND}(?:[、，,/和及与]{_KIND}|[（(]{_KIND}(?:[、，,/]{_KIND})*[)）])*"
    r"(?=$|[\s、，,；;/]|等)"
)
_COLLECTIVE_KINDS = (("town", "乡镇"), ("street", "街社"))


def collective_kinds(name: str) -> tuple[str, ...]:
    """The unit kinds (town, street) a collective's name lists, in that order; () when name is
    not a collective by its shape (各有关部门). A shape of other kinds (各村, 各县) gives
    ("other",)."""
    if not _COLLECTIVE.fullmatch(name):
        return ()
    kinds = tuple(kind for kind, chars in _COLLECTIVE_KINDS if any(c in name for c in chars))
    return kinds or ("other",)


def _items(text: str) -> Iterator[tuple[str, bool]]:
    """A cell's items between separators, each collective whole: (text, is a collective)."""
    start = 0
    for m in _COLLECTIVE.finditer(text):
        if m.start() and text[m.start() - 1] not in " \t\n、，,；;/" + _UNIT_END:
            continue  # 各 inside a name
        yield from ((item, False) for item in _LIST_SEPARATORS.split(text[start : m.start()]))
        yield m[0], True
        start = m.end()
    yield from ((item, False) for item in _LIST_SEPARATORS.split(text[start:]))


def _run_into(text: str, collective: str) -> str | None:
    """The name run together with a collective after it (区环保局各街镇), if any."""
    m = re.search(rf"(\S+?)(?={re.escape(collective)})", text)
    return m[1] if m and m[1][-1] in _UNIT_END else None


def split_units(text: str, known: Collection[str] = ()) -> Units:
    """A 牵头单位 or 责任单位 cell: names split on line breaks, 、, spaces, and where two names
    run together (by the registry `known`, else before 区/县/市/各 after a unit's last
    character); a trailing 等相关单位 makes the list open-ended. A collective (各街镇,
    各街道、镇, 各镇（街道）) stays one name."""
    names: list[str] = []
    open_ended = False
    splits: list[tuple[str, list[str]]] = []
    for item, collective in _items(text):
        if collective:
            if (before := _run_into(text, item)) is not None and names:
                splits.append((before + item, [names[-1], item]))
            names.append(item)
            continue
        for word in _join_padded(item.split()):
            if m := OPEN_ENDED.search(word):
                open_ended = True
                word = word[: m.start()]
            if not word:
                continue
            parts = _split_run_together(word, known)
            if len(parts) > 1:
                splits.append((word, parts))
            names.extend(parts)
    return Units(list(dict.fromkeys(names)), open_ended, splits)


def split_leaders(text: str) -> list[str]:
    """A 分管领导 cell: one name per line (or 、), padding spaces removed."""
    return [
        name for item in _LIST_SEPARATORS.split(text) for name in _join_padded(item.split()) if name
    ]


def clean_name(text: str) -> str:
    """A name or heading: line breaks and the spaces that pad Chinese text removed ("划定耕地红线并
    严格遵守"), a space between two Latin words kept."""
    text = " ".join(text.split())
    return re.sub(rf"(?<={_CJK}) | (?={_CJK})", "", text)
