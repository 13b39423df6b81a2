-- Selection experiments: training on the top share of a dataset ranked by a per-sample score against a
-- random share and the bottom share of the same size (same seeds). top_beats_random: the gain's 95%
-- interval is above 0.
with experiments as (
    select * from {{ ref('fct_experiments') }}
    where experiment_kind = 'select'
),

final as (
    select
        *,
        json_extract_string(spec_json, '$.dataset') as source_dataset_id,
        json_extract_string(spec_json, '$.scorer') as scorer_dimension,
        cast(json_extract(spec_json, '$.keep') as double) as keep_share,
        comparison = 'top vs random' and ci_low > 0 as top_beats_random
    from experiments
)

select * from final
