import pytest

from shardpool.pool import JobFailed


def test_numeric_tenant_job(pool):
    assert pool.submit(41, "sum", values=[1, 2, 3]) == 6


def test_unknown_op_reports_error(pool):
    with pytest.raises(JobFailed, match="unknown op"):
        pool.submit(42, "explode")


def test_named_tenant_job(pool):
    assert pool.submit("tenant-acme", "upper", text="invoice ready") == "INVOICE READY"
