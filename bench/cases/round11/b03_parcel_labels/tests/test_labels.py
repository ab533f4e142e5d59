from shipping import ParcelLabel, check_digit


def test_check_digit_known_sscc():
    assert check_digit("00614141123456789") == "0"


def test_label_barcode_carries_check_digit(zones):
    label = ParcelLabel("A-1", "10115", "PACKET", zones)
    assert len(label.barcode) == 17
    assert label.barcode[-1] == check_digit(label.barcode[:-1])


def test_render_lists_zone(zones):
    label = ParcelLabel("A-2", "80331", "PARCEL", zones)
    assert "ZONE    07" in label.render()


def test_serials_increase(zones):
    a = ParcelLabel("A-3", "20095", "PACKET", zones)
    b = ParcelLabel("A-4", "20095", "PACKET", zones)
    assert b.serial == a.serial + 1
