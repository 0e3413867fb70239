"""Cell values as text the engine can match, record dates as UTC, and "is this name data?".

Numbers are rendered as plain digits (an INTEGER 12345678 is ``"12345678"``, a REAL
12345678.0 too, ``1e-7`` is ``"0.0000001"``) because identifiers stored in numeric columns
must look like they do on paper. Booleans and binary values have no text to scan.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from scanner.extract.chunk import clean_cell

_DATE_FORMATS = (
    "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d", "%Y.%m.%d",
    "%d-%m-%Y %H:%M:%S", "%d.%m.%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d.%m.%Y %H:%M",
)
# A header cell / JSON key that holds data rather than naming it: an e-mail, 4+ digits in a
# row (a phone, an id, a date), or something too long to be a name.
_DATA_LIKE = re.compile(r"@|\d{4}")
MAX_NAME_CHARS = 64


def render(value: Any) -> str:
    """One cell as a single line of text ("" for None, booleans and undecodable bytes)."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, str):
        return clean_cell(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return render_float(value)
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else ""
    if isinstance(value, bytes | bytearray | memoryview):
        try:
            return clean_cell(bytes(value).decode("utf-8"))
        except UnicodeDecodeError:
            return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return clean_cell(str(value))


def render_float(value: float) -> str:
    """A float without exponent noise: integral values as integers, others in plain notation."""
    if not math.isfinite(value):
        return ""
    if value.is_integer() and abs(value) < 1e18:
        return str(int(value))
    text = repr(value)
    if "e" in text or "E" in text:
        return format(Decimal(text), "f")
    return text


def parse_date(value: Any) -> datetime | None:
    """A record date as an aware UTC datetime; None when it cannot be read as a date."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if isinstance(value, str):
        return _parse_date_text(value.strip())
    return None


def _from_epoch(seconds: float) -> datetime | None:
    if 1e11 <= abs(seconds) < 1e14:  # milliseconds
        seconds /= 1000
    if not 1e8 <= abs(seconds) < 1e11:  # 1973..5138: anything else is not a timestamp
        return None
    return datetime.fromtimestamp(seconds, tz=UTC)


def _parse_date_text(text: str) -> datetime | None:
    if not text or len(text) > 40:
        return None
    try:
        return parse_date(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def looks_like_value(name: str) -> bool:
    """True if a header cell or JSON key looks like data (it must not become a field name)."""
    return len(name) > MAX_NAME_CHARS or _DATA_LIKE.search(name) is not None
