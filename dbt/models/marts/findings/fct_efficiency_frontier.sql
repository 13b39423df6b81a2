-- The efficiency frontier: per setup, each fine-tuned dataset's size and overall gain over the base,
-- and whether it is on the frontier (no other dataset of the setup reaches a higher gain with at most
-- as many samples). gain_per_k_samples is ODA's efficiency.
with board as (
    select source, base_model, protocol_id, model_key as dataset_id, dataset_name, dataset_domain, samples,
        delta_base as gain, gain_per_k_samples
    from {{ ref('fct_leaderboard') }}
    where model_role = 'finetuned' and samples > 0 and delta_base is not null
),

final as (
    select a.*,
        not exists (
            select 1 from board as b
            where b.source = a.source and b.base_model = a.base_model and b.protocol_id = a.protocol_id
                and b.dataset_id <> a.dataset_id and b.samples <= a.samples and b.gain > a.gain
        ) as is_on_frontier
    from board as a
)

select * from final
