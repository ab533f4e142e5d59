from .client import LookupFailed


def geocode_all(client, addresses, attempts=4):
    """Geocode every address, retrying transient failures."""
    results, failures = {}, {}
    for address in addresses:
        for attempt in range(1, attempts + 1):
            try:
                results[address] = client.lookup(address)
                break
            except LookupFailed as exc:
                if "timeout" not in str(exc) or attempt == attempts:
                    failures[address] = str(exc)
                    break
    return results, failures
