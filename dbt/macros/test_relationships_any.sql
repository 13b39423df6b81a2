-- Like dbt's `relationships`, with several parents: every non-null value of the column is found in
-- `field` of at least one of the relations in `to` (e.g. a sample's dataset is a catalogued dataset or
-- an experiment's arm).
{% test relationships_any(model, column_name, to, field) %}
select child.{{ column_name }}
from {{ model }} as child
where child.{{ column_name }} is not null
{%- for parent in to %}
  and child.{{ column_name }} not in (select {{ field }} from {{ parent }} where {{ field }} is not null)
{%- endfor %}
{% endtest %}
