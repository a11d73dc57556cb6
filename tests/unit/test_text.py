from pipelines.extract.text import decode_bytes, split_lines

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
