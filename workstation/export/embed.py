"""Caption, credit and creator embedded in encoded images: XMP, and IPTC IIM for JPEG.

Pillow writes no IPTC, so the Photoshop 3.0 APP13 segment (image resource 0x0404 holding
the IIM records, with 1:90 declaring UTF-8) is built here; it is a small, well-documented
binary format and keeps the project free of a C++ metadata library. The metadata is
spliced into already-encoded files, so changing a caption never re-encodes pixels.
"""

from __future__ import annotations

import hashlib
import re
import struct
from dataclasses import dataclass, replace
from xml.sax.saxutils import escape

_UTF8 = b"\x1b%G"  # ISO 2022 escape sequence for UTF-8, the value of IIM 1:90
_XMP_ID = b"http://ns.adobe.com/xap/1.0/\x00"
_APP1_MAX = 0xFFFF - 2  # a JPEG segment's length field counts itself
# Characters XML 1.0 forbids anywhere (C0 controls such as the vertical tab a Word paste leaves,
# lone surrogates, U+FFFE/U+FFFF): saxutils.escape keeps them and the document is then malformed.
_XML_INVALID = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_escape(value: str) -> str:
    """Text escaped for XML, without the characters XML cannot hold at all."""
    return escape(_XML_INVALID.sub("", value))


@dataclass(frozen=True)
class ImageText:
    """The words embedded in a rendition: what a newsroom tool shows for the photo."""

    caption: str = ""
    credit: str = ""
    creator: str = ""
    title: str = ""  # the wire slug

    def is_empty(self) -> bool:
        """Whether there is nothing to embed."""
        return not (self.caption or self.credit or self.creator or self.title)


def _clip(value: str, limit: int) -> bytes:
    """UTF-8 bytes of value cut to the IIM field limit without splitting a character."""
    data = value.encode("utf-8")
    if len(data) <= limit:
        return data
    return data[:limit].decode("utf-8", "ignore").encode("utf-8")


def _dataset(record: int, number: int, value: bytes) -> bytes:
    return struct.pack(">BBBH", 0x1C, record, number, len(value)) + value


def iim_block(words: ImageText) -> bytes:
    """The IPTC IIM records (envelope with the UTF-8 declaration, then application record)."""
    out = [_dataset(1, 0, b"\x00\x04"), _dataset(1, 90, _UTF8), _dataset(2, 0, b"\x00\x04")]
    # Application record datasets in ascending number, at the lengths the IIM standard allows.
    if words.title:
        out.append(_dataset(2, 5, _clip(words.title, 64)))
    if words.creator:
        out.append(_dataset(2, 80, _clip(words.creator, 32)))
    if words.credit:
        out.append(_dataset(2, 110, _clip(words.credit, 32)))
    if words.caption:
        out.append(_dataset(2, 120, _clip(words.caption, 2000)))
    return b"".join(out)


def _resource(resource_id: int, data: bytes) -> bytes:
    # 8BIM, id, empty Pascal name padded to even length, size, data padded to even length
    block = b"8BIM" + struct.pack(">H", resource_id) + b"\x00\x00" + struct.pack(">I", len(data)) + data
    return block + (b"\x00" if len(data) % 2 else b"")


def app13_segment(words: ImageText) -> bytes:
    """A complete JPEG APP13 segment holding the IIM block and its MD5 digest resource."""
    iim = iim_block(words)
    payload = b"Photoshop 3.0\x00" + _resource(0x0404, iim) + _resource(0x0425, hashlib.md5(iim).digest())
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def xmp_packet(words: ImageText) -> bytes:
    """An XMP packet with dc:description, dc:creator, dc:title and photoshop:Credit."""
    props = []
    if words.caption:
        props.append(f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{xml_escape(words.caption)}</rdf:li>'
                     "</rdf:Alt></dc:description>")  # fmt: skip
    if words.title:
        props.append(
            f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{xml_escape(words.title)}</rdf:li></rdf:Alt></dc:title>'
        )
    if words.creator:
        props.append(f"<dc:creator><rdf:Seq><rdf:li>{xml_escape(words.creator)}</rdf:li></rdf:Seq></dc:creator>")
    if words.credit:
        props.append(f"<photoshop:Credit>{xml_escape(words.credit)}</photoshop:Credit>")
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">'
        + "".join(props)
        + '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )
    return packet.encode("utf-8")


def _jpeg_insert_at(data: bytes) -> int:
    """Offset just after SOI and the leading APP0 (JFIF) segment, where metadata segments go."""
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG stream")
    pos = 2
    while data[pos] == 0xFF and data[pos + 1] in (0xE0,):  # keep JFIF first, as readers expect
        pos += 2 + struct.unpack(">H", data[pos + 2 : pos + 4])[0]
    return pos


def embed_jpeg(data: bytes, words: ImageText) -> bytes:
    """The JPEG with an XMP APP1 and an IPTC APP13 segment added after its JFIF header."""
    if words.is_empty():
        return data
    xmp = _XMP_ID + xmp_packet(words)
    # A segment holds at most 64 KiB: an overlong caption is cut in what is embedded (the page
    # keeps it whole). Each byte cut from the words shortens the escaped packet by a byte or more.
    for name in ("caption", "credit", "title", "creator"):
        while len(xmp) > _APP1_MAX and (value := getattr(words, name)):
            keep = max(0, len(value.encode("utf-8")) - (len(xmp) - _APP1_MAX))
            words = replace(words, **{name: _clip(value, keep).decode("utf-8")})
            xmp = _XMP_ID + xmp_packet(words)
    app1 = b"\xff\xe1" + struct.pack(">H", len(xmp) + 2) + xmp
    pos = _jpeg_insert_at(data)
    return data[:pos] + app1 + app13_segment(words) + data[pos:]


def _chunk(fourcc: bytes, payload: bytes) -> bytes:
    return fourcc + struct.pack("<I", len(payload)) + payload + (b"\x00" if len(payload) % 2 else b"")


def embed_webp(data: bytes, words: ImageText, width: int, height: int) -> bytes:
    """The WebP with an XMP chunk (the extended VP8X layout, whose flag announces it)."""
    if words.is_empty():
        return data
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ValueError("not a WebP file")
    chunks: list[tuple[bytes, bytes]] = []
    pos = 12
    while pos + 8 <= len(data):
        fourcc = data[pos : pos + 4]
        size = struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        chunks.append((fourcc, data[pos + 8 : pos + 8 + size]))
        pos += 8 + size + (size % 2)
    flags = 0
    if chunks and chunks[0][0] == b"VP8X":
        flags = chunks[0][1][0]
        chunks = chunks[1:]
    chunks = [c for c in chunks if c[0] != b"XMP "]
    flags |= 0x04  # XMP present
    vp8x = bytes([flags, 0, 0, 0]) + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    body = b"WEBP" + _chunk(b"VP8X", vp8x) + b"".join(_chunk(f, p) for f, p in chunks)
    body += _chunk(b"XMP ", xmp_packet(words))
    return b"RIFF" + struct.pack("<I", len(body)) + body
