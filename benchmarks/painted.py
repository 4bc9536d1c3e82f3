"""When does the person see it? The moment a frame showing it goes to the terminal.

Pilot's pause() waits until the whole process has been idle for a while (in steps of
20 ms), so it also counts work done after the screen is already showing what was asked
for: the search index built in a worker, the footer settling. The benchmarks measure
"opens" as the first frame written once the thing is there, and, so nothing is hidden,
report the settled time beside it.

Under run_test the app is headless and skips turning a frame into terminal text; the
watch does that work too, so the figure includes everything a real terminal would cost
except the terminal itself.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Callable

from textual._compositor import CompositorUpdate


class PaintWatch:
    """Records, for each frame the app sends out, when it went and whether `shown(app)` held."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.frames: list[tuple[float, bool]] = []
        self.shown: Callable[[Any], bool] = lambda _app: False
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)  # what the terminal driver would do
            original(screen, renderable)
            if renderable is not None:
                self.frames.append((time.perf_counter(), self.shown(app)))

        app._display = display

    async def first_frame_with(self, shown: Callable[[Any], bool], since: float, timeout: float = 30) -> float:
        """Milliseconds from `since` to the first frame sent out while `shown(app)` held."""
        self.shown = shown
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for at, ok in self.frames:
                if ok and at >= since:
                    return (at - since) * 1000
            await asyncio.sleep(0.001)
        raise TimeoutError("nothing was shown in time")

    def reset(self) -> None:
        self.frames.clear()
