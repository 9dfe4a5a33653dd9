//! Words for counts in messages: `1 price`, `7 prices`.

/// `count` followed by `one` or `many` as the count asks: `1 price`, `0 prices`, `7 prices`.
#[must_use]
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::plural;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(plural(1, "price", "prices"), "1 price");
        assert_eq!(plural(0, "price", "prices"), "0 prices");
        assert_eq!(plural(7, "archived price", "archived prices"), "7 archived prices");
    }
}
