from dataclasses import dataclass, field

from .signer import LinkExpired, LinkSigner, SignatureError


@dataclass
class Asset:
    asset_id: str
    owner: str
    data: bytes
    renditions: dict = field(default_factory=dict)


class PreviewService:
    """Hands out short-lived preview links and serves them."""

    PREVIEW_TTL = 1  # seconds; previews are meant to be fetched right away

    def __init__(self, signer: LinkSigner, transcoder):
        self._signer = signer
        self._transcoder = transcoder
        self._assets: dict[str, Asset] = {}
        self.served = 0

    def upload(self, asset_id: str, owner: str, data: bytes) -> Asset:
        asset = Asset(asset_id, owner, data)
        self._assets[asset_id] = asset
        return asset

    def preview_link(self, asset_id: str, user: str, size: str = "small") -> str:
        asset = self._assets[asset_id]
        if asset.owner != user:
            raise PermissionError(user)
        return self._signer.sign(f"/preview/{asset_id}", ttl=self.PREVIEW_TTL, size=size, u=user)

    def download_link(self, asset_id: str, user: str) -> str:
        asset = self._assets[asset_id]
        if asset.owner != user:
            raise PermissionError(user)
        return self._signer.sign(f"/download/{asset_id}", u=user)

    def fetch(self, url: str) -> bytes:
        params = self._signer.verify(url)
        asset_id = url.split("?", 1)[0].rsplit("/", 1)[-1]
        asset = self._assets[asset_id]
        self.served += 1
        if url.startswith("/preview/"):
            size = params.get("size", "small")
            if size not in asset.renditions:
                asset.renditions[size] = self._transcoder(asset.data, size)
            return asset.renditions[size]
        return asset.data

    def try_fetch(self, url: str):
        try:
            return self.fetch(url), None
        except LinkExpired:
            return None, "expired"
        except SignatureError:
            return None, "forbidden"
