{#- A lake table as a dbt source, or an empty relation with its columns while no asset has written it
    yet, so building the warehouse never fails on a lineage table that does not exist yet. The
    source() call is rendered in both branches so the dependency stays in the graph. -#}
{% macro lake_source_or_empty(source_name, table_name) -%}
{%- set found = true -%}
{%- if execute -%}
  {%- set result = run_query("select count(*) from glob('" ~ lake_glob(table_name) ~ "')") -%}
  {%- set found = result.columns[0].values()[0] > 0 -%}
{%- endif -%}
{%- if found -%}
{{ source(source_name, table_name) }}
{%- else -%}
({{ lineage_empty_relation(table_name) }}) /* not yet written: {{ source(source_name, table_name) | replace('*/', '') }} */
{%- endif -%}
{%- endmacro %}
