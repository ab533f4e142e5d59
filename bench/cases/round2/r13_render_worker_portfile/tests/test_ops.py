import pytest

from renderd import WorkerError


def test_upper(worker):
    assert worker.call("upper", text="abc") == "ABC"


def test_slug(worker):
    assert worker.call("slug", text="Hello, World!") == "hello-world"


def test_sha1(worker):
    assert worker.call("sha1", text="") == "da39a3ee5e6b4b0d3255bfef95601890afd80709"


def test_unknown_op(worker):
    with pytest.raises(WorkerError, match="unknown op"):
        worker.call("explode")
