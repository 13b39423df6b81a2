{#- The lake glob of one table: every partition's Parquet files. -#}
{% macro lake_glob(table) -%}
{{ env_var('ARENA_HOME', '../.arena') }}/lake/{{ table }}/*/part-*.parquet
{%- endmacro %}
