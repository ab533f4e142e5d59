import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pytest

from authgate import LoginService
from authgate.clock import FixedClock
from authgate.sms import SmsGateway

# Short code lifetime so expiry can be exercised without long waits.
TEST_OTP_STEP = 1.0


@pytest.fixture
def sms():
    return SmsGateway()


@pytest.fixture
def service(sms):
    svc = LoginService(sms, otp_step=TEST_OTP_STEP)
    svc.register("dana", "correct horse", "+15550100")
    return svc


@pytest.fixture
def frozen_clock():
    return FixedClock(1_700_000_000.0)
