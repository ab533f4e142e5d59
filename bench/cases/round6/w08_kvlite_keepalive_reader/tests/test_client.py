import pytest

from kvlite import KVError
from kvlite.protocol import ProtocolError, encode_command, parse_reply


def test_encode_rejects_spaces():
    with pytest.raises(ValueError):
        encode_command("SET", "a b", "1")


def test_parse_reply_kinds():
    assert parse_reply(b"+OK\r\n") == "OK"
    assert parse_reply(b":12\r\n") == 12
    assert parse_reply(b"_\r\n") is None
    with pytest.raises(KVError):
        parse_reply(b"-ERR nope\r\n")
    with pytest.raises(ProtocolError):
        parse_reply(b"")


async def test_set_then_get(client):
    assert await client.set("greeting", "hello") == "OK"
    assert await client.get("greeting") == "hello"


async def test_missing_key_is_none(client):
    assert await client.get("nope") is None


async def test_incr_on_text_is_an_error(client):
    await client.set("name", "ada")
    with pytest.raises(KVError):
        await client.incr("name")


async def test_session_counter_workflow(client, kv_server):
    server, _ = kv_server
    await client.set("session:42:user", "ada")
    for _ in range(5):
        await client.incr("session:42:views")
    assert await client.get("session:42:views") == "5"
    assert await client.delete("session:42:user") == 1
    assert await client.get("session:42:user") is None
    assert server.data == {"session:42:views": "5"}
