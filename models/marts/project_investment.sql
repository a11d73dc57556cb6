-- investment_yuan is summed over the projects that state an amount; projects_with_amount says
-- how many did, so a total built from few projects can be read as such.
WITH projects AS (
    SELECT
        city_code,
        coalesce(period, 'unknown') AS period,
        coalesce(status, 'unknown') AS status,
        investment_yuan
    FROM {{ source('warehouse', 'fact_projects') }}
)

SELECT
    p.city_code,
    c.city_name,
    c.level_code,
    dp.province_name,
    p.period,
    p.status,
    count(*)                                          AS project_count,
    count(p.investment_yuan)                          AS projects_with_amount,
    sum(p.investment_yuan)                            AS investment_yuan,
    round(sum(p.investment_yuan) / 1e8, 2)            AS investment_yi_yuan
FROM projects AS p
LEFT JOIN {{ source('warehouse', 'dim_city') }} AS c ON c.city_code = p.city_code
LEFT JOIN {{ source('warehouse', 'dim_province') }} AS dp ON dp.province_code = c.province_code
GROUP BY ALL
ORDER BY dp.province_name, p.city_code, p.period, p.status
