-- The size of each dataset for efficiency: samples as ingested here, else as a published card states;
-- tokens estimated as characters / 4 (no tokenizer is fixed across base models), ingested sets only.
with ingested as (
    select dataset_id, count(*) as samples,
        sum(coalesce(instruction_chars, 0) + coalesce(response_chars, 0)) / 4.0 as approx_tokens
    from {{ ref('stg_arena__samples') }}
    group by dataset_id
),

published as (
    select coalesce(a.dataset_id, p.dataset_id) as dataset_id, max(p.samples) as samples
    from {{ ref('stg_results__published_datasets') }} as p
    left join {{ ref('int_datasets__aliases') }} as a on a.alias = p.dataset_id
    group by all
),

final as (
    select
        dataset_id,
        coalesce(i.samples, p.samples) as samples,
        case when i.samples is not null then 'ingested' else 'published card' end as size_from,
        i.approx_tokens
    from published as p
    full outer join ingested as i using (dataset_id)
)

select * from final
