import threading


class Document:
    def __init__(self, doc_id, text=""):
        self.doc_id = doc_id
        self._text = text
        self._version = 0
        self._listeners = []
        self._lock = threading.Lock()

    @property
    def text(self):
        return self._text

    @property
    def version(self):
        return self._version

    def on_change(self, callback):
        self._listeners.append(callback)

    def insert(self, pos, s):
        with self._lock:
            self._text = self._text[:pos] + s + self._text[pos:]
            self._version += 1
        self._emit()

    def append(self, s):
        self.insert(len(self._text), s)

    def delete(self, start, end):
        with self._lock:
            self._text = self._text[:start] + self._text[end:]
            self._version += 1
        self._emit()

    def snapshot(self):
        with self._lock:
            return {"id": self.doc_id, "text": self._text, "version": self._version}

    def _emit(self):
        for cb in list(self._listeners):
            cb(self)
