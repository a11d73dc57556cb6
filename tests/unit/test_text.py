from pipelines.extract.text.decode import decode_bytes, split_lines

SAMPLE = "2023年济南市政府工作报告\n各位代表：地区生产总值增长6%左右。\n"


def test_utf8_plain():
    d = decode_bytes(SAMPLE.encode("utf-8"))
    assert d.ok and d.encoding == "utf-8" and d.text == SAMPLE and d.error is None


def test_utf8_with_bom_strips_the_mark():
    d = decode_bytes(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"))
    assert d.encoding == "utf-8-sig" and d.text == SAMPLE


def test_gbk_text_is_decoded_not_dropped():
    d = decode_bytes(SAMPLE.encode("gbk"))
    assert d.ok and d.encoding == "gb18030" and d.text == SAMPLE


def test_binary_is_quarantined_with_a_reason():
    d = decode_bytes(bytes(range(256)) * 10)
    assert not d.ok and "binary" in d.error


def test_empty_and_whitespace_files_are_quarantined():
    assert "empty" in decode_bytes(b"").error
    assert "whitespace" in decode_bytes(b" \n\n ").error


def test_utf8_cut_inside_last_character_keeps_the_rest():
    data = SAMPLE.encode("utf-8") + "报".encode("utf-8")[:2]
    d = decode_bytes(data)
    assert d.ok and d.text == SAMPLE and "cut" in d.error


def test_random_high_bytes_are_not_taken_for_gbk():
    noise = bytes((i * 37 + 128) % 256 for i in range(4000) if (i * 37 + 128) % 256 >= 0x80)
    d = decode_bytes(noise)
    assert not d.ok


def test_lines_count_like_sed():
    assert split_lines("a\r\nb\n\nc") == ["a", "b", "", "c"]


# --- traditional characters: Big5, Big5-HKSCS, and GBK that must stay GB18030 -----------------
# tests/traditional/: jinan_2023.txt (UTF-8, an excerpt of seeds/002 in simplified characters),
# its Taiwan reprint in Big5 (jinan_2023_tw.big5.txt) and Hong Kong reprint in Big5-HKSCS
# (jinan_2023_hk.big5hkscs.txt: 執着 needs HKSCS), and the opening of the State Council's 1954
# report as published (state_council_1954.big5hkscs.txt: 第一届, 接着 need HKSCS).
from pathlib import Path  # noqa: E402

TRADITIONAL = Path(__file__).resolve().parent.parent / "traditional"
TARGETS_TW = "經濟社會發展主要預期目標是：地區生產總值增長5.5%以上；居民消費價格漲幅控制在3%左右。\n"


def test_big5_sentence_is_read_as_big5_not_as_gb18030_nonsense():
    data = TARGETS_TW.encode("big5")
    assert data.decode("gb18030")  # the trap: GB18030 reads it too, as rare characters
    d = decode_bytes(data)
    assert d.ok and d.encoding == "big5" and d.text == TARGETS_TW and d.error is None


def test_big5_file_decodes_to_its_text():
    data = (TRADITIONAL / "jinan_2023_tw.big5.txt").read_bytes()
    d = decode_bytes(data)
    assert d.ok and d.encoding == "big5" and d.error is None
    assert d.text.encode("big5") == data
    assert split_lines(d.text)[0] == "2022年濟南市政府工作報告"


def test_big5_hkscs_files_decode_to_their_text():
    for name, expected in (("jinan_2023_hk.big5hkscs.txt", "以咬定青山不放鬆的執着"),
                           ("state_council_1954.big5hkscs.txt", "我們第一届全國人民代表大會第一次會議")):
        data = (TRADITIONAL / name).read_bytes()
        d = decode_bytes(data)
        assert d.ok and d.encoding == "big5hkscs" and d.error is None, name
        assert d.text.encode("big5hkscs") == data and expected in d.text, name


def test_circled_numbers_pick_the_big5_family_that_reads_them():
    text = "主要預期目標：①國內生產總值增長5%左右；②居民消費價格漲幅3%左右。"
    for codec, family in (("cp950", ("big5", "cp950")), ("big5hkscs", ("big5hkscs",))):
        d = decode_bytes(text.encode(codec))
        assert d.text == text and d.encoding in family, codec


def test_windows_big5_with_euro_sign_is_cp950():
    text = "全年接待遊客收入120億元（約15億€）。"
    d = decode_bytes(text.encode("cp950"))
    assert d.ok and d.encoding == "cp950" and d.text == text


def test_big5_cut_inside_last_character_keeps_the_rest():
    d = decode_bytes(TARGETS_TW.encode("big5") + "報".encode("big5")[:1])
    assert d.ok and d.encoding == "big5" and d.text == TARGETS_TW and "cut" in d.error


def test_gbk_files_still_decode_as_gb18030():
    simplified = (TRADITIONAL / "jinan_2023.txt").read_text(encoding="utf-8")
    d = decode_bytes(simplified.encode("gbk"))
    assert d.ok and d.encoding == "gb18030" and d.text == simplified
    # traditional characters saved as GBK are GBK, not Big5
    d = decode_bytes(TARGETS_TW.encode("gbk"))
    assert d.ok and d.encoding == "gb18030" and d.text == TARGETS_TW


def test_short_gbk_and_big5_lines_are_told_apart():
    for line in ("各位代表：", "政府工作报告", "2023年主要预期目标", "地区生产总值增长6%左右。"):
        assert decode_bytes(line.encode("gbk")).encoding == "gb18030", line
    for line in ("各位代表：", "政府工作報告", "2023年主要預期目標", "地區生產總值增長6%左右。"):
        assert decode_bytes(line.encode("big5")).encoding == "big5", line
