-- Each classified dataset's measured domain mix beside the domain its catalog declares: one row per
-- dataset and measured domain (its share of samples, mean confidence, and the keyword baseline's
-- share of the same domain), with the dataset's top domain and whether it contradicts the declared
-- one. The declared domain is read as a classifier class (truthfulness is knowledge); a declared
-- domain with no class (reasoning, other) is never flagged.
with domains as (
    select * from {{ ref('stg_scoring__sample_domains') }}
),

datasets as (
    select dataset_id, dataset_name, domain as declared_domain, role from {{ ref('dim_datasets') }}
),

per_domain as (
    select dataset_id, domain, count(*) as samples, avg(confidence) as mean_confidence
    from domains
    group by dataset_id, domain
),

per_keyword as (
    select dataset_id, keyword_domain as domain, count(*) as keyword_samples
    from domains
    group by dataset_id, keyword_domain
),

totals as (
    select dataset_id, count(*) as dataset_samples, avg(confidence) as dataset_mean_confidence
    from domains
    group by dataset_id
),

mix as (
    select
        coalesce(d.dataset_id, k.dataset_id) as dataset_id,
        coalesce(d.domain, k.domain) as domain,
        coalesce(d.samples, 0) as samples,
        d.mean_confidence,
        coalesce(k.keyword_samples, 0) as keyword_samples
    from per_domain as d
    full outer join per_keyword as k using (dataset_id, domain)
),

shares as (
    select
        m.*,
        t.dataset_samples,
        t.dataset_mean_confidence,
        m.samples::double / t.dataset_samples as share,
        m.keyword_samples::double / t.dataset_samples as keyword_share
    from mix as m
    join totals as t using (dataset_id)
),

tops as (
    select dataset_id, arg_max(domain, samples) as top_domain, max(share) as top_share
    from shares
    group by dataset_id
),

declared as (
    select dataset_id, dataset_name, declared_domain, role,
        case
            when lower(declared_domain) = 'truthfulness' then 'knowledge'
            when lower(declared_domain) in ('general', 'math', 'code', 'science', 'knowledge', 'tool_use')
                then lower(declared_domain)
        end as declared_class
    from datasets
),

final as (
    select
        s.dataset_id,
        coalesce(d.dataset_name, s.dataset_id) as dataset_name,
        d.role,
        d.declared_domain,
        d.declared_class,
        s.domain,
        s.samples,
        s.share,
        s.mean_confidence,
        s.keyword_share,
        s.dataset_samples,
        s.dataset_mean_confidence,
        t.top_domain,
        t.top_share,
        coalesce(sum(s.share) filter (where s.domain = d.declared_class) over (partition by s.dataset_id), 0)
            as declared_share,
        case when d.declared_class is not null then t.top_domain <> d.declared_class end as is_mismatch
    from shares as s
    join tops as t using (dataset_id)
    left join declared as d using (dataset_id)
)

select * from final
