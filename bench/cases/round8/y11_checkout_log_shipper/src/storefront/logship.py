import logging


class CollectorHandler(logging.Handler):
    def __init__(self, collector, level=logging.INFO):
        super().__init__(level)
        self.collector = collector
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))

    def emit(self, record):
        try:
            self.collector.ingest(self.format(record))
        except Exception:
            self.handleError(record)


def install(collector, logger_name="storefront"):
    logger = logging.getLogger(logger_name)
    handler = CollectorHandler(collector)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler


def uninstall(handler, logger_name="storefront"):
    logging.getLogger(logger_name).removeHandler(handler)
