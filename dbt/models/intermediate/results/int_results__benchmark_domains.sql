-- The domain of each benchmark: the benchmark's own catalog entry when it is catalogued (role
-- 'benchmark'), else ODA's suite (names as results.schema.slug writes them).
with catalogued as (
    select dataset_id as benchmark, domain
    from {{ ref('stg_arena__datasets') }}
    where role = 'benchmark'
),

known (benchmark, domain) as (
    values
        ('drop', 'general'), ('ifeval', 'general'), ('agieval', 'general'), ('mmlu_pro', 'general'),
        ('gsm8k', 'math'), ('math500', 'math'), ('math_500', 'math'), ('omni_math', 'math'),
        ('olympiadbenchmath', 'math'), ('olympiadbench_math', 'math'), ('aime2024', 'math'), ('aime24', 'math'),
        ('aime2025', 'math'), ('aime25', 'math'),
        ('humaneval', 'code'), ('humaneval_plus', 'code'), ('mbpp', 'code'), ('lcb_v5', 'code'),
        ('livecodebench', 'code'),
        ('arc_c', 'reasoning'), ('arc_challenge', 'reasoning'), ('bbh', 'reasoning'), ('gpqa', 'reasoning'),
        ('gpqa_diamond', 'reasoning'), ('calm', 'reasoning'), ('kor_bench', 'reasoning')
),

final as (
    select benchmark, domain, 'catalog' as domain_from from catalogued
    union all
    select benchmark, domain, 'oda suite' as domain_from from known
    where benchmark not in (select benchmark from catalogued)
)

select * from final
