-- Every document with the division it is placed on (as it was when delivered) and the division holding that territory today.
--
-- A report is placed on the division it names (萧山市 330181 in 1999); dim_city links every retired
-- division to its successors, and current_code follows them to the code in use today (萧山区
-- 330109), so a panel can follow one territory across years. A division whose territory was split
-- follows its first successor.
-- column city_code: Division the document is placed on, as it was then (dim_city.city_code).
-- column city_name: The name under that code in dim_city (its latest: a code renamed in place, 襄樊市 → 襄阳市, shows the new name); NULL for an unplaced document.
-- column current_code: Code in use today for that territory; NULL when the chain of successors ends nowhere.
-- column current_name: Name of the division in use today.
-- column renamed: True when the document's division is no longer in use under that code.
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
FROM documents d
LEFT JOIN dim_city c USING (city_code)
LEFT JOIN dim_city n ON n.city_code = c.current_code
ORDER BY d.doc_id
