from authgate.totp import TotpGenerator

RFC_SECRET = b"12345678901234567890"


def test_rfc6238_vector(frozen_clock):
    frozen_clock.at = 59
    gen = TotpGenerator(RFC_SECRET, step=30, digits=8, clock=frozen_clock)
    assert gen.current() == "94287082"


def test_code_changes_with_step(frozen_clock):
    gen = TotpGenerator(RFC_SECRET, step=30, clock=frozen_clock)
    first = gen.current()
    frozen_clock.advance(30)
    assert gen.current() != first


def test_rejects_malformed_codes(frozen_clock):
    gen = TotpGenerator(RFC_SECRET, clock=frozen_clock)
    assert not gen.verify("12ab56")
    assert not gen.verify("1234567")


def test_old_code_rejected(frozen_clock):
    gen = TotpGenerator(RFC_SECRET, step=30, clock=frozen_clock)
    old = gen.current()
    frozen_clock.advance(95)
    assert not gen.verify(old)
