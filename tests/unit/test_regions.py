import pytest

from pipelines.extract.documents.divisions import load_divisions, short_name
from pipelines.extract.documents.regions import default_index


@pytest.fixture(scope="module")
def index():
    return default_index()


def name(index, code):
    return index.by_code[code].name if code else None


@pytest.mark.parametrize("title, expected", [
    ("2022年济南市政府工作报告", "济南市"),
    ("2022年龙子湖区政府工作报告", "龙子湖区"),
    ("2022年青岛市黄岛区（西海岸新区）政府工作报告", "黄岛区"),
    ("2022年长沙市望城区政府工作报告", "望城区"),
    ("2022年芜湖市繁昌区政府工作报告", "繁昌区"),
    ("(安徽省)铜陵市人民政府工作报告(2022年12月30日)", "铜陵市"),
    ("坚定信心鼓足干劲 奋力推动安徽高质量发展", "安徽省"),
    ("2023年国务院政府工作报告", "中华人民共和国"),
    ("西海岸新区2023年政府工作报告", "黄岛区"),
    ("望城区政府工作报告", "望城区"),
])
def test_titles_resolve_to_the_right_division(index, title, expected):
    assert name(index, index.resolve_title(title)) == expected


def test_full_name_beats_a_short_form_of_another_level(index):
    code = index.resolve_title("2022年大安市政府工作报告")
    assert name(index, code) == "大安市" and index.by_code[code].province_code == "220000"


def test_parent_in_title_disambiguates(index):
    assert index.by_code[index.resolve_title("自贡市大安区政府工作报告")].prefecture_name == "自贡市"
    assert index.by_code[index.resolve_title("长春市朝阳区政府工作报告")].prefecture_name == "长春市"


def test_body_disambiguates_a_bare_ambiguous_name(index):
    body = "朝阳区位于北京市东部。北京市委、北京市政府要求……北京"
    assert index.by_code[index.resolve_title("朝阳区政府工作报告", body)].province_code == "110000"
    body = "长春市委要求朝阳区……长春市。长春"
    assert index.by_code[index.resolve_title("朝阳区政府工作报告", body)].prefecture_name == "长春市"


def test_alias_of_a_city(index):
    assert name(index, index.dominant_city("本报讯 宜城各界……宜城的发展。安庆市委")) == "安庆市"


def test_common_words_are_not_counties(index):
    assert index.dominant_city("整合人员资源，森林资源丰富。资源共享。") is None


def test_short_names():
    assert short_name("延边朝鲜族自治州") == "延边"
    assert short_name("宁夏回族自治区") == "宁夏"
    assert short_name("威宁彝族回族苗族自治县") == "威宁"
    assert short_name("沛县") is None


def test_dimension_has_every_level_and_current_codes():
    divisions = {d.code: d for d in load_divisions()}
    assert divisions["340212"].name == "繁昌区" and divisions["340212"].prefecture_code == "340200"
    assert divisions["100000"].level_code == "national"
    assert divisions["370000"].level_code == "province"
    assert divisions["222400"].level_code == "prefecture"  # 自治州
    assert {d.level_code for d in divisions.values()} == {
        "national", "province", "prefecture", "county_level_city", "county", "district"}
    assert len(divisions) > 3000


def test_bare_short_form_means_the_prefecture(index):
    # 衡阳 is the short form of both 衡阳市 and 衡阳县: alone, it is the city.
    assert name(index, index.resolve_title("衡阳")) == "衡阳市"
    assert name(index, index.resolve_title("衡阳县政府工作报告")) == "衡阳县"


def test_a_division_named_by_an_everyday_word_counts_only_after_its_parent():
    from pipelines.extract.documents.regions import default_index
    index = default_index()
    assert index.mentions("加快城区改造，郊区农民增收，矿区治理") == []
    assert index.resolve_title("阳泉市城区政府工作报告") == "140302"
    assert index.resolve_title("阳泉城区政府工作报告") == "140302"
