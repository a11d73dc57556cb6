-- "Latest" is per check: the run that last recorded it in dq_results. runs_recorded and
-- last_failed_at tell how the check has fared over time.
WITH latest AS (
    SELECT
        check_name,
        arg_max(run_id, checked_at) AS run_id,
        max(checked_at)             AS checked_at
    FROM {{ source('warehouse', 'dq_results') }}
    GROUP BY check_name
),

history AS (
    SELECT
        check_name,
        count(DISTINCT run_id)                  AS runs_recorded,
        max(checked_at) FILTER (WHERE NOT success) AS last_failed_at
    FROM {{ source('warehouse', 'dq_results') }}
    GROUP BY check_name
)

SELECT
    r.table_name,
    r.check_name,
    any_value(r.severity)                                          AS severity,
    bool_and(r.success)                                            AS passed,
    count(*) FILTER (WHERE NOT r.success)                          AS failed_expectations,
    count(*)                                                       AS expectations,
    string_agg(r.expectation || ' on ' || coalesce(r.column_name, '(table)'), '; ' ORDER BY r.expectation, r.column_name)
        FILTER (WHERE NOT r.success)                               AS failed,
    l.run_id,
    l.checked_at,
    h.runs_recorded,
    h.last_failed_at
FROM latest AS l
JOIN {{ source('warehouse', 'dq_results') }} AS r ON r.check_name = l.check_name AND r.run_id = l.run_id AND r.checked_at = l.checked_at
JOIN history AS h ON h.check_name = l.check_name
GROUP BY r.table_name, r.check_name, l.run_id, l.checked_at, h.runs_recorded, h.last_failed_at
ORDER BY r.table_name, r.check_name
