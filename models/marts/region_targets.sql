-- A region can have more than one work report for the same plan year (a compilation and a
-- single saved copy), and a report can name an indicator twice (a target and a 力争 target).
-- The latest document wins, then the first statement in it; every pick keeps its target_id,
-- source_line and snippet so it can be checked against the source.
WITH ranked AS (
    SELECT
        t.city_code,
        t.plan_year,
        t.indicator_code,
        t.measure,
        t.value,
        t.value_high,
        t.unit,
        t.qualifier,
        t.direction,
        t.doc_id,
        t.target_id,
        t.source_line,
        t.snippet,
        row_number() OVER (
            PARTITION BY t.city_code, t.plan_year, t.indicator_code, t.measure
            ORDER BY d.doc_date DESC NULLS LAST, t.doc_id DESC, t.target_id
        ) AS pick
    FROM {{ source('warehouse', 'fact_targets') }} AS t
    LEFT JOIN {{ source('warehouse', 'documents') }} AS d ON d.doc_id = t.doc_id
    WHERE t.city_code IS NOT NULL
      AND t.plan_year IS NOT NULL
)
SELECT
    city_code,
    plan_year,
    indicator_code,
    measure,
    value,
    value_high,
    unit,
    qualifier,
    direction,
    doc_id,
    target_id,
    source_line,
    snippet
FROM ranked
WHERE pick = 1
ORDER BY city_code, plan_year, indicator_code, measure
