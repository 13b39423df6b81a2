with source as (
    select * from {{ lake_source('samples') }}
),

final as (
    select
        dataset_id,
        sample_id,
        record_index,
        messages,
        system as system_prompt,
        instruction_text,
        response_text,
        n_turns,
        n_messages,
        instruction_chars,
        response_chars,
        instruction_words,
        response_words,
        is_duplicate,
        source_format,
        extra
    from source
)

select * from final
