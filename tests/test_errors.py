"""Coded messages: each code written once (as the attribute name), every message formattable."""

from __future__ import annotations

import re
import string
from pathlib import Path

import eventscope
from eventscope.errors import Errors

SRC = Path(eventscope.__file__).resolve().parent
CODE = re.compile(r"^[EW]\d{3}$")


def test_the_code_is_put_in_front_of_the_message_when_it_is_read():
    codes = dict(Errors.codes())
    assert len(codes) > 40
    for code, message in codes.items():
        assert CODE.match(code)
        assert getattr(Errors, code) == f"{code} {message}"


def test_no_message_carries_a_code_of_its_own():
    # A message written with its code ("E019 E019 ...") would print the code twice.
    for code, message in Errors.codes():
        assert not re.match(r"\[?[EW]\d{3}\b", message), code


def test_every_message_formats_with_its_named_fields():
    for code, message in Errors.codes():
        fields = {name for _, name, _, _ in string.Formatter().parse(message) if name}
        assert all(f.isidentifier() for f in fields), code
        # ":," and "!r" specs must work on ordinary values
        text = getattr(Errors, code).format(**{f: 1234 for f in fields})
        assert text.startswith(code + " ") and "{" not in text


def test_the_library_writes_no_code_by_hand_and_uses_only_codes_that_exist():
    known = {code for code, _ in Errors.codes()}
    hand_written = []
    for path in SRC.rglob("*.py"):
        if path.name == "errors.py":
            continue
        text = path.read_text(encoding="utf-8")
        hand_written += [f"{path.relative_to(SRC)}: {m.group(0)}" for m in re.finditer(r"[\"'][EW]\d{3} ", text)]
        for used in re.findall(r"Errors\.([EW]\d{3})", text):
            assert used in known, f"{path.relative_to(SRC)} uses {used}, which errors.py does not define"
    assert hand_written == []
