"""IPTC IIM and XMP decoding, byte by byte (the files themselves are tested in test_photos.py)."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from workstation.photos.meta import decode_iim_text, iim_fields, parse_iim, xmp_fields


def _dataset(record: int, number: int, value: bytes) -> bytes:
    return bytes((0x1C, record, number)) + len(value).to_bytes(2, "big") + value


def test_iim_text_follows_the_declared_character_set():
    arabic = "شينخوا".encode()
    assert decode_iim_text(arabic, b"\x1b%G") == "شينخوا"
    assert decode_iim_text("Zürich".encode("latin-1"), b"\x1b-A") == "Zürich"


def test_undeclared_iim_text_is_utf8_when_valid_else_windows_1252():
    assert decode_iim_text("موسكو".encode(), None) == "موسكو"
    assert decode_iim_text(b"Caf\xe9 \x80 10", None) == "Café € 10"
    assert decode_iim_text(b"odd \x81 byte\x00", None) == "odd \x81 byte"


def test_iim_block_with_declaration_repeats_and_an_extended_length():
    caption = "كلمة ".encode() * 7000  # longer than 32767 bytes: an extended dataset
    extended = bytes((0x1C, 2, 120, 0x80, 0x04)) + len(caption).to_bytes(4, "big") + caption
    block = (_dataset(1, 90, b"\x1b%G") + _dataset(2, 25, "روسيا".encode()) + _dataset(2, 25, b"Syria")
             + _dataset(2, 80, b"A") + _dataset(2, 80, b"B") + extended + _dataset(2, 55, b"20170413")
             + _dataset(2, 60, b"105826+0300"))  # fmt: skip
    fields = iim_fields(block)
    assert fields["keywords"] == ["روسيا", "Syria"] and fields["creator"] == "A, B"
    assert fields["caption"] == caption.decode().strip() and fields["taken_at"] == datetime(2017, 4, 13, 10, 58, 26)


def test_damaged_iim_stops_without_error():
    block = _dataset(2, 105, b"Headline") + bytes((0x1C, 2, 120, 0x7F, 0xFF)) + b"short"
    assert parse_iim(block) == [(2, 105, b"Headline")]
    assert iim_fields(b"\x00\x00garbage") == {}


def test_xmp_attributes_elements_and_language_alternatives():
    packet = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
    <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="دمشق"
        photoshop:DateCreated="2017-04-12T18:30:00+03:00"/>
    <rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">
      <dc:description><rdf:Alt><rdf:li xml:lang="en">English</rdf:li><rdf:li xml:lang="x-default">الافتراضي</rdf:li></rdf:Alt></dc:description>
      <dc:creator><rdf:Seq><rdf:li>One</rdf:li><rdf:li>Two</rdf:li></rdf:Seq></dc:creator>
    </rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"""
    fields = xmp_fields(packet + "\x00\x00")
    assert fields["city"] == "دمشق" and fields["caption"] == "الافتراضي" and fields["creator"] == "One, Two"
    assert fields["taken_at"] == datetime(2017, 4, 12, 18, 30)


def test_hostile_or_broken_xmp_gives_nothing():
    bomb = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">&b;</x:xmpmeta>')  # fmt: skip
    assert xmp_fields(bomb) == {}
    assert xmp_fields(b"<x:xmpmeta><unclosed>") == {}
    assert xmp_fields(b"") == {}


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))
def test_any_declared_utf8_text_comes_back(text):
    assert decode_iim_text(text.encode(), b"\x1b%G") == text.strip("\x00 \t\r\n")


@given(st.text(alphabet="abc éèüßçñ€œ’“”", min_size=1, max_size=40))
def test_legacy_windows_1252_text_comes_back_without_mojibake(text):
    raw = text.encode("cp1252")
    expected = raw.decode("utf-8") if _valid_utf8(raw) else text  # a few byte runs are also UTF-8
    assert decode_iim_text(raw, None) == expected.strip("\x00 \t\r\n")


def _valid_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
