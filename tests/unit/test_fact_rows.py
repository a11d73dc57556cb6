"""The wiring from the extract core's facts to the warehouse's rows (pipelines/defs/assets/facts.py)."""
from pipelines.defs.assets.facts import FACT_KINDS, fact_rows
from pipelines.extract.facts import DocumentText, Facts, extract_facts
from pipelines.warehouse.schema import FACT_TABLES

REPORT = DocumentText("r.txt:001", "work_report", "370200", None, 2023, 2024, 1, [
    "各位代表：",
    "一、2023年工作回顾",
    "过去一年，全市地区生产总值达到1.5万亿元，比上年增长5%。",
    "二、2024年工作安排",
    "今年主要预期目标是：地区生产总值增长6%左右。",
    "总投资80亿元的新区大道工程开工建设。",
])


def test_every_kind_of_fact_fills_one_table():
    assert [kind for kind, *_ in FACT_KINDS] == list(Facts._fields)
    assert sorted(table.name for _, table, *_ in FACT_KINDS) == sorted(t.name for t in FACT_TABLES)


def test_rows_are_the_facts_in_the_tables_column_order_with_ids():
    facts = extract_facts(REPORT)
    rows = fact_rows(REPORT)
    assert set(rows) == {t.name for t in FACT_TABLES}
    for kind, table, tag, extra in FACT_KINDS:
        found = getattr(facts, kind)
        assert len(rows[table.name]) == len(found)
        for n, (row, fact) in enumerate(zip(rows[table.name], found), start=1):
            values = dict(zip(table.column_names, row))
            assert values[table.column_names[0]] == f"r.txt:001:{tag}{n:03d}"
            assert values["doc_id"] == "r.txt:001" and values["city_code"] == "370200"
            assert all(values[column] == getattr(REPORT, attribute) for column, attribute in extra.items())
            assert all(values[field] == value for field, value in fact._asdict().items())
    assert all(rows[t] for t in ("fact_targets", "fact_outcomes", "fact_funds", "fact_dates"))
