"""The collector waits while the workbook starts, and works as normal once the first screen is up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import gc, sys
from pathlib import Path
from workbook.content.catalog import load_catalog
from workbook.store.profile import open_store
import workbook.tui.app as tui_app
from workbook.tui.app import WorkbookApp

assert not gc.isenabled(), "held while the front-end is imported"

class FirstScreen(WorkbookApp):
    CSS_PATH = str(Path(tui_app.__file__).with_name("app.tcss"))  # found beside the class's file

    def on_ready(self):
        self.call_after_refresh(self.check)

    def check(self):
        print("enabled" if gc.isenabled() else "held", gc.get_freeze_count() > 1000)
        self.exit()

store = open_store(Path(sys.argv[1]))
FirstScreen(store, load_catalog()).run(headless=True, size=(80, 24))
store.close()
"""


def test_the_collector_waits_for_the_first_screen_then_works(tmp_path: Path) -> None:
    script = tmp_path / "first_screen.py"
    script.write_text(SCRIPT)
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "data")], capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(root), "WORKBOOK_DATA_DIR": str(tmp_path / "data")},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["enabled", "True"], "on, with start-up's objects set aside"
