//! What the commands that list Stripe objects page by (`payments list`, `checkout link list`):
//! how many rows to return, and the page size that costs.

/// Rows a list shows unless `--limit` or `--all` says otherwise.
pub const DEFAULT_ROW_LIMIT: usize = 25;

/// How many rows a list returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowLimit {
    First(usize),
    All,
}

impl RowLimit {
    /// The page size to ask Stripe for: no more than needed, at most Stripe's 100. When rows
    /// are filtered here, a full page, because the next match may be far down.
    #[must_use]
    pub fn page_size(self, filtered_here: bool) -> u8 {
        match self {
            RowLimit::First(rows) if !filtered_here => u8::try_from(rows.clamp(1, 100)).unwrap_or(100),
            _ => 100,
        }
    }

    /// Whether `rows` rows are enough.
    #[must_use]
    pub fn is_reached(self, rows: usize) -> bool {
        matches!(self, RowLimit::First(limit) if rows >= limit)
    }
}

#[cfg(test)]
mod tests {
    use super::RowLimit;

    #[test]
    fn page_size_asks_for_what_is_needed() {
        assert_eq!(RowLimit::First(30).page_size(false), 30);
        assert_eq!(RowLimit::First(30).page_size(true), 100);
        assert_eq!(RowLimit::First(500).page_size(false), 100);
        assert_eq!(RowLimit::First(0).page_size(false), 1);
        assert_eq!(RowLimit::All.page_size(false), 100);
        assert!(RowLimit::First(2).is_reached(2));
        assert!(!RowLimit::All.is_reached(usize::MAX));
    }
}
