"""Make untrusted text safe to show in a terminal.

Catalog text, notes and search queries can hold escape sequences (ANSI CSI, OSC such as
OSC 52 clipboard writes), C0/C1 control characters and bidirectional overrides. These are
removed before any text reaches the model, the screen, the clipboard or a report.
"""

from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC
# (ESC P/X/^/_ ... ST), and two-character escapes (ESC + one byte).
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]?            # CSI
  | \x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?   # OSC, DCS, SOS, PM, APC
  | \x9b[0-?]*[ -/]*[@-~]?              # 8-bit CSI
  | [\x9d\x90\x98\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?  # 8-bit OSC/DCS/...
  | \x1b.?                              # any other escape
    """,
    re.VERBOSE | re.DOTALL,
)
# Remaining control characters (C0 but tab/newline, DEL, C1) and bidi/zero-width overrides.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[ \t]+")


def clean_text(value: str, multiline: bool = False) -> str:
    """Strip escapes and control characters; fold to one line unless ``multiline``."""
    if not value:
        return ""
    text = _ESCAPES.sub("", value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    if multiline:
        lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
        # keep paragraph breaks, drop runs of blank lines
        out: list[str] = []
        for line in lines:
            if line or (out and out[-1]):
                out.append(line)
        return "\n".join(out).strip()
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def is_clean(value: str) -> bool:
    return clean_text(value, multiline=True) == value
