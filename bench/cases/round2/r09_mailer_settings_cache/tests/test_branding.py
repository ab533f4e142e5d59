from mailer import compose


def test_partner_storefront_branding(white_label, customer):
    msg = compose("welcome", [customer["email"]], name=customer["name"])
    assert msg.sender == "orders@partner.example"
    assert msg.subject == "Welcome to PartnerMart"
    assert msg.headers["Reply-To"] == "help@partner.example"


def test_explicit_brand_in_context_wins(customer):
    msg = compose("receipt", [customer["email"]], name="Ada", amount="$5", brand="Gift Co")
    assert msg.subject == "Your Gift Co receipt"
