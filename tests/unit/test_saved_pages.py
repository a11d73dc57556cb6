"""Reports saved from web pages: where the report starts and ends around the site's furniture, and
the dates written in the head of old provincial pages. Short invented pages in the shape of real ones."""
from datetime import date

from pipelines.extract.documents.regions import default_index
from pipelines.extract.documents.split import build_documents

BODY = ("现在，我代表省人民政府向大会作工作报告，请予审议。\n"
        "一、2008年工作回顾\n过去的一年，全省生产总值增长10%。\n"
        "二、2009年工作安排\n今年全省经济社会发展的主要目标是：生产总值增长8.5%左右。\n"
        "各位代表！让我们团结一心，开拓进取。\n")
CITIES = "\n".join(["省各设区市", "石家庄市", "承德市", "张家口市", "秦皇岛市", "唐山市", "廊坊市", "保定市",
                    "沧州市", "衡水市", "省政府办公厅", "省教育厅"])


def docs(text: str):
    return build_documents("page.txt", text, default_index())


def test_a_breadcrumbs_last_step_is_not_the_title_and_a_bare_page_date_is_furniture():
    page = ("首页\n>>\n领导之窗\n>>\n政府工作报告\n政府工作报告\n2009年02月13日\n【\n字体：\n大\n】\n"
            "———2009年1月8日在河北省第十一届人民代表大会第二次会议上\n河北省人民政府代省长 胡春华\n各位代表：\n" + BODY)
    (doc,) = docs(page)
    assert doc.line_start == 6  # the page heading over the delivery line, not the breadcrumb's step
    assert doc.doc_date == date(2009, 1, 8) and doc.plan_year == 2009 and doc.city_code == "130000"


def test_a_list_of_menu_lines_ends_the_report_before_a_second_rendering():
    page = ("政府工作报告\n——2009年1月8日在河北省第十一届人民代表大会第二次会议上\n各位代表：\n" + BODY
            + CITIES + "\n当前位置：\n首页\n政府工作报告\n各位代表：\n" + BODY)
    found = docs(page)
    assert len(found) == 1 and found[0].line_end == 3 + BODY.count("\n")


def test_numbered_headings_and_table_cells_are_no_menu():
    outline = "\n".join(["（一）稳增长", "（二）促改革", "（三）调结构", "（四）惠民生", "（五）防风险",
                         "（六）强作风", "（七）抓落实", "（八）重实干"])
    cells = "\n".join(["指标", "2025年", "8.5%", "生产总值", "7%", "投资", "6%", "消费", "5%"])
    page = ("政府工作报告\n——2009年1月8日在河北省第十一届人民代表大会第二次会议上\n各位代表：\n"
            + BODY + outline + "\n" + cells + "\n最后，我们要继续努力。\n")
    (doc,) = docs(page)
    assert doc.text.rstrip().endswith("最后，我们要继续努力。")


def test_the_sites_editor_credit_ends_the_report():
    page = "——2021年1月31日在保定市第十五届人民代表大会第六次会议上\n郭建英\n各位代表：\n" + BODY + "（责任编辑：杨淼）\n"
    (doc,) = docs(page)
    assert "责任编辑" not in doc.text and doc.doc_date == date(2021, 1, 31)


def test_a_speaker_line_above_the_greeting_opens_an_untitled_report():
    (doc,) = docs("\n保定市人民政府市长 郭建英\n\n各位代表：\n" + BODY)
    assert doc.line_start == 2


def test_a_headline_over_its_subtitle_is_the_title():
    page = ("\n夯实基础 提速发展 为建设强市名城而努力\n\n——在保定市第十二届人民代表大会第五次会议上的政府工作报告\n"
            "保定市人民政府市长 于 群\n（2007年1月30日）\n各位代表：\n" + BODY)
    (doc,) = docs(page)
    assert doc.line_start == 2 and doc.doc_date == date(2007, 1, 30)


def test_dates_signed_under_a_report_without_delivery_line():
    for head, day in [("（2011年1月12日 陈全国）", date(2011, 1, 12)), ("2006年2月16日 季允石", date(2006, 2, 16)),
                      ("——在河北省第十届人民代表大会第二次会议上（二〇〇四年一月八日）", date(2004, 1, 8)),
                      ("——在河北省第九届人民代表大会第五次会议上\n河北省省长 钮茂生（2002年1月24日）", date(2002, 1, 24))]:
        (doc,) = docs("政府工作报告\n" + head + "\n各位代表：\n" + BODY)
        assert doc.doc_date == day, head
    (doc,) = docs("政府工作报告\n2009年02月13日\n各位代表：\n" + BODY)
    assert doc.doc_date is None  # a page's stamp dates no report


def test_a_paper_printing_a_report_in_instalments_is_one_report():
    page = ("闫继红在保定市十六届人大七次会议上的政府工作报告（摘登）\n添加时间 2026/2/12 15:20:47\n"
            "“十四五”时期经济社会发展回顾\n本报讯 2月4日，市长闫继红在市十六届人大七次会议上作政府工作报告。她说，这五年经济实力迈上新台阶。\n"
            "2025年，全市生产总值增长6%。\n2026年主要工作\n本报讯 闫继红指出，今年是“十五五”开局之年。今年经济社会发展的主要预期目标是：生产总值增长6%左右。\n")
    (doc,) = docs(page)
    assert doc.doc_type == "work_report" and doc.line_start == 1
    assert doc.doc_date == date(2026, 2, 4) and doc.plan_year == 2026


def test_the_year_just_past_decides_an_undated_report_over_comparisons_with_older_years():
    text = ("各位代表：\n现在，我代表省人民政府向大会作工作报告。\n一、过去五年的工作回顾\n"
            "全省生产总值比2007年增长60%，财政收入比2007年增长1倍。\n刚刚过去的2012年，全省经济平稳增长。\n")
    (doc,) = docs(text)
    assert (doc.report_year, doc.plan_year) == (2012, 2013)


def test_a_summary_under_the_title_keeps_the_title_as_the_reports_start():
    summary = "内容摘要\n过去一年，全市生产总值增长7%。\n今年预期目标是增长6.5%左右。\n我们将坚持稳中求进。\n"
    page = ("保定市政府工作报告\n" + summary + "——2020年1月10日在保定市第十五届人民代表大会第五次会议上\n"
            "保定市人民政府市长 郭建英\n各位代表：\n" + BODY)
    (doc,) = docs(page)
    assert doc.line_start == 1 and doc.doc_date == date(2020, 1, 10) and doc.city_code == "130600"


def test_a_plan_outline_report_without_the_years_work_is_no_work_report():
    head = "关于保定市国民经济和社会发展第十二个五年规划纲要的报告\n——2011年2月14日在保定市第十三届人民代表大会第四次会议上\n各位代表：\n"
    outline = "现在，我代表市人民政府向大会作报告。\n“十一五”时期，全市经济较快发展。\n我们要通过五年的努力，使全市生产总值年均增长11%以上。\n"
    (doc,) = docs(head + outline)
    assert doc.doc_type == "other" and doc.plan_year is None and doc.doc_date == date(2011, 2, 14)
    (doc,) = docs(head + outline + "三、2011年的工作\n今年，全市生产总值增长10%。\n")
    assert doc.doc_type == "work_report" and doc.plan_year == 2011


def test_look_alikes_of_the_new_rules_stay_what_they_are():
    # a news page about the report is articles, not one report
    news = ("代表委员热议政府工作报告\n本报讯 代表们认为，报告振奋人心。\n保定：干劲更足\n本报讯 保定代表团讨论报告。\n"
            "石家庄：信心满满\n本报讯 石家庄代表团讨论报告。\n")
    assert all(d.doc_type != "work_report" for d in docs(news))
    # a list of short items in the body, followed by more report text, does not end the report
    items = "\n".join(["主要工作：", "粮食生产", "畜牧养殖", "工业园区", "城乡建设", "交通水利", "文化教育", "医疗卫生", "社会保障"])
    page = ("政府工作报告\n——2009年1月8日在河北省第十一届人民代表大会第二次会议上\n各位代表：\n" + BODY + items
            + "\n三、加强政府自身建设\n我们要依法行政。\n")
    (doc,) = docs(page)
    assert doc.text.rstrip().endswith("我们要依法行政。")
    # a day of the week or a paper's name beside a date is a page's stamp, not a signature
    for stamp in ["2024年1月15日 星期一", "2012年1月5日 河北日报"]:
        (doc,) = docs("保定市政府工作报告\n" + stamp + "\n各位代表：\n" + BODY)
        assert doc.doc_date is None, stamp
    # an unpadded date under an undated delivery line and the speaker is the delivery date
    (doc,) = docs("政府工作报告\n——在定兴县第十四届人民代表大会第二次会议上\n县长 张三\n2004年1月8日\n各位代表：\n" + BODY)
    assert doc.doc_date == date(2004, 1, 8)
    # a combined work report and plan outline report stays a work report
    (doc,) = docs("保定市政府工作报告暨关于第十四个五年规划纲要的报告\n——2021年1月31日在保定市第十五届人民代表大会第六次会议上\n"
                  "各位代表：\n" + BODY)
    assert doc.doc_type == "work_report" and doc.plan_year == 2021


def test_a_mailbox_in_the_menu_is_no_speaker():
    from pipelines.extract.documents.report_cues import SPEAKER_LINE
    assert SPEAKER_LINE.match("河北省人民政府代省长 胡春华") and SPEAKER_LINE.match("内蒙古自治区人民政府主席 布小林")
    assert not any(SPEAKER_LINE.match(x) for x in ["市长信箱", "县长热线电话", "区长之窗", "全国政协主席 汪洋"])
