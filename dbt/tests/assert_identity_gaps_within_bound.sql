-- Warns when more datasets fail to join their catalog entry than var('identity_gap_bound') allows:
-- a renamed Hub repo or a new leaderboard file usually shows up here first.
{{ config(severity='warn') }}
select count(*) as gaps
from {{ ref('fct_dataset_identity_gaps') }}
having count(*) > {{ var('identity_gap_bound', 25) }}
