//! What the commands that list Stripe objects page by (`payments list`, `checkout link list`):
//! how many rows to return, and the page size that costs.

use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Row, Table, presets};

/// How a column of a listing table behaves when the terminal is narrow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// Ids, dates: always shown, never wrapped or cut (a split id cannot be copied).
    Whole,
    /// Like `Whole`, right-aligned: amounts.
    Amount,
    /// Shown whole, or left out when the table cannot fit with it (lowest rank first), with a
    /// note saying so: an email cut in two is worse than one not shown.
    Optional(u8),
    /// Free text (descriptions, metadata): shrinks first, cut with `…` to keep one line, left
    /// out when fewer than a few characters would remain.
    FreeText,
}

/// Columns' padding and separator in the preset used below.
const COLUMN_OVERHEAD: usize = 3;
/// Narrowest a free-text column is worth showing.
const MIN_FREE_TEXT: usize = 12;

/// A table of one line per row that fits `width` columns (or the terminal's, when stdout is
/// one and `width` is `None`; unbounded otherwise). `Whole` columns keep their content width;
/// `Optional` ones are left out, lowest rank first, when they would not fit; free-text columns
/// take what is left, cut rather than wrapped. Cells are shown as given (escape them first).
/// Returns the table and, when columns were left out, a note naming them.
#[must_use]
pub fn table(header: &[(&str, Column)], rows: Vec<Vec<String>>, width: Option<u16>) -> (String, Option<String>) {
    let mut probe = Table::new();
    if let Some(width) = width {
        probe.set_width(width);
    }
    let available = probe.width().map(usize::from);
    let content: Vec<usize> = (0..header.len())
        .map(|index| {
            rows.iter()
                .filter_map(|row| row.get(index))
                .map(|cell| cell.chars().count())
                .chain(std::iter::once(header[index].0.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut shown: Vec<bool> = vec![true; header.len()];
    if let Some(available) = available {
        let needed = |shown: &[bool]| -> usize {
            header
                .iter()
                .zip(&content)
                .zip(shown)
                .filter(|(_, shown)| **shown)
                .map(|(((_, column), width), _)| match column {
                    Column::FreeText => MIN_FREE_TEXT.min(*width) + COLUMN_OVERHEAD,
                    _ => width + COLUMN_OVERHEAD,
                })
                .sum()
        };
        // Free text goes first, then optional columns from the lowest rank.
        let mut order: Vec<(usize, u8)> = header
            .iter()
            .enumerate()
            .filter_map(|(index, (_, column))| match column {
                Column::FreeText => Some((index, 0)),
                Column::Optional(rank) => Some((index, rank.saturating_add(1))),
                Column::Whole | Column::Amount => None,
            })
            .collect();
        order.sort_by_key(|(index, rank)| (*rank, std::cmp::Reverse(*index)));
        for (index, _) in order {
            if needed(&shown) <= available {
                break;
            }
            shown[index] = false;
        }
    }
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_HORIZONTAL_ONLY)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_truncation_indicator("…")
        .set_header(header.iter().zip(&shown).filter(|(_, shown)| **shown).map(|((name, _), _)| *name));
    if let Some(width) = width {
        table.set_width(width);
    }
    for cells in rows {
        let mut row = Row::from(cells.into_iter().zip(&shown).filter(|(_, shown)| **shown).map(|(cell, _)| cell));
        row.max_height(1);
        table.add_row(row);
    }
    for (index, (_, column)) in
        header.iter().zip(&shown).filter(|(_, shown)| **shown).map(|(column, _)| column).enumerate()
    {
        let Some(target) = table.column_mut(index) else { continue };
        match column {
            Column::Whole | Column::Optional(_) => {
                target.set_constraint(ColumnConstraint::ContentWidth);
            }
            Column::Amount => {
                target.set_constraint(ColumnConstraint::ContentWidth).set_cell_alignment(CellAlignment::Right);
            }
            Column::FreeText => {}
        }
    }
    let hidden: Vec<&str> =
        header.iter().zip(&shown).filter(|(_, shown)| !**shown).map(|((name, _), _)| *name).collect();
    let note = (!hidden.is_empty()).then(|| {
        format!(
            "(not shown at {} columns: {}; `--format csv` has all)",
            available.unwrap_or_default(),
            hidden.join(", ")
        )
    });
    (table.to_string(), note)
}

/// One page of a Stripe list, as the project's rows, and the cursor for the next page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page<T> {
    pub rows: Vec<T>,
    /// `starting_after` for the next page, when Stripe has one.
    pub next: Option<String>,
}

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
