//! Writing YAML scalars by hand, so the imported catalog reads back exactly: a string is plain
//! when no YAML reader could take it for anything else, and double-quoted with escapes
//! otherwise. Amounts are not strings here: they are written as bare decimals (`29.00`) and
//! the catalog reads them as text, so the exact digits survive.

use std::borrow::Cow;

/// `text` as a YAML scalar that reads back as exactly `text` in block context (the only
/// context user text is written in: flow mappings hold only numbers and keywords).
#[must_use]
pub fn scalar(text: &str) -> Cow<'_, str> {
    if is_plain_safe(text) { Cow::Borrowed(text) } else { Cow::Owned(double_quoted(text)) }
}

/// Whether `text` can be written without quotes. Deliberately stricter than YAML requires:
/// quoting a string that did not need it costs two characters, the other mistake costs data.
fn is_plain_safe(text: &str) -> bool {
    let (Some(first), Some(last)) = (text.chars().next(), text.chars().last()) else { return false };
    if first.is_whitespace() || last.is_whitespace() || last == ':' {
        return false;
    }
    // YAML indicators at the start, and the dot that starts `.inf`/`.5`.
    if "-?:,[]{}#&*!|>'\"%@`.<=~".contains(first) {
        return false;
    }
    if text.contains(": ") || text.contains(" #") {
        return false;
    }
    // Escapes, and anything a reader may fold or refuse.
    if text.chars().any(|ch| matches!(ch, '"' | '\\' | '\t') || needs_escape(ch)) {
        return false;
    }
    !looks_like_another_type(text)
}

/// Words and numbers some YAML reader (1.1 or 1.2) would not read as a string.
fn looks_like_another_type(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let word =
        matches!(lower.as_str(), "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "inf" | "nan");
    let numeric_start = text.chars().next().is_some_and(|ch| ch.is_ascii_digit() || ch == '+');
    word || numeric_start
}

/// Characters written as escapes inside double quotes: controls (including NEL), the Unicode
/// line and paragraph separators a reader may fold, the byte-order mark, and non-characters
/// YAML does not allow in a stream.
fn needs_escape(ch: char) -> bool {
    // Bidirectional overrides and isolates too: in a reviewed diff they reorder what a
    // reviewer reads ("Trojan Source", CVE-2021-42574).
    ch.is_control()
        || matches!(
            ch,
            '\u{2028}'
                | '\u{2029}'
                | '\u{feff}'
                | '\u{fffe}'
                | '\u{ffff}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{061c}'
        )
}

fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            ch if needs_escape(ch) => out.push_str(&format!("\\u{:04X}", u32::from(ch))),
            ch => out.push(ch),
        }
    }
    out.push('"');
    out
}

/// Text for a `#` comment: one line, controls replaced, so nothing in it can end the comment.
#[must_use]
pub fn comment(text: &str) -> String {
    text.chars().map(|ch| if needs_escape(ch) { ' ' } else { ch }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_where_unambiguous() {
        for text in [
            "pro",
            "Pro Plan",
            "a, b [c] {d}",
            "https://example.com/a?b=c#d",
            "seat",
            "Café ☕",
            "a:b",
            "a#b",
            "txcd_10103001",
        ] {
            assert_eq!(scalar(text), text, "{text}");
        }
    }

    #[test]
    fn quoted_where_a_reader_could_misread() {
        let cases = [
            ("", r#""""#),
            ("yes", r#""yes""#),
            ("No", r#""No""#),
            ("null", r#""null""#),
            ("~", r#""~""#),
            ("123", r#""123""#),
            ("1e3", r#""1e3""#),
            (".5", r#"".5""#),
            ("-1", r#""-1""#),
            ("key: value", r#""key: value""#),
            ("a #comment", r#""a #comment""#),
            ("ends:", r#""ends:""#),
            ("  leading", r#""  leading""#),
            ("trailing ", r#""trailing ""#),
            ("- item", r#""- item""#),
            ("'single'", r#""'single'""#),
            ("say \"hi\"", r#""say \"hi\"""#),
            ("back\\slash", r#""back\\slash""#),
            ("two\nlines", r#""two\nlines""#),
            ("tab\there", r#""tab\there""#),
            ("nel\u{85}x", r#""nel\u0085x""#),
            ("abc\u{202e}fed", r#""abc\u202Efed""#),
            ("line\u{2028}sep", r#""line\u2028sep""#),
            ("{x}", r#""{x}""#),
            ("&anchor", r#""&anchor""#),
            ("*alias", r#""*alias""#),
            ("!tag", r#""!tag""#),
            ("<<", r#""<<""#),
        ];
        for (text, written) in cases {
            assert_eq!(scalar(text), written, "{text:?}");
        }
    }

    #[test]
    fn comments_stay_on_one_line() {
        assert_eq!(comment("a\nb\rc\u{2028}d"), "a b c d");
    }
}
