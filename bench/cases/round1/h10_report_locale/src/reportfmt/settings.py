"""Process-wide formatting settings for generated reports."""
from dataclasses import dataclass

LOCALES = {
    "en_US": {"decimal": ".", "group": ",", "date": "%m/%d/%Y"},
    "en_GB": {"decimal": ".", "group": ",", "date": "%d/%m/%Y"},
    "de_DE": {"decimal": ",", "group": ".", "date": "%d.%m.%Y"},
    "fr_FR": {"decimal": ",", "group": "\u202f", "date": "%d/%m/%Y"},
}


@dataclass
class FormatSettings:
    locale: str = "en_US"
    decimals: int = 2
    currency_symbol: str = "$"

    @property
    def symbols(self):
        return LOCALES[self.locale]


_settings = FormatSettings()


def settings():
    return _settings


def use_locale(locale, currency_symbol=None, decimals=None):
    """Switch report formatting, e.g. before producing a German export."""
    if locale not in LOCALES:
        raise ValueError("unsupported locale %r" % locale)
    s = settings()
    s.locale = locale
    if currency_symbol is not None:
        s.currency_symbol = currency_symbol
    if decimals is not None:
        s.decimals = decimals
    return s
