import asyncio


class ReminderService:
    """Pushes 'your parking ends soon' messages through an async notifier."""

    def __init__(self, notifier, lead_seconds):
        self.notifier = notifier
        self.lead = lead_seconds
        self._tasks = []

    def schedule(self, session_code, seconds_left):
        delay = max(0.0, seconds_left - self.lead)
        task = asyncio.get_running_loop().create_task(self._remind(session_code, delay))
        self._tasks.append(task)
        return task

    async def _remind(self, code, delay):
        await asyncio.sleep(delay)
        await self.notifier(code)

    async def drain(self, timeout):
        await asyncio.wait_for(asyncio.gather(*self._tasks), timeout)
