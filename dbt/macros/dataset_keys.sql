{#- The keys `ingest.identity` gives datasets, for matching names and ids from other systems in SQL:
    hub_key('Org/Name') = 'org__name' (Hub ids are case-insensitive); name_key('Alpaca_GPT4') = 'alpaca_gpt4'. -#}
{% macro hub_key(hub_id) -%}
regexp_replace(replace(lower(trim({{ hub_id }}, '/ ')), '/', '__'), '[^a-z0-9_.\-]', '-', 'g')
{%- endmacro %}

{% macro name_key(name) -%}
trim(regexp_replace(lower({{ name }}), '[^a-z0-9]+', '_', 'g'), '_')
{%- endmacro %}

{#- loose_key('mathgpt4o200k') = loose_key('math-gpt-4o-200k'): lowercase alphanumerics only, without
    the '-shuffle' / '_train' / '-all' suffixes file names add; the last resort of name matching. -#}
{% macro loose_key(name) -%}
regexp_replace(regexp_replace(lower({{ name }}), '([-_](shuffle|train|all))+$', ''), '[^a-z0-9]', '', 'g')
{%- endmacro %}

{#- 'qihoo360_Light-R1-SFTData_train' (ODA's file names: org_name_train) -> 'qihoo360__light-r1-sftdata'. -#}
{% macro file_name_hub_key(name) -%}
{{ hub_key("regexp_replace(regexp_replace(" ~ name ~ ", '_train$', ''), '^([^_]+)_([^_])', '\\1/\\2')") }}
{%- endmacro %}
