{#-
  Inputs that other pillars land later. The analytics marts must build before they exist, and pick
  them up without edits when they do.

  optional_lake_source(source_name, table_name, empty_columns): the dbt source when its lake table has
  files, else an empty relation with the contract's columns. The source is always referenced at parse
  time, so the lineage (and Dagster's asset graph) is right either way; the check runs at execution.

  empty_columns: a list of "name type" strings.
-#}
{% macro lake_has_files(table_name) %}
  {%- if not execute -%}{{ return(true) }}{%- endif -%}
  {%- set probe -%}select count(*) from glob('{{ lake_glob(table_name) }}'){%- endset -%}
  {%- set n = run_query(probe).columns[0].values()[0] -%}
  {{ return(n > 0) }}
{% endmacro %}

{% macro empty_relation(empty_columns) -%}
(select {% for col in empty_columns %}{% set parts = col.split(' ', 1) %}cast(null as {{ parts[1] }}) as {{ parts[0] }}{{ ", " if not loop.last }}{% endfor %} where false)
{%- endmacro %}

{% macro optional_lake_source(source_name, table_name, empty_columns) -%}
{%- set rel = source(source_name, table_name) -%}
{%- if lake_has_files(table_name) -%}{{ rel }}{%- else -%}{{ empty_relation(empty_columns) }}{%- endif -%}
{%- endmacro %}



{#- The size bucket of a sample count; the same buckets as dim_datasets. -#}
{% macro size_bucket(samples) -%}
case
    when {{ samples }} is null then 'size unknown'
    when {{ samples }} < 1000 then '<1k'
    when {{ samples }} < 10000 then '1k-10k'
    when {{ samples }} < 100000 then '10k-100k'
    when {{ samples }} < 1000000 then '100k-1M'
    else '>=1M'
end
{%- endmacro %}
