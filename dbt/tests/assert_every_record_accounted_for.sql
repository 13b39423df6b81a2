-- Nothing is lost: for every ingested dataset, source records = samples + rejects of both stages.
select dataset_id, source_records, samples, read_rejects, normalize_rejects
from {{ ref('int_ingest__dataset_counts') }}
where source_records != samples + read_rejects + normalize_rejects
