"""How a stored document becomes bytes and back.

JSON through msgspec (fast), falling back to the standard library with
`surrogatepass` for text msgspec refuses (a lone surrogate from a non-UTF-8 terminal
must still be kept exactly). A profile with a passphrase wraps this in encryption.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

import msgspec


class Unreadable(Exception):
    """The bytes are not a document we wrote: truncated, garbled, or not ours."""


class Codec(Protocol):
    def encode(self, document: Any) -> bytes: ...

    def decode(self, data: bytes) -> Any: ...


def codec_for_path(codec: Codec, relative: str) -> Codec:
    """The codec for one file, `relative` to its profile folder ("entries/2026-11.json").

    An encrypted codec binds each file to its place (see crypto.py); a codec without
    `for_path` is the same everywhere.
    """
    for_path = getattr(codec, "for_path", None)
    return for_path(relative) if for_path is not None else codec


_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder()


class JsonCodec:
    encrypted = False

    def for_path(self, relative: str) -> JsonCodec:
        return self  # plain JSON is the same wherever the file lives

    def encode(self, document: Any) -> bytes:
        try:
            return _encoder.encode(document)
        except (UnicodeEncodeError, msgspec.EncodeError):
            text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
            return text.encode("utf-8", "surrogatepass")

    def decode(self, data: bytes) -> Any:
        if not data.strip():
            raise Unreadable("the file is empty")
        try:
            document = _decoder.decode(data)
        except (msgspec.DecodeError, UnicodeDecodeError):
            try:
                document = json.loads(data.decode("utf-8", "surrogatepass"))
            except (UnicodeDecodeError, ValueError) as error:
                raise Unreadable(f"the file is not valid JSON ({error})") from None
        if not isinstance(document, dict):
            raise Unreadable("the file does not hold a workbook document")
        return document
