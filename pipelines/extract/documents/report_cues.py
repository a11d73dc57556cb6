"""What marks a text as a government work report, and who speaks in it: read from content, not layout.

A work report addresses a congress (各位代表), says who delivers it (我代表省人民政府，向大会报告工作),
often when and where (——2026年1月25日在北京市第十六届人民代表大会第四次会议上), and reviews one
year before planning the next (一、2025年工作回顾 … 二、2026年工作安排). Many have no title line at all
(State Council reports open with 各位代表：). Pages saved from news sites wrap a report in photo
captions and credits (殷勇同志作政府工作报告。本报记者 戴冰摄): those never open a document.

Every function here reads lines already folded to simplified characters (`hanzi.to_simplified`).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from . import dating

# Characters with no width that web pages leave in lines (各位代表：\u200d): not content.
ZERO_WIDTH_MARKS = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")

GREETING = re.compile(r"^\s*各位(?:代表|委员)")
# The speaker's sentence: 我代表省人民政府向大会报告工作 / 我受国务院的委托，向大会作…报告 /
# 我现在根据国务院的决定，向…大会作政府工作报告 / 我代表中央人民政府作工作报告.
# 我 alone (not 我们, 我市, 我省 …), acting for a government (not 我市人大代表), and reporting.
SPEAKER = re.compile(
    r"我(?![们市省县区州国盟旗])[^。！？]{0,8}?(?:(?<!人大)代表|受|根据)[^。！？]{0,40}?"
    r"(?P<gov>国务院|中央人民政府|政务院|人民政府|政府)[^。！？]{0,90}?(?:报告|提出|汇报)")
# Reports a government delegates to its departments (budget, final accounts: 现将…预算草案提请大会审议)
# open with the same words but are not its work report.
DELEGATED = re.compile(r"预算|决算|提请大会审议")
# The same act in the third person, as old reports open (国务院向第一届全国人民代表大会…提出…): counts
# only after a greeting, since news of a congress says it too.
ADDRESSED = re.compile(r"(?:国务院|人民政府)[^。！？]{0,12}向[^。！？]{0,40}?(?:人民代表大会|大会)[^。！？]{0,90}?(?:报告|提出)")
# A party congress report opens the same way (我代表中共…委员会向大会作报告): not a government's.
PARTY_SPEAKER = re.compile(r"我[^。！？]{0,8}?代表[^。！？]{0,30}?(?:委员会|党委|纪律检查)")
# The opening of a report that reviews the year just past, when the speaker's sentence is missing.
REVIEW_OPENING = re.compile(r"过去的一年|刚刚过去的|一年来|过去五年|五年来|去年")
# Congresses hear other bodies' reports too (court, procuratorate, standing committee, CPPCC).
OTHER_BODY = re.compile(r"我[^。，]{0,8}?(?:代表|受)[^。，]{0,20}?(?:人民法院|人民检察院|政协|常务委员会|常委会)"
                        r"|受[^。，]{0,20}?(?:政协|常务委员会|常委会)[^。，]{0,10}?委托")
# A press summary of a report: 周恩来总理在报告中指出 … 总理报告的第二部分是 …
REPORT_SUMMARY = re.compile(
    r"(?P<who>总理|省长|市长|州长|县长|区长|盟长|旗长)[^。，；]{0,6}?报告(?:中|的第[一二三四五六七八九十]部分)")
_SUMMARY_MIN = 3
_LOCAL_NEWS = re.compile(r"本报讯|日报讯|记者|通讯员|代表们")

_NUM = r"[0-9〇○零一二三四五六七八九]"
_DASHES = r"\s—―─–\-－~～（("
# No comma between the date and the congress: 2024年3月5日上午，十四届全国人大…开幕 is a news lead.
DELIVERY = re.compile(rf"^[{_DASHES}]*在?{_NUM}{{4}}\s*年.{{1,4}}月.{{1,4}}日[^，,。]{{0,40}}?(?:人民代表大会|人大|会议)")
# A delivery line without its date, a line of its own (the date, if any, on a line of its own below):
# ——在河北省第九届人民代表大会第三次会议上 / ——在保定市第十二届人民代表大会第五次会议上的政府工作报告
UNDATED_DELIVERY = re.compile(r"^\s*[—―─–\-－~～]*\s*在[^，,。；]{2,40}?(?:人民代表大会|人大)[^，,。；]{0,20}?会议上"
                              r"(?:的[^，,。；]{0,10}报告)?\s*(?:[（(][^（()）]{6,20}日\s*[）)])?\s*$")
# The first half of a delivery line broken over two lines: ——2026年1月26日在广东省第十四届
_DELIVERY_OPENING = re.compile(rf"^[{_DASHES}]*在?{_NUM}{{4}}\s*年.{{1,4}}月.{{1,4}}日\s*在")
# The congress the report is delivered to, named in the delivery line or the speaker's sentence.
CONGRESS = re.compile(r"(?P<place>[\u4e00-\u9fff]{2,24}?)(?:第?[一二三四五六七八九十]{1,3}|第?\d{1,2})\s*届\s*(?:人民代表大会|人大)")
NATIONAL_CONGRESS = re.compile(r"全国人民代表大会|全国人大")
# A congress opening reported by date, when no delivery line exists: 2月3日，…第四次会议…开幕
# or its report delivered: 1月26日，省长王正谱在省十四届人大四次会议上作政府工作报告
OPENING_DAY = re.compile(r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日[，,\s]?[^。]{0,40}?(?<!常委会)(?:人民代表大会|人大)(?!常)"
                         r"[^。]{0,40}?(?:开幕|作[^。，]{0,8}?政府工作报告)")

_SENTENCE_MARKS = set("，,。；;！!？?")
# The speaker's line of a report's head: 河北省人民政府代省长 胡春华, 县长 闫向阳, 国务院总理 李鹏.
SPEAKER_LINE = re.compile(r"^\s*[^，,。；;：:]{0,20}?(?:(?:代|副)?(?:省长|市长|县长|区长|州长|盟长|旗长|总理)|(?:自治区|人民政府)(?:代|副)?主席)\s*"
                          r"(?!信箱|热线|之窗|电话|邮箱|专线|留言|访谈)[\u4e00-\u9fff·]\s*[\u4e00-\u9fff·]{1,3}\s*$")
# A photo caption or credit (a short line, not a paragraph): …本报记者 戴冰摄 / （本报记者 戴冰 摄）/
# …。新甘肃·甘肃日报记者 盛学卿 / 图为… / 摄影：王某 / （新华社发）/ 殷勇同志作政府工作报告。
_CAPTION_MAX = 80
_NAME = r"[\u4e00-\u9fff·]{2,12}"
CAPTION = re.compile(
    r"(?:记者|通讯员|摄影|图片|供图)[^。，,]{0,16}?摄\s*[）)]?\s*$"
    rf"|(?:^|[。（(])\s*{_NAME}?(?:记者|通讯员)\s*{_NAME}(?:\s+{_NAME}){{0,3}}\s*[）)]?\s*$"
    rf"|^\s*[（(]?(?:图|摄影|摄|图片|供图)\s*[:：/]\s*{_NAME}\s*[）)]?\s*$|^\s*图为"
    r"|(?:新华社|中新社)[^。]{0,10}发\s*[）)]?\s*$"
    r"|^[^，,。：:]{0,24}作(?:政府)?工作报告[。.]?\s*$")


def clean(line: str) -> str:
    return ZERO_WIDTH_MARKS.sub("", line)


def is_caption(line: str) -> bool:
    s = line.strip()
    return len(s) <= _CAPTION_MAX and bool(CAPTION.search(s))


def is_delivery_line(line: str, next_line: str = "") -> bool:
    """——2026年1月25日在…人民代表大会…上, also when broken before 人民代表大会 onto the next line."""
    if DELIVERY.match(line) or UNDATED_DELIVERY.match(line):
        return True
    return bool(next_line) and bool(_DELIVERY_OPENING.match(line)) and bool(DELIVERY.match(line + next_line.strip()))


def report_openings(lines: list[str]) -> list[int]:
    """Where untitled reports begin: the first opening near the top, then every later greeting followed
    by a speaker's sentence (a file holding several State Council reports, each opening 各位代表：)."""
    first = opens_like_report(lines)
    if first is None:
        return []
    starts = [first]
    for i in range(first + 1, len(lines)):
        if GREETING.match(lines[i]):
            after = [j for j in range(i, min(len(lines), i + 12)) if lines[j].strip()][:4]
            if _speaks("".join(lines[j] for j in after)):
                starts.append(i)
    return starts


# The level a local speaker names: 我代表省人民政府 → a province; 县 → a county.
_SPEAKER_LEVEL = re.compile(r"我[^。！？]{0,8}?代表[^。！？]{0,20}?(?P<level>自治区|省|自治州|州|盟|市|自治县|县|旗|区)(?:人民)?政府")
SPEAKER_LEVELS = {"自治区": ("province",), "省": ("province",), "自治州": ("prefecture",), "州": ("prefecture",),
                  "盟": ("prefecture",), "市": ("prefecture", "county_level_city"), "自治县": ("county",),
                  "县": ("county",), "旗": ("county",), "区": ("district",)}


def speaker_levels(head: str) -> tuple[str, ...] | None:
    """The levels of the local government that speaks (我代表县人民政府 → county), or None."""
    match = _SPEAKER_LEVEL.search(head)
    return SPEAKER_LEVELS[match["level"]] if match else None


def opens_like_report(lines: list[str], window: int = 12) -> int | None:
    """Index of the line where a report with no title begins (its greeting or speaker's sentence), or None.

    The greeting must be among the first content lines and followed soon by the speaker's sentence
    (or an old report's 国务院向…大会提出…), or open the file and go on to review the year past.
    A budget report or another body's report (court, procuratorate, CPPCC) is not one.
    """
    content = [i for i, x in enumerate(lines) if x.strip()][: window + 6]
    greeting = next((i for i in content[:window] if GREETING.match(lines[i])), None)
    if greeting is not None:
        after = [i for i in content if i >= greeting][:6]
        text = "".join(lines[i] for i in after)
        if _speaks(text) or ADDRESSED.search(text):
            return greeting
        if (greeting == content[0] and "代表" in lines[greeting] and REVIEW_OPENING.search(text)
                and not (PARTY_SPEAKER.search(text) or DELEGATED.search(text) or OTHER_BODY.search(text))):
            return greeting  # 各位代表： opening the file, then the year reviewed: 刚刚过去的1984年…
    return None


def _speaks(text: str) -> re.Match | None:
    """The speaker's sentence of a government's own work report (not a delegated budget report)."""
    match = SPEAKER.search(text)
    if match is None or OTHER_BODY.match(text, match.start()):
        return None  # 我代表省人民检察院，在省政府支持下…报告: the procuratorate speaks
    sentence_end = text.find("。", match.end())
    sentence = text[match.start(): sentence_end if sentence_end >= 0 else len(text)]
    return None if DELEGATED.search(sentence) else match


def is_report_summary(text: str) -> bool:
    """A press summary of a report (周恩来总理在报告中指出…), referring to the report by its speaker
    again and again; not a local paper's story of a congress (本报讯, 记者, 代表们)."""
    return len(REPORT_SUMMARY.findall(text[:50_000])) >= _SUMMARY_MIN and not _LOCAL_NEWS.search(text[:2_000])


def speaker_is_national(head_lines: list[str]) -> bool:
    """The State Council's report: 国务院 or 中央人民政府 speaks (or, in old reports, addresses the
    congress), the delivery line names the 全国人民代表大会, or a premier's report is summarised.
    A local speaker (我代表省人民政府) never is, whatever national meeting its opening cites."""
    head = "\n".join(head_lines)
    match = _speaks(head)
    if match:
        return match["gov"] in ("国务院", "中央人民政府", "政务院")
    for _, delivery in _delivery_lines(head_lines):
        return bool(NATIONAL_CONGRESS.search(delivery))
    addressed = ADDRESSED.search(head)
    if addressed:
        return addressed[0].startswith("国务院")
    summary = REPORT_SUMMARY.search(head)
    return bool(summary and summary["who"] == "总理")


# The State Council speaking of itself in a report whose opening names no speaker.
STATE_COUNCIL_ACTS = re.compile(r"国务院(?:决定|认为|提请|已经|将要|要求各)")


_LOCAL_SELF = re.compile(r"我[省市县区州盟旗]")
_STATE_COUNCIL_MIN = 2


def speaks_as_state_council(text: str) -> bool:
    """A report that speaks of the State Council's own decisions (国务院决定…) more than once and never of
    我省/我市: the fallback for a national report whose opening names no speaker."""
    head = text[:100_000]
    return len(STATE_COUNCIL_ACTS.findall(head)) >= _STATE_COUNCIL_MIN and not _LOCAL_SELF.search(head)


def congress_place(head_lines: list[str]) -> str | None:
    """The text naming the congress a report is delivered to (北京市 in …在北京市第十六届人民代表大会…)."""
    for _, delivery in _delivery_lines(head_lines):
        match = CONGRESS.search(delivery)
        if match:
            place = match["place"]
            at = place.rfind("在")
            return place[at + 1:] if at >= 0 else place
    return None


# A date on a line of its own, in brackets, under the delivery line and the speaker: （2000年1月20日）,
# also at the end of the speaker's line: 省长 钮茂生（2002年1月24日）
_DATE_LINE = re.compile(r"^[^（()）。，,]{0,16}?[（(]\s*[^（()）]{6,20}日\s*[）)]\s*$")
_PLAIN_DATE_LINE = re.compile(rf"^\s*{_NUM}{{4}}\s*年{_NUM}{{1,2}}\s*月{_NUM}{{1,3}}\s*日\s*$")  # 2004年1月8日
# A report with no delivery line, signed with its date just above the greeting:
# （2011年1月12日 陈全国） / 2006年2月16日 季允石 / （2007年1月16日）. A bare date is a page's stamp.
_SIGNED_DATE = re.compile(rf"^\s*(?:[（(]\s*{_NUM}{{4}}\s*年[^（()）]{{2,10}}日\s*(?:[\u4e00-\u9fff·]\s*){{0,4}}[）)]"
                          rf"|{_NUM}{{4}}\s*年[^（()）\s]{{2,10}}日\s+(?:[\u4e00-\u9fff·]\s*){{2,4}})\s*$")
_NOT_A_SIGNER = re.compile(r"星期|周[一二三四五六日]|[报网台社刊]\s*[）)]?\s*$")
_DATE_LINE_REACH = 3  # lines below the delivery line: the speaker's name, then the date


def delivery_date(head_lines: list[str]):
    """The delivery date from the delivery line among `head_lines` (a line broken in two is joined), or
    from a bracketed date line just under a delivery line that has none (——在…会议上 / 省长 某某 / （2000年1月20日））."""
    for k, delivery in _delivery_lines(head_lines):
        found = dating.first_full_date(delivery)
        if found:
            return found
        for below in head_lines[k + 1: k + 1 + _DATE_LINE_REACH]:
            if _DATE_LINE.match(below) or _PLAIN_DATE_LINE.match(below):
                found = dating.first_full_date(below)
                if found:
                    return found
    return None


def signed_date(head_lines: list[str]):
    """The date a report without a delivery line is signed with, on one of the two lines above its
    greeting: （2011年1月12日 陈全国）, 2006年2月16日 季允石."""
    greeting = next((k for k, line in enumerate(head_lines) if GREETING.match(line)), None)
    for line in head_lines[max(0, (greeting or 0) - 2): greeting or 0]:
        if _SIGNED_DATE.match(line) and not _NOT_A_SIGNER.search(line):
            found = dating.first_full_date(line)
            if found:
                return found
    return None


def _delivery_lines(head_lines: list[str]) -> Iterator[tuple[int, str]]:
    """(index, line) of each delivery line among `head_lines`, joined with the next line (a line
    broken in two is one)."""
    for k, line in enumerate(head_lines):
        nxt = head_lines[k + 1] if k + 1 < len(head_lines) else ""
        if is_delivery_line(line, nxt):
            yield k, line + nxt.strip()


def opening_day(head: str) -> tuple[int, int] | None:
    """(month, day) of a congress opening reported without its year (2月3日，…人民代表大会…开幕)."""
    match = OPENING_DAY.search(head)
    return (int(match["m"]), int(match["d"])) if match else None

