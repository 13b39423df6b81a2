-- What predicted value learns from: per setup, every dataset that has a fingerprint in the setup's
-- feature space, one row per fingerprint dimension, with its measured gain over the base model (NULL
-- when the dataset was not trained in that setup: those are the datasets to predict).
-- Published setups use ODA's published score summaries (the scores ODA published per dataset);
-- the arena's own runs use the arena's fingerprint (ingest shape and scoring dimensions) of training sets.
with gains as (
    select source, base_model, protocol_id, dataset_id, delta_base as gain
    from {{ ref('fct_leaderboard') }}
    where model_role = 'finetuned' and delta_base is not null and dataset_id is not null
),

setups as (
    select distinct source, base_model, protocol_id,
        case when source like 'published:%' then 'published_summaries' else 'arena_fingerprint' end as feature_space
    from gains
),

summary_features as (
    select n.dataset_id, s.dimension, avg(s.mean) as value
    from {{ ref('stg_results__score_summaries') }} as s
    join {{ ref('int_datasets__summary_names') }} as n using (dataset_name)
    where n.dataset_id is not null
    group by n.dataset_id, s.dimension
),

arena_features as (
    select p.dataset_id, p.dimension, p.value
    from {{ ref('fct_dataset_profile') }} as p
    join {{ ref('dim_datasets') }} as d using (dataset_id)
    where d.role = 'train' and p.value is not null
),

features as (
    select 'published_summaries' as feature_space, * from summary_features
    union all
    select 'arena_fingerprint', * from arena_features
),

final as (
    select s.source, s.base_model, s.protocol_id, s.feature_space, f.dataset_id, f.dimension, f.value, g.gain
    from setups as s
    join features as f using (feature_space)
    left join gains as g
        on g.source = s.source and g.base_model = s.base_model and g.protocol_id = s.protocol_id
        and g.dataset_id = f.dataset_id
)

select * from final
