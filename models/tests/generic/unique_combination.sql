{#- A model's grain: no two rows share the values of `columns` (rows with a NULL among them count
    too, as one value). dbt's own `unique` takes one column; this is the same test over several. -#}
{% test unique_combination(model, columns) %}
SELECT {{ columns | join(', ') }}, count(*) AS rows_sharing
FROM {{ model }}
GROUP BY {{ columns | join(', ') }}
HAVING count(*) > 1
{% endtest %}
