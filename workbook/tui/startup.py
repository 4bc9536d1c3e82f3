"""Start-up without the garbage collector walking everything it has just made.

Opening the workbook makes a few hundred thousand objects that live as long as it does:
Textual's modules and styles, the catalog, the first screen's widgets. While they are being
made, the cyclic collector runs again and again over all of them and finds nothing to free;
that was about a quarter of the time to the first screen. So the collector waits while the
front-end is imported and the first screen is built (importing this module stops it), and
then, once, everything made so far is set aside (gc.freeze: later collections skip it, which
keeps them short for the rest of the session) and collection goes on as normal.
"""

from __future__ import annotations

import gc

gc.disable()
_waiting = True


def collect_from_now_on() -> None:
    """Called when the first screen is up; only the first call does anything."""
    global _waiting
    if _waiting:
        _waiting = False
        gc.freeze()
        gc.enable()
