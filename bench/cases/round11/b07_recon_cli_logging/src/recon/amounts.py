import re

_AMOUNT = re.compile(r"^(-)?(\d{1,3}(?:[.,\s]\d{3})*|\d+)(?:[.,](\d{1,2}))?$")


def to_cents(text):
    """Parse bank-statement amounts such as '1.234,50', '1,234.50' or '-12'."""
    text = text.strip().replace("\u00a0", " ")
    m = _AMOUNT.match(text)
    if not m:
        raise ValueError("not an amount: %r" % text)
    sign, whole, frac = m.groups()
    whole = re.sub(r"[.,\s]", "", whole)
    cents = int(whole) * 100 + int((frac or "0").ljust(2, "0"))
    return -cents if sign else cents
