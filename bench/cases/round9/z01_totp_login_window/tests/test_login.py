import pytest

from authgate import LoginError
from authgate.login import extract_code


def sign_in(service, sms, username, password, phone):
    challenge = service.start(username, password)
    message = sms.wait_for(phone)
    return service.complete(challenge, extract_code(message))


def test_wrong_password_rejected(service):
    with pytest.raises(LoginError):
        service.start("dana", "hunter2")


def test_wrong_code_counts_failure(service, sms):
    challenge = service.start("dana", "correct horse")
    sms.wait_for("+15550100")
    with pytest.raises(LoginError):
        service.complete(challenge, "000000x")
    assert service._accounts["dana"].failed_codes == 1


def test_sign_in_with_sms_code(service, sms):
    token = sign_in(service, sms, "dana", "correct horse", "+15550100")
    assert len(token) == 32
    assert service._accounts["dana"].sessions == [token]
