//! Problems found in a catalog file, each pinned to a line and column, and their two
//! renderings: rustc-style text for people and JSON for editors and CI.

use std::fmt::Write as _;

use anstyle::Style;
use serde::Serialize;

use crate::output::styles;

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
    /// catalog.yaml:12:17: error: JPY takes whole amounts only (no minor unit): write `45`
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
        let mut out = format!(
            "{}: {}: {}",
            paint(styles::BOLD, &location),
            paint(label_style, self.severity.label()),
            paint(styles::BOLD, &self.message)
        );
        let gutter_width = self.line.to_string().len();
        let blank_gutter = " ".repeat(gutter_width);
        let bar = paint(styles::HINT, "|");
        if let Some(source_line) = self.source_line.as_deref().filter(|_| self.line > 0) {
            let shown = source_line.replace('\t', " ");
            let column = usize::try_from(self.column.max(1)).unwrap_or(usize::MAX);
            let indent = " ".repeat(column.saturating_sub(1).min(shown.chars().count()));
            let carets = paint(label_style, &"^".repeat(self.width.max(1)));
            let line_number = paint(styles::HINT, &self.line.to_string());
            let _ = write!(
                out,
                "\n{blank_gutter} {bar}\n{line_number} {bar} {shown}\n{blank_gutter} {bar} {indent}{carets}"
            );
        }
        if let Some(hint) = &self.hint {
            let _ = write!(out, "\n{blank_gutter} = {}: {hint}", paint(styles::HINT, "hint"));
        }
        out
    }
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

/// `1 price`, `7 prices`.
#[must_use]
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
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
