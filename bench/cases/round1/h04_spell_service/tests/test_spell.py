import pytest

from spellnet import SpellClient, SpellError
from spellnet.server import edit_distance


def test_edit_distance():
    assert edit_distance("colour", "color") == 1
    assert edit_distance("", "abc") == 3


def test_check_known_and_unknown(server):
    with SpellClient(*server.address) as c:
        assert c.check("Colour")
        assert not c.check("colr")


def test_unknown_command(server):
    with SpellClient(*server.address) as c:
        with pytest.raises(SpellError, match="unknown command"):
            c._ask("DEFINE word")


def test_autocorrect_popup_suggestions(server):
    # The editor's autocorrect popup gives up quickly rather than freeze typing.
    with SpellClient(*server.address, timeout=0.075) as c:
        assert c.suggest("recive")[0] == "receive"


def test_two_clients_share_server(server):
    with SpellClient(*server.address) as a, SpellClient(*server.address) as b:
        assert a.check("theatre") and b.check("theater")
