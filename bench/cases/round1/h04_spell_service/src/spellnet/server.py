"""Line-based spell-check service: CHECK <word> / SUGGEST <word> / QUIT."""
import socketserver
import threading


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        for raw in self.rfile:
            cmd, _, word = raw.decode("utf-8").strip().partition(" ")
            word = word.lower()
            if cmd == "QUIT":
                return
            if cmd == "CHECK":
                reply = "OK" if word in self.server.words else "MISS"
            elif cmd == "SUGGEST":
                reply = "SUGG " + ",".join(self.server.suggest(word))
            else:
                reply = "ERR unknown command"
            self.wfile.write((reply + "\n").encode("utf-8"))


class SpellServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, words, thesaurus=None, host="127.0.0.1", port=0):
        super().__init__((host, port), _Handler)
        self.words = {w.lower() for w in words}
        self.thesaurus = thesaurus
        self._thread = None

    def suggest(self, word, limit=3):
        ranked = sorted(self.words, key=lambda w: (edit_distance(word, w), w))
        close = [w for w in ranked if edit_distance(word, w) <= 2][:limit]
        if self.thesaurus is not None:
            close += [w for w in self.thesaurus.related(word) if w not in close]
        return close[:limit]

    @property
    def address(self):
        return self.server_address[:2]

    def start(self):
        self._thread = threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self.shutdown()
        self.server_close()
