"""Traditional characters read as simplified, one character for one.

Reports reach us in traditional characters too (Taiwan and Hong Kong reprints of mainland
reports, the State Council's reports of the 1950s). Every extractor reads simplified text, so
the normal form (`textmap.fold`) maps each traditional character to its simplified form; the
source lines are kept as written, so a snippet still quotes 國內生產總值 where the scan read
国内生产总值.

The table is OpenCC's own (its t2s dictionaries, read through the `opencc` package at import):
each character converted alone, which is OpenCC's first candidate for it. OpenCC converts whole
texts phrase by phrase and may change their length; a character table never does, so every
offset, line and column of the normalised text still points at the same character of the
source. Not mapped: characters that are also current simplified characters with a meaning of
their own (乾 in 乾安县 and 乾坤, 昇 in 昇腾, 濛 in 濛溪河, 吒 in 哪吒, 薹 in 蒜薹), since a
simplified report may hold them and must read exactly as before; and characters OpenCC leaves
to the phrase (著 of 显著 or of 着力, 瞭, 藉, 覆 stay as they are).
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

# Traditional characters that are also simplified characters in their own right, left as
# written. Every character of OpenCC's table that GB2312 encodes was reviewed (乾 吒 夥 後 徵 拚
# 捱 摺 於 榘 菸 薹 袷 醣 麴 麽): 乾 吒 薹 袷 are kept (乾安县, 哪吒, 蒜薹), the others read as
# their simplified form in government prose (後→后, 於→于, 徵→征, 夥伴→伙伴). Then the name
# characters the 通用规范汉字表 (2013) admits that OpenCC maps: 昇 陞 濛 氾 (昇腾, 濛溪河).
KEEP_AS_WRITTEN = frozenset("乾吒薹袷" "昇陞濛氾")

# Old variant forms OpenCC leaves alone, found in the State Council's reports of 1954–1999
# (選擧, 汚染, 淸理): added to its table.
VARIANTS = {"擧": "举", "汚": "污", "刼": "劫", "淸": "清", "鶏": "鸡", "覚": "觉", "啣": "衔"}

# Code points OpenCC's character dictionaries cover: CJK extension A, the unified block,
# compatibility ideographs, and the supplementary planes' ideographs.
_RANGES = ((0x3400, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))


def _is_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=1)
def opencc_table() -> dict[str, str]:
    """Traditional character → simplified character, as OpenCC converts each character alone
    (plus `VARIANTS`, less `KEEP_AS_WRITTEN`).

    `t2s` first; then Hong Kong and Taiwan variant forms (衞 敍 衹 from `hk2s`, 痺 簷 from
    `tw2s`) where `t2s` leaves the character alone and it is no simplified character.
    """
    import opencc

    chars = [chr(c) for lo, hi in _RANGES for c in range(lo, hi + 1)]
    joined = "\n".join(chars)  # one character a line: no phrase spans two
    table: dict[str, str] = {}
    for config in ("t2s", "hk2s", "tw2s"):
        converted = opencc.OpenCC(config).convert(joined).split("\n")
        if len(converted) != len(chars):
            raise RuntimeError(f"OpenCC {config} did not keep one character per line")
        for src, dst in zip(chars, converted):
            if src == dst or len(dst) != 1 or src in table:
                continue
            if config != "t2s" and _is_gb2312(src):
                continue  # 著→着, 么→幺 in Taiwan's usage: not for mainland prose
            table[src] = dst
    for ch in KEEP_AS_WRITTEN:
        table.pop(ch, None)
    return {**table, **VARIANTS}


TO_SIMPLIFIED: dict[int, str] = {ord(k): v for k, v in opencc_table().items()}
TRADITIONAL_CHARS = "".join(sorted(opencc_table()))
# A character class that finds them in C: the table's characters of the basic plane one by one
# (a bitmap lookup), and the supplementary ideograph planes as one range. Listing the ~900
# supplementary characters one by one would make `re` compare each character against every one
# of them (0.24 s a MB instead of 1.5 ms); a rare supplementary character that is not in the
# table only costs a `translate` that changes nothing.
TRADITIONAL_CLASS = (re.escape("".join(ch for ch in TRADITIONAL_CHARS if ord(ch) < 0x10000))
                     + "\U00020000-\U0002FA1F")
_TRADITIONAL = re.compile("[" + TRADITIONAL_CLASS + "]")


def has_traditional(text: str) -> bool:
    """Whether `text` holds a character `to_simplified` would change."""
    return _TRADITIONAL.search(text) is not None


def to_simplified(text: str) -> str:
    """`text` with every traditional character in its simplified form: the same length, character
    for character. Simplified text comes back as it is (the same object), after one search."""
    return text.translate(TO_SIMPLIFIED) if _TRADITIONAL.search(text) else text


def to_simplified_lines(lines: list[str]) -> list[str]:
    """`to_simplified` of every line: the same number of lines, each as long as before."""
    return [to_simplified(line) for line in lines]


# The 600 characters most frequent in the bundled seeds (90 % of their Chinese characters), in
# order. Real Chinese prose is mostly made of them; text decoded with the wrong codec is not.
COMMON_SIMPLIFIED = (
    "业建全新实化市大发工展的产进设区和力推项一动加中政人生城目成增个高持民等国强作保地务行开体上会提资以治入村能创家重企施水"
    "改坚省农制长造合面理平经年心公用万级在元点质安为基升好现社深定快不代量乡服有济完主县落态三亿范要园品效商出度优规投标文程"
    "管学机通育群府位示是支域金源续精防色环引路各打法稳办电到技事总更科场活领融风集医性二部系党分争镇统方达共同我数整四决特策"
    "抓流线十向准众小境划型委干护善网物放期收协做革链时对积旅批障自控教表山联导五绿下营计院监综利健步道信交立式河老费专运清第"
    "指战本关居了户供固就养值解任题应两险严西游聚口扩率多结们兴台突前消模取明极转果情与构速培局格神求次促南确亩问习头林智先调"
    "疫招及气接势督字外子预员康之责单天东义校房意难住处美条权获双试配土贯牢来才础所于破团件内污卫近种得类奋海常贸功备碳让筹过"
    "最车食央议评复千形着断核思药广排助术报节阳彻比把带空减振里额名六置低紧研略当宜至间均依湖疗审层查组记日验认列案措易底正扎"
    "职想困启站零可守扶粮百装首志红青慧际补牌惠斗益帮矿龙拓财身担互套命景江需黄真盖攻泉材即算书巩段覆降围受光识八充将届移贷陇"
    "细维原传举衡修价富月足门良选贫起救春军北宁使执庆急福素储无并别显者染焦税谋厂压约煤承超华而切变然挥还街铁序其繁息普田退后"
    "从片族儿感参树告筑考热库绩回延庄料吨努这见板银满敢债款州测走少丽九享牛激馆历史占反川未托尽视据织载米港圈响直存洁灾端观跨"
)
# The same characters in either script: each common simplified character with every
# traditional form OpenCC maps to it (发 → 發 髮, 后 → 後, 台 → 臺 颱 檯).
COMMON_CHARS = frozenset(COMMON_SIMPLIFIED) | {t for t, s in opencc_table().items() if s in COMMON_SIMPLIFIED}
# Indexed by code point (the basic plane): True for a common character.
_COMMON_MASK = np.zeros(0x10000, dtype=bool)
_COMMON_MASK[[ord(ch) for ch in COMMON_CHARS if ord(ch) < 0x10000]] = True


def common_share(text: str) -> float:
    """Share of the non-ASCII characters of `text` that are common Chinese characters, in either
    script: about 0.8 for Chinese prose, under 0.25 for Big5 bytes read as GB18030 or GBK bytes
    read as Big5 (measured on excerpts of 20 to 3,000 characters); 0.0 without non-ASCII text."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    codes = codes[codes >= 0x80]
    if not codes.size:
        return 0.0
    return float(np.count_nonzero(_COMMON_MASK[np.minimum(codes, 0xFFFF)])) / codes.size
