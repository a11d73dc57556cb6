from datetime import date

from pipelines.extract.documents.regions import default_index
from pipelines.extract.documents.split import build_documents

COMPILATION = """
目\t录
1．2022年济南市政府工作报告\t1
2．2022年大安市政府工作报告\t24

2022年济南市政府工作报告
2022年12月26日在济南市第十八届人民代表大会第二次会议上

各位代表：
现在，我代表市人民政府，向大会报告工作。
2023年地区生产总值增长5%以上。



2022年大安市政府工作报告
——2022年12月23日在大安市第十九届人民代表大会第二次会议上
各位代表：
现在，我代表市人民政府向大会报告工作。
##paidend##
"""

NEWS_PAGE = """

新华社北京12月14日电 外交部发言人宣布，国家主席将于12月15日出席会议。

坚定不移走好高质量发展之路

>>> 详见第五版

刘越高率队赴省直相关部门对接工作

衡阳日报讯 (全媒体记者 陈润) 12月12日—13日,市委书记刘越高率队赴省商务厅对接工作。

12日上午,刘越高与谭平座谈时,介绍了衡阳市商务情况。

市领导于新凡、尹培国分别参加。

14日上午,刘越高考察了深圳华侨城集团,介绍了衡阳经济社会发展基本情况。

市领导于新凡、尹培国参加。

十三届市政协召开第十二次主席会议

刘丽华主持并讲话

衡阳日报讯 12月14日,政协衡阳市第十三届委员会召开会议。2022年即将过去,明年是2023年。

（全媒体记者 向吟吟）
"""

WEB_PAGE = """导航菜单

(安徽省)铜陵市人民政府工作报告(2022年12月30日)

  各位代表！2022年极不寻常。明年政府工作的总体要求是稳中求进。

本文仅代表作者观点,不代表本站立场。
本文地址:/baogao/4058.html
验证码:
"""

ARTICLE = """坚定信心鼓足干劲 奋力推动安徽高质量发展
来源:安徽日报  |  2023-07-21 09:33:26

  7月20日,安徽省辖市市委书记、市长二季度工作会议在合肥召开,省委书记出席会议并讲话。他强调要抓好落实。
编辑:刘旭东
最新推荐
新闻
体育
"""


def docs(text, name="f.txt"):
    return build_documents(name, text, default_index())


def test_compilation_splits_on_title_and_delivery_line_and_skips_the_contents():
    found = docs(COMPILATION)
    assert [(d.line_start, d.line_end) for d in found] == [(6, 11), (15, 18)]
    jinan, daan = found
    assert jinan.doc_type == "work_report" and jinan.title == "2022年济南市政府工作报告"
    assert jinan.doc_date == date(2022, 12, 26) and (jinan.report_year, jinan.plan_year) == (2022, 2023)
    assert default_index().by_code[daan.city_code].name == "大安市"
    assert daan.doc_date == date(2022, 12, 23)


def test_news_page_articles_teasers_and_items_without_headlines():
    found = docs(NEWS_PAGE)
    assert [(d.line_start, d.line_end) for d in found] == [(3, 3), (9, 15), (17, 19), (21, 27)]
    assert {d.doc_type for d in found} == {"news"}
    assert {default_index().by_code[d.city_code].name for d in found} == {"衡阳市"}
    assert [d.doc_date for d in found] == [date(2022, 12, 14), date(2022, 12, 12), date(2022, 12, 14),
                                           date(2022, 12, 14)]
    assert found[3].title == "十三届市政协召开第十二次主席会议 刘丽华主持并讲话"


def test_web_page_drops_menu_and_site_furniture():
    (doc,) = docs(WEB_PAGE)
    assert (doc.line_start, doc.line_end) == (3, 5)
    assert doc.doc_type == "work_report" and doc.doc_date == date(2022, 12, 30)
    assert default_index().by_code[doc.city_code].name == "铜陵市"


def test_single_article_about_a_meeting_keeps_its_credit_line():
    (doc,) = docs(ARTICLE)
    assert (doc.line_start, doc.line_end) == (1, 5)
    assert doc.doc_type == "meeting_report"
    assert doc.city_code == "340000"
    assert doc.doc_date == date(2023, 7, 20)


NATIONAL = """政府工作报告
——2023年3月5日在第十四届全国人民代表大会第一次会议上
国务院总理 李克强
各位代表：
现在，我代表国务院，向大会报告政府工作，请予审议。
"""

PROVINCE_WEB_PAGE = """首页 > 政务公开 > 政府工作报告
当前位置：首页 > 政府信息公开
2024年山东省政府工作报告
发布时间：2024-01-29 来源：省政府办公厅
——2024年1月22日在山东省第十四届人民代表大会第二次会议上
各位代表：
现在，我代表省人民政府，向大会报告工作。
"""

TOC_WITHOUT_PAGES = """目录
1．2023年望城区政府工作报告
2．长沙市人民政府

长沙市人民政府
政府工作报告
——2024年1月8日在长沙市第十六届人民代表大会第四次会议上
各位代表：
现在，我代表市人民政府，向大会报告工作。

2023年望城区政府工作报告
2024年1月5日在长沙市望城区第四届人民代表大会第四次会议上
各位代表：
望城区的工作。
"""


def test_state_council_report_is_national_and_dated():
    (doc,) = docs(NATIONAL)
    assert doc.doc_type == "work_report" and doc.city_code == "100000"
    assert doc.doc_date == date(2023, 3, 5) and (doc.report_year, doc.plan_year) == (2022, 2023)


def test_provincial_report_in_a_web_page_starts_at_its_title():
    (doc,) = docs(PROVINCE_WEB_PAGE)
    assert doc.line_start == 3 and doc.title == "2024年山东省政府工作报告"
    assert doc.city_code == "370000" and doc.doc_date == date(2024, 1, 22)
    assert (doc.report_year, doc.plan_year) == (2023, 2024)


def test_contents_without_page_numbers_and_two_line_titles():
    found = docs(TOC_WITHOUT_PAGES)
    assert [d.line_start for d in found] == [5, 11]
    changsha, wangcheng = found
    assert changsha.title == "长沙市人民政府 政府工作报告" and changsha.city_code == "430100"
    assert default_index().by_code[wangcheng.city_code].name == "望城区"


def test_single_article_is_placed_by_its_paper():
    (doc,) = docs("市委常委会研究部署近期工作\n\n衡阳日报讯 12月20日，市委召开常委会议，研究部署近期工作。\n")
    assert default_index().by_code[doc.city_code].name == "衡阳市"


def test_a_placed_document_is_a_documents_row():
    """Workers send documents back as rows of the documents table, fields in its column order."""
    from pipelines.extract.documents.split import PlacedDocument, documents_of_file
    from pipelines.warehouse.schema import DOCUMENTS

    assert list(PlacedDocument._fields) == DOCUMENTS.column_names
    text = "2024年北京市政府工作报告\n各位代表：\n今年主要预期目标是：地区生产总值增长5%左右。\n"
    (doc,), disagreements = documents_of_file(("a.txt", text))
    assert doc.doc_id == "a.txt:001" and doc.source_record == "" and doc.char_count > 0 and len(doc.content_sha256) == 64
    assert disagreements == []
