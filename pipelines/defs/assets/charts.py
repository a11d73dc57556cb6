"""Charts of the marts: PNG files in reports/ beside the warehouse, shown on the asset's page in the UI.

Chinese labels are set in Noto Sans SC, a font file shipped by the `pylopdf-fonts-zh-cn` package
(pinned in pyproject.toml) and registered with matplotlib's font manager at run time, so the
charts render the same on a fresh machine without system CJK fonts. Drawing uses matplotlib's
object API (no pyplot, no global figure state); a glyph missing from the font is reported in
the asset's metadata and log, never silently drawn as a box.
"""
import base64
import csv
import io
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from ...extract.vocabulary import VOCAB
from .marts import asset_key

MAIN_INDICATORS = ("gdp", "industrial_value_added", "fixed_asset_investment", "retail_sales", "general_budget_revenue",
                   "urban_disposable_income", "rural_disposable_income", "cpi", "urban_unemployment_surveyed")
# What the number of each main indicator measures, appended to its Chinese name on the chart.
MEASURE_WORD = {"cpi": "涨幅", "urban_unemployment_surveyed": ""}
QUALIFIER_TEXT = {"about": "左右", "at_least": "以上", "at_most": "以内", "exact": "", "range": ""}
# One colour per administrative level (colour-blind safe, Okabe–Ito).
LEVEL_COLOURS = {"national": "#000000", "province": "#D55E00", "prefecture": "#0072B2",
                 "county_level_city": "#E69F00", "county": "#009E73", "district": "#CC79A7"}
SOURCE_NOTE = "数据来源：各地政府工作报告（govreports: marts.targets_wide）"


def reports_dir(warehouse_file: Path) -> Path:
    """Charts live beside the warehouse file: reports/*.png."""
    return Path(warehouse_file).parent / "reports"


# ---------------------------------------------------------------- font and drawing (no Dagster)

@dataclass(frozen=True)
class Chart:
    name: str            # file stem
    title: str
    png: bytes
    missing_glyphs: tuple[str, ...]  # matplotlib's warnings for characters the font lacks


@lru_cache(maxsize=1)
def cjk_font() -> tuple[str, Path]:
    """Register the packaged Noto Sans SC with matplotlib; its family name and file."""
    import pylopdf_fonts_zh_cn
    from matplotlib import font_manager

    path = Path(pylopdf_fonts_zh_cn.sans_path())
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name(), path


@lru_cache(maxsize=1)
def indicator_names() -> dict[str, str]:
    """The first alias of each indicator in the extraction vocabulary is its Chinese name."""
    names: dict[str, str] = {}
    with (VOCAB / "indicators.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            names.setdefault(row["indicator_code"].strip(), row["alias"].strip())
    return names


def indicator_label(code: str) -> str:
    return indicator_names().get(code, code) + MEASURE_WORD.get(code, "增速")


def value_text(value: float, high: float | None, qualifier: str | None) -> str:
    """5.5, None, at_least → 5.5%以上; 5.5, 6, range → 5.5~6%."""
    if high is not None and qualifier == "range":
        return f"{value:g}~{high:g}%"
    return f"{value:g}%{QUALIFIER_TEXT.get(qualifier or 'exact', '')}"


def region_labels(frame: pl.DataFrame) -> list[str]:
    """The region's name; with its province when two regions on one chart share a name (朝阳区)."""
    names = frame["city_name"].to_list()
    repeated = {n for n in names if names.count(n) > 1}
    return [f"{n}（{p}）" if n in repeated and p else n
            for n, p in zip(names, frame["province_name"].to_list())]


def _render(draw, name: str, title: str) -> Chart:
    """Run `draw(figure)` with the CJK font; return the PNG and any missing-glyph warnings."""
    import matplotlib
    from matplotlib.figure import Figure

    family, _ = cjk_font()
    with warnings.catch_warnings(record=True) as caught, \
            matplotlib.rc_context({"font.family": [family], "axes.unicode_minus": True, "svg.fonttype": "none"}):
        warnings.simplefilter("always")
        figure = Figure(layout="constrained")
        draw(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=110)
    missing = tuple(sorted({str(w.message) for w in caught if "missing from font" in str(w.message)}))
    return Chart(name, title, buffer.getvalue(), missing)


def _level_legend(axes, frame: pl.DataFrame) -> None:
    from matplotlib.patches import Patch

    levels = frame.select("level_code", "level_name_zh", "rank").unique().sort("rank")
    axes.legend(handles=[Patch(color=LEVEL_COLOURS.get(code, "#999999"), label=name or code)
                         for code, name, _ in levels.iter_rows()],
                title="行政级别", loc="lower right", frameon=False)


def gdp_bars(frame: pl.DataFrame) -> pl.DataFrame:
    """The regions with a GDP growth target, highest first (ties by division code)."""
    return frame.filter(pl.col("gdp_value").is_not_null()).sort(["gdp_value", "city_code"], descending=[True, False])


MAX_BARS = 60  # beyond this a bar chart is unreadable (and slow to draw): the ends of the ranking


def ends_of(rows: pl.DataFrame, most: int = MAX_BARS) -> pl.DataFrame:
    """All rows when they fit; else the first and last most/2 of them."""
    return rows if rows.height <= most else pl.concat([rows.head(most // 2), rows.tail(most // 2)])


def draw_gdp_targets(frame: pl.DataFrame, plan_year: int) -> Chart:
    """Horizontal bars of each region's GDP growth target, highest on top, coloured by level.

    `frame`: marts.targets_wide rows of one plan year with dim_level's level_name_zh and rank.
    With more than MAX_BARS regions, the highest and the lowest targets are drawn and the title says so.
    """
    ranked = gdp_bars(frame)
    rows = ends_of(ranked).reverse()  # barh draws the first bar at the bottom
    title = f"{plan_year}年各地区生产总值增长预期目标"
    if rows.height < ranked.height:
        title += f"（共{ranked.height}个地区，显示最高和最低各{MAX_BARS // 2}个）"

    def draw(figure):
        figure.set_size_inches(8, 1.6 + 0.32 * rows.height)
        axes = figure.add_subplot()
        values = rows["gdp_value"].to_list()
        bars = axes.barh(region_labels(rows), values,
                         color=[LEVEL_COLOURS.get(c, "#999999") for c in rows["level_code"].to_list()])
        for bar, v, high, q in zip(bars, values, rows["gdp_value_high"].to_list(), rows["gdp_qualifier"].to_list()):
            axes.annotate(value_text(v, high, q), (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                          xytext=(3, 0), textcoords="offset points", va="center", fontsize=9)
        axes.set_xlim(0, max(values) * 1.2)
        axes.set_xlabel("增长率（%）")
        axes.set_title(title)
        axes.spines[["top", "right"]].set_visible(False)
        _level_legend(axes, rows)
        figure.text(0.01, 0.0, SOURCE_NOTE, fontsize=7, color="#666666", va="bottom")

    return _render(draw, f"gdp_targets_{plan_year}", title)


def draw_target_distribution(frame: pl.DataFrame, plan_year: int) -> Chart:
    """One row per main indicator: every region's target as a dot (coloured by level), the median as a bar."""
    title = f"{plan_year}年主要指标预期目标分布（每点一个地区）"
    present = [c for c in MAIN_INDICATORS if frame[f"{c}_value"].drop_nulls().len() > 0]

    def draw(figure):
        figure.set_size_inches(9, 1.4 + 0.55 * max(len(present), 1))
        axes = figure.add_subplot()
        for row, code in enumerate(reversed(present)):
            points = frame.filter(pl.col(f"{code}_value").is_not_null())
            values = points[f"{code}_value"].to_list()
            # Spread equal values a little, in a fixed pattern, so stacked dots stay visible.
            offsets = [((i % 5) - 2) * 0.07 for i in range(len(values))]
            axes.scatter(values, [row + o for o in offsets], s=28, alpha=0.85, edgecolors="white", linewidths=0.5,
                         color=[LEVEL_COLOURS.get(c, "#999999") for c in points["level_code"].to_list()])
            median = points[f"{code}_value"].median()
            axes.vlines(median, row - 0.3, row + 0.3, color="#333333", linewidth=2)
            axes.annotate(f"中位数 {median:g}%（{len(values)}个地区）", (median, row + 0.3), xytext=(4, 0),
                          textcoords="offset points", fontsize=8, color="#333333", va="bottom")
        axes.set_yticks(range(len(present)), [indicator_label(c) for c in reversed(present)])
        axes.set_ylim(-0.6, len(present) - 0.2)
        axes.set_xlabel("预期目标（%）")
        axes.set_title(title)
        axes.grid(axis="x", color="#dddddd")
        axes.set_axisbelow(True)
        axes.spines[["top", "right"]].set_visible(False)
        _level_legend(axes, frame)
        figure.text(0.01, 0.0, SOURCE_NOTE, fontsize=7, color="#666666", va="bottom")

    return _render(draw, f"target_distribution_{plan_year}", title)


MIN_PAIRED_YEARS = 3  # a region's line of targets and outcomes is drawn from three paired years on
MAX_PANELS = 24       # regions per chart: those with the most paired years
MET_COLOURS = {True: "#009E73", False: "#D55E00", None: "#999999"}


def paired_regions(frame: pl.DataFrame, most: int = MAX_PANELS) -> list[str]:
    """Regions with at least MIN_PAIRED_YEARS years that have both a target and an outcome; most pairs first."""
    pairs = (frame.filter(pl.col("target_value").is_not_null() & pl.col("outcome_value").is_not_null())
             .group_by("city_code").agg(pl.len().alias("pairs"))
             .filter(pl.col("pairs") >= MIN_PAIRED_YEARS).sort(["pairs", "city_code"], descending=[True, False]))
    return pairs["city_code"].head(most).to_list()


def draw_targets_vs_outcomes(frame: pl.DataFrame, indicator_code: str) -> Chart | None:
    """Small multiples, one region a panel: the target each year (a band for a range) and the outcome
    reported for it, green where met, orange where missed, hollow where only an estimate (预计) exists.

    `frame`: marts.targets_vs_outcomes rows of one indicator, measure growth_rate. None when no region
    has MIN_PAIRED_YEARS paired years.
    """
    regions = paired_regions(frame)
    if not regions:
        return None
    label = indicator_label(indicator_code)
    title = f"{label}：预期目标与实际完成\n（{len(regions)}个地区，绿色为完成，橙色为未完成）"
    cols = min(3, len(regions))
    rows_n = -(-len(regions) // cols)

    def draw(figure):
        from matplotlib.lines import Line2D
        from matplotlib.patches import Rectangle

        figure.set_size_inches(max(6.0, 4.2 * cols), 1.4 + 2.6 * rows_n)
        axes_grid = figure.subplots(rows_n, cols, squeeze=False)
        for n, code in enumerate(regions):
            axes = axes_grid[n // cols][n % cols]
            region = frame.filter(pl.col("city_code") == code).sort("year")
            targets = region.filter(pl.col("target_value").is_not_null())
            years, low = targets["year"].to_list(), targets["target_value"].to_list()
            high = [h if h is not None else v for v, h in zip(low, targets["target_value_high"].to_list())]
            for year, lo, hi in zip(years, low, high):  # a target is a bar across its year; a range, a box
                if hi > lo:
                    axes.add_patch(Rectangle((year - 0.35, lo), 0.7, hi - lo, color="#0072B2", alpha=0.2, linewidth=0))
                axes.hlines([lo, hi] if hi > lo else [lo], year - 0.35, year + 0.35, color="#0072B2", linewidth=2)
            done = region.filter(pl.col("outcome_value").is_not_null())
            for year, value, met, estimated in done.select("year", "outcome_value", "met",
                                                           "outcome_estimated").iter_rows():
                colour = MET_COLOURS[met]
                axes.scatter([year], [value], s=30, zorder=3, edgecolors=colour,
                             facecolors="white" if estimated else colour, linewidths=1.2)
            name = region["city_name"][0] or code
            axes.set_title(name, fontsize=10)
            axes.xaxis.get_major_locator().set_params(integer=True)
            axes.tick_params(labelsize=8)
            axes.spines[["top", "right"]].set_visible(False)
        for n in range(len(regions), rows_n * cols):
            axes_grid[n // cols][n % cols].set_visible(False)
        figure.suptitle(title, fontsize=11)
        axes_grid[0][0].legend(handles=[
            Line2D([], [], color="#0072B2", linewidth=2, label="目标"),
            Line2D([], [], marker="o", linestyle="", color=MET_COLOURS[True], label="完成"),
            Line2D([], [], marker="o", linestyle="", color=MET_COLOURS[False], label="未完成"),
            Line2D([], [], marker="o", linestyle="", markerfacecolor="white", color="#666666", label="预计数"),
        ], fontsize=7, frameon=False, loc="best")
        figure.supxlabel("数据来源：各地政府工作报告（govreports: marts.targets_vs_outcomes）", fontsize=7, color="#666666")

    return _render(draw, f"targets_vs_outcomes_{indicator_code}", title)


# ---------------------------------------------------------------- Dagster wiring

def _targets_by_year(duckdb: DuckDBResource) -> dict[int, pl.DataFrame]:
    with duckdb.get_connection() as con:
        frame = con.execute("""
            SELECT t.*, l.level_name_zh, l.rank
            FROM marts.targets_wide AS t LEFT JOIN dim_level AS l USING (level_code)
            ORDER BY t.plan_year, t.city_code""").pl()
    return {year: frame.filter(pl.col("plan_year") == year) for year in frame["plan_year"].unique().sort().to_list()}


def _publish(context: dg.AssetExecutionContext, folder: Path, prefix: str, charts: list[Chart]) -> dg.MaterializeResult:
    """Write the PNGs (removing this chart's files for years no longer present) and describe them for the UI."""
    folder.mkdir(parents=True, exist_ok=True)
    keep = {f"{c.name}.png" for c in charts}
    for old in folder.glob(f"{prefix}_*.png"):
        if old.name not in keep:
            old.unlink()
    sections, paths = [], []
    for chart in charts:
        path = folder / f"{chart.name}.png"
        path.write_bytes(chart.png)
        paths.append(path)
        for message in chart.missing_glyphs:
            context.log.warning(f"{chart.name}: {message}")
        data = base64.b64encode(chart.png).decode("ascii")
        sections.append(f"**{chart.title}** (`{path}`)\n\n![{chart.title}](data:image/png;base64,{data})")
    family, font_file = cjk_font()
    metadata = {
        "charts": dg.MetadataValue.md("\n\n".join(sections) or "(no targets to draw)"),
        "files": dg.MetadataValue.json([str(p) for p in paths]),
        "font": f"{family} ({font_file.name})",
        "missing_glyphs": sum(len(c.missing_glyphs) for c in charts),
    }
    if paths:
        metadata["path"] = dg.MetadataValue.path(str(paths[-1]))
    return dg.MaterializeResult(metadata=metadata)


CHART_DEPS = [asset_key("marts.targets_wide"), asset_key("dim_level")]


@dg.asset(group_name="reports", deps=CHART_DEPS, kinds={"python", "matplotlib"},
          description="Bar chart per plan year: each region's GDP growth target, coloured by level "
                      "(reports/gdp_targets_<year>.png).")
def gdp_targets_chart(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    charts = [draw_gdp_targets(frame, year) for year, frame in _targets_by_year(duckdb).items()
              if frame["gdp_value"].drop_nulls().len() > 0]
    return _publish(context, reports_dir(Path(duckdb.database)), "gdp_targets", charts)


@dg.asset(group_name="reports", deps=CHART_DEPS, kinds={"python", "matplotlib"},
          description="Dot chart of the latest plan year: every region's target for each main indicator, "
                      "with the median (reports/target_distribution_<year>.png).")
def target_distribution_chart(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    by_year = _targets_by_year(duckdb)
    charts = [draw_target_distribution(by_year[max(by_year)], max(by_year))] if by_year else []
    return _publish(context, reports_dir(Path(duckdb.database)), "target_distribution", charts)


@dg.asset(group_name="reports", deps=[asset_key("marts.targets_vs_outcomes")], kinds={"python", "matplotlib"},
          description="Target against outcome over the years, one panel per region with at least three paired "
                      "years, met or missed at a glance; GDP growth first, then the other main indicators "
                      "(reports/targets_vs_outcomes_<indicator>.png).")
def targets_vs_outcomes_chart(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as con:
        frame = con.execute("""
            SELECT * FROM marts.targets_vs_outcomes WHERE measure = 'growth_rate'
            ORDER BY city_code, year""").pl()
    charts = [chart for code in MAIN_INDICATORS
              if (chart := draw_targets_vs_outcomes(frame.filter(pl.col("indicator_code") == code), code))]
    return _publish(context, reports_dir(Path(duckdb.database)), "targets_vs_outcomes", charts)
