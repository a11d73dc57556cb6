"""The charts: drawn from the marts in a real run, PNG beside the warehouse, Chinese set in the packaged font."""
from __future__ import annotations

import base64
import shutil
import warnings
from pathlib import Path

import dagster as dg
import duckdb
import numpy as np
import polars as pl
import pytest
from dagster_duckdb import DuckDBResource
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from pipelines.defs.assets import charts
from tests.helpers import query

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def chart_run(tmp_path_factory, seeded_warehouse):
    """Both chart assets materialised in process on a copy of the seeded warehouse, with a stale chart present."""
    db = tmp_path_factory.mktemp("charts") / "govreports.duckdb"
    shutil.copy(seeded_warehouse, db)
    stale = charts.reports_dir(db) / "gdp_targets_1999.png"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(PNG)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = dg.materialize([charts.gdp_targets_chart, charts.target_distribution_chart],
                                resources={"duckdb": DuckDBResource(database=str(db))})
    assert result.success
    return db, result, caught


def _metadata(result, key: str) -> dict:
    (event,) = [e for e in result.get_asset_materialization_events() if e.asset_key == dg.AssetKey(key)]
    return {k: v.value for k, v in event.materialization.metadata.items()}


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_font_is_the_packaged_noto_sans_sc():
    family, path = charts.cjk_font()
    assert family == "Noto Sans SC"
    assert path.is_file() and "pylopdf_fonts_zh_cn" in path.parts  # from the pinned PyPI package, not the system
    found = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    assert Path(found) == path


def test_font_draws_every_character_of_the_labels(seeded_warehouse):
    """No tofu: each character has a glyph of its own, and distinct characters render differently."""
    _, path = charts.cjk_font()
    names = [r[0] for r in query(seeded_warehouse, "SELECT city_name || coalesce(province_name, '') FROM marts.targets_wide")]
    levels = [r[0] for r in query(seeded_warehouse, "SELECT level_name_zh FROM dim_level")]
    text = "".join(names + levels + [charts.indicator_label(c) for c in charts.MAIN_INDICATORS]
                   + list(charts.QUALIFIER_TEXT.values()) + [charts.SOURCE_NOTE, "年各地区生产总值增长预期目标中位数（%）−~"])
    font = FT2Font(str(path))
    assert [ch for ch in set(text) if not ch.isspace() and font.get_char_index(ord(ch)) == 0] == []
    bitmaps = set()
    for ch in "济南菏泽龙子湖区繁昌":
        font.set_text(ch)
        font.draw_glyphs_to_bitmap()
        bitmaps.add(np.asarray(font.get_image()).tobytes())
    assert len(bitmaps) == 10  # a missing glyph would draw the same box for each


def test_gdp_chart_written_beside_the_warehouse(chart_run):
    db, result, _ = chart_run
    png = db.parent / "reports" / "gdp_targets_2023.png"
    data = png.read_bytes()
    width, height = _png_size(data)
    assert width >= 800 and height >= 600 and len(data) > 30_000
    meta = _metadata(result, "gdp_targets_chart")
    assert meta["path"] == str(png) and meta["files"] == [str(png)]
    assert meta["missing_glyphs"] == 0 and meta["font"].startswith("Noto Sans SC")
    # the PNG itself is embedded in the Markdown the UI shows
    embedded = meta["charts"].split("data:image/png;base64,")[1].split(")")[0]
    assert base64.b64decode(embedded) == data
    assert str(png) in meta["charts"]


def test_stale_charts_are_removed(chart_run):
    db, _, _ = chart_run
    assert sorted(p.name for p in (db.parent / "reports").glob("*.png")) == [
        "gdp_targets_2023.png", "target_distribution_2023.png"]


def test_distribution_chart(chart_run):
    db, result, _ = chart_run
    meta = _metadata(result, "target_distribution_chart")
    png = db.parent / "reports" / "target_distribution_2023.png"
    assert meta["path"] == str(png) and meta["missing_glyphs"] == 0
    assert _png_size(png.read_bytes())[0] >= 800


def test_no_missing_glyph_warnings(chart_run):
    _, _, caught = chart_run
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []


def test_bars_highest_first_with_qualifiers(seeded_warehouse):
    with duckdb.connect(str(seeded_warehouse), read_only=True) as con:
        frame = con.execute("SELECT * FROM marts.targets_wide WHERE plan_year = 2023").pl()
    bars = charts.gdp_bars(frame)
    values = bars["gdp_value"].to_list()
    assert values == sorted(values, reverse=True) and len(values) >= 15
    assert bars.filter(pl.col("city_name") == "济南市").select("gdp_value", "gdp_qualifier").row(0) == (5.5, "at_least")
    assert charts.value_text(5.5, None, "at_least") == "5.5%以上"
    assert charts.value_text(5.5, 6.0, "range") == "5.5~6%"
    assert charts.value_text(6.0, None, "about") == "6%左右"


def test_a_missing_glyph_is_reported():
    """The warning the charts count is real: a character outside the font is caught, not drawn silently."""
    frame = pl.DataFrame({"city_code": ["000001"], "city_name": ["\U0001F600区"], "province_name": ["某省"],
                          "level_code": ["district"], "level_name_zh": ["市辖区"], "rank": [5],
                          "gdp_value": [5.0], "gdp_value_high": [None], "gdp_qualifier": ["about"]},
                         schema_overrides={"gdp_value_high": pl.Float64})
    chart = charts.draw_gdp_targets(frame, 2023)
    assert chart.png[:8] == PNG
    assert len(chart.missing_glyphs) == 1 and "128512" in chart.missing_glyphs[0]


def test_same_names_get_their_province():
    frame = pl.DataFrame({"city_name": ["朝阳区", "朝阳区", "济南市"], "province_name": ["北京市", "吉林省", "山东省"]})
    assert charts.region_labels(frame) == ["朝阳区（北京市）", "朝阳区（吉林省）", "济南市"]


def test_no_targets_no_charts(tmp_path, seeded_warehouse):
    """A warehouse without targets gets no chart (and loses an old one), and the run still succeeds."""
    db = tmp_path / "govreports.duckdb"
    shutil.copy(seeded_warehouse, db)
    with duckdb.connect(str(db)) as con:
        con.execute("DELETE FROM marts.targets_wide")
    old = charts.reports_dir(db) / "gdp_targets_2023.png"
    old.parent.mkdir()
    old.write_bytes(PNG)
    result = dg.materialize([charts.gdp_targets_chart, charts.target_distribution_chart],
                            resources={"duckdb": DuckDBResource(database=str(db))})
    assert result.success
    assert list(charts.reports_dir(db).iterdir()) == []
    meta = _metadata(result, "gdp_targets_chart")
    assert meta["charts"] == "(no targets to draw)" and meta["files"] == [] and "path" not in meta
