from labelkit import Label


def test_shipping_label(service):
    job = service.print_label(Label(["ACME GmbH", "Hauptstr. 5", "10115 Berlin"]))
    assert job["height"] == 36
    assert len(service.printed) == 1


def test_copies_passed_through(service):
    job = service.print_label(Label(["FRAGILE"], face="mono", copies=3))
    assert job["copies"] == 3


def test_barcode_label_for_pallet(service, fonts):
    job = service.print_label(Label(["*PAL-004211*"], face="code39"))
    assert job["width"] == 12 * 9
    assert fonts.loads == 3
