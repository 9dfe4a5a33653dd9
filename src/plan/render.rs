//! The plan for people (terraform-style text) and for scripts (a versioned JSON document), one
//! [`Block`] per Stripe object.

pub mod markdown;
mod violations;

use serde::Serialize;

use crate::escape::{Shown, shown};
use crate::money::{Currency, format_money};
use crate::output::{Printer, styles};

use super::blocks::{Block, blocks};
use super::describe::describe_terms_change;
use super::impact::MonthlyAmount;
use super::{
    Action, ArchiveReason, Change, DeactivateReason, DefaultPriceTarget, DefaultReason, FieldChange,
    IN_PROCESS_SANDBOX, Plan, Summary, Symbol,
};

impl Symbol {
    /// Terraform's three-column symbol.
    #[must_use]
    pub fn glyph(self) -> &'static str {
        match self {
            Symbol::Create => "  +",
            Symbol::Update => "  ~",
            Symbol::Replace => "-/+",
            Symbol::Archive | Symbol::Delete => "  -",
        }
    }

    fn legend(self) -> &'static str {
        match self {
            Symbol::Create => "create",
            Symbol::Update => "update in place",
            Symbol::Replace => "replace (create the new price, move its lookup key and default, archive the old one)",
            Symbol::Archive => "archive (set inactive; Stripe keeps it)",
            Symbol::Delete => "delete (Stripe removes it)",
        }
    }

    fn style(self) -> anstyle::Style {
        match self {
            Symbol::Create => styles::CREATE,
            Symbol::Update => styles::UPDATE,
            Symbol::Replace | Symbol::Archive | Symbol::Delete => styles::DESTROY,
        }
    }
}

/// The plan as terraform-style text (colour through the printer's `paint`, off when stdout
/// is not a terminal or colour is turned off).
#[must_use]
pub fn text(plan: &Plan, printer: &Printer) -> String {
    let mut out = Vec::new();
    header(plan, printer, &mut out);
    out.push(String::new());
    if !plan.drift.is_empty() {
        out.push(printer.paint(styles::BOLD, "Objects changed outside the catalog since the last apply (drift):"));
        for drift in &plan.drift {
            let mut line = format!("  {} ({})", Shown(&drift.object), Shown(&drift.id));
            if !drift.fields.is_empty() {
                line.push_str(&format!(": {}", Shown(&drift.fields.join(", "))));
            }
            out.push(line);
        }
        out.push("The plan below puts the catalog's values back.".to_string());
        out.push(String::new());
    }
    let blocks = blocks(plan);
    if blocks.is_empty() {
        notes(plan, &mut out);
        violations::section(plan, printer, &mut out);
        out.push(printer.paint(styles::BOLD, "No changes. Stripe matches the catalog."));
        return out.join("\n");
    }
    out.push("Symbols:".to_string());
    let mut symbols: Vec<Symbol> = blocks.iter().map(|block| block.symbol).collect();
    symbols.sort();
    symbols.dedup();
    for symbol in symbols {
        out.push(format!("{} {}", printer.paint(symbol.style(), symbol.glyph()), symbol.legend()));
    }
    out.push(String::new());
    out.push("stripe-catalog will perform the following actions:".to_string());
    for block in &blocks {
        out.push(String::new());
        block_text(block, printer, &mut out);
        impact_lines(plan, block, &mut out);
        violations::block_lines(plan, block, printer, &mut out);
    }
    out.push(String::new());
    notes(plan, &mut out);
    violations::section(plan, printer, &mut out);
    let Summary { create, update, replace, archive, delete } = plan.summary();
    // Only webhook endpoints are deleted: plans without them read as before.
    let deleted = if delete > 0 { format!(", {delete} to delete") } else { String::new() };
    out.push(printer.paint(
        styles::BOLD,
        &format!("Plan: {create} to create, {update} to update, {replace} to replace, {archive} to archive{deleted}."),
    ));
    out.join("\n")
}

fn header(plan: &Plan, printer: &Printer, out: &mut Vec<String>) {
    let account = &plan.header.account;
    // The display name is whatever the account's owner typed into the Dashboard.
    match &account.display_name {
        Some(name) => out.push(format!("Account: {} ({})", Shown(&account.id), Shown(name))),
        None => out.push(format!("Account: {}", Shown(&account.id))),
    }
    let mode = plan.header.mode.label();
    let loud = match plan.header.mode {
        crate::objects::Mode::Live => printer.paint(styles::ERROR, &format!("{mode} (real money)")),
        crate::objects::Mode::Test => printer.paint(styles::BOLD, mode),
    };
    out.push(format!("Mode:    {loud}"));
    match &plan.header.api_base {
        Some(base) if base == IN_PROCESS_SANDBOX => out.push(format!("API:     {base}")),
        Some(base) => out.push(format!("API:     {} (not api.stripe.com)", Shown(base))),
        None => {}
    }
    if let Some(impact) = &plan.impact {
        let requests = impact.requests;
        let noun = if requests == 1 { "request" } else { "requests" };
        out.push(format!("Reading the impact on subscribers and Payment Links cost {requests} {noun}"));
    }
}

/// Under a replace or archive block: who keeps paying the old price, and which Payment Links
/// stop working once it is archived (when the impact was read).
fn impact_lines(plan: &Plan, block: &Block<'_>, out: &mut Vec<String>) {
    let Some(impact) = &plan.impact else { return };
    if !matches!(block.symbol, Symbol::Replace | Symbol::Archive) {
        return;
    }
    let indent = "      ";
    let mut prices: Vec<&str> = block
        .actions
        .iter()
        .filter_map(|action| match &action.change {
            Change::CreatePrice { replaces: Some(replaced), .. }
            | Change::ReactivatePrice { replaces: Some(replaced), .. } => Some(replaced.price.as_str()),
            Change::ArchivePrice { price, .. } => Some(price.as_str()),
            _ => None,
        })
        .collect();
    let migrating: Vec<&str> = block
        .actions
        .iter()
        .filter_map(|action| match &action.change {
            Change::MigrateSubscriptions { from, .. } => Some(from.as_str()),
            _ => None,
        })
        .collect();
    prices.sort_unstable();
    prices.dedup();
    let which = if block.symbol == Symbol::Replace { "the old price" } else { "the archived price" };
    for price in prices {
        let Some(price_impact) = impact.prices.get(price) else { continue };
        let counts = price_impact.subscriptions;
        if price_impact.subscriptions_unknown {
            out.push(format!(
                "{indent}subscribers: unknown: the key cannot read subscriptions (needs Subscriptions: read)"
            ));
        } else if counts.total() == 0 {
            out.push(format!("{indent}subscribers: none"));
        } else {
            let by_status: Vec<String> =
                [("active", counts.active), ("trialing", counts.trialing), ("past_due", counts.past_due)]
                    .into_iter()
                    .filter(|(_, count)| *count > 0)
                    .map(|(status, count)| format!("{count} {status}"))
                    .collect();
            let amounts: Vec<String> = price_impact.monthly_amount.iter().map(monthly_text).collect();
            let amounts = if amounts.is_empty() { String::new() } else { format!(" ({})", amounts.join(", ")) };
            let total = counts.total();
            let noun = if total == 1 { "subscription" } else { "subscriptions" };
            if migrating.contains(&price) {
                out.push(format!(
                    "{indent}subscribers: {}{amounts} at the old amount: {total} {noun} move with the lookup key",
                    by_status.join(", ")
                ));
            } else if block.symbol == Symbol::Replace {
                let keeps = if total == 1 { "keeps" } else { "keep" };
                out.push(format!(
                    "{indent}subscribers: {}{amounts}: {total} {noun} {keeps} paying the old price (on_replace: keep; archiving cancels no subscription)",
                    by_status.join(", ")
                ));
            } else {
                out.push(format!(
                    "{indent}subscribers: {}{amounts} keep paying {which} (archiving cancels no subscription)",
                    by_status.join(", ")
                ));
            }
        }
        if price_impact.payment_links_unknown {
            out.push(format!(
                "{indent}payment links: unknown: the key cannot read payment links (needs Payment Links: read)"
            ));
        }
        for link in &price_impact.payment_links {
            out.push(format!(
                "{indent}payment link {} ({}) sells it: it stops working once the price is archived",
                Shown(&link.id),
                Shown(&link.url)
            ));
        }
    }
}

/// `3 subscriptions move to the new price`, `1 subscription moves to price price_…`.
pub(super) fn migration(subscriptions: Option<u64>, from: &str, to: &DefaultPriceTarget) -> String {
    let count = match subscriptions {
        Some(1) => "1 subscription moves".to_string(),
        Some(count) => format!("{count} subscriptions move"),
        None => format!("the subscriptions on {from} move"),
    };
    let target = match to {
        DefaultPriceTarget::Created { .. } => "the new price".to_string(),
        DefaultPriceTarget::Existing { id, .. } => format!("price {id}"),
    };
    format!("{count} to {target}")
}

/// `$87.00 USD / month`, `≈ $10.00 USD / month` for an amount normalised from another interval.
fn monthly_text(amount: &MonthlyAmount) -> String {
    let money = match Currency::parse(&amount.currency) {
        Ok(currency) => format_money(amount.minor, currency),
        Err(_) => format!("{} {} (minor units)", amount.minor, Shown(&amount.currency)),
    };
    let about = if amount.estimate { "≈ " } else { "" };
    format!("{about}{money} / month")
}

fn notes(plan: &Plan, out: &mut Vec<String>) {
    for note in &plan.notes {
        out.push(format!("Note: {}", Shown(note)));
    }
    if !plan.notes.is_empty() {
        out.push(String::new());
    }
}

fn block_text(block: &Block<'_>, printer: &Printer, out: &mut Vec<String>) {
    // Names and keys are catalog or Stripe text: escaped before any colour is added, so a
    // value can neither forge a line nor send the terminal a command.
    let object = shown(&block.object);
    let (what, because) = comment(block);
    out.push(printer.paint(styles::DIM, &format!("  # {object} {what}")));
    if let Some(because) = because {
        out.push(printer.paint(styles::DIM, &format!("  # (because {})", Shown(&because))));
    }
    let mut title = format!("{} {object}", printer.paint(block.symbol.style(), block.symbol.glyph()));
    if let Some(action) = block.actions.first() {
        if let Some(product) = action.change.product().filter(|_| object.starts_with("price")) {
            title.push_str(&format!(" on product \"{}\"", Shown(product)));
        }
        if let Some(id) = existing_id(block) {
            title.push_str(&format!(" ({})", Shown(&id)));
        }
    }
    out.push(title);
    for action in &block.actions {
        action_lines(action, block.symbol, out);
    }
}

fn existing_id(block: &Block<'_>) -> Option<String> {
    block.actions.iter().find_map(|action| match &action.change {
        Change::UpdatePrice { price, .. } | Change::ArchivePrice { price, .. } => Some(price.clone()),
        Change::CreatePrice { replaces: Some(replaced), .. }
        | Change::ReactivatePrice { replaces: Some(replaced), .. } => Some(replaced.price.clone()),
        Change::UpdateMeter { meter, .. } | Change::ReactivateMeter { meter, .. } => Some(meter.clone()),
        Change::DeactivateMeter { meter: Some(meter), key: Some(_), .. } => Some(meter.clone()),
        Change::UpdateWebhook { webhook, .. } => Some(webhook.clone()),
        _ => None,
    })
}

fn comment(block: &Block<'_>) -> (String, Option<String>) {
    let changes: Vec<&Change> = block.actions.iter().map(|action| &action.change).collect();
    let deactivated = changes.iter().find_map(|change| match change {
        Change::DeactivateMeter { reason, event_name, .. } => Some((*reason, event_name)),
        _ => None,
    });
    if let (Some((reason, event_name)), Symbol::Archive) = (deactivated, block.symbol) {
        let because = match reason {
            DeactivateReason::SetInactive => {
                "the catalog sets it inactive; Stripe keeps it, and has no delete".to_string()
            }
            DeactivateReason::RemovedFromCatalog => format!(
                "its event_name `{event_name}` is not in the catalog, and a managed price charges for it; Stripe keeps it, and has no delete"
            ),
        };
        return ("will be deactivated (it takes no more usage events)".to_string(), Some(because));
    }
    match block.symbol {
        Symbol::Delete => {
            let because = changes.iter().find_map(|change| match change {
                Change::DeleteWebhook { key, url, duplicate: true, .. } => Some(format!(
                    "a second managed endpoint for the catalog's webhook \"{}\" (url {url}); the other one is kept",
                    key.as_deref().unwrap_or_default()
                )),
                Change::DeleteWebhook { key, url, .. } => Some(format!(
                    "its key \"{}\" is not among the catalog's webhooks (url {url}); Stripe stops sending to it",
                    key.as_deref().unwrap_or_default()
                )),
                _ => None,
            });
            ("will be deleted".to_string(), because)
        }
        Symbol::Create => ("will be created".to_string(), None),
        Symbol::Replace => {
            let reasons = changes.iter().find_map(|change| match change {
                Change::CreatePrice { replaces: Some(replaced), .. }
                | Change::ReactivatePrice { replaces: Some(replaced), .. } => Some(replaced.reasons.join("; ")),
                _ => None,
            });
            let reverting = changes.iter().find_map(|change| match change {
                Change::ReactivatePrice { price, created, .. } => Some(format!(
                    "will be reactivated (reverting to {price} created {})",
                    crate::when::rfc3339_utc(*created)
                )),
                _ => None,
            });
            // A revert is no replacement by a new price: the terms that cannot change in
            // place are those of the price it goes back to.
            let reasons = match (&reverting, reasons) {
                (Some(_), Some(reasons)) => {
                    Some(format!("{reasons} in place: the archived price has the catalog's terms"))
                }
                (_, reasons) => reasons,
            };
            (reverting.unwrap_or_else(|| "must be replaced".to_string()), reasons)
        }
        Symbol::Archive => {
            let because = changes.iter().find_map(|change| match change {
                Change::ArchiveProduct { reason: ArchiveReason::SetInactive, .. } => {
                    Some("the catalog sets it inactive".to_string())
                }
                Change::ArchiveProduct { .. } => Some("it is not in the catalog".to_string()),
                Change::ArchivePrice { reason, .. } => Some(
                    match reason {
                        ArchiveReason::RemovedFromCatalog => "its key is not in the catalog",
                        ArchiveReason::ProductRemoved => "its product is not in the catalog",
                        ArchiveReason::LostKey => "it lost its lookup key, left over from an interrupted replace",
                        ArchiveReason::Replaced => "a replacement took its lookup key",
                        ArchiveReason::SetInactive => "the catalog sets it inactive",
                        ArchiveReason::ProductArchived => {
                            "its product is archived, and Stripe does not sell its prices"
                        }
                    }
                    .to_string(),
                ),
                _ => None,
            });
            ("will be archived".to_string(), because)
        }
        Symbol::Update => {
            let reactivated = changes.iter().any(|change| match change {
                Change::UpdateProduct { patch, .. } => patch.active == Some(true),
                Change::UpdatePrice { patch, .. } => patch.active == Some(true),
                Change::ReactivateMeter { .. } => true,
                _ => false,
            });
            let adopted = changes.iter().any(|change| match change {
                Change::UpdateProduct { patch, .. } => patch.mark_managed,
                Change::UpdatePrice { patch, .. } => patch.mark_managed,
                Change::ArchivePrice { mark_managed, .. } => *mark_managed,
                _ => false,
            });
            let migrating = changes.iter().any(|change| matches!(change, Change::MigrateSubscriptions { .. }));
            let what = if migrating {
                "takes over the subscribers of the price it replaced (an earlier apply stopped before moving them all)"
            } else if reactivated {
                "will be reactivated"
            } else {
                "will be updated in place"
            };
            (what.to_string(), adopted.then(|| "--adopt takes it over: it is tagged as managed".to_string()))
        }
    }
}

fn action_lines(action: &Action, symbol: Symbol, out: &mut Vec<String>) {
    let start = out.len();
    action_lines_raw(action, symbol, out);
    // These lines carry no colour of ours: each is escaped whole.
    for line in &mut out[start..] {
        if let std::borrow::Cow::Owned(escaped) = shown(line) {
            *line = escaped;
        }
    }
}

fn action_lines_raw(action: &Action, symbol: Symbol, out: &mut Vec<String>) {
    let indent = "      ";
    match &action.change {
        Change::CreatePrice { terms, replaces: Some(replaced), key, .. } => {
            out.push(format!("{indent}price: {}", describe_terms_change(&replaced.terms, terms)));
            for change in action.changes.iter().filter(|change| change.field != "price") {
                out.push(format!("{indent}{}", field_line(change, false)));
            }
            out.push(format!("{indent}lookup_key \"{key}\" moves to the new price (transfer_lookup_key)"));
        }
        Change::ReactivatePrice { terms, replaces: Some(replaced), key, price, .. } => {
            out.push(format!("{indent}price: {}", describe_terms_change(&replaced.terms, terms)));
            for change in action.changes.iter().filter(|change| change.field != "price" && change.field != "active") {
                out.push(format!("{indent}{}", field_line(change, false)));
            }
            out.push(format!(
                "{indent}price {price} is reactivated, and lookup_key \"{key}\" moves to it (transfer_lookup_key)"
            ));
        }
        Change::MigrateSubscriptions { subscriptions, from, to, .. } => {
            out.push(format!(
                "    ~ migrate: {} (proration_behavior: none; each pays the new amount from its next renewal)",
                migration(*subscriptions, from, to)
            ));
        }
        Change::SetDefaultPrice { reason: DefaultReason::Replace, product, price, .. } => {
            // In a replace block an existing target is the archived price a revert reactivates.
            let target = match price {
                DefaultPriceTarget::Created { .. } => "the new price".to_string(),
                DefaultPriceTarget::Existing { id, .. } if symbol == Symbol::Replace => {
                    format!("price {id} (reactivated)")
                }
                DefaultPriceTarget::Existing { id, .. } => format!("price {id}"),
            };
            out.push(format!("{indent}default price of product \"{product}\" moves to {target}"));
        }
        Change::ArchivePrice { price, .. } if symbol == Symbol::Replace => {
            out.push(format!("{indent}old price {price} is archived"));
        }
        // An archive block's comment says it all: `active: true → false` adds nothing.
        Change::ArchivePrice { .. } | Change::ArchiveProduct { .. } => {}
        Change::DeactivateMeter { .. } if symbol == Symbol::Archive => {}
        Change::DeleteWebhook { .. } => {}
        Change::SetDefaultPrice { .. }
        | Change::CreateProduct { .. }
        | Change::UpdateProduct { .. }
        | Change::CreatePrice { .. }
        | Change::UpdatePrice { .. }
        | Change::CreateMeter { .. }
        | Change::UpdateMeter { .. }
        | Change::ReactivateMeter { .. }
        | Change::ReactivatePrice { .. }
        | Change::DeactivateMeter { .. }
        | Change::CreateWebhook { .. }
        | Change::UpdateWebhook { .. } => {
            for change in &action.changes {
                out.push(format!("{indent}{}", field_line(change, symbol == Symbol::Create)));
            }
        }
    }
}

/// `name: "Pro"` for a new object, `name: "Pro" → "Pro plan"` for a change (`(none)` for unset).
fn field_line(change: &FieldChange, creating: bool) -> String {
    let none = "(none)";
    match (&change.old, &change.new) {
        (None, Some(new)) if creating => format!("{}: {new}", change.field),
        (old, new) => {
            format!("{}: {} → {}", change.field, old.as_deref().unwrap_or(none), new.as_deref().unwrap_or(none))
        }
    }
}

/// The JSON document of `plan --format json` and of saved plans.
#[derive(Debug, Serialize)]
pub struct Document<'a> {
    #[serde(flatten)]
    pub plan: &'a Plan,
    pub summary: Summary,
    pub changes_present: bool,
    /// A violation no `--allow` lets through: `apply` refuses the plan (exit 3).
    pub blocked_by_policy: bool,
}

/// The plan as a JSON document (`format_version` first).
#[must_use]
pub fn document(plan: &Plan) -> Document<'_> {
    Document {
        plan,
        summary: plan.summary(),
        changes_present: !plan.is_empty(),
        blocked_by_policy: !plan.policy.blocking().is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::{CurrencyOption, Mode, Pricing, RemoteState, TaxBehavior};
    use crate::output::Printer;
    use crate::plan::fixtures::{applied, catalog, eur, header, monthly, product};
    use crate::plan::{DiffOptions, diff};
    use crate::settings::OutputFormat;

    /// A plan with one of everything: create, update with drift, replace, in-place currency
    /// options, archive of a price and of a product, a kept default.
    fn showcase() -> Plan {
        let before = catalog(vec![
            product("pro", Some("pro_monthly"), vec![monthly("pro_monthly", 2900), monthly("pro_yearly", 29000)]),
            product("legacy", Some("legacy_monthly"), vec![monthly("legacy_monthly", 900)]),
            product("team", None, vec![monthly("team_monthly", 9900), monthly("team_seats", 1500)]),
        ]);
        let mut after = catalog(vec![
            product("pro", Some("pro_monthly"), vec![monthly("pro_monthly", 3500), monthly("pro_yearly", 29000)]),
            product("starter", Some("starter_monthly"), vec![monthly("starter_monthly", 900)]),
            product("team", None, vec![monthly("team_monthly", 9900)]),
        ]);
        after.products[0].fields.name = "Pro plan".to_string();
        after.products[0].fields.metadata.insert("tier".to_string(), "gold".to_string());
        after.products[0].prices[1].settings.currency_options.insert(
            eur(),
            CurrencyOption {
                pricing: Pricing::PerUnit { unit_amount: 27000.into() },
                tax_behavior: TaxBehavior::Unspecified,
            },
        );
        let mut remote = applied(&before);
        remote.products[0].fields.description = Some("edited in the dashboard".to_string());
        diff(&after, &remote, &DiffOptions { adopt: false, header: header() }).unwrap()
    }

    fn plain() -> Printer {
        Printer::captured(OutputFormat::Text)
    }

    #[test]
    fn text_plan() {
        insta::assert_snapshot!(text(&showcase(), &plain()));
    }

    #[test]
    fn json_plan() {
        insta::assert_json_snapshot!(document(&showcase()));
    }

    #[test]
    fn empty_plan_on_live_through_another_api_base() {
        let catalog = catalog(vec![product("pro", None, vec![monthly("pro_monthly", 2900)])]);
        let mut header = header();
        header.mode = Mode::Live;
        header.api_base = Some("http://127.0.0.1:12111".to_string());
        let plan = diff(&catalog, &applied(&catalog), &DiffOptions { adopt: false, header }).unwrap();
        insta::assert_snapshot!(text(&plan, &plain()), @r"
        Account: acct_test (Acme)
        Mode:    LIVE (real money)
        API:     http://127.0.0.1:12111 (not api.stripe.com)

        No changes. Stripe matches the catalog.
        ");
    }

    #[test]
    fn creates_from_empty() {
        let catalog = catalog(vec![product("pro", Some("pro_monthly"), vec![monthly("pro_monthly", 2900)])]);
        let plan = diff(&catalog, &RemoteState::default(), &DiffOptions { adopt: false, header: header() }).unwrap();
        insta::assert_snapshot!(text(&plan, &plain()));
    }

    /// Issue #16 item 2: catalog text and text from Stripe cannot forge plan lines or reach
    /// the terminal as control sequences; the JSON keeps the values as they are.
    #[test]
    fn hostile_text_is_escaped_in_the_text_plan() {
        let mut wanted = catalog(vec![product("pro", Some("pro_monthly"), vec![monthly("pro_monthly", 2900)])]);
        wanted.products[0].fields.description =
            Some("x\n  + product \"fake\" will be created\nPlan: 0 to create\r".to_string());
        wanted.products[0].fields.name =
            "Pro \u{1b}]52;c;ZXZpbA==\u{7}\u{1b}]8;;https://evil.example\u{1b}\\plan\u{202e}".to_string();
        let mut remote =
            applied(&catalog(vec![product("pro", Some("pro_monthly"), vec![monthly("pro_monthly", 2900)])]));
        // Edited in the Dashboard: drift, with a title-setting sequence in the new name.
        remote.products[0].fields.name = "\u{1b}]0;owned\u{7}Dashboard name".to_string();
        let mut header = header();
        header.account.display_name = Some("Acme\u{1b}[2J".to_string());
        let plan = diff(&wanted, &remote, &DiffOptions { adopt: false, header }).unwrap();
        let shown = text(&plan, &plain());
        for raw in ['\u{1b}', '\u{7}', '\r', '\u{202e}'] {
            assert!(!shown.contains(raw), "{raw:?} reached the output:\n{shown}");
        }
        assert!(!shown.lines().any(|line| line.starts_with("  + product \"fake\"")), "{shown}");
        insta::assert_snapshot!(shown);
        let json = serde_json::to_string(&document(&plan)).unwrap();
        assert!(json.contains("\\u001b]52;c;ZXZpbA=="), "JSON keeps the value, JSON-escaped: {json}");
    }

    /// The reading of `diff`'s test `a_returning_product_and_price_are_reactivated`.
    #[test]
    fn a_returning_product_reads_as_reactivated() {
        let catalog = catalog(vec![product(
            "pro",
            Some("pro_monthly"),
            vec![monthly("pro_monthly", 2900), monthly("pro_yearly", 29000)],
        )]);
        let mut remote = applied(&catalog);
        remote.products[0].fields.active = false;
        remote.prices[1].settings.active = false;
        let plan = diff(&catalog, &remote, &DiffOptions { adopt: false, header: header() }).unwrap();
        assert!(text(&plan, &plain()).contains("# product \"pro\" will be reactivated"));
    }

    /// Meter blocks (issue #14 item 4): a create with every setting and the price that waits
    /// for it, a rename, and the deactivation of a meter that left the catalog.
    #[test]
    fn meters_read_as_their_own_blocks() {
        use crate::plan::fixtures::{meter, metered};
        let mut before = catalog(vec![product("api", None, vec![metered("api_calls", 25, "api")])]);
        before.meters.push(meter("api", "api_call"));
        let mut after = catalog(vec![product("api", None, vec![metered("search_calls", 10, "search")])]);
        let mut renamed = meter("search", "search_call");
        renamed.display_name = "Searches".to_string();
        after.meters.push(renamed);
        let mut remote = applied(&before);
        let mut search = remote.meters[0].clone();
        search.id = "mtr_search".to_string();
        search.terms.event_name = "search_call".to_string();
        remote.meters.push(search);
        let plan = diff(&after, &remote, &DiffOptions { adopt: false, header: header() }).unwrap();
        let shown = text(&plan, &plain());
        for expected in [
            "  # meter \"search\" will be updated in place\n  ~ meter \"search\" (mtr_search)\n      display_name: \"api meter\" → \"Searches\"\n",
            "  + price \"search_calls\" on product \"api\"\n      price: $0.10 USD / month (metered by meter \"search\")\n",
            "  # meter mtr_api will be deactivated (it takes no more usage events)\n  # (because its event_name `api_call` is not in the catalog, and a managed price charges for it; Stripe keeps it, and has no delete)\n  - meter mtr_api\n",
            "Plan: 1 to create, 1 to update, 0 to replace, 2 to archive.",
        ] {
            assert!(shown.contains(expected), "{expected:?} in:\n{shown}");
        }
        let created = diff(&before, &RemoteState::default(), &DiffOptions { adopt: false, header: header() }).unwrap();
        let shown = text(&created, &plain());
        assert!(
            shown.contains("  # meter \"api\" will be created\n  + meter \"api\"\n      display_name: \"api meter\"\n      event_name: \"api_call\"\n      aggregation: sum\n      customer_mapping: \"stripe_customer_id\"\n      value_key: \"value\"\n"),
            "{shown}"
        );
        let mut inactive = remote.clone();
        inactive.meters[1].active = false;
        inactive.prices.clear();
        let reactivated = diff(&after, &inactive, &DiffOptions { adopt: false, header: header() }).unwrap();
        assert!(text(&reactivated, &plain()).contains("  # meter \"search\" will be reactivated\n"));
    }

    #[test]
    fn colour_only_when_asked() {
        let plan = showcase();
        let plain_text = text(&plan, &plain());
        assert!(!plain_text.contains('\u{1b}'));
    }
}
