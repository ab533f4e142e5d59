import threading

from .settings import DEFAULTS


class Client:
    def __init__(self, server, settings=DEFAULTS):
        self.server = server
        self.patience = settings.reply_wait

    def renew(self, cost):
        reply = threading.Event()
        threading.Thread(target=self.server.handle, args=(cost, reply), daemon=True).start()
        return reply.wait(self.patience)
