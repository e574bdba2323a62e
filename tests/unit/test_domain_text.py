"""The one sanitiser (domain/text.py): what may be stored, and what reaches a terminal."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from l10tui.domain.rules import InputError, clean_text
from l10tui.domain.text import check_text, safe_lines, safe_text, unsafe_at

TERMINAL = ("\x1b", "\x9b", "\x07", "\x00", "\x7f")
INVISIBLE = ("\u202e", "\u2066", "\u200b", "\u2060", "\ufeff", "\U000e0041", "\u00ad")


@pytest.mark.parametrize("ch", ["\u200b", "\U000e0041", "\u2060", "\ufeff"])
def test_zero_width_and_tag_characters_are_refused_on_input(ch: str) -> None:
    with pytest.raises(InputError, match=f"invisible character \\(U\\+{ord(ch):04X}\\)"):
        clean_text(f"pricing{ch}Q4")


def test_emoji_sequences_and_markup_like_text_are_fine() -> None:
    family = "👩\u200d👩\u200d👧"
    assert check_text(f"team {family}") == f"team {family}"
    assert check_text("[Q4] pricing") == "[Q4] pricing"  # not markup: data
    assert check_text("[/]Ops") == "[/]Ops"


def test_safe_text_makes_store_text_harmless() -> None:
    hostile = "a\x1b]0;pwned\x07b\x1b[2Jc\u202ed\u200be\U000e0041f\x9b31m\ng"
    out = safe_text(hostile)
    assert not any(ch in out for ch in (*TERMINAL, *INVISIBLE, "\n"))
    assert out == "a\ufffd]0;pwned\ufffdb\ufffd[2Jc" + "def\ufffd31m g"
    assert safe_lines("one\ntwo\x1b") == "one\ntwo\ufffd"
    assert safe_text("plain ✓ été 日本") == "plain ✓ été 日本"  # the common case is untouched


@given(st.text(max_size=80))
def test_nothing_unsafe_survives_safe_text(text: str) -> None:
    out = safe_text(text)
    assert unsafe_at(out) is None
    assert not any(ch in out for ch in (*TERMINAL, *INVISIBLE))
    lines = safe_lines(text)
    assert unsafe_at(lines, multiline=True) is None
