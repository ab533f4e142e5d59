from concurrent.futures import ThreadPoolExecutor, TimeoutError

from . import settings
from .imaging import decode_and_scale


class RenderTimeout(RuntimeError):
    pass


def render_thumbnails(photos, size=None, executor=None):
    size = size or settings.THUMB_SIZE
    own = executor is None
    pool = executor or ThreadPoolExecutor(max_workers=settings.RENDER_WORKERS,
                                          thread_name_prefix="thumb")
    try:
        results = pool.map(lambda p: decode_and_scale(p, size), photos,
                           timeout=settings.RENDER_TIMEOUT)
        return list(results)
    except TimeoutError:
        raise RenderTimeout(f"thumbnail rendering exceeded {settings.RENDER_TIMEOUT}s") from None
    finally:
        if own:
            pool.shutdown(wait=True)
