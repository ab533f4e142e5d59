import stat

from certkit import read_bundle, write_bundle
from certkit.pem import armor, dearmor


def test_armor_roundtrip():
    text = armor("CERTIFICATE", b"\x00\x01binary")
    assert dearmor(text) == [("CERTIFICATE", b"\x00\x01binary")]


def test_bundle_roundtrip(tmp_path, certs):
    path = write_bundle(tmp_path / "ca" / "bundle.pem", certs)
    assert read_bundle(path) == certs


def test_bundle_readable_by_other_services(tmp_path, certs):
    path = write_bundle(tmp_path / "ca" / "bundle.pem", certs)
    mode = stat.S_IMODE(path.stat().st_mode)
    assert mode & stat.S_IROTH, oct(mode)
    assert mode & stat.S_IRGRP, oct(mode)


def test_bundle_replaces_previous(tmp_path, certs):
    target = tmp_path / "bundle.pem"
    write_bundle(target, certs)
    write_bundle(target, certs[:1])
    assert read_bundle(target) == certs[:1]
