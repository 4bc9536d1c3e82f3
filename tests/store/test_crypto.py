"""Encryption at rest: real profiles in tmp_path, real scrypt and AES-GCM, bytes on disk inspected."""

from __future__ import annotations

import base64
import json
import os
import stat
from pathlib import Path

import pytest

from workbook.store import atomic, crypto
from workbook.store.base import StoreError
from workbook.store.codec import JsonCodec, Unreadable, codec_for_path
from workbook.store.crypto import (
    MAGIC,
    EncryptedCodec,
    Header,
    HeaderDamaged,
    NoPassphrase,
    PassphraseNeeded,
    WrongPassphrase,
    new_header,
    unlock,
)
from workbook.store.passphrase import PassphraseInputError, read_passphrase_from
from workbook.store.profile import open_store

REAL_SCRYPT_N = crypto.SCRYPT_N
PASS = "a quiet harbour at dawn"
# A word no JSON encoder or escaper leaves alone: accents, an emoji, quotes.
CANARY = 'Kanarienvogel-Zébra-🦓-"7731"-élan'


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    """scrypt at n=2**14 (the least a header may ask for) keeps these tests quick.
    test_new_profile_uses_the_full_scrypt_cost checks the real setting."""
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**14)


# -- helpers (also used by test_crypto_switch.py) ------------------------------------------------------
def entry(n: int, when: str = "2026-11-22T10:00:00+00:00", **answers) -> dict:
    return {"exercise_id": "x", "finished_at": when, "answers": {"n": n, **answers}}


def canary_forms(text: str = CANARY) -> list[bytes]:
    """Every way the text could sit in a file had it been written in the clear."""
    utf8 = text.encode("utf-8")
    return sorted({
        utf8,
        json.dumps(text).encode("ascii"),  # \\u-escaped, as json.dumps writes it
        json.dumps(text, ensure_ascii=False).encode("utf-8"),  # as msgspec writes it
        text.encode("utf-16-le"),
        text.encode("utf-16-be"),
        base64.b64encode(utf8),
        b"Kanarienvogel",  # the ASCII head alone
    })


def files_holding(root: Path, text: str = CANARY) -> list[tuple[str, bytes]]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found.extend((str(path.relative_to(root)), form) for form in canary_forms(text) if form in data)
    return found


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every path under `folder`: bytes (files), mtime in ns and mode."""
    result = {}
    for path in sorted([folder, *folder.rglob("*")]):
        info = path.stat()
        data = path.read_bytes() if path.is_file() else b"<folder>"
        result[str(path.relative_to(folder))] = (data, info.st_mtime_ns, info.st_mode)
    return result


def fill(store, text: str = CANARY) -> dict:
    """An entry in two months, a draft, a setting and a feature table, all holding `text`."""
    october = store.save_entry(entry(1, "2026-10-03T09:00:00+00:00", text=text))
    november = store.save_entry(entry(2, "2026-11-20T09:00:00+00:00", text=text))
    store.save_draft({"exercise_id": "x", "answers": {"text": text}, "saved_at": "2026-11-21T10:00:00"})
    store.set_setting("note", text)
    store.table("goals").put("g1", {"what": text})
    return {"october": october["id"], "november": november["id"]}


def assert_filled(store, ids: dict, text: str = CANARY) -> None:
    assert [e["answers"]["n"] for e in store.entries() if e["answers"]["n"] in (1, 2)] == [2, 1]
    assert store.get_entry(ids["october"])["answers"]["text"] == text
    assert store.get_draft("x")["answers"]["text"] == text
    assert store.get_setting("note") == text
    assert store.table("goals").get("g1") == {"what": text}


def profile_folder(data: Path, name: str = "default") -> Path:
    return data / "profiles" / name


# -- the codec -------------------------------------------------------------------------------------------
def _codec() -> EncryptedCodec:
    header, key = new_header(PASS)
    return EncryptedCodec(key, header.digest)


def test_codec_round_trip_and_file_layout() -> None:
    codec = _codec().for_path("entries/2026-11.json")
    document = {"records": {"1": {"text": CANARY}}}
    data = codec.encode(document)
    assert data.startswith(MAGIC) and len(data) > 4 + 12 + 16
    assert all(form not in data for form in canary_forms())
    assert codec.decode(data) == document
    assert codec.encode(document) != data  # a fresh nonce every time


@pytest.mark.parametrize("damage", ["empty", "short", "magic", "nonce", "body", "tag", "appended"])
def test_codec_rejects_any_change(damage: str) -> None:
    codec = _codec().for_path("drafts.json")
    data = bytearray(codec.encode({"a": CANARY}))
    if damage == "empty":
        data = bytearray()
    elif damage == "short":
        data = data[:20]
    elif damage == "appended":
        data += b"\x00"
    else:
        data[{"magic": 0, "nonce": 6, "body": 30, "tag": len(data) - 1}[damage]] ^= 0x01
    with pytest.raises(Unreadable):
        codec.decode(bytes(data))


def test_codec_binds_each_file_to_its_place_and_profile_key() -> None:
    base = _codec()
    data = base.for_path("entries/2026-10.json").encode({"a": 1})
    with pytest.raises(Unreadable, match="belongs somewhere else"):
        base.for_path("entries/2026-11.json").decode(data)
    with pytest.raises(Unreadable):
        _codec().for_path("entries/2026-10.json").decode(data)  # another profile's key
    assert base.for_path("entries/2026-10.json").decode(data) == {"a": 1}


def test_plain_codec_is_the_same_everywhere_and_key_never_shown() -> None:
    plain = JsonCodec()
    assert plain.for_path("entries/2026-11.json") is plain
    assert codec_for_path(plain, "x.json") is plain
    header, key = new_header(PASS)
    raw_key = b"\x07" * 32
    codec = EncryptedCodec(raw_key, header.digest).for_path("drafts.json")
    assert raw_key.hex() not in repr(codec) and "\\x07" not in repr(codec)
    assert "salt" not in repr(header) and header.salt.hex() not in repr(header)


def test_header_is_strict_and_unlock_checks_the_passphrase() -> None:
    header, _ = new_header(PASS)
    document = header.to_document()
    assert Header.from_document(json.loads(json.dumps(document))) == header
    unlock(header, PASS)
    with pytest.raises(WrongPassphrase, match=r"^That passphrase does not open this profile\.$"):
        unlock(header, PASS + " ")
    for broken in (
        {**document, "extra": 1},
        {**document, "kdf": {**document["kdf"], "n": 2**30}},
        {**document, "kdf": {**document["kdf"], "n": 3}},
        {**document, "kdf": {**document["kdf"], "name": "pbkdf2"}},
        {**document, "sum": "0" * 16},
        {**document, "check": "not base64!"},
        {k: v for k, v in document.items() if k != "check"},
    ):
        with pytest.raises(ValueError):
            Header.from_document(broken)


# -- opening an encrypted profile ---------------------------------------------------------------------------
def test_new_profile_uses_the_full_scrypt_cost(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(crypto, "SCRYPT_N", REAL_SCRYPT_N)
    with open_store(tmp_path, "ann", PASS) as store:
        assert store.encrypted
    header = json.loads((profile_folder(tmp_path, "ann") / "meta.json").read_text())
    assert header["format"] == 2 and header["cipher"] == "AES-256-GCM"
    kdf = header["kdf"]
    assert (kdf["name"], kdf["n"], kdf["r"], kdf["p"], kdf["length"]) == ("scrypt", 2**17, 8, 1, 32)
    assert len(base64.b64decode(kdf["salt"])) == 16
    with open_store(tmp_path, "ann", PASS) as store:
        assert store.encrypted


def test_round_trip_across_reopen(tmp_path: Path) -> None:
    with open_store(tmp_path, "ann", PASS) as store:
        ids = fill(store)
    with open_store(tmp_path, "ann", PASS) as store:
        assert_filled(store, ids)
        assert store.problems == []
        store.save_entry(entry(3, "2026-12-01T09:00:00+00:00"))
    with open_store(tmp_path, "ann", PASS) as store:
        assert [e["answers"]["n"] for e in store.entries()] == [3, 2, 1]


def test_canary_is_in_no_file_under_the_data_dir(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with open_store(data, "ann", PASS) as store:
        ids = fill(store)
        store.monthly("checkins").insert({"id": "2026-11-c1", "note": CANARY})
        store.save_entry(entry(9, "2026-11-22T10:00:00+00:00", text=CANARY * 50))
    with open_store(data, "ann", PASS) as store:
        assert_filled(store, ids)
        assert store.monthly("checkins").get("2026-11-c1")["note"] == CANARY
        store.replace_entry({**store.get_entry(ids["november"]), "answers": {"n": 2, "text": CANARY + "!"}})
    assert len(list(data.rglob("*.json"))) >= 7
    assert files_holding(data) == []
    # The test would have caught it: the same profile without a passphrase shows the canary.
    with open_store(data, "bob") as store:
        fill(store)
    assert {path.split("/")[1] for path, _ in files_holding(data)} == {"bob"}


def test_no_plaintext_passes_through_any_write(tmp_path: Path, monkeypatch) -> None:
    """Temp files included: every byte atomic_write hands the OS is already encrypted."""
    written: list[bytes] = []
    real_write = os.write

    def spy(fd, data):
        written.append(bytes(data))
        return real_write(fd, data)

    monkeypatch.setattr(atomic.os, "write", spy)
    with open_store(tmp_path, "ann", PASS) as store:
        fill(store)
    with open_store(tmp_path, "ann", PASS) as store:
        store.save_draft({"exercise_id": "y", "answers": {"text": CANARY}})
        store.change_passphrase(PASS, "another one")
    assert len(written) > 8
    assert not [form for data in written for form in canary_forms() if form in data]
    header_writes = [data for data in written if not data.startswith(MAGIC)]
    assert all(json.loads(data)["format"] == 2 for data in header_writes)


def test_wrong_passphrase_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    with open_store(tmp_path, "ann", PASS) as store:
        fill(store)
    folder = profile_folder(tmp_path, "ann")
    leftover = folder / "entries" / ".2026-11.json.abc123.tmp"  # even a stale temp stays put
    leftover.write_bytes(b"WBX1 half a save")
    before = snapshot(folder)
    for attempt in ["", "a quiet harbour at dusk", PASS.upper(), PASS + "\n"]:
        with pytest.raises(WrongPassphrase) as caught:
            open_store(tmp_path, "ann", attempt)
        assert str(caught.value) == "That passphrase does not open this profile."
    with pytest.raises(PassphraseNeeded, match="protected by a passphrase"):
        open_store(tmp_path, "ann")
    assert snapshot(folder) == before
    with open_store(tmp_path, "ann", PASS) as store:  # the refusals released the lock
        assert len(store.entries()) == 2


def test_passphrase_for_a_plain_profile_is_refused(tmp_path: Path) -> None:
    with open_store(tmp_path, "bob") as store:
        store.save_entry(entry(1))
    before = snapshot(profile_folder(tmp_path, "bob"))
    with pytest.raises(NoPassphrase, match="has no passphrase"):
        open_store(tmp_path, "bob", PASS)
    assert snapshot(profile_folder(tmp_path, "bob")) == before
    with open_store(tmp_path, "bob") as store:
        assert not store.encrypted and len(store.entries()) == 1


def test_passphrase_typed_decomposed_opens_a_profile_made_composed(tmp_path: Path) -> None:
    composed, decomposed = "caf\u00e9 au lait", "cafe\u0301 au lait"
    with open_store(tmp_path, "ann", composed) as store:
        store.set_setting("k", 1)
    with open_store(tmp_path, "ann", decomposed) as store:
        assert store.get_setting("k") == 1


def test_empty_passphrase_cannot_create_a_profile(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot be empty"):
        open_store(tmp_path, "ann", "")
    assert not (profile_folder(tmp_path, "ann") / "meta.json").exists()


# -- damage and tampering ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("where", ["magic", "nonce", "middle", "last"])
def test_flipped_byte_in_a_month_sets_that_month_aside(tmp_path: Path, where: str) -> None:
    with open_store(tmp_path, "ann", PASS) as store:
        ids = fill(store)
        october = store.entries_dir / "2026-10.json"
    size = october.stat().st_size
    damaged = bytearray(october.read_bytes())
    damaged[{"magic": 2, "nonce": 9, "middle": size // 2, "last": size - 1}[where]] ^= 0x01
    october.write_bytes(bytes(damaged))
    with open_store(tmp_path, "ann", PASS) as store:
        assert [e["id"] for e in store.entries()] == [ids["november"]]
        assert len(store.problems) == 1
        assert "October 2026" in store.problems[0] and "set aside" in store.problems[0]
        aside = list(store.entries_dir.glob("2026-10.json.unreadable-*"))
        assert len(aside) == 1 and aside[0].read_bytes() == bytes(damaged)
        assert not october.exists()
        assert store.get_draft("x") is not None and store.get_setting("note") == CANARY
        store.save_entry(entry(5, "2026-10-09T09:00:00+00:00"))  # a new October starts cleanly
    with open_store(tmp_path, "ann", PASS) as store:
        assert store.problems == []
        assert [e["answers"]["n"] for e in store.entries()] == [2, 5]
    assert files_holding(tmp_path) == []


def test_damaged_draft_file_is_set_aside_like_a_plain_one(tmp_path: Path) -> None:
    with open_store(tmp_path, "ann", PASS) as store:
        fill(store)
        drafts = store.folder / "drafts.json"
    drafts.write_bytes(drafts.read_bytes()[:-5])  # cut short
    with open_store(tmp_path, "ann", PASS) as store:
        assert store.drafts() == []
        assert "unfinished exercises" in store.problems[0]
        assert len(store.entries()) == 2


def test_swapping_two_month_files_is_detected(tmp_path: Path) -> None:
    with open_store(tmp_path, "ann", PASS) as store:
        fill(store)
        folder = store.entries_dir
    os.replace(folder / "2026-10.json", folder / "2026-11.json")  # October now poses as November
    with open_store(tmp_path, "ann", PASS) as store:
        assert store.entries() == []
        assert len(store.problems) == 1 and "November 2026" in store.problems[0]
        assert list(folder.glob("2026-11.json.unreadable-*"))


def test_swapping_drafts_and_settings_is_detected(tmp_path: Path) -> None:
    with open_store(tmp_path, "ann", PASS) as store:
        fill(store)
        folder = store.folder
    drafts, settings = (folder / "drafts.json").read_bytes(), (folder / "settings.json").read_bytes()
    (folder / "drafts.json").write_bytes(settings)
    (folder / "settings.json").write_bytes(drafts)
    with open_store(tmp_path, "ann", PASS) as store:
        assert store.drafts() == [] and store.get_setting("note") is None
        assert len(store.problems) == 2


def test_a_file_from_another_profile_with_the_same_passphrase_is_detected(tmp_path: Path) -> None:
    with open_store(tmp_path, "ann", PASS) as store:
        fill(store, "ann's words")
    with open_store(tmp_path, "bob", PASS) as store:
        fill(store, "bob's words")
    ann, bob = profile_folder(tmp_path, "ann"), profile_folder(tmp_path, "bob")
    (bob / "entries" / "2026-11.json").write_bytes((ann / "entries" / "2026-11.json").read_bytes())
    with open_store(tmp_path, "bob", PASS) as store:
        assert [e["answers"]["text"] for e in store.entries()] == ["bob's words"]
        assert "November 2026" in store.problems[0]


def _header_offsets(text: str) -> dict[str, int]:
    return {
        "salt": text.index('"salt":"') + 10,
        "n": text.index('"n":') + 5,
        "r": text.index('"r":') + 4,
        "check": text.index('"check":"') + 12,
        "sum": text.index('"sum":"') + 9,
        "format": text.index('"format":') + 9,
        "brace": 0,
    }


@pytest.mark.parametrize("field", ["salt", "n", "r", "check", "sum", "format", "brace"])
def test_flipped_byte_in_the_header_refuses_to_open_and_changes_nothing(tmp_path: Path, field: str) -> None:
    with open_store(tmp_path, "ann", PASS) as store:
        fill(store)
    folder = profile_folder(tmp_path, "ann")
    meta = folder / "meta.json"
    original = meta.read_bytes()
    data = bytearray(original)
    data[_header_offsets(original.decode())[field]] ^= 0x01
    meta.write_bytes(bytes(data))
    before = snapshot(folder)
    with pytest.raises(StoreError) as caught:
        open_store(tmp_path, "ann", PASS)
    assert not isinstance(caught.value, WrongPassphrase)  # damage is told as damage
    assert "meta.json" in str(caught.value) or "newer version" in str(caught.value)
    with pytest.raises(StoreError):
        open_store(tmp_path, "ann")
    assert snapshot(folder) == before
    meta.write_bytes(original)  # put back, everything is there
    with open_store(tmp_path, "ann", PASS) as store:
        assert len(store.entries()) == 2 and store.problems == []


def test_a_header_forged_consistently_still_cannot_open_the_profile(tmp_path: Path) -> None:
    """Someone who rewrites the salt and fixes the checksum gets a wrong key, never plaintext."""
    with open_store(tmp_path, "ann", PASS) as store:
        fill(store)
    meta = profile_folder(tmp_path, "ann") / "meta.json"
    header = Header.from_document(json.loads(meta.read_text()))
    forged = Header(salt=bytes(16), n=header.n, r=header.r, p=header.p, check=header.check)
    meta.write_text(json.dumps(forged.to_document()))
    with pytest.raises(WrongPassphrase):
        open_store(tmp_path, "ann", PASS)


@pytest.mark.parametrize("replacement", [None, b'{"format": 1}', b"", b"{not json"])
def test_lost_or_replaced_header_never_turns_the_profile_plain(tmp_path: Path, replacement) -> None:
    with open_store(tmp_path, "ann", PASS) as store:
        fill(store)
    folder = profile_folder(tmp_path, "ann")
    if replacement is None:
        (folder / "meta.json").unlink()
    else:
        (folder / "meta.json").write_bytes(replacement)
    before = snapshot(folder)
    for attempt in (None, PASS):
        with pytest.raises(HeaderDamaged, match="meta.json"):
            open_store(tmp_path, "ann", attempt)
    assert snapshot(folder) == before  # nothing set aside, no plain header written
    assert files_holding(tmp_path) == []


def test_modes_stay_private_under_umask_000(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        with open_store(tmp_path / "data", "ann", PASS) as store:
            fill(store)
        with open_store(tmp_path / "data", "ann", PASS) as store:
            store.change_passphrase(PASS, "second")
            store.save_entry(entry(3, "2027-01-01T09:00:00+00:00"))
        with open_store(tmp_path / "data", "bob") as store:
            fill(store)
            store.set_passphrase("bob's")
    finally:
        os.umask(old)
    paths = [tmp_path / "data", *(tmp_path / "data").rglob("*")]
    assert len(paths) > 16
    for path in paths:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


# -- reading a passphrase from a file or descriptor -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"secret words\n", "secret words"),
        (b"secret words\r\n", "secret words"),
        (b"  spaced out \t\n", "  spaced out \t"),
        (b"no newline", "no newline"),
        (b"first\nsecond\n", "first"),
        ("é🦓\n".encode(), "é🦓"),
    ],
)
def test_read_passphrase_from_a_path(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "pass"
    path.write_bytes(content)
    assert read_passphrase_from(path) == expected
    assert read_passphrase_from(str(path)) == expected


def test_read_passphrase_from_a_descriptor_reads_one_line_only() -> None:
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, b"old one\nnew one\n")
        os.close(write_end)
        assert read_passphrase_from(read_end) == "old one"
        assert read_passphrase_from(read_end) == "new one"
        with pytest.raises(PassphraseInputError, match="empty"):
            read_passphrase_from(read_end)
    finally:
        os.close(read_end)


def test_read_passphrase_problems_are_told_without_the_content(tmp_path: Path) -> None:
    with pytest.raises(PassphraseInputError, match="could not be read"):
        read_passphrase_from(tmp_path / "missing")
    empty = tmp_path / "empty"
    empty.write_bytes(b"\nsecret on line two\n")
    with pytest.raises(PassphraseInputError, match="first line is empty") as caught:
        read_passphrase_from(empty)
    assert "secret" not in str(caught.value)
    huge = tmp_path / "huge"
    huge.write_bytes(b"x" * 10_000)
    with pytest.raises(PassphraseInputError, match="longer than"):
        read_passphrase_from(huge)
    with pytest.raises(PassphraseInputError, match="file descriptor"):
        read_passphrase_from(987)


def test_passphrase_with_undecodable_bytes_opens_what_it_made(tmp_path: Path) -> None:
    path = tmp_path / "pass"
    path.write_bytes(b"caf\xe9 latin-1\n")
    typed = read_passphrase_from(path)
    with open_store(tmp_path, "ann", typed) as store:
        store.set_setting("k", 1)
    with open_store(tmp_path, "ann", read_passphrase_from(path)) as store:
        assert store.get_setting("k") == 1
    with pytest.raises(WrongPassphrase):
        open_store(tmp_path, "ann", "café latin-1")
