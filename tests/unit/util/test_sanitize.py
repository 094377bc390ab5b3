from explorer.core.util.sanitize import clean_text, is_clean


def test_escape_sequences_and_controls_are_removed():
    assert clean_text("a\x1b[31mred\x1b[0m b") == "ared b"
    assert clean_text("x\x1b]52;c;ZXZpbA==\x07y") == "xy"  # OSC 52 clipboard write
    assert clean_text("x\x1b]8;;http://e\x1b\\link\x1b]8;;\x1b\\y") == "xlinky"  # OSC 8
    assert clean_text("a\x00b\x08c\x7fd\x85e") == "abcde"
    assert clean_text("x\x9b31my") == "xy"  # 8-bit CSI
    assert clean_text("left\u202eright") == "leftright"


def test_markup_like_text_is_kept_literally():
    for text in ("[b]bold[/b]", "[@click=app.quit]x[/]", "[link=javascript:x]", "unclosed ["):
        assert clean_text(text) == text


def test_lines_fold_unless_multiline():
    assert clean_text("a\r\nb\n\n\nc") == "a b c"
    assert clean_text("a\r\nb\n\n\nc", multiline=True) == "a\nb\n\nc"
    assert clean_text("  tabs\tand   spaces ") == "tabs and spaces"
    assert is_clean("plain") and not is_clean("x\x1b[1m")
