"""Journal entries written in plain mode (real subprocesses), then `workbook patterns` on them."""

from __future__ import annotations

from workbook.store.profile import open_store

from .conftest import Workbook

TRIGGER_JOURNAL = [
    "At work, at my desk", "",        # situation (several lines; an empty line ends it)
    "An email from my manager",       # trigger
    "1, 3",                           # feelings: Anxious, Angry
    "80",                             # how strong the anxiety was (0-100)
    "40",                             # how strong the anger was
    "",                               # no other feeling
    "7",                              # intensity, all together
    "",                               # body: skipped
    "I will lose my job", "",         # thoughts
    "A craving to use",               # urges, by name
    "4",                              # urge strength
    "slow breathing, called my friend Jo",  # coping: one picked by name, one in own words
    "Breathed, then walked", "",      # action
    "Calmer by lunch", "",            # outcome
    "3",                              # intensity afterwards
    "work, email",                    # tags
]

THOUGHT_RECORD = [
    "At dinner with friends", "",     # situation
    "Ashamed",                        # main feeling
    "70",                             # how strong (0-100)
    "They think I'm boring", "",      # the thought
    "3, 6",                           # thinking traps: Mind reading, Labelling
    "Nobody asked me anything", "",   # evidence for
    "Sam laughed at my joke", "",     # evidence against
    "Some were busy talking", "",     # balanced thought
    "40",                             # how strong now
    "dinner",                         # tags
]

QUICK_LOG = ["An email from my manager", "1", "8", ""]


def entries(wb: Workbook) -> list[dict]:
    with open_store(wb.data_dir) as store:
        return list(store.iter_entries())


def test_the_trigger_journal_in_plain_mode_keeps_every_answer(wb: Workbook) -> None:
    result = wb.run("do", "trigger-journal", "--plain", input="\n".join(TRIGGER_JOURNAL) + "\n")
    assert result.returncode == 0, result.stderr
    assert "How strong was the anxiety?" in result.stdout and "How strong was the fear?" not in result.stdout
    (entry,) = entries(wb)
    assert entry["answers"] == {
        "situation": "At work, at my desk",
        "trigger": "An email from my manager",
        "feelings": ["Anxious", "Angry"],
        "feeling_anxious": 80,
        "feeling_angry": 40,
        "intensity": 7,
        "thoughts": "I will lose my job",
        "urges": ["A craving to use"],
        "urge_strength": 4,
        "coping": ["Slow breathing", "called my friend Jo"],
        "action": "Breathed, then walked",
        "outcome": "Calmer by lunch",
        "intensity_after": 3,
        "tags": "work, email",
    }


def test_the_thought_record_and_the_quick_log_in_plain_mode(wb: Workbook) -> None:
    result = wb.run("do", "thought-record", "--plain", input="\n".join(THOUGHT_RECORD) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Mind reading" in result.stdout and "Discounting the positive" in result.stdout
    result = wb.run("do", "quick-log", "--plain", input="\n".join(QUICK_LOG) + "\n")
    assert result.returncode == 0, result.stderr
    assert "grounding" in result.stdout.casefold(), "a strong feeling (8) gently offers grounding"
    by_exercise = {entry["exercise_id"]: entry for entry in entries(wb)}  # saved within the same second
    quick, record = by_exercise["quick-log"], by_exercise["thought-record"]
    assert record["answers"] == {
        "situation": "At dinner with friends",
        "feeling": "Ashamed",
        "feeling_strength": 70,
        "thought": "They think I'm boring",
        "traps": ["Mind reading", "Labelling"],
        "evidence_for": "Nobody asked me anything",
        "evidence_against": "Sam laughed at my joke",
        "balanced": "Some were busy talking",
        "feeling_strength_after": 40,
        "tags": "dinner",
    }
    assert quick["exercise_id"] == "quick-log"
    assert quick["answers"] == {"trigger": "An email from my manager", "feelings": ["Anxious"], "intensity": 8}


def test_patterns_in_plain_text(wb: Workbook) -> None:
    for _ in range(2):
        assert wb.run("do", "trigger-journal", "--plain", input="\n".join(TRIGGER_JOURNAL) + "\n").returncode == 0
    assert wb.run("do", "thought-record", "--plain", input="\n".join(THOUGHT_RECORD) + "\n").returncode == 0

    result = wb.run("patterns")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Based on 3 entries about hard moments." in out
    assert "The feelings you named most often are Angry and Anxious: each in 2 of the 3 entries that name a " \
        "feeling (67%). Next come Ashamed (1)." in out
    assert "What set it off most often was “An email from my manager”: 2 of the 2 entries" in out
    assert "“Slow breathing”, 4 points less strong (2 entries)" in out
    assert "The thinking traps you ticked most often are “Labelling” and “Mind reading” (1 time each)." in out
    for heading in ("Feelings you named most", "What set it off", "When they happen", "How strong, over time",
                    "What came before calmer feelings"):
        assert heading in out

    assert "There are no entries about hard moments here yet" in wb.run("patterns", "--from", "2999-01-01").stdout
    assert wb.run("patterns", "--days", "1").returncode == 0


def test_patterns_explain_a_bad_date_in_one_sentence(wb: Workbook) -> None:
    result = wb.run("patterns", "--from", "14/03/2026")
    assert result.returncode != 0
    assert result.stderr.strip() == "--from needs a day written as YYYY-MM-DD, for example 2026-03-14."
    result = wb.run("patterns", "--from", "2026-03-02", "--to", "2026-03-01")
    assert result.returncode != 0 and "swap" in result.stderr
    assert "--days" in wb.run("patterns", "--help").stdout


def test_patterns_keep_control_characters_out_of_the_terminal(wb: Workbook) -> None:
    with open_store(wb.data_dir) as store:
        for _ in range(2):
            store.save_entry({"exercise_id": "trigger-journal", "started_at": "2026-03-02T10:00:00+00:00",
                              "finished_at": "2026-03-02T10:00:00+00:00",
                              "answers": {"trigger": "noise\x1b[2J\x07 [bold]"}})
    result = wb.run("patterns")
    assert result.returncode == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "“noise\N{REPLACEMENT CHARACTER}[2J\N{REPLACEMENT CHARACTER} [bold]”" in result.stdout
