from dataclasses import dataclass, field


@dataclass
class Request:
    method: str
    path: str
    headers: dict = field(default_factory=dict)
    meta: dict = field(default_factory=dict)


@dataclass
class Response:
    status: int = 200
    body: str = ""
    headers: dict = field(default_factory=dict)


class App:
    def __init__(self):
        self._routes = {}
        self._middleware = []

    def route(self, method, path):
        def register(handler):
            self._routes[(method.upper(), path)] = handler
            return handler
        return register

    def use(self, middleware):
        self._middleware.append(middleware)

    def handle(self, request):
        for mw in self._middleware:
            mw.before(request)
        handler = self._routes.get((request.method.upper(), request.path))
        if handler is None:
            response = Response(404, "not found")
        else:
            try:
                response = handler(request)
            except Exception as exc:
                response = Response(500, f"internal error: {type(exc).__name__}")
        for mw in reversed(self._middleware):
            mw.after(request, response)
        return response
