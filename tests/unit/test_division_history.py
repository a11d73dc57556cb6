"""Divisions as they were: a report is placed on the division it names, in the year it was delivered,
and every retired division links to the one that holds its territory today (yescallop/areacodes)."""
from datetime import date

from pipelines.extract.documents.divisions import current_code, load_divisions
from pipelines.extract.documents.regions import default_index
from pipelines.extract.documents.split import build_documents

BODY = "各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n一、{0}年工作回顾\n过去的一年，全市生产总值增长10%。\n"


def place(head: str, year: int) -> str:
    (doc,) = build_documents("r.txt", "政府工作报告\n" + head + "\n" + BODY.format(year - 1), default_index())
    return doc.city_code


def test_a_report_is_placed_on_the_division_it_names_in_its_year():
    assert place("——1999年2月20日在萧山市第十一届人民代表大会第二次会议上", 1999) == "330181"
    assert place("——2015年1月20日在杭州市萧山区第十五届人民代表大会第五次会议上", 2015) == "330109"
    assert place("——1998年3月2日在海拉尔市第九届人民代表大会第一次会议上", 1998) == "152101"
    assert place("——2015年1月8日在海拉尔区第十四届人民代表大会第四次会议上", 2015) == "150702"


def test_an_old_name_counts_in_its_years_and_is_no_place_otherwise():
    index = default_index()
    assert index.mentions("萧山市", 1995)[0].codes == ("330181",)
    assert index.mentions("萧山市", 2002)[0].codes == ("330181",)  # a year or two late: still that division
    # years later (or no year known) the old name is read as today's division of the place: 萧山 → 萧山区
    assert [m.codes for m in index.mentions("萧山市", 2015)] == [("330109",)] == [m.codes for m in index.mentions("萧山市")]
    assert index.mentions("萧山", 1995)[0].codes == ("330109",)  # a retired county's short form is no name
    assert index.mentions("襄樊市", 2005)[0].codes == ("420600",)  # the same code under its former name
    assert index.mentions("保定市", 1980)[0].codes == ("130600",)  # not 132401, a code given later to 定州市
    assert index.mentions("市区道路改造", 2024) == []  # 濮阳's 市区 (1985–2002) is a word


def test_every_retired_division_links_to_the_division_holding_its_territory_today():
    by_code = {d.code: d for d in load_divisions()}
    xiaoshan = by_code["330181"]
    assert (xiaoshan.name, xiaoshan.level_code, xiaoshan.prefecture_code) == ("萧山市", "county_level_city", "330100")
    assert (xiaoshan.valid_from, xiaoshan.valid_to, xiaoshan.successor_codes) == (1990, 2001, ("330109",))
    assert current_code("339005", by_code) == "330109"  # 萧山市 (1987–1990) → 萧山市 330181 → 萧山区
    assert current_code("110103", by_code) == "110101"  # 崇文区 → 东城区
    assert current_code("330109", by_code) == "330109"
    assert current_code("132400", by_code) == "130600"  # 保定地区: the prefecture holding its counties today
    assert by_code["330109"].valid_to is None and not by_code["330109"].successor_codes


def test_everyday_words_that_were_division_names_are_no_place_alone():
    index = default_index()
    assert index.mentions("加快建设新区，完善东区和北区配套") == []
    assert len(index.mentions("新城区")[0].codes) == 2  # 西安 and 呼和浩特 have one today: a name
    assert [m.codes for m in index.mentions("阳泉市城区")][-1] == ("140302",)
