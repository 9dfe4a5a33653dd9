//! `plan --format markdown`: the plan as a pull-request comment body (issue #15). A one-line
//! summary with counts, a table of the objects changed (symbol, object, what changes in money
//! form), the subscriber impact, the policy results, then the full text plan folded in a
//! `<details>` block. No colour codes; blocks keep the plan's order, so the same plan gives
//! the same comment.
//!
//! Text from the catalog or Stripe is escaped for Markdown and HTML ([`inline`]), so a product
//! named `a | b`, `<script>` or `` `x` `` can neither break the table nor inject markup. The
//! body fits [`GITHUB_COMMENT_LIMIT`]; a larger plan is cut, with a note: the folded text plan
//! first, then table rows from the end (`… N more actions`).

use crate::escape::shown;
use crate::output::Printer;
use crate::settings::OutputFormat;

use super::super::blocks::{Block, blocks};
use super::super::{Change, Plan};
use super::{field_line, impact_lines, migration};

/// GitHub refuses a comment body over 65,536 characters ("Body is too long (maximum is 65536
/// characters)", the REST API's 422 for an issue comment:
/// https://github.com/telia-oss/github-pr-resource/issues/259; the limit as measured in
/// https://github.com/dead-claudia/github-limits/pull/13). Counted in characters (Unicode
/// scalar values), which also keeps the body under the 262,144 bytes measured there.
pub const GITHUB_COMMENT_LIMIT: usize = 65_536;

/// The plan as a Markdown comment of at most `limit` characters (see the module docs).
#[must_use]
pub fn markdown(plan: &Plan, limit: usize) -> String {
    let blocks = blocks(plan);
    let text = super::text(plan, &Printer::captured(OutputFormat::Text));
    let lines: Vec<&str> = text.lines().collect();
    let all_rows = blocks.len();
    // Counting the blocks again is quadratic in the plan's size: the summary is made once.
    let head = summary(plan, &blocks);
    let assemble = |rows: usize, kept: Option<usize>| assemble(plan, &head, &blocks, rows, kept, &lines);
    let full = assemble(all_rows, Some(lines.len()));
    if chars(&full) <= limit {
        return full;
    }
    // The most lines of the folded plan that fit with every row; then, without it, the most
    // rows. Both lengths grow with what is kept, so a binary search finds the largest.
    let fits = |rows: usize, kept: Option<usize>| chars(&assemble(rows, kept)) <= limit;
    if fits(all_rows, Some(0)) {
        let kept = largest(lines.len(), |kept| fits(all_rows, Some(kept)));
        return assemble(all_rows, Some(kept));
    }
    let rows = largest(all_rows, |rows| fits(rows, None));
    assemble(rows, None)
}

/// The largest `n` in `0..=max` for which `ok(n)` holds, `ok` being monotone (true up to some
/// point); 0 when none does.
fn largest(max: usize, ok: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (0, max);
    while low < high {
        let middle = low + (high - low).div_ceil(2);
        if ok(middle) { low = middle } else { high = middle - 1 }
    }
    low
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

/// The comment with the first `rows` table rows (and as many impact and policy items), and
/// the first `kept` lines of the text plan folded (`None`: the folded plan left out).
fn assemble(plan: &Plan, head: &str, blocks: &[Block<'_>], rows: usize, kept: Option<usize>, lines: &[&str]) -> String {
    let mut out = Vec::new();
    out.push(head.to_string());
    out.push(String::new());
    let cut = rows < blocks.len() || kept.is_none_or(|kept| kept < lines.len());
    if cut {
        out.push(format!(
            "> [!NOTE]\n> This plan is cut to fit GitHub's comment limit ({GITHUB_COMMENT_LIMIT} characters); run `stripe-catalog plan` for all of it."
        ));
        out.push(String::new());
    }
    if !blocks.is_empty() {
        out.push("| | object | changes |".to_string());
        out.push("| --- | --- | --- |".to_string());
        for block in blocks.iter().take(rows) {
            out.push(row(block));
        }
        let dropped = &blocks[rows.min(blocks.len())..];
        if !dropped.is_empty() {
            let actions: usize = dropped.iter().map(|block| block.actions.len()).sum();
            out.push(format!("| | … {actions} more actions ({} objects) | |", dropped.len()));
        }
        out.push(String::new());
    }
    impact(plan, blocks, rows, &mut out);
    policy(plan, rows, &mut out);
    if let Some(kept) = kept {
        let shown_lines = &lines[..kept.min(lines.len())];
        let body = shown_lines.join("\n");
        let fence = fence(&body);
        out.push("<details><summary>Full plan</summary>".to_string());
        out.push(String::new());
        out.push(format!("{fence}text"));
        if !body.is_empty() {
            out.push(body);
        }
        if kept < lines.len() {
            out.push(format!("… {} more lines: run `stripe-catalog plan` for the full plan", lines.len() - kept));
        }
        out.push(fence);
        out.push(String::new());
        out.push("</details>".to_string());
    }
    out.join("\n") + "\n"
}

/// `**Plan:** 1 to create, … on `acct_…` (test mode). ⛔ Blocked by policy: …`
fn summary(plan: &Plan, blocks: &[Block<'_>]) -> String {
    let super::super::Summary { create, update, replace, archive, delete } = plan.summary();
    // Only webhook endpoints are deleted: plans without them read as before.
    let deleted = if delete > 0 { format!(", {delete} to delete") } else { String::new() };
    let target =
        format!("`{}` ({} mode)", inline_code(&plan.header.account.id), plan.header.mode.label().to_lowercase());
    let mut line = if blocks.is_empty() {
        format!("**Plan:** no changes on {target}: Stripe matches the catalog.")
    } else {
        format!(
            "**Plan:** {create} to create, {update} to update, {replace} to replace, {archive} to archive{deleted} on {target}."
        )
    };
    let report = &plan.policy;
    let blocking = report.blocking();
    if !blocking.is_empty() {
        let noun = if blocking.len() == 1 { "violation" } else { "violations" };
        line.push_str(&format!(" ⛔ **Blocked by policy:** {} {noun} ({}).", blocking.len(), rules(&blocking)));
    } else if !report.violations.is_empty() {
        let count = report.violations.len();
        let noun = if count == 1 { "violation" } else { "violations" };
        line.push_str(&format!(" ⚠️ {count} policy {noun}, allowed with `--allow`."));
    } else {
        line.push_str(" ✅ Policies pass.");
    }
    line
}

fn rules(violations: &[&super::super::policy::Violation]) -> String {
    let mut names: Vec<String> = violations.iter().map(|violation| format!("`{}`", violation.rule)).collect();
    names.sort();
    names.dedup();
    names.join(", ")
}

/// One table row: the symbol, the object, and each changed field `old → new`.
fn row(block: &Block<'_>) -> String {
    let symbol = block.symbol.glyph().trim();
    let creating = block.symbol == super::super::Symbol::Create;
    let replace = block.symbol == super::super::Symbol::Replace;
    let mut changes: Vec<String> = Vec::new();
    for action in &block.actions {
        match &action.change {
            // In a replace, the old price's `active: true → false` would read as if the price
            // of this row were deactivated: say whose archive it is.
            Change::ArchivePrice { price, .. } if replace => {
                changes.push(inline(&format!("old price {price} archived")));
            }
            Change::MigrateSubscriptions { subscriptions, from, to, .. } => {
                changes.push(inline(&format!("migrate: {}", migration(*subscriptions, from, to))));
            }
            Change::ReactivatePrice { price, .. } => {
                changes.extend(
                    action
                        .changes
                        .iter()
                        .filter(|change| change.field != "active")
                        .map(|change| inline(&field_line(change, creating))),
                );
                changes.push(inline(&format!("revert: price {price} reactivated")));
            }
            _ => changes.extend(action.changes.iter().map(|change| inline(&field_line(change, creating)))),
        }
    }
    let changes = if changes.is_empty() { "—".to_string() } else { changes.join("<br>") };
    format!("| `{symbol}` | {} | {changes} |", inline(&block.object))
}

/// `#### Subscriber impact`, for the first `rows` blocks that have one.
fn impact(plan: &Plan, blocks: &[Block<'_>], rows: usize, out: &mut Vec<String>) {
    if plan.impact.is_none() {
        return;
    }
    let mut items = Vec::new();
    for block in blocks.iter().take(rows) {
        let mut lines = Vec::new();
        impact_lines(plan, block, &mut lines);
        for line in lines {
            items.push(format!("- {}: {}", inline(&block.object), inline(line.trim())));
        }
    }
    if items.is_empty() {
        return;
    }
    out.push("#### Subscriber impact".to_string());
    out.push(String::new());
    out.extend(items);
    out.push(String::new());
}

/// `#### Policy`: every violation (at most `rows`) with its hints, then the warnings.
fn policy(plan: &Plan, rows: usize, out: &mut Vec<String>) {
    let report = &plan.policy;
    out.push("#### Policy".to_string());
    out.push(String::new());
    if report.violations.is_empty() && report.warnings.is_empty() {
        out.push("No policy violations.".to_string());
        out.push(String::new());
        return;
    }
    for violation in report.violations.iter().take(rows.max(1)) {
        let at = violation.action.as_deref().unwrap_or(&violation.object);
        let allowed = report.allowed.contains(&violation.rule);
        let mark = if allowed { "⚠️ allowed by `--allow`:" } else { "⛔" };
        out.push(format!("- {mark} `{}` on `{}`: {}", violation.rule, inline_code(at), prose(&violation.message)));
        if !allowed {
            for hint in &violation.hints {
                out.push(format!("  - {}", prose(hint)));
            }
        }
    }
    let more = report.violations.len().saturating_sub(rows.max(1));
    if more > 0 {
        out.push(format!("- … {more} more violations"));
    }
    for warning in &report.warnings {
        let at = warning.action.as_deref().unwrap_or(&warning.object);
        out.push(format!("- ⚠️ `{}` on `{}`: {}", warning.rule, inline_code(at), prose(&warning.message)));
    }
    out.push(String::new());
}

/// Catalog or Stripe text as inline Markdown: control characters made visible
/// ([`crate::escape::shown`], line breaks included, so one cell stays one line), HTML's `<`, `>` and `&` as entities, and
/// every Markdown punctuation character that could start markup (table pipes, emphasis, code,
/// links, mentions, issue references) backslash-escaped.
#[must_use]
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in shown(text).chars() {
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '@' | '!' | '$' => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    out
}

/// The tool's own sentences (policy messages and hints), whose `` `code` `` spans stay code
/// spans; everything between them is escaped as [`inline`] (the values they quote are catalog
/// keys, Stripe ids and amounts).
fn prose(text: &str) -> String {
    text.split('`')
        .enumerate()
        .map(|(index, part)| if index % 2 == 1 { format!("`{}`", inline_code(part)) } else { inline(part) })
        .collect()
}

/// Text inside a code span, which takes no escapes: backticks become `'` (an account id, action
/// id or catalog key never has one).
fn inline_code(text: &str) -> String {
    shown(text).replace('`', "'")
}

/// A code fence longer than any run of backticks in `body` (CommonMark: a fence closes only
/// on a run at least as long as the opening one).
fn fence(body: &str) -> String {
    let longest = body.split(|ch| ch != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    use super::*;
    use crate::plan::fixtures::{applied, catalog, header, monthly, product};
    use crate::plan::impact::{Impact, MonthlyAmount, PlanImpact, StatusCounts};
    use crate::plan::{DiffOptions, diff, policy};

    /// A replace made 100× (blocked), a product with hostile text, a created price, an
    /// archived price with subscribers: one of each thing the comment shows.
    fn reviewed() -> Plan {
        let before = catalog(vec![
            product("pro", Some("pro_monthly"), vec![monthly("pro_monthly", 2900), monthly("pro_yearly", 29000)]),
            product("team", None, vec![monthly("team_monthly", 9900)]),
        ]);
        let mut after = catalog(vec![
            product("pro", Some("pro_monthly"), vec![monthly("pro_monthly", 290_000)]),
            product("team", None, vec![monthly("team_monthly", 9900), monthly("team_seats", 1500)]),
        ]);
        after.products[1].fields.name = "Team | <b>big</b> `plan` @here #1 $5".to_string();
        let mut plan = diff(&after, &applied(&before), &DiffOptions { adopt: false, header: header() }).unwrap();
        let archived = plan
            .actions
            .iter()
            .find_map(|action| match &action.change {
                crate::plan::Change::ArchivePrice { price, key: Some(key), .. } if key == "pro_yearly" => {
                    Some(price.clone())
                }
                _ => None,
            })
            .expect("pro_yearly is archived");
        let mut prices = std::collections::BTreeMap::new();
        prices.insert(
            archived,
            Impact {
                subscriptions: StatusCounts { active: 2, trialing: 0, past_due: 1 },
                monthly_amount: vec![MonthlyAmount { currency: "usd".to_string(), minor: 4834, estimate: true }],
                payment_links: Vec::new(),
                ..Impact::default()
            },
        );
        plan.impact = Some(PlanImpact { requests: 3, prices, unknown: Vec::new() });
        plan.policy = policy::evaluate(&plan, &after);
        plan
    }

    #[test]
    fn markdown_plan() {
        insta::assert_snapshot!(markdown(&reviewed(), GITHUB_COMMENT_LIMIT));
    }

    /// What a Markdown reader makes of the comment: the table's header and row cell counts, and
    /// whether the `<details>` block opens, holds the fenced plan, and closes.
    struct Parsed {
        header_cells: usize,
        rows: Vec<usize>,
        details_open: bool,
        code_blocks: Vec<String>,
        details_closed_after_code: bool,
        text: String,
    }

    fn parse(body: &str) -> Parsed {
        let mut parsed = Parsed {
            header_cells: 0,
            rows: Vec::new(),
            details_open: false,
            code_blocks: Vec::new(),
            details_closed_after_code: false,
            text: String::new(),
        };
        let (mut in_head, mut in_code) = (false, false);
        for event in Parser::new_ext(body, Options::ENABLE_TABLES) {
            match event {
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => in_head = false,
                Event::Start(Tag::TableRow) => parsed.rows.push(0),
                Event::Start(Tag::TableCell) if in_head => parsed.header_cells += 1,
                Event::Start(Tag::TableCell) => *parsed.rows.last_mut().expect("a row") += 1,
                Event::Start(Tag::CodeBlock(_)) => {
                    in_code = true;
                    parsed.code_blocks.push(String::new());
                }
                Event::End(TagEnd::CodeBlock) => in_code = false,
                Event::Text(text) if in_code => parsed.code_blocks.last_mut().expect("a block").push_str(&text),
                Event::Text(text) => parsed.text.push_str(&text),
                Event::Html(html) | Event::InlineHtml(html) => {
                    if html.contains("<details>") {
                        parsed.details_open = true;
                    }
                    if html.contains("</details>") && !parsed.code_blocks.is_empty() && !in_code {
                        parsed.details_closed_after_code = true;
                    }
                    assert!(
                        html.contains("details>") || html.contains("summary>") || &*html == "<br>",
                        "only the details block is HTML; catalog text is escaped: {html:?}"
                    );
                }
                _ => {}
            }
        }
        parsed
    }

    #[test]
    fn the_comment_parses_as_one_table_and_one_details_block() {
        let plan = reviewed();
        let body = markdown(&plan, GITHUB_COMMENT_LIMIT);
        let parsed = parse(&body);
        assert_eq!(parsed.header_cells, 3, "{body}");
        assert_eq!(parsed.rows.len(), blocks(&plan).len(), "one row per object:\n{body}");
        assert!(parsed.rows.iter().all(|cells| *cells == 3), "{:?}\n{body}", parsed.rows);
        assert!(parsed.details_open && parsed.details_closed_after_code, "{body}");
        let [code] = parsed.code_blocks.as_slice() else { panic!("one code block:\n{body}") };
        assert!(code.contains("Plan: 1 to create, 1 to update, 1 to replace, 1 to archive."), "{code}");
        assert!(!body.contains('\u{1b}'), "no colour codes");
        // The hostile name reads as itself, in one cell.
        assert!(parsed.text.contains("Team | <b>big</b> `plan` @here #1 $5"), "{}", parsed.text);
        assert!(parsed.text.contains("Blocked by policy"), "{}", parsed.text);
    }

    /// A plan far over the limit: the folded plan goes first, then rows, with a note, and the
    /// result is still one well-formed table.
    #[test]
    fn a_huge_plan_is_cut_to_the_limit() {
        let products: Vec<_> = (0..3000)
            .map(|n| product(&format!("p{n:04}"), None, vec![monthly(&format!("k{n:04}"), 1000 + n)]))
            .collect();
        let after = catalog(products);
        let plan =
            diff(&after, &crate::objects::RemoteState::default(), &DiffOptions { adopt: false, header: header() })
                .unwrap();
        let full = markdown(&plan, usize::MAX);
        assert!(chars(&full) > GITHUB_COMMENT_LIMIT, "the test plan must be over the limit");
        let body = markdown(&plan, GITHUB_COMMENT_LIMIT);
        assert!(chars(&body) <= GITHUB_COMMENT_LIMIT, "{}", chars(&body));
        assert!(body.contains("cut to fit GitHub's comment limit"), "{body}");
        let parsed = parse(&body);
        assert!(parsed.code_blocks.is_empty(), "the folded plan goes first");
        let shown_rows = parsed.rows.len() - 1;
        assert!(shown_rows > 100 && shown_rows < 6000, "{shown_rows}");
        let last = body.lines().rfind(|line| line.starts_with('|')).expect("rows");
        let dropped = 6000 - shown_rows;
        assert_eq!(last, format!("| | … {dropped} more actions ({dropped} objects) | |"));
        assert!(parsed.rows.iter().all(|cells| *cells == 3));

        // Just over: only the folded plan is cut, every row stays.
        let limit = chars(&full) - 500;
        let body = markdown(&plan, limit);
        assert!(chars(&body) <= limit);
        let parsed = parse(&body);
        assert_eq!(parsed.rows.len(), blocks(&plan).len(), "every row kept");
        assert!(parsed.details_closed_after_code, "the details block stays whole");
        assert!(parsed.code_blocks[0].contains("more lines: run `stripe-catalog plan` for the full plan"));
    }

    #[test]
    fn text_is_escaped_for_tables_html_and_mentions() {
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(inline("<script>&"), "&lt;script&gt;&amp;");
        assert_eq!(inline("`x` *y* @team #1"), "\\`x\\` \\*y\\* \\@team \\#1");
        // A line break is shown as `\n` (escape::shown), its backslash escaped.
        assert_eq!(inline("two\nlines"), "two\\\\nlines");
    }

    #[test]
    fn the_tools_own_code_spans_stay_code() {
        assert_eq!(prose("write `amount: 29.00` for $29.00"), "write `amount: 29.00` for \\$29.00");
    }

    #[test]
    fn a_fence_outlasts_the_backticks_inside() {
        assert_eq!(fence("plain"), "```");
        assert_eq!(fence("has ```` four"), "`````");
    }

    #[test]
    fn the_largest_fitting_count_is_found() {
        assert_eq!(largest(100, |n| n <= 37), 37);
        assert_eq!(largest(100, |_| false), 0);
        assert_eq!(largest(5, |_| true), 5);
    }
}
