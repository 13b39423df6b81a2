"""The file CLI: score a JSONL file without the warehouse and find the results beside it."""
import json

import pyarrow.parquet as pq

from scoring.cli import main


def test_score_a_jsonl_file_writes_scores_beside_it(tmp_path, capsys):
    path = tmp_path / "mydata.jsonl"
    records = [{"instruction": f"Add {i} and {i}.", "input": "", "output": f"{i} + {i} = {2 * i}\n#### {2 * i}"}
               for i in range(12)]
    lines = [json.dumps(r) for r in records]
    lines.insert(3, '{"instruction": "broken", "output": ')             # malformed JSON: reported, not fatal
    lines.append(json.dumps({"instruction": "no answer", "input": "", "output": ""}))   # empty response
    path.write_text("\n".join(lines) + "\n")
    assert main(["score", str(path), "--suite", "demo", "--only", "a_word_length,a_math_answer_format,vendi_score"]) == 0
    out = capsys.readouterr().out
    assert "12 samples" in out and "2 records rejected" in out
    scores = pq.read_table(tmp_path / "mydata.scores.parquet").to_pandas()
    assert set(scores.dimension) == {"a_words", "a_final_answer_marker", "a_boxed_answers", "a_latex_commands"}
    assert (scores[scores.dimension == "a_final_answer_marker"].value == 1).all()
    assert len(scores) == 12 * 4 and scores.dataset_id.unique().tolist() == ["mydata"]
    sets = pq.read_table(tmp_path / "mydata.set_scores.parquet").to_pylist()
    assert [s["dimension"] for s in sets] == ["q_vendi_score"] and sets[0]["n_samples"] == 12
    summary = (tmp_path / "mydata.scores_summary.csv").read_text().splitlines()
    assert summary[0].startswith("dataset_id,dimension,n,mean,median,p10,p90")
    assert any(line.startswith("mydata,a_words,12,") for line in summary)


def test_score_a_samples_parquet_as_is(tmp_path):
    import pyarrow as pa

    from scoring_fixtures import sample_row

    rows = [sample_row("q one two", "a b c d", i, "lakefile") for i in range(3)]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "part-00000.parquet")
    assert main(["score", str(tmp_path / "part-00000.parquet"), "--only", "a_word_length", "--out-dir",
                 str(tmp_path / "out")]) == 0
    scores = pq.read_table(tmp_path / "out" / "part-00000.scores.parquet").to_pandas()
    assert scores.value.tolist() == [4.0] * 3 and set(scores.dataset_id) == {"lakefile"}
