-- The dataset dimension: catalog card plus ingest outcome, and the card published results give
-- (affiliation, year, size, links, tags). Datasets named only by a published file get a row too, keyed
-- as int_datasets__aliases resolves them. Every other mart joins to it.
with catalog as (
    select * from {{ ref('stg_arena__datasets') }}
),

hub_cards as (
    select * from {{ ref('stg_arena__hub_cards') }}
),

aliases as (
    select * from {{ ref('int_datasets__aliases') }}
),

published as (
    select a.dataset_id,
        any_value(p.dataset_name) as dataset_name, any_value(p.domain) as domain,
        max(p.release_year) as release_year, max(p.samples) as samples, any_value(p.hub_id) as hub_id,
        any_value(p.homepage) as homepage, any_value(p.paper) as paper,
        any_value(p.affiliation) as affiliation, any_value(p.tag) as tag,
        list(distinct p.source order by p.source) as sources
    from {{ ref('stg_results__published_datasets') }} as p
    join aliases as a on a.alias = p.dataset_id
    group by a.dataset_id
),

-- published-only datasets get a card of their own
datasets as (
    select * from catalog
    union all by name
    select dataset_id, dataset_name, domain, 'train' as role, hub_id, homepage, paper,
        ['published-only'] as tags, [] :: varchar[] as catalogs
    from published
    where dataset_id not in (select dataset_id from catalog)
),

counts as (
    select * from {{ ref('int_ingest__dataset_counts') }}
),

final as (
    select
        d.dataset_id,
        d.dataset_name,
        d.domain,
        d.role,
        coalesce(d.license, h.license) as license,
        case when d.license is not null then 'catalog' when h.license is not null then 'hub card' end as license_from,
        d.release_date,
        coalesce(year(d.release_date), p.release_year) as release_year,
        year(d.release_date) || '-Q' || quarter(d.release_date) as release_quarter,
        coalesce(d.homepage, p.homepage) as homepage,
        coalesce(d.paper, p.paper) as paper,
        coalesce(d.hub_id, p.hub_id) as hub_id,
        p.affiliation,
        p.samples as published_samples,
        p.tag as published_tags,
        coalesce(p.sources, []) as published_in,
        d.declared_parents,
        d.tags,
        d.catalogs,
        d.declared_size,
        c.source_records,
        c.samples,
        c.unique_samples,
        c.duplicate_samples,
        c.read_rejects + c.normalize_rejects as rejected_records,
        case when c.source_records > 0
            then (c.read_rejects + c.normalize_rejects)::double / c.source_records end as reject_share,
        case when c.samples > 0 then c.duplicate_samples::double / c.samples end as duplicate_share,
        c.multi_turn_samples,
        c.samples_with_system_prompt,
        c.avg_instruction_words,
        c.avg_response_words,
        c.median_response_words,
        coalesce(c.detected_format, d.declared_format) as format,
        {{ size_bucket('coalesce(c.samples, p.samples)') }} as size_bucket,
        c.source_records is not null as is_ingested
    from datasets as d
    left join counts as c using (dataset_id)
    left join published as p using (dataset_id)
    left join hub_cards as h using (dataset_id)
)

select * from final
