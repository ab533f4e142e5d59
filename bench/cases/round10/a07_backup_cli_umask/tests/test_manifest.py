import os
import stat

from vaultbak import create_archive, write_manifest
from vaultbak.archive import collect
from vaultbak.manifest import read_manifest


def test_collect_skips_cache(project):
    assert [rel for rel, _ in collect(project)] == ["README.md", "docs/guide.md"]


def test_manifest_digests_match(project, tmp_path):
    _, digests = create_archive(project, tmp_path / "out", "n1")
    path = write_manifest(tmp_path / "out", "n1", digests)
    assert read_manifest(path)["files"] == digests


def test_shared_manifest_is_readable_by_ops_group(project, tmp_path):
    _, digests = create_archive(project, tmp_path / "out", "n3")
    path = write_manifest(tmp_path / "out", "n3", digests)
    assert stat.S_IMODE(os.stat(path).st_mode) & 0o040


def test_private_manifest(project, tmp_path):
    _, digests = create_archive(project, tmp_path / "out", "n2")
    path = write_manifest(tmp_path / "out", "n2", digests, shared=False)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
