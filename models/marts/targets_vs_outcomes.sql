-- Target: marts.region_targets (the latest report that plans the year). Outcome: fact_outcomes
-- of the year, an actual figure (the next year's report reviewing it) before an estimate (预计,
-- the same year's report), then the latest document. `met` follows the target's qualifier:
--   range     value <= outcome <= value_high
--   at_least  outcome >= value            at_most  outcome <= value
--   about     no more than 0.5 point short for rates (growth_rate, ratio, index), 1 % short for levels;
--             overshooting on the good side meets it (7% 左右 met by 6.6% and by 9%)
--   exact     outcome >= value
-- "Short" and ">=" turn round where lower is better (dim_indicator.better: CPI, unemployment).
-- Gap and met only where the two share measure and unit. Rows with only a target or only an
-- outcome are kept (NULL gap and met), so the panel shows what is missing.

WITH outcomes AS (
    SELECT
        o.city_code,
        o.year,
        o.indicator_code,
        o.measure,
        o.value,
        o.value_high,
        o.unit,
        o.qualifier,
        o.estimated,
        o.doc_id,
        o.outcome_id,
        o.snippet,
        row_number() OVER (
            PARTITION BY o.city_code, o.year, o.indicator_code, o.measure
            ORDER BY o.estimated ASC, d.doc_date DESC NULLS LAST, o.doc_id DESC, o.outcome_id
        ) AS pick
    FROM {{ source('warehouse', 'fact_outcomes') }} AS o
    LEFT JOIN {{ source('warehouse', 'documents') }} AS d ON d.doc_id = o.doc_id
    WHERE o.city_code IS NOT NULL
      AND o.year IS NOT NULL
      AND o.indicator_code <> 'other'
),

paired AS (
    SELECT
        coalesce(t.city_code, o.city_code)           AS city_code,
        coalesce(t.plan_year, o.year)                AS year,
        coalesce(t.indicator_code, o.indicator_code) AS indicator_code,
        coalesce(t.measure, o.measure)               AS measure,
        t.value                                      AS target_value,
        t.value_high                                 AS target_value_high,
        t.unit                                       AS target_unit,
        t.qualifier                                  AS target_qualifier,
        t.doc_id                                     AS target_doc_id,
        t.snippet                                    AS target_snippet,
        o.value                                      AS outcome_value,
        o.value_high                                 AS outcome_value_high,
        o.unit                                       AS outcome_unit,
        o.qualifier                                  AS outcome_qualifier,
        o.estimated                                  AS outcome_estimated,
        o.doc_id                                     AS outcome_doc_id,
        o.snippet                                    AS outcome_snippet,
        t.value IS NOT NULL AND o.value IS NOT NULL AND t.unit = o.unit AS comparable
    FROM (SELECT * FROM {{ ref('region_targets') }} WHERE indicator_code <> 'other') AS t
    FULL OUTER JOIN (SELECT * FROM outcomes WHERE pick = 1) AS o
        ON o.city_code = t.city_code AND o.year = t.plan_year
       AND o.indicator_code = t.indicator_code AND o.measure = t.measure
)

SELECT
    p.city_code,
    c.city_name,
    c.level_code,
    pr.province_name,
    p.year,
    p.indicator_code,
    i.name_zh AS indicator_name_zh,
    i.name_en AS indicator_name_en,
    p.measure,
    p.target_value,
    p.target_value_high,
    p.target_unit,
    p.target_qualifier,
    p.outcome_value,
    p.outcome_value_high,
    p.outcome_unit,
    p.outcome_qualifier,
    p.outcome_estimated,
    CASE WHEN p.comparable THEN round(p.outcome_value - p.target_value, 4) END AS gap,
    CASE WHEN p.comparable THEN
        CASE p.target_qualifier
            WHEN 'range'    THEN p.outcome_value BETWEEN p.target_value AND coalesce(p.target_value_high, p.target_value)
            WHEN 'at_least' THEN p.outcome_value >= p.target_value
            WHEN 'at_most'  THEN p.outcome_value <= p.target_value
            WHEN 'about'    THEN (CASE WHEN i.better = 'lower' THEN p.target_value - p.outcome_value
                                       ELSE p.outcome_value - p.target_value END)
                                 >= -(CASE WHEN p.measure = 'level' THEN 0.01 * abs(p.target_value) ELSE 0.5 END)
            ELSE CASE WHEN i.better = 'lower' THEN p.outcome_value <= p.target_value
                      ELSE p.outcome_value >= p.target_value END
        END
    END AS met,
    p.target_doc_id,
    p.outcome_doc_id,
    p.target_snippet,
    p.outcome_snippet
FROM paired AS p
LEFT JOIN {{ source('warehouse', 'dim_city') }} AS c ON c.city_code = p.city_code
LEFT JOIN {{ source('warehouse', 'dim_province') }} AS pr ON pr.province_code = c.province_code
LEFT JOIN {{ source('warehouse', 'dim_indicator') }} AS i ON i.indicator_code = p.indicator_code
ORDER BY p.city_code, p.year, p.indicator_code, p.measure
