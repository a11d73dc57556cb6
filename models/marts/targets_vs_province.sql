-- Province-level work reports use the province code as city_code, so the province's own
-- target is the region_targets row whose city_code is the region's province_code.
-- difference = region value − province value (low ends of ranges); positive means the
-- region aims higher than its province.
WITH regions AS (
    SELECT r.*, c.city_name, c.level_code, c.province_code
    FROM {{ ref('region_targets') }} AS r
    JOIN {{ source('warehouse', 'dim_city') }} AS c ON c.city_code = r.city_code
    WHERE c.level_code NOT IN ('national', 'province')
),

provinces AS (
    SELECT r.*
    FROM {{ ref('region_targets') }} AS r
    JOIN {{ source('warehouse', 'dim_city') }} AS c ON c.city_code = r.city_code
    WHERE c.level_code = 'province'
)

SELECT
    g.city_code,
    g.city_name,
    g.level_code,
    g.province_code,
    dp.province_name,
    g.plan_year,
    g.indicator_code,
    g.measure,
    g.unit,
    g.value                AS city_value,
    g.value_high           AS city_value_high,
    g.qualifier            AS city_qualifier,
    p.value                AS province_value,
    p.value_high           AS province_value_high,
    p.qualifier            AS province_qualifier,
    g.value - p.value      AS difference,
    g.target_id            AS city_target_id,
    p.target_id            AS province_target_id
FROM regions AS g
JOIN provinces AS p
  ON p.city_code = g.province_code
 AND p.plan_year = g.plan_year
 AND p.indicator_code = g.indicator_code
 AND p.measure = g.measure
 AND p.unit IS NOT DISTINCT FROM g.unit
LEFT JOIN {{ source('warehouse', 'dim_province') }} AS dp ON dp.province_code = g.province_code
ORDER BY g.plan_year, g.province_code, g.indicator_code, g.city_code
