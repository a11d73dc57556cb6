-- Growth indicators use their growth rate (增长X%); unemployment its rate (控制在X%以内);
-- CPI its rise in percent: a 涨幅 target as written, or an index target (103%) less 100
-- when the report gives no 涨幅. <indicator>_value is the low end of a range and
-- <indicator>_value_high its high end; <indicator>_qualifier is about, at_least, at_most,
-- exact or range. NULL where the region's report sets no such target.
WITH main_indicators (indicator_code, measure, shift, preference) AS (
    VALUES
        ('gdp',                         'growth_rate', 0,    1),
        ('industrial_value_added',      'growth_rate', 0,    1),
        ('fixed_asset_investment',      'growth_rate', 0,    1),
        ('retail_sales',                'growth_rate', 0,    1),
        ('general_budget_revenue',      'growth_rate', 0,    1),
        ('urban_disposable_income',     'growth_rate', 0,    1),
        ('rural_disposable_income',     'growth_rate', 0,    1),
        ('cpi',                         'growth_rate', 0,    1),
        ('cpi',                         'index',       -100, 2),
        ('urban_unemployment_surveyed', 'ratio',       0,    1)
),

main_targets AS (
    SELECT
        r.city_code,
        r.plan_year,
        r.indicator_code,
        r.value + m.shift      AS value,
        r.value_high + m.shift AS value_high,
        r.qualifier,
        row_number() OVER (
            PARTITION BY r.city_code, r.plan_year, r.indicator_code ORDER BY m.preference
        ) AS pick
    FROM {{ ref('region_targets') }} AS r
    JOIN main_indicators AS m
      ON m.indicator_code = r.indicator_code AND m.measure = r.measure
),

one_per_indicator AS (
    SELECT city_code, plan_year, indicator_code, value, value_high, qualifier
    FROM main_targets
    WHERE pick = 1
),

wide AS (
    PIVOT one_per_indicator
    ON indicator_code IN (
        'gdp', 'industrial_value_added', 'fixed_asset_investment', 'retail_sales', 'general_budget_revenue',
        'urban_disposable_income', 'rural_disposable_income', 'cpi', 'urban_unemployment_surveyed'
    )
    USING first(value) AS value, first(value_high) AS value_high, first(qualifier) AS qualifier
    GROUP BY city_code, plan_year
)

SELECT
    c.city_code,
    c.city_name,
    c.level_code,
    c.province_code,
    p.province_name,
    w.plan_year,
    w.* EXCLUDE (city_code, plan_year)
FROM wide AS w
JOIN {{ source('warehouse', 'dim_city') }} AS c ON c.city_code = w.city_code
LEFT JOIN {{ source('warehouse', 'dim_province') }} AS p ON p.province_code = c.province_code
ORDER BY w.plan_year, c.province_code, c.city_code
