"""Encryption at rest for a profile that has a passphrase.

Everything here is standard building blocks from `cryptography`: scrypt turns the
passphrase into a 32-byte key, AES-256-GCM encrypts and authenticates each file.
The key only ever lives in memory (inside an AESGCM object); it is never written,
logged, or shown in a repr.

The header (the profile's meta.json) stays plain JSON, readable without the key:

    {"format": 2,
     "cipher": "AES-256-GCM",
     "kdf": {"name": "scrypt", "n": 131072, "r": 8, "p": 1, "length": 32, "salt": "<base64, 16 bytes>"},
     "check": "<base64: nonce + AES-GCM(key, constant), AAD = the rest of the header>",
     "sum": "<first 16 hex digits of SHA-256 of the rest of the header>"}

- Unlocking derives the key from the passphrase with the header's parameters and
  decrypts `check`. Its AAD is the canonical JSON of the header without `check` and
  `sum`, so a changed salt or parameter can never be used quietly.
- `sum` is an unkeyed checksum. It adds no security (anyone could recompute it); it
  only lets an accidentally damaged header be reported as damaged, instead of as a
  wrong passphrase.
- Format 2 (not 1) so that a workbook too old to know about encryption refuses the
  profile ("saved by a newer version") instead of setting its files aside and writing
  new plain ones next to them.

A data file is: b"WBX1" + 12-byte random nonce + AES-GCM ciphertext and tag. Its AAD
is the magic, the header digest (SHA-256 of the canonical header without `sum`, so a
file belongs to one generation of one profile's key) and the file's path inside the
profile folder ("entries/2026-11.json"), so a month cannot be swapped for another
month, or a file moved to another profile, without it being detected. Limitation: an
older version of the *same* file, under the same key, could be put back by someone
who can write to the folder; GCM cannot tell.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def _aesgcm(key: bytes) -> AESGCM:
    # Imported on first use: plain profiles (and start-up) never pay for cryptography.
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def _invalid_tag() -> type[Exception]:
    from cryptography.exceptions import InvalidTag

    return InvalidTag

from workbook.store.base import StoreError
from workbook.store.codec import JsonCodec, Unreadable

MAGIC = b"WBX1"
NONCE_SIZE = 12
TAG_SIZE = 16
KEY_SIZE = 32
SALT_SIZE = 16
CIPHER = "AES-256-GCM"
KDF_NAME = "scrypt"
SCRYPT_N = 2**17  # 128 MiB with r=8; about 0.4 s here
SCRYPT_R = 8
SCRYPT_P = 1
ENCRYPTED_FORMAT = 2

# What an opened header may ask of us (a damaged or hostile header must not make us
# allocate gigabytes or spin for minutes): 16 MiB .. 512 MiB of scrypt memory.
_MIN_N, _MAX_N = 2**14, 2**20
_MAX_SCRYPT_MEMORY = 512 * 1024 * 1024
_MAX_P = 4

_CHECK_PLAINTEXT = b"workbook key check v1"
_CHECK_AAD_PREFIX = b"workbook-key-check\x00"
_FILE_AAD_PREFIX = MAGIC + b"\x00"
_HEADER_FIELDS = {"format", "cipher", "kdf", "check", "sum"}
_KDF_FIELDS = {"name", "n", "r", "p", "length", "salt"}


class PassphraseNeeded(StoreError):
    """The profile is encrypted and no passphrase was given."""


class WrongPassphrase(StoreError):
    """The passphrase does not open this profile. Says nothing else, on purpose."""

    def __init__(self, message: str = "That passphrase does not open this profile.") -> None:
        super().__init__(message)


class NoPassphrase(StoreError):
    """A passphrase was given for a profile that has none."""


class HeaderDamaged(StoreError):
    """The header of an encrypted profile is missing or damaged; nothing was changed."""


def passphrase_bytes(passphrase: str) -> bytes:
    """The bytes the key is derived from.

    NFC, so the same passphrase typed where the terminal sends decomposed accents (macOS)
    opens the profile everywhere. Undecodable terminal bytes (surrogateescape) map back
    to themselves.
    """
    if not isinstance(passphrase, str):
        raise TypeError("a passphrase is a str")
    text = unicodedata.normalize("NFC", passphrase)
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def check_new_passphrase(passphrase: str) -> None:
    if not isinstance(passphrase, str) or not passphrase:
        raise StoreError("A passphrase cannot be empty.")


def _canonical(document: dict[str, Any]) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def _b64decode(text: Any, what: str) -> bytes:
    if not isinstance(text, str):
        raise ValueError(f"{what} is not text")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise ValueError(f"{what} is not valid base64") from None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True, repr=False)
class Header:
    """An encrypted profile's header: how to derive the key, and how to know it is right."""

    salt: bytes
    n: int
    r: int
    p: int
    check: bytes

    def __repr__(self) -> str:
        return f"Header(scrypt n={self.n} r={self.r} p={self.p})"

    def _body(self) -> dict[str, Any]:
        return {
            "format": ENCRYPTED_FORMAT,
            "cipher": CIPHER,
            "kdf": {
                "name": KDF_NAME, "n": self.n, "r": self.r, "p": self.p, "length": KEY_SIZE,
                "salt": base64.b64encode(self.salt).decode("ascii"),
            },
        }

    def check_aad(self) -> bytes:
        return _CHECK_AAD_PREFIX + _canonical(self._body())

    def _signed(self) -> dict[str, Any]:
        return {**self._body(), "check": base64.b64encode(self.check).decode("ascii")}

    @property
    def digest(self) -> bytes:
        """SHA-256 of the whole header (check included): binds every file to this generation."""
        return hashlib.sha256(_canonical(self._signed())).digest()

    def to_document(self) -> dict[str, Any]:
        signed = self._signed()
        return {**signed, "sum": hashlib.sha256(_canonical(signed)).hexdigest()[:16]}

    @classmethod
    def from_document(cls, document: Any) -> Header:
        """Parse strictly; raise ValueError (a short reason, nothing secret) if anything is off."""
        if not isinstance(document, dict) or set(document) != _HEADER_FIELDS:
            raise ValueError("the header's fields are not the expected ones")
        if document["format"] != ENCRYPTED_FORMAT or document["cipher"] != CIPHER:
            raise ValueError("the header names an unknown format or cipher")
        kdf = document["kdf"]
        if not isinstance(kdf, dict) or set(kdf) != _KDF_FIELDS or kdf["name"] != KDF_NAME:
            raise ValueError("the header's key derivation is not the expected one")
        n, r, p, length = kdf["n"], kdf["r"], kdf["p"], kdf["length"]
        if not all(_is_int(v) for v in (n, r, p, length)):
            raise ValueError("the header's key derivation parameters are not numbers")
        if not (_MIN_N <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r and 1 <= p <= _MAX_P):
            raise ValueError("the header's key derivation parameters are out of range")
        if 128 * n * r > _MAX_SCRYPT_MEMORY or length != KEY_SIZE:
            raise ValueError("the header's key derivation parameters are out of range")
        salt = _b64decode(kdf["salt"], "the salt")
        check = _b64decode(document["check"], "the key check")
        if not 16 <= len(salt) <= 64 or len(check) != NONCE_SIZE + len(_CHECK_PLAINTEXT) + TAG_SIZE:
            raise ValueError("the header's salt or key check has the wrong length")
        header = cls(salt=salt, n=n, r=r, p=p, check=check)
        if header.to_document() != document:
            raise ValueError("the header's checksum does not match")
        return header


def is_encrypted_header(document: dict[str, Any]) -> bool:
    return document.get("format") == ENCRYPTED_FORMAT or "kdf" in document or "cipher" in document


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=KEY_SIZE, n=n, r=r, p=p).derive(passphrase_bytes(passphrase))


def new_header(passphrase: str) -> tuple[Header, AESGCM]:
    """A fresh salt and key check for `passphrase`: a new generation of a profile's key."""
    check_new_passphrase(passphrase)
    salt = os.urandom(SALT_SIZE)
    aead = _aesgcm(_derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P))
    draft = Header(salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, check=b"")
    nonce = os.urandom(NONCE_SIZE)
    check = nonce + aead.encrypt(nonce, _CHECK_PLAINTEXT, draft.check_aad())
    return Header(salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, check=check), aead


def unlock(header: Header, passphrase: str) -> AESGCM:
    """The profile's key, if `passphrase` is the right one; WrongPassphrase otherwise."""
    if not isinstance(passphrase, str):
        raise TypeError("a passphrase is a str")
    aead = _aesgcm(_derive(passphrase, header.salt, header.n, header.r, header.p))
    nonce, sealed = header.check[:NONCE_SIZE], header.check[NONCE_SIZE:]
    try:
        plain = aead.decrypt(nonce, sealed, header.check_aad())
    except _invalid_tag():
        raise WrongPassphrase() from None
    if plain != _CHECK_PLAINTEXT:  # cannot happen with a valid tag; never trust silently
        raise WrongPassphrase()
    return aead


class EncryptedCodec:
    """The Codec of an encrypted profile: JSON, then AES-256-GCM bound to the file's place.

    `for_path("entries/2026-11.json")` gives the codec for one file; AtomicStorage only
    ever sees that one, so every byte it writes is already encrypted.
    """

    encrypted = True

    def __init__(self, key: AESGCM | bytes, header_digest: bytes, relative: str = "") -> None:
        self._aead = _aesgcm(key) if isinstance(key, bytes) else key
        self._digest = bytes(header_digest)
        self.relative = relative
        self._aad = _FILE_AAD_PREFIX + self._digest + relative.encode("utf-8", "surrogatepass")
        self._json = JsonCodec()

    def __repr__(self) -> str:  # never show the key
        return f"EncryptedCodec(path={self.relative!r})"

    def for_path(self, relative: str) -> EncryptedCodec:
        return EncryptedCodec(self._aead, self._digest, relative)

    def encode(self, document: Any) -> bytes:
        nonce = os.urandom(NONCE_SIZE)
        return MAGIC + nonce + self._aead.encrypt(nonce, self._json.encode(document), self._aad)

    def decode(self, data: bytes) -> Any:
        if len(data) < len(MAGIC) + NONCE_SIZE + TAG_SIZE:
            raise Unreadable("the file is empty or cut short" if data.strip() else "the file is empty")
        if data[: len(MAGIC)] != MAGIC:
            raise Unreadable("the file is not an encrypted workbook file")
        nonce = data[len(MAGIC) : len(MAGIC) + NONCE_SIZE]
        try:
            plain = self._aead.decrypt(nonce, data[len(MAGIC) + NONCE_SIZE :], self._aad)
        except _invalid_tag():
            raise Unreadable(
                "the file does not decrypt: it was changed, damaged, or belongs somewhere else"
            ) from None
        return self._json.decode(plain)


def looks_encrypted(data: bytes) -> bool:
    return data[: len(MAGIC)] == MAGIC
