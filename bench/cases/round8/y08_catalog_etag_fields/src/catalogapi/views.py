import hashlib
import json

from .fields import parse_fields


def project(product, fields):
    return {f: product.get(f) for f in fields}


def compute_etag(payload):
    body = json.dumps(payload, separators=(",", ":"))
    return 'W/"' + hashlib.sha1(body.encode()).hexdigest()[:16] + '"'


def get_product(repo, sku, fields_param=None, if_none_match=None):
    product = repo.get(sku)
    if product is None:
        return 404, {}, None
    payload = project(product, parse_fields(fields_param))
    etag = compute_etag(payload)
    if if_none_match == etag:
        return 304, {"ETag": etag}, None
    return 200, {"ETag": etag}, payload


def list_products(repo, fields_param=None):
    fields = parse_fields(fields_param)
    payload = [project(p, fields) for p in repo.all()]
    return 200, {"ETag": compute_etag(payload)}, payload
