from shipquote import Parcel


def test_domestic_price(carriers):
    dhl = carriers[0]
    assert dhl.price(Parcel(1.0, "DE")) == 609


def test_international_surcharge(carriers):
    hermes = carriers[1]
    assert hermes.price(Parcel(1.0, "AT")) == int((449 + 95) * 1.4)


def test_express_fee(carriers):
    ups = carriers[2]
    assert ups.price(Parcel(0.0, "DE", express=True)) == 899 + 600
