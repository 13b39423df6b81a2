{#- The keys `ingest.identity` gives datasets, for matching names and ids from other systems in SQL:
    hub_key('Org/Name') = 'org__name' (Hub ids are case-insensitive); name_key('Alpaca_GPT4') = 'alpaca_gpt4'. -#}
{% macro hub_key(hub_id) -%}
regexp_replace(replace(lower(trim({{ hub_id }}, '/ ')), '/', '__'), '[^a-z0-9_.\-]', '-', 'g')
{%- endmacro %}

{% macro name_key(name) -%}
trim(regexp_replace(lower({{ name }}), '[^a-z0-9]+', '_', 'g'), '_')
{%- endmacro %}
