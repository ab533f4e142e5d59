import asyncio


class SearchBox:
    """Holds what the dropdown shows for the text currently in the box."""

    MIN_CHARS = 2

    def __init__(self, index):
        self._index = index
        self.text = ""
        self.suggestions = []
        self._tasks = set()

    def on_input(self, text):
        self.text = text
        if len(text.strip()) < self.MIN_CHARS:
            self.suggestions = []
            return None
        task = asyncio.get_running_loop().create_task(self._run_query(text))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _run_query(self, text):
        hits = await self._index.search(text.strip())
        self.suggestions = hits

    async def idle(self):
        while self._tasks:
            await asyncio.gather(*list(self._tasks))
