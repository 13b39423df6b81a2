-- Per dataset: how many source records there were and where each one ended up.
with raw_records as (
    select * from {{ ref('stg_arena__raw_records') }}
),

samples as (
    select * from {{ ref('stg_arena__samples') }}
),

rejects as (
    select * from {{ ref('stg_arena__rejects') }}
),

raw_counts as (
    select dataset_id, count(*) as parsed_records, sum(raw_bytes) as source_bytes
    from raw_records
    group by dataset_id
),

sample_counts as (
    select
        dataset_id,
        count(*) as samples,
        count(distinct sample_id) as unique_samples,
        count(*) filter (where is_duplicate) as duplicate_samples,
        count(*) filter (where n_turns > 1) as multi_turn_samples,
        count(*) filter (where system_prompt is not null) as samples_with_system_prompt,
        avg(instruction_words) as avg_instruction_words,
        avg(response_words) as avg_response_words,
        median(response_words) as median_response_words,
        any_value(source_format) as detected_format
    from samples
    group by dataset_id
),

reject_counts as (
    select
        dataset_id,
        count(*) filter (where stage = 'read') as read_rejects,
        count(*) filter (where stage = 'normalize') as normalize_rejects
    from rejects
    group by dataset_id
),

final as (
    select
        r.dataset_id,
        r.parsed_records + coalesce(j.read_rejects, 0) as source_records,
        r.source_bytes,
        coalesce(s.samples, 0) as samples,
        coalesce(s.unique_samples, 0) as unique_samples,
        coalesce(s.duplicate_samples, 0) as duplicate_samples,
        coalesce(s.multi_turn_samples, 0) as multi_turn_samples,
        coalesce(s.samples_with_system_prompt, 0) as samples_with_system_prompt,
        coalesce(j.read_rejects, 0) as read_rejects,
        coalesce(j.normalize_rejects, 0) as normalize_rejects,
        s.avg_instruction_words,
        s.avg_response_words,
        s.median_response_words,
        s.detected_format
    from raw_counts as r
    left join sample_counts as s using (dataset_id)
    left join reject_counts as j using (dataset_id)
)

select * from final
