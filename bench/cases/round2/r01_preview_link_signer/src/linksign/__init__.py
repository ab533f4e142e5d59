from .signer import LinkSigner, SignatureError, LinkExpired
from .service import PreviewService

__all__ = ["LinkSigner", "SignatureError", "LinkExpired", "PreviewService"]
