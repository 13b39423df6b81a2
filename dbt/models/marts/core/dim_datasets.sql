-- The dataset dimension: catalog card plus ingest outcome. Every other mart joins to it.
with datasets as (
    select * from {{ ref('stg_arena__datasets') }}
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
        d.license,
        d.release_date,
        year(d.release_date) as release_year,
        year(d.release_date) || '-Q' || quarter(d.release_date) as release_quarter,
        d.homepage,
        d.paper,
        d.hub_id,
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
        case
            when c.samples is null then 'size unknown'
            when c.samples < 1000 then '<1k'
            when c.samples < 10000 then '1k-10k'
            when c.samples < 100000 then '10k-100k'
            when c.samples < 1000000 then '100k-1M'
            else '>=1M'
        end as size_bucket,
        c.source_records is not null as is_ingested
    from datasets as d
    left join counts as c using (dataset_id)
)

select * from final
