import hashlib
import re

_WORD = re.compile(r"[a-z]{3,}")


def fake_fetch(url):
    """Deterministic page body for a URL (the test corpus has no network)."""
    seed = hashlib.sha256(url.encode()).hexdigest()
    words = [seed[i:i + 6] for i in range(0, 60, 6)]
    return " ".join(words * 260)


def extract(url, body):
    tokens = _WORD.findall(body.replace("0", "o").replace("1", "l"))
    return {
        "url": url,
        "length": len(body),
        "digest": hashlib.md5(body.encode()).hexdigest(),
        "terms": sorted(set(tokens))[:50],
        "snippet": body[:12000],
    }
