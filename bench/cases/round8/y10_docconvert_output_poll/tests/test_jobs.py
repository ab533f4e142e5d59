import pytest

from docconv.jobs import ConversionJob
from docconv.runner import ConversionTimeout, wait_for_output


def test_output_path_uses_source_stem(memo, tmp_path):
    job = ConversionJob(memo, tmp_path / "out")
    assert job.output == tmp_path / "out" / "memo.json"


def test_wait_for_missing_output_times_out(tmp_path):
    with pytest.raises(ConversionTimeout):
        wait_for_output(tmp_path / "never.json", timeout=0.05)


def test_report_conversion(manuscript, tmp_path):
    job = ConversionJob(manuscript, tmp_path / "out").start()
    try:
        data = job.result()
    finally:
        job.cleanup()
    assert len(data["paragraphs"]) == 220
    assert data["paragraphs"][0]["tokens"][:2] == ["section", "0"]
