"""`workbook do weekly-check-in --plain` in a real subprocess: a safety answer prints the
site's own crisis contacts (from its config) and the defaults, each with its date."""

from __future__ import annotations

CONFIG = """\
crisis_contacts:
  - {name: Riverside duty worker, how: Call 555 0100, note: Weekdays 9 to 5, last_checked: 2026-11-20}
"""
LOWEST = ["Not at all", "Nearly all the time", "Not at all", "Not at all", "Nearly all the time", "Not at all"]


def test_a_safety_answer_prints_the_site_contacts_first(wb, tmp_path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    answers = "\n".join(LOWEST + ["Once or twice", ""]) + "\n"
    result = wb.run("--config", str(config), "do", "weekly-check-in", "--plain", input=answers)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    site, default = out.index("Riverside duty worker: Call 555 0100"), out.index("Samaritans")
    assert site < default < out.index("Step 8 of 8"), "the site's first, and straight away"
    assert "(checked 2026-11-20)" in out
    assert "Your total is 0" in out
