"""Traditional characters read as simplified, one for one: the scan text is simplified, offsets
and lines hold, and snippets quote the source as written."""
from pathlib import Path

from pipelines.extract.facts.targets import extract_targets
from pipelines.extract.text.decode import decode_bytes, split_lines
from pipelines.extract.text.hanzi import (KEEP_AS_WRITTEN, TO_SIMPLIFIED, common_share, has_traditional,
                                          to_simplified, to_simplified_lines)
from pipelines.extract.text.textmap import fold, map_lines

TRADITIONAL = Path(__file__).resolve().parent.parent / "traditional"

TARGETS_TW = "經濟社會發展主要預期目標是：地區生產總值增長5.5%以上；居民消費價格漲幅控制在3%左右。"
TARGETS_CN = "经济社会发展主要预期目标是：地区生产总值增长5.5%以上；居民消费价格涨幅控制在3%左右。"


def test_traditional_targets_sentence_folds_to_the_simplified_one():
    assert to_simplified(TARGETS_TW) == TARGETS_CN
    assert len(to_simplified(TARGETS_TW)) == len(TARGETS_TW)
    assert to_simplified("政府工作報告") == "政府工作报告" and to_simplified("國內生產總值") == "国内生产总值"


def test_simplified_text_is_returned_unchanged():
    text = (TRADITIONAL / "jinan_2023.txt").read_text(encoding="utf-8")
    assert to_simplified(text) is text and not has_traditional(text)
    assert to_simplified_lines(["政府工作报告", ""]) == ["政府工作报告", ""]
    assert fold(TARGETS_CN) is TARGETS_CN


def test_everyday_traditional_forms():
    assert to_simplified("以後 發展 這裡 心裏 作為 臺灣 颱風 關於 徵收 產業鏈 衞生 綫路") == \
        "以后 发展 这里 心里 作为 台湾 台风 关于 征收 产业链 卫生 线路"


def test_characters_that_are_simplified_too_stay_as_written():
    # 乾 of 乾安县 and 乾县, 昇 of 昇腾, 濛 of 濛溪河, 吒 of 哪吒: names in simplified reports
    for name in ("乾安縣", "昇騰", "濛溪河", "哪吒", "蒜薹"):
        assert to_simplified(name)[0] == name[0], name
    assert to_simplified("乾安县、乾县") == "乾安县、乾县" and not has_traditional("昇腾 濛溪河 哪吒")
    assert to_simplified("顯著 著名") == "显著 著名"  # 著 is left to the phrase: OpenCC keeps it
    assert KEEP_AS_WRITTEN.isdisjoint(chr(c) for c in TO_SIMPLIFIED)


def test_the_table_maps_one_character_to_one():
    assert len(TO_SIMPLIFIED) > 4000
    assert all(len(v) == 1 for v in TO_SIMPLIFIED.values())
    assert to_simplified("\n\t％３ａＢ") == "\n\t％３ａＢ"  # widths are textmap's business, untouched here


def test_fold_folds_widths_and_characters_together():
    assert fold("地區生產總值增長６．５％") == "地区生产总值增长6.5%"


def test_targets_of_a_traditional_report_are_the_simplified_ones_and_quote_the_source():
    def read(name):
        return split_lines(decode_bytes((TRADITIONAL / name).read_bytes()).text)

    simplified, taiwan, hong_kong = read("jinan_2023.txt"), read("jinan_2023_tw.big5.txt"), read("jinan_2023_hk.big5hkscs.txt")
    expected, expected_q = extract_targets(map_lines(simplified, 40), 2023)
    assert len(expected) == 8
    for lines in (taiwan, hong_kong):
        mapped = map_lines(lines, 40)
        assert len(mapped.text) == len(map_lines(simplified, 40).text)
        found, qualitative = extract_targets(mapped, 2023)
        assert [t._replace(snippet="") for t in found] == [t._replace(snippet="") for t in expected]
        for t in found:  # quoted as written, from the line it names
            assert t.snippet and t.snippet in lines[t.source_line - 40] and to_simplified(t.snippet) != t.snippet
        assert found[0].snippet == "地區生產總值增長5.5%以上" and found[0].indicator_text == "地区生产总值"
        assert len(qualitative) == len(expected_q)


def test_snippet_and_line_of_a_traditional_span():
    mapped = map_lines(["各位代表：", TARGETS_TW], 7)
    start = mapped.text.index("地区生产总值")
    assert mapped.text[start: start + 12] == "地区生产总值增长5.5%"
    assert mapped.snippet(start, start + 12) == (8, "地區生產總值增長5.5%")


def test_common_share_tells_chinese_from_codec_noise():
    tw = TARGETS_TW.encode("big5")
    assert common_share(TARGETS_TW) > 0.6 and common_share(TARGETS_CN) > 0.6
    assert common_share(tw.decode("gb18030")) < 0.3
    assert common_share("plain ASCII") == 0.0
