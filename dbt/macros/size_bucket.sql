{#- The size bucket of a sample count; the same buckets in dim_datasets and fct_leaderboard. -#}
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
