"""User text is data: the one rule for which characters may be stored, and may be printed.

A title, name or note may hold any Unicode a person can see, but never:

* C0/C1 control characters (ESC starts the terminal's escape sequences: ``ESC ] 0 ; title BEL`` retitles the
  terminal, ``ESC [ 2 J`` clears it; ``U+009B`` is a one-byte CSI on some terminals), DEL, line/paragraph separators;
* bidi overrides, embeddings, isolates and marks (``U+202E`` makes a line display differently from what it says);
* zero-width and other invisible format characters, and the tag characters ``U+E0000-U+E007F`` (invisible text that
  a reader cannot see but a program can); surrogates, private-use and unassigned code points.

The one exception: a zero-width joiner right after an emoji (``👩‍👩‍👧``) is how emoji are built, so it is kept there.
Multi-line fields (details, notes, solutions) may also hold new lines and tabs.

:func:`check_text` is the input side (it refuses, naming the character); :func:`safe_text` is the output side (it
cleans whatever a store file holds, however it got there, before a terminal sees it). Both use :func:`unsafe_at`.
"""

from __future__ import annotations

import unicodedata

# Explicit directional formatting characters: they can make a line display differently from what it says.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
ZWJ = "\u200d"
_BAD_CATEGORIES = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))
LINE_BREAKS = "\n\t"
REPLACEMENT = "\ufffd"


class TextError(ValueError):
    """Text that cannot be stored as it is; ``str()`` says why in one line."""


def _bad(text: str, i: int, multiline: bool) -> bool:
    ch = text[i]
    if multiline and ch in LINE_BREAKS:
        return False
    if ch == ZWJ and i > 0 and unicodedata.category(text[i - 1]) in ("So", "Sk", "Mn"):
        return False  # inside an emoji sequence
    return unicodedata.category(ch) in _BAD_CATEGORIES or ch in BIDI_CONTROLS


def unsafe_at(text: str, *, multiline: bool = False) -> int | None:
    """The index of the first character that must not be stored or printed, or None when all are fine."""
    if text.isascii():  # the common case, fast: only C0 controls and DEL can be wrong
        for i, ch in enumerate(text):
            if (ch < " " or ch == "\x7f") and not (multiline and ch in LINE_BREAKS):
                return i
        return None
    for i in range(len(text)):
        if _bad(text, i, multiline):
            return i
    return None


def describe(ch: str) -> str:
    invisible = unicodedata.category(ch) == "Cf" and ch not in BIDI_CONTROLS
    kind = "an invisible character" if invisible else "a control character"
    return f"{kind} (U+{ord(ch):04X})"


def check_text(text: str, what: str = "title", *, max_len: int = 200, multiline: bool = False) -> str:
    """Input: ``text`` stripped of surrounding white space, or :class:`TextError` naming the first bad character."""
    if not isinstance(text, str):
        raise TextError(f"{what} must be text")
    value = text.strip()
    if multiline:  # pasted text: Windows and old Mac line ends become plain new lines
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if not value:
        raise TextError(f"{what} is empty")
    if len(value) > max_len:
        raise TextError(f"{what} is too long ({len(value)} characters, at most {max_len})")
    at = unsafe_at(value, multiline=multiline)
    if at is not None:
        raise TextError(f"{what} contains {describe(value[at])}")
    return value


def safe_text(text: object, *, multiline: bool = False) -> str:
    """Output: ``text`` with every character :func:`unsafe_at` rejects made harmless.

    Control characters become ``�`` (so a reader sees that something was there); invisible ones are dropped; a
    new line or tab in a one-line field becomes a space.
    """
    value = text if isinstance(text, str) else str(text)
    if unsafe_at(value, multiline=multiline) is None:
        return value
    out: list[str] = []
    for i, ch in enumerate(value):
        if not _bad(value, i, multiline):
            out.append(ch)
        elif ch in "\n\t\r\x0b\x0c\u2028\u2029\x85":
            out.append(" ")
        elif unicodedata.category(ch) == "Cc":
            out.append(REPLACEMENT)
        # else: invisible (format, bidi, tag, surrogate, private, unassigned): dropped
    return "".join(out)


def safe_lines(text: object) -> str:
    """Output of a multi-line text (a Markdown export, a report): new lines kept, everything else made safe."""
    return safe_text(text, multiline=True)
