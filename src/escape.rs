//! Text from outside (catalog values, names and emails coming back from Stripe) made safe to
//! print.
//!
//! A terminal obeys what it is sent: `ESC]52` writes the clipboard, `ESC]8` hides a link
//! behind harmless text, `ESC[2J` clears the screen, a `\r` or a newline inside a product
//! description can forge plan lines (`+ product "fake" will be created`), and U+202E turns
//! text around. Every value interpolated into output meant for people goes through
//! [`shown`], whatever the colour setting and whether or not the stream is a terminal: a piped
//! plan is read by people too (in CI logs, in pull requests). JSON output needs none of this
//! (its encoder escapes control characters), and CSV cells go through [`csv_cell`].

use std::borrow::Cow;
use std::fmt;

/// `text` with every control character (C0, DEL, C1), bidirectional override or isolate, and
/// line or paragraph separator written as a visible escape: `\n`, `\r`, `\t`, or `\u{1b}`.
/// Printable text, accents and emoji pass unchanged; the common case allocates nothing.
#[must_use]
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for character in text.chars() {
        match character {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ if needs_escape(character) => {
                use fmt::Write as _;
                let _ = write!(out, "\\u{{{:x}}}", u32::from(character));
            }
            _ => out.push(character),
        }
    }
    Cow::Owned(out)
}

/// Like [`shown`], but line breaks are kept: for a message of several lines whose values were
/// escaped where it was built (a Stripe error's detail lines). Everything else that could
/// drive a terminal, `\r` included, is still escaped.
#[must_use]
pub fn shown_lines(text: &str) -> Cow<'_, str> {
    if !text.contains('\n') {
        return shown(text);
    }
    Cow::Owned(text.split('\n').map(|line| shown(line)).collect::<Vec<_>>().join("\n"))
}

/// A value for `format!`: `format!("name {}", Shown(&name))` escapes as [`shown`] does.
#[derive(Clone, Copy, Debug)]
pub struct Shown<'a>(pub &'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&shown(self.0))
    }
}

/// Whether a character must not reach a terminal as itself.
fn needs_escape(character: char) -> bool {
    character.is_control()
        || matches!(
            character,
            // Bidirectional embeddings, overrides and isolates, and the implicit marks
            // (Unicode TR9; "Trojan Source", CVE-2021-42574).
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
            // Line and paragraph separators start a new line on some terminals.
            | '\u{2028}' | '\u{2029}'
        )
}

/// A CSV cell that a spreadsheet will not run as a formula: a value starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP, "CSV Injection"). The CSV
/// writer still quotes what needs quoting; this only defuses what a spreadsheet would execute.
#[must_use]
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::{csv_cell, shown};

    #[test]
    fn plain_text_passes_unchanged_and_unallocated() {
        for text in ["Pro Plan", "Café crème ☕", "日本語", "$29.00 → $35.00", ""] {
            assert!(matches!(shown(text), std::borrow::Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn terminal_controls_become_visible_escapes() {
        assert_eq!(shown("a\u{1b}]52;c;ZXZpbA==\u{7}b"), "a\\u{1b}]52;c;ZXZpbA==\\u{7}b");
        assert_eq!(shown("\u{1b}]8;;https://evil\u{1b}\\click"), "\\u{1b}]8;;https://evil\\u{1b}\\click");
        assert_eq!(shown("\u{1b}[2J"), "\\u{1b}[2J");
        assert_eq!(shown("x\n  + product \"fake\" will be created\r"), "x\\n  + product \"fake\" will be created\\r");
        assert_eq!(shown("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(shown("c1\u{9b}31m"), "c1\\u{9b}31m");
        assert_eq!(shown("del\u{7f}"), "del\\u{7f}");
        assert_eq!(shown("tab\there"), "tab\\there");
        assert_eq!(shown("iso\u{2066}late"), "iso\\u{2066}late");
    }

    #[test]
    fn line_breaks_survive_only_in_shown_lines() {
        use super::shown_lines;
        assert_eq!(shown_lines("a\n  b\u{1b}[2J\r"), "a\n  b\\u{1b}[2J\\r");
        assert_eq!(shown_lines("one line\u{7}"), "one line\\u{7}");
    }

    #[test]
    fn csv_formulas_are_defused() {
        assert_eq!(csv_cell("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-2+3"), "'-2+3");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("\rx"), "'\rx");
        assert_eq!(csv_cell("jane@example.com"), "jane@example.com");
        assert_eq!(csv_cell("29.00"), "29.00");
    }
}
