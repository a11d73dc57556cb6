"""Where a work report stops reviewing the past year and starts planning the next."""
from __future__ import annotations

import re

from ..text.textmap import MappedText, fold

_PLAN_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、．.]\s*)?(?:(?:20\d\d|今|明)年|新的一年)?.{0,12}"
    r"(?:工作(?:任务|安排|重点|思路|打算)|主要任务|重点工作|总体要求|预期目标|主要目标)"
)
_PLAN_YEAR_WORDS = re.compile(r"20\d\d年|今年|明年|新的一年|总体要求|预期目标")
_MAX_HEADING = 40


def plan_start_line(doc: MappedText, plan_year: int | None) -> int | None:
    """First line of the plan part: a short heading naming the year ahead's work, tasks or targets."""
    for number in sorted(doc.originals):
        line = doc.originals[number].strip()
        if not line or len(line) > _MAX_HEADING or "。" in line or number == min(doc.originals):
            continue
        if not _PLAN_HEADING.match(line) or not _PLAN_YEAR_WORDS.search(line):
            continue
        years = [int(y) for y in re.findall(r"(20\d\d)年", line)]
        if plan_year and years and plan_year not in years:
            continue  # 2022年工作回顾 is the review
        if "回顾" in line:
            continue
        return number
    return None


def period_of(line: int, plan_start: int | None) -> str:
    return "plan" if plan_start is not None and line >= plan_start else "review"


_GLOSSARY = re.compile(r"^\s*(?:《[^》]{2,12}》)?\s*(?:名词解释|名词注释|注释|注解|附注|名词说明)\s*[:：]?\s*$")


def body_lines(lines: list[str]) -> list[str]:
    """The report without its glossary (名词解释, 《政府工作报告》注释): those lines explain, they do not report."""
    for i, line in enumerate(lines):
        if i and _GLOSSARY.match(fold(line)):  # 名詞解釋 too
            return lines[:i]
    return lines
