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


_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder()


class JsonCodec:
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
