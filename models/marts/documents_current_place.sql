-- A report is placed on the division it names (萧山市 330181 in 1999); dim_city links every retired
-- division to its successors, and current_code follows them to the code in use today (萧山区
-- 330109), so a panel can follow one territory across years. A division whose territory was split
-- follows its first successor.
SELECT
    d.doc_id,
    d.source_file,
    d.doc_type,
    d.report_year,
    d.plan_year,
    d.city_code,
    c.city_name,
    c.level_code,
    c.current_code,
    n.city_name AS current_name,
    n.level_code AS current_level_code,
    c.valid_to IS NOT NULL AS renamed
FROM {{ source('warehouse', 'documents') }} d
LEFT JOIN {{ source('warehouse', 'dim_city') }} c USING (city_code)
LEFT JOIN {{ source('warehouse', 'dim_city') }} n ON n.city_code = c.current_code
ORDER BY d.doc_id
