import pytest

from catalogapi.fields import ALL_FIELDS, UnknownField, parse_fields


def test_no_param_means_all_fields():
    assert parse_fields("") == list(ALL_FIELDS)


def test_sku_is_always_included():
    assert set(parse_fields("price")) == {"sku", "price"}


def test_unknown_field_rejected():
    with pytest.raises(UnknownField):
        parse_fields("name,colour")
