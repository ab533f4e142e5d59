THUMB_SIZE = (320, 240)
RENDER_WORKERS = 2
# A single thumbnail should never take longer than this on the render box.
RENDER_TIMEOUT = 0.25
