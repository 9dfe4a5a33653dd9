//! Problems found in a catalog file, each pinned to a line and column, and their two
//! renderings: rustc-style text for people and JSON for editors and CI.

use std::fmt::Write as _;

use anstyle::Style;
use serde::Serialize;

use crate::escape::shown;
use crate::output::styles;
use crate::words::plural;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The catalog cannot be used.
    Error,
    /// The catalog works, but probably not as meant (e.g. a price below Stripe's minimum
    /// charge). `validate --deny-warnings` fails on these.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem at one place in the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The catalog file as the user named it.
    pub file: String,
    /// 1-based line (0 when the problem concerns the whole file).
    pub line: u64,
    /// 1-based column, in characters (0 when the problem concerns the whole file).
    pub column: u64,
    pub severity: Severity,
    /// Where in the document, e.g. `products[0].prices[1].amount` (empty for the whole file).
    pub path: String,
    /// What is wrong, one sentence without a trailing period.
    pub message: String,
    /// What would be valid instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The text of the offending line, shown under the message.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// How many characters the caret underlines (at least 1).
    #[serde(skip)]
    pub width: usize,
}

impl Diagnostic {
    /// Whether this is an error (rather than a warning).
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic as rustc does:
    ///
    /// ```text
    /// catalog.yaml:12:17: error: JPY takes whole amounts only (no minor unit): write `45` or `46`
    ///    |
    /// 12 |         amount: 45.5
    ///    |                 ^^^^
    ///    = hint: ...
    /// ```
    ///
    /// `paint` styles a piece of text (pass a no-op for plain output).
    #[must_use]
    pub fn render(&self, paint: &dyn Fn(Style, &str) -> String) -> String {
        let label_style = match self.severity {
            Severity::Error => styles::ERROR,
            Severity::Warning => styles::WARNING,
        };
        let location =
            if self.line == 0 { self.file.clone() } else { format!("{}:{}:{}", self.file, self.line, self.column) };
        // Messages quote the file's text, which may hold control characters: escaped, like
        // every value shown to people (the JSON report keeps them as they are).
        let mut out = format!(
            "{}: {}: {}",
            paint(styles::BOLD, &shown(&location)),
            paint(label_style, self.severity.label()),
            paint(styles::BOLD, &shown(&self.message))
        );
        let gutter_width = self.line.to_string().len();
        let blank_gutter = " ".repeat(gutter_width);
        let bar = paint(styles::HINT, "|");
        if let Some(source_line) = self.source_line.as_deref().filter(|_| self.line > 0) {
            let column = usize::try_from(self.column.max(1)).unwrap_or(usize::MAX);
            let (cropped, offset) = crop(&source_line.replace('\t', " "), column - 1);
            let room = cropped.chars().count().saturating_sub(offset).max(1);
            let width = self.width.clamp(1, room);
            // Escaping widens a character to its escape: the caret follows.
            let widths: Vec<usize> =
                cropped.chars().map(|c| shown(c.encode_utf8(&mut [0; 4])).chars().count()).collect();
            let indent = " ".repeat(widths.iter().take(offset).sum());
            let width: usize = widths.iter().skip(offset).take(width).sum();
            let shown = shown(&cropped);
            let carets = paint(label_style, &"^".repeat(width.max(1)));
            let line_number = paint(styles::HINT, &self.line.to_string());
            let _ = write!(
                out,
                "\n{blank_gutter} {bar}\n{line_number} {bar} {shown}\n{blank_gutter} {bar} {indent}{carets}"
            );
        }
        if let Some(hint) = &self.hint {
            let _ = write!(out, "\n{blank_gutter} = {}: {}", paint(styles::HINT, "hint"), shown(hint));
        }
        out
    }
}

/// How much of a long source line is shown around the column.
const SHOWN_CHARS: usize = 100;

/// The part of `line` to show so that the character at `index` is visible, and that
/// character's offset in it. Long lines (minified YAML, a wrong `-f`) are cut with `…`.
fn crop(line: &str, index: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let index = index.min(chars.len());
    if chars.len() <= SHOWN_CHARS {
        return (line.to_string(), index);
    }
    let start = index.saturating_sub(SHOWN_CHARS / 2);
    let end = (start + SHOWN_CHARS).min(chars.len());
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, index - start + usize::from(start > 0))
}

/// Longest quoted value a message repeats in full.
const QUOTED_CHARS: usize = 60;

/// Shortens every `` `quoted` `` value in a message to an excerpt: messages quote what the
/// user wrote, and a 10 MB value must not come back as a 10 MB error. The excerpt keeps the
/// start and the end, and says how long the value was.
#[must_use]
pub fn excerpt_quotes(message: &str) -> String {
    let segments: Vec<&str> = message.split('`').collect();
    let mut out = String::with_capacity(message.len().min(1024));
    let mut after_quote = String::new();
    for (index, segment) in segments.iter().enumerate() {
        if index > 0 {
            out.push('`');
            out.push_str(&std::mem::take(&mut after_quote));
        }
        let length = segment.chars().count();
        if index % 2 == 1 && length > QUOTED_CHARS {
            out.extend(segment.chars().take(QUOTED_CHARS - 20));
            out.push('…');
            out.extend(segment.chars().skip(length - 10));
            after_quote = format!(" ({length} characters)");
        } else {
            out.push_str(segment);
        }
    }
    out.push_str(&after_quote);
    out
}

/// Sorts by position (errors before warnings at the same place) and drops exact repeats.
pub fn sort_and_dedup(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (a.line, a.column, a.severity, &a.path, &a.message).cmp(&(b.line, b.column, b.severity, &b.path, &b.message))
    });
    diagnostics.dedup();
}

/// `1 error`, `2 errors`, `1 error, 1 warning`: the counts in a one-line summary.
#[must_use]
pub fn count_summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|diagnostic| diagnostic.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(plural(errors, "error", "errors"));
    }
    if warnings > 0 {
        parts.push(plural(warnings, "warning", "warnings"));
    }
    parts.join(", ")
}

/// How wide a caret to draw under the value that starts at `column` (1-based) on `line`: up
/// to the end of the scalar (`,`, `}`, `]`, a comment or a key's `: ` ends it).
#[must_use]
pub fn token_width(line: &str, column: u64) -> usize {
    let start = usize::try_from(column.max(1) - 1).unwrap_or(usize::MAX);
    let rest: String = line.chars().skip(start).collect();
    if rest.starts_with(['{', '[']) {
        return 1;
    }
    let mut width = 0;
    let mut quote = None;
    for (index, ch) in rest.chars().enumerate() {
        match quote {
            Some(open) if ch == open => return index + 1,
            Some(_) => {}
            None if index == 0 && (ch == '"' || ch == '\'') => quote = Some(ch),
            None if matches!(ch, ',' | '}' | ']' | '#') => break,
            None if ch == ':' && rest.chars().nth(index + 1).is_none_or(char::is_whitespace) => break,
            None => {}
        }
        width = index + 1;
    }
    let token: String = rest.chars().take(width).collect();
    token.trim_end().chars().count().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(_: Style, text: &str) -> String {
        text.to_string()
    }

    fn diagnostic(line_text: &str, column: u64, width: usize) -> Diagnostic {
        Diagnostic {
            file: "catalog.yaml".into(),
            line: 7,
            column,
            severity: Severity::Error,
            path: "products[0].prices[0].amount".into(),
            message: "JPY takes whole amounts only (no minor unit): write `45`".into(),
            hint: Some("amounts are whole numbers".into()),
            source_line: Some(line_text.into()),
            width,
        }
    }

    #[test]
    fn long_quoted_values_become_excerpts() {
        let value = format!("ab{}yz", "x".repeat(10_000));
        let message = format!("`{value}` is not a currency Stripe supports (use `usd`)");
        let shown = excerpt_quotes(&message);
        assert_eq!(
            shown,
            format!(
                "`ab{}…xxxxxxxxyz` (10004 characters) is not a currency Stripe supports (use `usd`)",
                "x".repeat(38)
            )
        );
        assert_eq!(excerpt_quotes("write `45` or `46`"), "write `45` or `46`", "short quotes stay whole");
        let unclosed = excerpt_quotes(&format!("bad `{}", "y".repeat(100)));
        assert!(unclosed.ends_with("yyyyyyyyyy (100 characters)"), "{unclosed}");
    }

    #[test]
    fn renders_like_rustc() {
        let line = "        amount: 45.5   # yen";
        let rendered = diagnostic(line, 17, token_width(line, 17)).render(&plain);
        assert_eq!(
            rendered,
            "catalog.yaml:7:17: error: JPY takes whole amounts only (no minor unit): write `45`\n  |\n7 |         amount: 45.5   # yen\n  |                 ^^^^\n  = hint: amounts are whole numbers"
        );
    }

    /// Issue #16 item 2: a control character in the file or in a quoted value is shown as an
    /// escape, and the carets still point at the value.
    #[test]
    fn control_characters_are_escaped_and_carets_follow() {
        let line = "  name: \u{1b}[2Jx";
        let mut found = diagnostic(line, 9, 5);
        found.message = "`\u{1b}[2Jx` is not allowed".into();
        let rendered = found.render(&plain);
        assert!(!rendered.contains('\u{1b}'), "{rendered}");
        assert_eq!(
            rendered,
            "catalog.yaml:7:9: error: `\\u{1b}[2Jx` is not allowed\n  |\n7 |   name: \\u{1b}[2Jx\n  |         ^^^^^^^^^^\n  = hint: amounts are whole numbers"
        );
    }

    #[test]
    fn whole_file_problems_have_no_position_or_snippet() {
        let mut whole = diagnostic("", 0, 1);
        whole.line = 0;
        whole.source_line = None;
        whole.message = "the catalog is empty".into();
        assert_eq!(
            whole.render(&plain),
            "catalog.yaml: error: the catalog is empty\n  = hint: amounts are whole numbers"
        );
    }

    #[test]
    fn carets_cover_the_value_only() {
        assert_eq!(token_width("        amount: 45.5   # yen", 17), 4);
        assert_eq!(token_width("  tiers: [{ up_to: 10 }]", 10), 1);
        assert_eq!(token_width("  - { up_to: 10, amount: 1 }", 14), 2);
        assert_eq!(token_width("  name: \"Pro, the plan\" # x", 9), 15);
        assert_eq!(token_width("      - key: pro", 9), 3);
        assert_eq!(token_width("  url: https://example.com/x", 8), 21);
        assert_eq!(token_width("", 5), 1);
    }

    #[test]
    fn long_lines_are_cropped_around_the_column() {
        let line = format!("{}BAD{}", "a".repeat(300), "b".repeat(300));
        let rendered = diagnostic(&line, 301, 3).render(&plain);
        let lines: Vec<&str> = rendered.lines().collect();
        let source = lines[2].trim_start_matches("7 | ");
        let carets = lines[3].trim_start_matches("  | ");
        assert!(source.starts_with('…') && source.ends_with('…'), "{source}");
        let caret_at = carets.find('^').unwrap_or(usize::MAX);
        let chars: Vec<char> = source.chars().collect();
        assert_eq!(chars[caret_at..caret_at + 3].iter().collect::<String>(), "BAD");
        assert!(source.chars().count() <= SHOWN_CHARS + 2);
    }

    #[test]
    fn summaries_count_errors_and_warnings() {
        let error = diagnostic("", 1, 1);
        let mut warning = error.clone();
        warning.severity = Severity::Warning;
        assert_eq!(count_summary(std::slice::from_ref(&error)), "1 error");
        assert_eq!(count_summary(&[error.clone(), error.clone(), warning.clone()]), "2 errors, 1 warning");
        assert_eq!(count_summary(&[warning]), "1 warning");
    }
}
