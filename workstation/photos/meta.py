"""What a photo file says about itself: EXIF orientation and date, IPTC IIM and XMP captions.

IIM text is decoded by its declared character set (dataset 1:90), else as UTF-8 when it is
valid UTF-8, else as Windows-1252, so an Arabic caption written by any standard tool and a
legacy Latin-1 caption both come through intact. Where XMP and IIM both carry a field,
XMP wins (it is the newer standard and what current tools keep in step).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from defusedxml import ElementTree

TEXT_FIELDS = ("caption", "headline", "creator", "credit", "source", "city", "country")

# IIM record 2 datasets (IPTC IIM 4.2) for each field; by-line and keywords repeat.
_IIM_DATASETS = {
    "caption": 120, "headline": 105, "creator": 80, "credit": 110,
    "source": 115, "city": 90, "country": 101,
}  # fmt: skip
_IIM_KEYWORDS, _IIM_DATE, _IIM_TIME, _IIM_CHARSET = 25, 55, 60, (1, 90)

_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DC = "{http://purl.org/dc/elements/1.1/}"
_PS = "{http://ns.adobe.com/photoshop/1.0/}"
_XMP_PROPERTIES = {
    "caption": _DC + "description", "headline": _PS + "Headline", "creator": _DC + "creator",
    "credit": _PS + "Credit", "source": _PS + "Source", "city": _PS + "City", "country": _PS + "Country",
}  # fmt: skip
_XMP_KEYWORDS = _DC + "subject"
_XMP_DATES = (
    "{http://ns.adobe.com/exif/1.0/}DateTimeOriginal",
    _PS + "DateCreated",
    "{http://ns.adobe.com/xap/1.0/}CreateDate",
)
_XMP_ORIENTATION = "{http://ns.adobe.com/tiff/1.0/}Orientation"

_EXIF_ORIENTATION, _EXIF_DATETIME, _EXIF_IFD, _EXIF_DATETIME_ORIGINAL = 0x0112, 0x0132, 0x8769, 0x9003
_TIFF_IPTC = 33723


@dataclass(frozen=True)
class PhotoMeta:
    """The metadata read from one file: orientation, date taken and the descriptive fields."""

    orientation: int = 1
    taken_at: datetime | None = None
    caption: str = ""
    headline: str = ""
    creator: str = ""
    credit: str = ""
    source: str = ""
    city: str = ""
    country: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        """The descriptive fields as JSON-ready values (what the store keeps in `photos.meta`)."""
        data: dict[str, Any] = {name: getattr(self, name) for name in TEXT_FIELDS}
        data["keywords"] = list(self.keywords)
        return data


def read_metadata(im) -> PhotoMeta:
    """Everything `im` (a just-opened Pillow image, pixels not yet needed) says about itself."""
    iim = iim_fields(_iim_bytes(im))
    xmp = xmp_fields(im.info.get("xmp") or im.info.get("XML:com.adobe.xmp") or b"")
    exif_orientation, exif_date = _exif(im)
    values: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        values[name] = xmp.get(name) or iim.get(name) or ""
    values["keywords"] = tuple(xmp.get("keywords") or iim.get("keywords") or ())
    orientation = exif_orientation or xmp.get("orientation") or 1
    taken = exif_date or xmp.get("taken_at") or iim.get("taken_at")
    return PhotoMeta(orientation=orientation if 1 <= orientation <= 8 else 1, taken_at=taken, **values)


# -- IPTC IIM ------------------------------------------------------------------------------------
def parse_iim(data: bytes) -> list[tuple[int, int, bytes]]:
    """The (record, dataset, value) triples of an IIM block, in file order; stops at damage."""
    out: list[tuple[int, int, bytes]] = []
    pos = 0
    while pos + 5 <= len(data):
        if data[pos] != 0x1C:
            pos += 1  # Photoshop pads resources; skip to the next tag marker
            continue
        record, dataset = data[pos + 1], data[pos + 2]
        length = int.from_bytes(data[pos + 3 : pos + 5], "big")
        pos += 5
        if length & 0x8000:  # extended dataset: the next n bytes hold the length
            n = length & 0x7FFF
            length = int.from_bytes(data[pos : pos + n], "big")
            pos += n
        if pos + length > len(data):
            break
        out.append((record, dataset, data[pos : pos + length]))
        pos += length
    return out


def decode_iim_text(raw: bytes, declared: bytes | None) -> str:
    """IIM text in its declared character set, else UTF-8 when valid, else Windows-1252."""
    encoding = _declared_encoding(declared)
    if encoding:
        text = raw.decode(encoding, errors="replace")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = _cp1252(raw)
    return text.strip("\x00 \t\r\n")


def _declared_encoding(declared: bytes | None) -> str | None:
    if not declared:
        return None
    # ISO 2022 escape sequences: ESC % G is UTF-8; ESC - A / ESC . A designate Latin-1.
    if declared.startswith(b"\x1b%G"):
        return "utf-8"
    if declared in (b"\x1b-A", b"\x1b.A", b"\x1b(B\x1b-A"):
        return "latin-1"
    return None


def _cp1252(raw: bytes) -> str:
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:  # five bytes are undefined in Windows-1252: read those as Latin-1
        return "".join(chr(b) if b in _CP1252_UNDEFINED else bytes((b,)).decode("cp1252") for b in raw)


_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def iim_fields(data: bytes) -> dict[str, Any]:
    """The descriptive fields of an IIM block, decoded; missing ones are absent."""
    triples = parse_iim(data)
    declared = next((v for r, d, v in triples if (r, d) == _IIM_CHARSET), None)
    out: dict[str, Any] = {}
    by_dataset: dict[int, list[str]] = {}
    raw_date = raw_time = None
    for record, dataset, value in triples:
        if record != 2:
            continue
        if dataset == _IIM_DATE:
            raw_date = value
        elif dataset == _IIM_TIME:
            raw_time = value
        else:
            by_dataset.setdefault(dataset, []).append(decode_iim_text(value, declared))
    for name, dataset in _IIM_DATASETS.items():
        values = [v for v in by_dataset.get(dataset, []) if v]
        if values:
            out[name] = ", ".join(values) if name == "creator" else values[0]
    keywords = [v for v in by_dataset.get(_IIM_KEYWORDS, []) if v]
    if keywords:
        out["keywords"] = keywords
    if raw_date:
        out["taken_at"] = _parse_date(
            raw_date.decode("ascii", "replace") + (raw_time or b"").decode("ascii", "replace")[:6]
        )
    return out


def _iim_bytes(im) -> bytes:
    photoshop = im.info.get("photoshop")
    if isinstance(photoshop, dict) and isinstance(photoshop.get(0x0404), bytes):
        return photoshop[0x0404]
    tagdata = getattr(getattr(im, "tag_v2", None), "_tagdata", None)  # TIFF keeps the raw bytes here
    if isinstance(tagdata, dict) and isinstance(tagdata.get(_TIFF_IPTC), bytes):
        return tagdata[_TIFF_IPTC]
    return b""


# -- XMP -----------------------------------------------------------------------------------------
def xmp_fields(packet: bytes | str) -> dict[str, Any]:
    """The descriptive fields of an XMP packet; an unreadable packet gives nothing."""
    if isinstance(packet, str):
        packet = packet.encode("utf-8")
    packet = packet.strip(b"\x00 \t\r\n")
    if not packet:
        return {}
    try:
        root = ElementTree.fromstring(packet)
    except Exception:  # damaged or hostile XML: the file still ingests, without its XMP
        return {}
    descriptions = list(root.iter(_RDF + "Description"))
    out: dict[str, Any] = {}
    for name, prop in _XMP_PROPERTIES.items():
        values = _xmp_values(descriptions, prop)
        if values:
            out[name] = ", ".join(values) if name == "creator" else values[0]
    keywords = _xmp_values(descriptions, _XMP_KEYWORDS)
    if keywords:
        out["keywords"] = keywords
    for prop in _XMP_DATES:
        values = _xmp_values(descriptions, prop)
        taken = _parse_date(values[0]) if values else None
        if taken:
            out["taken_at"] = taken
            break
    orientation = _xmp_values(descriptions, _XMP_ORIENTATION)
    if orientation and orientation[0].isdigit():
        out["orientation"] = int(orientation[0])
    return out


def _xmp_values(descriptions, prop: str) -> list[str]:
    """A property's values, whether written as an attribute, a simple element or an rdf container."""
    for desc in descriptions:
        if prop in desc.attrib:
            return [desc.attrib[prop].strip()] if desc.attrib[prop].strip() else []
        element = desc.find(prop)
        if element is None:
            continue
        items = list(element.iter(_RDF + "li"))
        if not items:
            return [element.text.strip()] if element.text and element.text.strip() else []
        # In a language alternative the default language comes first.
        items.sort(key=lambda li: li.get(_XML_LANG) != "x-default")
        return [li.text.strip() for li in items if li.text and li.text.strip()]
    return []


# -- EXIF ----------------------------------------------------------------------------------------
def _exif(im) -> tuple[int | None, datetime | None]:
    try:
        exif = im.getexif()
    except Exception:  # a broken EXIF block must not cost the photo
        return None, None
    orientation = exif.get(_EXIF_ORIENTATION)
    try:
        original = exif.get_ifd(_EXIF_IFD).get(_EXIF_DATETIME_ORIGINAL)
    except Exception:
        original = None
    taken = _parse_date(original or exif.get(_EXIF_DATETIME))
    return (orientation if isinstance(orientation, int) else None), taken


def _parse_date(value) -> datetime | None:
    """A date-time from EXIF (`2017:04:13 10:58:26`), XMP (ISO 8601) or IIM (`20170413105826`)."""
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if not isinstance(value, str):
        return None
    text = value.strip("\x00 ")
    digits = "".join(ch for ch in text[:19] if ch.isdigit())
    if len(digits) < 8:
        return None
    try:
        parts = [int(digits[0:4]), int(digits[4:6]), int(digits[6:8])]
        parts += [int(digits[i : i + 2]) for i in (8, 10, 12) if len(digits) >= i + 2]
        return datetime(*parts)
    except ValueError:
        return None
