//! Text for a terminal (used by `output`, and by the errors that echo what
//! they were given): strings that came from outside (stored names and
//! tags, imported certificates' subjects, echoed arguments) are shown with
//! their control characters escaped, so that none can forge a row of a
//! table or act on the terminal. JSON output needs none of this: its
//! encoder escapes them.

use std::borrow::Cow;

/// Characters shown escaped: control characters, and the invisible ones
/// that reorder what follows them on screen.
fn shown_escaped(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// `s` with every control character written as an escape (`\n`, `\t`,
/// `\r`, `\\u{1b}`, …). Strings without one, nearly all, are not copied.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(shown_escaped) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if shown_escaped(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `escape` for text of several lines: its line breaks are kept.
pub fn escape_lines(s: &str) -> String {
    s.split('\n').map(|line| escape(line)).collect::<Vec<_>>().join("\n")
}

/// How many columns `escape(s)` takes (one per character).
pub fn width(s: &str) -> usize {
    if s.is_ascii() && !s.bytes().any(|b| b < 0x20 || b == 0x7f) {
        return s.len();
    }
    escape(s).chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_plain_text_is_not_copied() {
        assert!(matches!(escape("www.example.com"), Cow::Borrowed(_)));
        assert_eq!(escape("a\nb\tc\rd"), "a\\nb\\tc\\rd");
        assert_eq!(escape("\u{1b}[31mred"), "\\u{1b}[31mred");
        assert_eq!(escape("x\u{7f}\u{9b}y"), "x\\u{7f}\\u{9b}y");
        assert_eq!(escape("abc\u{202E}fed"), "abc\\u{202e}fed");
        assert_eq!(escape("café ✓"), "café ✓");
        assert_eq!(escape_lines("error: 'a\u{1b}b'\n\nUsage: x\n"), "error: 'a\\u{1b}b'\n\nUsage: x\n");
        for s in ["plain", "a\nb", "\u{1b}[2J", "ünï"] {
            assert_eq!(width(s), escape(s).chars().count(), "{s:?}");
        }
    }
}
