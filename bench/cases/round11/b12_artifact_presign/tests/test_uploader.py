import pytest

from artifacts import UploadRejected


def test_key_uses_basename(uploader):
    assert uploader.key_for(412, "dist\\pkg-1.0.tar.gz") == "builds/412/pkg-1.0.tar.gz"


def test_hidden_files_are_refused(uploader):
    with pytest.raises(ValueError):
        uploader.key_for(412, "dist/.env")


def test_infected_artifact_is_rejected(uploader, store):
    with pytest.raises(UploadRejected, match="infected"):
        uploader.upload(413, "dist/tool.zip", b"PK..EICAR..")
    assert store.objects == {}


def test_wheel_is_stored(uploader, store):
    data = b"PK\x03\x04" + bytes(range(256)) * 40
    key = uploader.upload(414, "dist/orderdesk-2.3.1-py3-none-any.whl", data)
    assert key == "builds/414/orderdesk-2.3.1-py3-none-any.whl"
    assert store.objects[key] == data
