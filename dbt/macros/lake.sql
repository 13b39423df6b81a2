{#- The lake glob of one table: every partition's Parquet files. -#}
{% macro lake_glob(table) -%}
{{ env_var('ARENA_HOME', '../.arena') }}/lake/{{ table }}/*/part-*.parquet
{%- endmacro %}

{#- lake_source(name): a lake table of warehouse/tables.py as its dbt source, or the empty relation of its
    columns (lake_tables.sql) while no asset has written a partition of it yet, so the warehouse builds
    before every asset ran. source() is called either way, so the dependency is in dbt's graph. -#}
{% macro lake_source(name) -%}
{%- set table = lake_table(name) -%}
{%- set relation = source(table.source, name) -%}
{%- if execute and run_query("select count(*) from glob('" ~ lake_glob(name) ~ "')").columns[0].values()[0] == 0 -%}
({{ table.empty }}) /* no partition of {{ name }} yet */
{%- else -%}
{{ relation }}
{%- endif -%}
{%- endmacro %}
