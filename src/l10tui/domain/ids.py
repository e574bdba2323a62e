"""Record ids that never collide across laptops, still short and typable (docs/SYNC.md).

An id is a prefix, a number and an optional *device tag*: ``I-142`` (minted by the repository's first replica, and
every id from before sync existed) or ``I-142km`` (minted by the replica whose tag is ``km``). Each replica draws its
tag once, at ``l10 sync init``, and mints only ids with that tag, so two laptops adding issues offline can never
mint the same id. The number comes from the store's counter, which a merge takes as the maximum of both sides, so
numbers keep growing roughly in step across the company.

In the file (TinyDB keys documents by integers) an id is stored under one integer *key*: the number itself for a
plain id, ``TAG_BASE * tag_index + number`` for a tagged one. Keys of plain ids are unchanged, so existing stores
need no migration and every existing id stays valid.
"""

from __future__ import annotations

import re

# Tags use lowercase letters that cannot be misread as digits or as each other on a projector (no i, l, o).
TAG_LETTERS = "abcdefghjkmnpqrstuvwxyz"
MAX_NUMBER = 999_999_999  # numbers have at most 9 digits (as before): below TAG_BASE
TAG_BASE = 1_000_000_000
_N = len(TAG_LETTERS)

_ID = re.compile(r"^\s*([A-Za-z]{1,2})?\s*-?\s*(\d{1,9})([A-Za-z]{1,2})?\s*$")


class IdError(ValueError):
    """Text that is not an id of the asked kind."""


def valid_tag(tag: str) -> bool:
    """A device tag: empty (the first replica) or one or two of :data:`TAG_LETTERS`."""
    return tag == "" or (1 <= len(tag) <= 2 and all(c in TAG_LETTERS for c in tag))


def tag_index(tag: str) -> int:
    """0 for no tag, 1.. for ``a``.. then ``aa``..: a bijection between tags and small integers."""
    if not valid_tag(tag):
        raise IdError(f"{tag[:8]!r} is not a device tag")
    if not tag:
        return 0
    if len(tag) == 1:
        return 1 + TAG_LETTERS.index(tag)
    return 1 + _N + TAG_LETTERS.index(tag[0]) * _N + TAG_LETTERS.index(tag[1])


def tag_of_index(index: int) -> str:
    if index == 0:
        return ""
    if 1 <= index <= _N:
        return TAG_LETTERS[index - 1]
    rest = index - 1 - _N
    if 0 <= rest < _N * _N:
        return TAG_LETTERS[rest // _N] + TAG_LETTERS[rest % _N]
    raise IdError(f"{index} is not a device tag's index")


def key_of(number: int, tag: str = "") -> int:
    """The integer key a record is stored under."""
    if not 0 <= number <= MAX_NUMBER:  # 0 is looked up (and found nowhere), never minted
        raise IdError(f"{number} is out of range for an id")
    return tag_index(tag) * TAG_BASE + number


def split_key(key: int) -> tuple[int, str]:
    """(number, tag) of a stored key."""
    index, number = divmod(key, TAG_BASE)
    return number, tag_of_index(index)


def valid_key(key: int) -> bool:
    try:
        number, _tag = split_key(key)
    except IdError:
        return False
    return number >= 1


def format_id(prefix: str, key: int) -> str:
    """``I-142`` or ``I-142km``."""
    number, tag = split_key(key)
    return f"{prefix}-{number}{tag}"


def parse_key(text: str, prefix: str) -> int:
    """``I-12``, ``i12``, ``12``, ``I-12km``, ``i12KM`` -> the key for prefix ``I``; anything else raises IdError."""
    m = _ID.match(text or "")
    if not m or (m.group(1) and m.group(1).upper() != prefix):
        raise IdError(f"{(text or '').strip()[:40]!r} is not an id like {prefix}-12")
    number = int(m.group(2))
    tag = (m.group(3) or "").lower()
    if not valid_tag(tag):
        raise IdError(f"{(text or '').strip()[:40]!r} is not an id like {prefix}-12")
    return key_of(number, tag)


def sort_key(record_id: str) -> tuple[str, int, str]:
    """Order ids by prefix, number, then tag (``I-9`` < ``I-10`` < ``I-10km``)."""
    prefix, _sep, rest = record_id.partition("-")
    digits = rest.rstrip(TAG_LETTERS)
    return prefix, int(digits) if digits.isdigit() else 0, rest[len(digits) :]
