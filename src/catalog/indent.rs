//! Indentation mistakes, found in the text before the YAML parser's reading of them.
//!
//! YAML nests by indentation, so a key moved two spaces left silently becomes a key of another
//! mapping (and the parser, or serde, then reports a "missing field" on the line above) or
//! breaks the parse with a message about block collections. A person moved a line; the error
//! should point at that line and say so. This pass follows the columns of block-mapping keys
//! line by line and reports a key whose column matches none of the mappings open around it.
//! It only reports what it is sure of: lines inside block scalars (`|`, `>`), flow
//! collections spanning lines, and anything that is not a plain `key:` line are skipped.

/// A key line whose column fits no open mapping: 1-based line and column, and the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Misindented {
    pub line: u64,
    pub column: u64,
    pub message: String,
    pub hint: String,
}

/// Every misindented key of `source`, in order.
pub(super) fn check(source: &str) -> Vec<Misindented> {
    let mut found = Vec::new();
    // Columns (0-based) of the keys of the block mappings open at this point, outermost first.
    let mut open: Vec<usize> = Vec::new();
    // The previous key line opened a nested block (`key:` with nothing after it).
    let mut opener = false;
    // Inside a block scalar or a multi-line flow collection: skip lines until this indent.
    let mut skip_deeper_than: Option<usize> = None;
    for (index, raw) in source.lines().enumerate() {
        let line = strip_comment(raw);
        if line.trim().is_empty() || line.starts_with("---") || line.starts_with("...") {
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(limit) = skip_deeper_than {
            if indent > limit {
                continue;
            }
            skip_deeper_than = None;
        }
        // `- - key: value`: each `- ` starts an item whose mapping (if any) is further right.
        let mut rest = &line[indent..];
        let mut items = 0;
        while let Some(after) = rest.strip_prefix("- ").or_else(|| (rest == "-").then_some("")) {
            rest = after.trim_start_matches(' ');
            items += 1;
        }
        let column = line.len() - rest.len();
        if items > 0 {
            // A new item closes the mappings right of its dash (the previous item's).
            open.retain(|&open_column| open_column <= indent);
        }
        let Some(value) = key_value(rest) else {
            // A scalar item, a flow collection or a continuation: no key to place.
            opener = false;
            if unbalanced(rest) {
                skip_deeper_than = Some(indent);
            }
            continue;
        };
        if items > 0 {
            open.push(column);
        } else {
            let mut closed = None;
            while open.last().is_some_and(|&last| last > column) {
                closed = open.pop();
            }
            match (open.last().copied(), closed) {
                (Some(last), _) if last == column => {}
                (None, _) => open.push(column),
                (Some(_), None) if opener => open.push(column),
                (Some(parent), Some(siblings)) => {
                    found.push(misindented(index, column, rest, Direction::Less { siblings, parent }));
                }
                (Some(siblings), None) => {
                    found.push(misindented(index, column, rest, Direction::More { siblings }));
                }
            }
        }
        let value = value.trim();
        opener = value.is_empty();
        if value.starts_with('|') || value.starts_with('>') || unbalanced(value) || unclosed_quote(value) {
            skip_deeper_than = Some(indent);
        }
    }
    found
}

enum Direction {
    /// Left of the keys it follows, right of their parent's.
    Less { siblings: usize, parent: usize },
    /// Right of the keys it follows, under a key that already has a value.
    More { siblings: usize },
}

fn misindented(index: usize, column: usize, rest: &str, direction: Direction) -> Misindented {
    let key = rest.split(':').next().unwrap_or(rest).trim();
    let (message, hint) = match direction {
        Direction::Less { siblings, parent } => (
            format!("this key is indented less than its siblings (column {})", siblings + 1),
            format!(
                "align `{key}` with the keys it belongs with (column {}) or with its parent's (column {}), using spaces",
                siblings + 1,
                parent + 1
            ),
        ),
        Direction::More { siblings } => (
            format!(
                "this key is indented more than its siblings (column {}), under a key that already has a value",
                siblings + 1
            ),
            format!("align `{key}` with its siblings (column {}), using spaces", siblings + 1),
        ),
    };
    Misindented {
        line: u64::try_from(index + 1).unwrap_or(u64::MAX),
        column: u64::try_from(column + 1).unwrap_or(u64::MAX),
        message,
        hint,
    }
}

/// The value after `key:` when `text` starts with a plain or quoted key followed by `:`.
fn key_value(text: &str) -> Option<&str> {
    if text.starts_with(['{', '[', '|', '>', '&', '*', '!', '%', '@', '`']) {
        return None;
    }
    let end = if let Some(quote @ ('"' | '\'')) = text.chars().next() {
        text[1..].find(quote)? + 2
    } else {
        text.find(": ").or_else(|| text.ends_with(':').then(|| text.len() - 1))?
    };
    let after = &text[end..];
    let value = after.strip_prefix(':')?;
    (value.is_empty() || value.starts_with(' ')).then_some(value)
}

/// The line without a trailing `# comment` (outside quotes), and without trailing spaces.
fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (position, character) in line.char_indices() {
        match (quote, character) {
            (None, '"' | '\'') => quote = Some(character),
            (Some(open), _) if character == open => quote = None,
            (None, '#') if previous == ' ' || previous == '\t' || position == 0 => {
                return line[..position].trim_end();
            }
            _ => {}
        }
        previous = character;
    }
    line.trim_end()
}

/// Whether a value starts a quoted scalar that goes on below.
fn unclosed_quote(value: &str) -> bool {
    match value.chars().next() {
        Some(quote @ ('"' | '\'')) => !value[1..].contains(quote),
        _ => false,
    }
}

/// Whether a value opens more `{`/`[` than it closes (a flow collection continued below).
fn unbalanced(value: &str) -> bool {
    let mut depth = 0_i64;
    let mut quote: Option<char> = None;
    for character in value.chars() {
        match (quote, character) {
            (None, '"' | '\'') => quote = Some(character),
            (Some(open), _) if character == open => quote = None,
            (None, '{' | '[') => depth += 1,
            (None, '}' | ']') => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

#[cfg(test)]
mod tests {
    use super::check;

    const GOOD: &str = "version: 1\nproducts:\n  - id: pro\n    name: Pro\n    prices:\n      - key: pro-m\n        amount: 29\n        currency: usd\n        recurring:\n          interval: month\n      - { key: b, amount: 1,\n          currency: usd }\n    description: |\n      text\n        more text: with colon\n    nickname: \"two\n      lines: here\"\n  - id: team\n    name: Team\n";

    #[test]
    fn a_well_indented_catalog_has_nothing_to_report() {
        assert_eq!(check(GOOD), Vec::new());
        assert_eq!(check(include_str!("../../catalog.example.yaml")), Vec::new());
    }

    #[test]
    fn a_key_moved_left_is_named_at_its_own_line() {
        let yaml = "version: 1\nproducts:\n  - id: pro\n    name: Pro\n    prices:\n      - key: pro-m\n        amount: 29\n      currency: usd\n";
        let found = check(yaml);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].line, found[0].column), (8, 7));
        assert_eq!(found[0].message, "this key is indented less than its siblings (column 9)");
        assert_eq!(
            found[0].hint,
            "align `currency` with the keys it belongs with (column 9) or with its parent's (column 5), using spaces"
        );
    }

    #[test]
    fn a_key_moved_right_is_named_at_its_own_line() {
        let yaml = "version: 1\nproducts:\n  - id: pro\n    name: Pro\n    prices:\n      - key: pro-m\n        amount: 29\n          currency: usd\n";
        let found = check(yaml);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].line, found[0].column), (8, 11));
        assert!(found[0].message.contains("indented more than its siblings (column 9)"), "{found:?}");
    }

    #[test]
    fn a_product_key_one_space_short_is_found() {
        let yaml = "version: 1\nproducts:\n  - id: pro\n    name: Pro\n   prices:\n      - key: pro-m\n";
        let found = check(yaml);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].line, found[0].column), (5, 4));
        assert_eq!(found[0].message, "this key is indented less than its siblings (column 5)");
    }
}
