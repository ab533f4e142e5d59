import resource
import stat

import pytest

from certkit import KeyStore


def test_generate_and_fingerprint(keystore):
    fp = keystore.generate("api")
    assert len(fp) == 16
    assert keystore.fingerprint("api") == fp


def test_key_files_are_private(keystore):
    keystore.generate("db")
    mode = stat.S_IMODE((keystore.root / "db.key").stat().st_mode)
    assert mode == 0o600


def test_generate_refuses_to_overwrite(keystore):
    keystore.generate("api")
    with pytest.raises(FileExistsError):
        keystore.generate("api")


def test_names_sorted(keystore):
    for n in ["web", "api", "mq"]:
        keystore.generate(n)
    assert keystore.names() == ["api", "mq", "web"]


def test_strict_store_directory_is_private(tmp_path):
    store = KeyStore.init(tmp_path / "strict", strict=True)
    store.generate("signing")
    assert stat.S_IMODE((store.root / "signing.key").stat().st_mode) == 0o600
    assert resource.getrlimit(resource.RLIMIT_CORE)[0] == 0
