//! The catalog's policies evaluated on a computed plan (issue #15): a pure function from the
//! plan (with its subscriber impact) and the catalog to the violations, each attached to the
//! action it concerns, and the warnings.
//!
//! - `max_amount_change`: a replace, or an in-place change of a currency option, whose amount
//!   moves by the factor or more, up or down. Compared per currency (the price's own and each
//!   currency option present before and after) in minor units, exactly (`unit_amount_decimal`
//!   included). Tiered prices are compared tier by tier (per-unit and flat amounts, by
//!   position) when the tier count is unchanged; a changed tier count, a change of billing
//!   scheme or currency, a customer-chosen amount and a zero on either side have no factor
//!   and are not compared.
//! - `require_currencies`, `require_tax_behavior`: every active price of the catalog, changed
//!   or not (the same predicates `validate` uses).
//! - `subscribed_prices`: the replaces and archives of prices that have subscribers, from
//!   [`super::impact`].

use serde::{Deserialize, Serialize};

use super::{Action, ArchiveReason, Change, Plan};
use crate::catalog::Catalog;
use crate::money::{Currency, MinorAmount, format_major, format_money};
use crate::objects::{CurrencyOption, OnReplace, Pricing};
use crate::policy::{Factor, Rule, SubscribedPrices, codes, missing_currencies, untaxed_currencies};

/// Everything the policies found in one plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyReport {
    /// What blocks the plan, in plan order (actions first, then the catalog's other prices).
    pub violations: Vec<Violation>,
    /// What the policies only point out (`subscribed_prices: warn`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<PolicyWarning>,
    /// The rules this run lets through (`--allow RULE`): their violations are shown, but do
    /// not block.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<Rule>,
    /// Who passed `--allow` to `apply` (the OS user), for the audit log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_by: Option<String>,
}

impl PolicyReport {
    /// Nothing found and nothing allowed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty() && self.warnings.is_empty() && self.allowed.is_empty()
    }

    /// The violations no `--allow` lets through: the plan is blocked when there is any.
    #[must_use]
    pub fn blocking(&self) -> Vec<&Violation> {
        self.violations.iter().filter(|violation| !self.allowed.contains(&violation.rule)).collect()
    }

    /// The violations let through by `--allow`, by rule, with the actions they concern (what
    /// the audit log records).
    #[must_use]
    pub fn let_through(&self) -> Vec<(Rule, Vec<String>)> {
        let mut out: Vec<(Rule, Vec<String>)> = Vec::new();
        for violation in self.violations.iter().filter(|violation| self.allowed.contains(&violation.rule)) {
            let subject = violation.action.clone().unwrap_or_else(|| violation.object.clone());
            match out.iter_mut().find(|(rule, _)| *rule == violation.rule) {
                Some((_, subjects)) if !subjects.contains(&subject) => subjects.push(subject),
                Some(_) => {}
                None => out.push((violation.rule, vec![subject])),
            }
        }
        out
    }

    /// Takes `subscribed_prices` findings from `saved` (a saved plan being applied): the
    /// subscribers were read when the plan was made, and applying it reads them no more.
    pub fn keep_subscribed(&mut self, saved: &PolicyReport) {
        let rule = Rule::SubscribedPrices;
        self.violations.retain(|violation| violation.rule != rule);
        self.warnings.retain(|warning| warning.rule != rule);
        self.violations.extend(saved.violations.iter().filter(|violation| violation.rule == rule).cloned());
        self.warnings.extend(saved.warnings.iter().filter(|warning| warning.rule == rule).cloned());
    }

    /// The violations and warnings attached to the action `id`.
    pub fn for_action<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Violation> + 'a {
        self.violations.iter().filter(move |violation| violation.action.as_deref() == Some(id))
    }
}

/// One rule broken by one object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    pub rule: Rule,
    /// The id of the action it concerns; `None` for a catalog price the plan does not touch
    /// (a static rule).
    pub action: Option<String>,
    /// `price "pro-monthly"`.
    pub object: String,
    /// What is wrong, with the values, as one sentence.
    pub message: String,
    /// How to proceed, one per line.
    pub hints: Vec<String>,
    /// `max_amount_change`: each currency whose amount moved by the factor or more.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amounts: Vec<AmountMove>,
    /// `require_currencies`, `require_tax_behavior`: the currencies concerned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub currencies: Vec<Currency>,
    /// `subscribed_prices`: subscriptions still billing on the price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscriptions: Option<u64>,
}

/// An amount that moved: old and new in minor units (`unit_amount_decimal` precision) and the
/// factor between them (`100x`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmountMove {
    pub currency: Currency,
    /// Which amount: `unit_amount`, `tiers[1].unit_amount`, `tiers[0].flat_amount`.
    pub field: String,
    pub old: MinorAmount,
    pub new: MinorAmount,
    /// `100x`: the larger over the smaller, rounded down to hundredths.
    pub factor: String,
    /// `up` or `down`.
    pub direction: String,
}

/// A policy's remark that blocks nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyWarning {
    pub rule: Rule,
    pub action: Option<String>,
    pub object: String,
    pub message: String,
}

/// What the catalog says happens to a replaced price's subscribers, when the price, its
/// product or the catalog writes `on_replace` (`None` when the price only takes the default).
#[must_use]
pub fn explicit_on_replace(catalog: &Catalog, product: &str, key: &str) -> Option<OnReplace> {
    catalog
        .products
        .iter()
        .filter(|candidate| candidate.id == product)
        .flat_map(|candidate| &candidate.prices)
        .find(|price| price.key == key && price.on_replace_written)
        .map(|price| price.on_replace)
}

/// Evaluates the catalog's policy on `plan` (pure). `allowed` is left empty: the command sets
/// it from `--allow`.
#[must_use]
pub fn evaluate(plan: &Plan, catalog: &Catalog) -> PolicyReport {
    let policy = &catalog.policy;
    let mut report = PolicyReport::default();
    for action in &plan.actions {
        if let Some(factor) = policy.max_amount_change
            && let Some(violation) = amount_change(action, factor)
        {
            report.violations.push(violation);
        }
        subscribed(plan, catalog, action, &mut report);
    }
    // The static rules, on every active price: attached to the price's action when the plan
    // touches the price.
    for product in &catalog.products {
        for price in &product.prices {
            let object = format!("price \"{}\"", price.key);
            let action = price_action(plan, &price.key);
            let missing = missing_currencies(policy, price);
            if !missing.is_empty() {
                let list = codes(&missing);
                report.violations.push(Violation {
                    rule: Rule::RequireCurrencies,
                    action: action.clone(),
                    object: object.clone(),
                    message: format!(
                        "price \"{}\" ({}) has no price in {list}; require_currencies asks every active price to offer {}",
                        price.key,
                        price.terms.currency.code().to_ascii_uppercase(),
                        codes(&policy.require_currencies)
                    ),
                    hints: vec![
                        format!("add a `currency_options` entry for {list} to the price, or archive it (`active: false`)"),
                        allow_hint(Rule::RequireCurrencies),
                    ],
                    amounts: Vec::new(),
                    currencies: missing,
                    subscriptions: None,
                });
            }
            let untaxed = untaxed_currencies(policy, price);
            if !untaxed.is_empty() {
                report.violations.push(Violation {
                    rule: Rule::RequireTaxBehavior,
                    action,
                    object,
                    message: format!(
                        "price \"{}\" leaves tax_behavior unspecified in {}; require_tax_behavior asks every active price to set it",
                        price.key,
                        codes(&untaxed)
                    ),
                    hints: vec![
                        "set `tax_behavior: exclusive` or `inclusive` on the price (and on currency options that set their own)".to_string(),
                        allow_hint(Rule::RequireTaxBehavior),
                    ],
                    amounts: Vec::new(),
                    currencies: untaxed,
                    subscriptions: None,
                });
            }
        }
    }
    report
}

/// The action that writes the price with this lookup key (create, replace or update).
fn price_action(plan: &Plan, key: &str) -> Option<String> {
    plan.actions
        .iter()
        .find(|action| match &action.change {
            Change::CreatePrice { key: price, .. } | Change::UpdatePrice { key: price, .. } => price == key,
            _ => false,
        })
        .map(|action| action.id.clone())
}

/// `max_amount_change` on one action.
fn amount_change(action: &Action, factor: Factor) -> Option<Violation> {
    let (key, moves) = match &action.change {
        Change::CreatePrice { key, terms, settings, replaces: Some(old), .. } => {
            let mut moves = Vec::new();
            if old.terms.currency == terms.currency {
                compare_pricing(terms.currency, "", &old.terms.pricing, &terms.pricing, factor, &mut moves);
            }
            compare_options(&old.currency_options, &settings.currency_options, factor, &mut moves);
            (key, moves)
        }
        // A revert (`ReactivatePrice`) goes back to terms that were billed before: not a unit
        // mistake, and blocking it would block the fix of one. `subscribed_prices` still applies.
        Change::UpdatePrice { key, patch, previous_currency_options, .. } => {
            let Some(options) = &patch.currency_options else { return None };
            let mut moves = Vec::new();
            compare_options(previous_currency_options, options, factor, &mut moves);
            (key, moves)
        }
        _ => return None,
    };
    let first = moves.first()?;
    let what = moves
        .iter()
        .map(|moved| {
            format!(
                "{} {} → {}, {} {}",
                moved.field,
                format_money(moved.old, moved.currency),
                format_money(moved.new, moved.currency),
                moved.factor,
                moved.direction
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let mut hints = Vec::new();
    if let Some(hint) = unit_hint(first) {
        hints.push(hint);
    }
    hints.push(format!(
        "if the change is meant, let it through with `--allow max_amount_change` (on plan and apply), or raise `policy.max_amount_change` above {}",
        first.factor.replace('×', "x")
    ));
    Some(Violation {
        rule: Rule::MaxAmountChange,
        action: Some(action.id.clone()),
        object: format!("price \"{key}\""),
        message: format!(
            "price \"{key}\": {what}; max_amount_change blocks a move of {} or more, up or down",
            factor_text(factor)
        ),
        hints,
        amounts: moves,
        currencies: Vec::new(),
        subscriptions: None,
    })
}

/// `10×` for a message.
fn factor_text(factor: Factor) -> String {
    factor.to_string().replace('x', "×")
}

/// When the move is exactly the currency's minor-unit scale (×100 for USD), the amount was
/// most likely written in the wrong unit: say which spelling gives the old amount.
fn unit_hint(moved: &AmountMove) -> Option<String> {
    let currency = moved.currency;
    let scale = 10_u128.pow(currency.info().decimals);
    if scale == 1 {
        return None;
    }
    let (old, new) = (atoms(moved.old)?, atoms(moved.new)?);
    let old_major = format_major(moved.old, currency);
    let old_minor = moved.old.to_string();
    let new_minor = moved.new.to_string();
    let new_money = format_money(moved.new, currency);
    let old_money = format_money(moved.old, currency);
    // A fraction of a minor unit is written only as `unit_amount_decimal` (README, "Amounts
    // are exact"): `amount` and `unit_amount` keep whole minor units.
    if moved.old.is_fractional() {
        let new_minor = moved.new.to_string();
        return ((new == old * scale) || (old == new * scale)).then(|| {
            format!(
                "{new_money} is {} {old_money}: `unit_amount_decimal` counts minor units (`unit_amount_decimal: {new_minor}` is {new_money}); if {old_money} is meant, write `unit_amount_decimal: {old_minor}`",
                if new > old { format!("{scale}×") } else { format!("1/{scale} of") }
            )
        });
    }
    if new == old * scale {
        // Up: the usual slip is minor units written under `amount`, so the old amount's
        // major-unit spelling is the likely fix.
        Some(format!(
            "{new_money} is {scale}× {old_money}: an amount in minor units written where major units go? `amount` is in major units; if {old_money} is meant, write `amount: {old_major}` (or `unit_amount: {old_minor}`)"
        ))
    } else if old == new * scale {
        // Down: this may be the fix of an earlier ×{scale} mistake, so restoring the old
        // amount is not advised.
        Some(format!(
            "{new_money} is 1/{scale} of {old_money}: if {new_money} is right, the old amount may have been the mistake; if not, check the unit: `unit_amount` counts minor units (`unit_amount: {new_minor}` is {new_money}), `amount` major units"
        ))
    } else {
        None
    }
}

/// The amount in 10⁻¹² minor units, for exact ratios; `None` when negative (never in a plan).
fn atoms(amount: MinorAmount) -> Option<u128> {
    let (negative, whole, fraction) = amount.split();
    (!negative).then(|| whole * 1_000_000_000_000 + u128::from(fraction))
}

fn compare_options(
    old: &std::collections::BTreeMap<Currency, CurrencyOption>,
    new: &std::collections::BTreeMap<Currency, CurrencyOption>,
    factor: Factor,
    moves: &mut Vec<AmountMove>,
) {
    for (currency, option) in new {
        if let Some(before) = old.get(currency) {
            let prefix = format!("currency_options.{}.", currency.code());
            compare_pricing(*currency, &prefix, &before.pricing, &option.pricing, factor, moves);
        }
    }
}

fn compare_pricing(
    currency: Currency,
    prefix: &str,
    old: &Pricing,
    new: &Pricing,
    factor: Factor,
    moves: &mut Vec<AmountMove>,
) {
    match (old, new) {
        (Pricing::PerUnit { unit_amount: a }, Pricing::PerUnit { unit_amount: b }) => {
            compare(currency, &format!("{prefix}unit_amount"), *a, *b, factor, moves);
        }
        (Pricing::Tiered { tiers: a, .. }, Pricing::Tiered { tiers: b, .. }) if a.len() == b.len() => {
            for (index, (old_tier, new_tier)) in a.iter().zip(b).enumerate() {
                if let (Some(x), Some(y)) = (old_tier.unit_amount, new_tier.unit_amount) {
                    compare(currency, &format!("{prefix}tiers[{index}].unit_amount"), x, y, factor, moves);
                }
                if let (Some(x), Some(y)) = (old_tier.flat_amount, new_tier.flat_amount) {
                    compare(currency, &format!("{prefix}tiers[{index}].flat_amount"), x, y, factor, moves);
                }
            }
        }
        _ => {}
    }
}

fn compare(
    currency: Currency,
    field: &str,
    old: MinorAmount,
    new: MinorAmount,
    factor: Factor,
    moves: &mut Vec<AmountMove>,
) {
    let (Some(x), Some(y)) = (atoms(old), atoms(new)) else { return };
    if x == 0 || y == 0 {
        return;
    }
    let (small, large) = if x < y { (x, y) } else { (y, x) };
    // large / small ≥ factor, in hundredths, without division.
    if large.saturating_mul(100) < small.saturating_mul(u128::from(factor.hundredths())) {
        return;
    }
    let hundredths = large.saturating_mul(100) / small;
    let factor_shown = if hundredths % 100 == 0 {
        format!("{}×", hundredths / 100)
    } else {
        format!("{}.{}×", hundredths / 100, format!("{:02}", hundredths % 100).trim_end_matches('0'))
    };
    moves.push(AmountMove {
        currency,
        field: field.to_string(),
        old,
        new,
        factor: factor_shown,
        direction: if y > x { "up" } else { "down" }.to_string(),
    });
}

/// `subscribed_prices` on one action: a replace (on its create) or an archive that is not the
/// second half of a replace, of a price with subscriptions.
fn subscribed(plan: &Plan, catalog: &Catalog, action: &Action, report: &mut PolicyReport) {
    let Some(impact) = &plan.impact else { return };
    let (price, key, product, replace) = match &action.change {
        Change::CreatePrice { replaces: Some(old), key, product, .. }
        | Change::ReactivatePrice { replaces: Some(old), key, product, .. } => (&old.price, Some(key), product, true),
        Change::ArchivePrice { price, key, product, reason, .. } if *reason != ArchiveReason::Replaced => {
            (price, key.as_ref(), product, false)
        }
        _ => return,
    };
    let Some(found) = impact.prices.get(price) else { return };
    let object = key.map_or_else(|| format!("price {price}"), |key| format!("price \"{key}\""));
    let explicit = key.and_then(|key| explicit_on_replace(catalog, product, key));
    let what = if replace { "replacing" } else { "archiving" };
    if found.subscriptions_unknown {
        unknown_subscribers(catalog, action, (what, &object, price), replace && explicit.is_none(), report);
        return;
    }
    let counts = found.subscriptions;
    let total = counts.total();
    if total == 0 {
        return;
    }
    let noun = if total == 1 { "subscription bills" } else { "subscriptions bill" };
    let outcome = if replace && explicit == Some(OnReplace::Migrate) {
        "move to the new price (on_replace: migrate)".to_string()
    } else {
        format!(
            "keep{} paying the {} price",
            if total == 1 { "s" } else { "" },
            if replace { "old" } else { "archived" }
        )
    };
    let message = format!(
        "{what} {object} ({price}): {total} {noun} on it ({} active, {} trialing, {} past_due) and {outcome}",
        counts.active, counts.trialing, counts.past_due,
    );
    let rule = Rule::SubscribedPrices;
    let policy = catalog.policy.subscribed_prices;
    let block = match policy {
        SubscribedPrices::Warn => false,
        SubscribedPrices::Block => true,
        // `on_replace` says what happens to a replaced price's subscribers; an archive has
        // no replacement to move them to, so it is pointed out only.
        SubscribedPrices::RequireOnReplace => replace && explicit.is_none(),
    };
    if !block {
        report.warnings.push(PolicyWarning { rule, action: Some(action.id.clone()), object, message });
        return;
    }
    let mut hints = Vec::new();
    if policy == SubscribedPrices::RequireOnReplace {
        hints.push(
            "say what happens to the subscribers with `on_replace: keep` or `on_replace: migrate` on the price, its product or the catalog"
                .to_string(),
        );
    } else {
        hints.push("keep the old price (give the new terms a new key), or move the subscribers first".to_string());
    }
    hints.push(allow_hint(rule));
    report.violations.push(Violation {
        rule,
        action: Some(action.id.clone()),
        object,
        message: format!("{message}; subscribed_prices is `{}`", policy_name(policy)),
        hints,
        amounts: Vec::new(),
        currencies: Vec::new(),
        subscriptions: Some(total),
    });
}

/// `subscribed_prices` when the key may not list subscriptions (403): under `warn` the plan's
/// impact says so and nothing more; under `block` (and `require_on_replace` for a replace that
/// does not say `on_replace`) an unknown number of subscribers may not pass silently, so it is
/// a violation, as if the price had subscribers.
fn unknown_subscribers(
    catalog: &Catalog,
    action: &Action,
    (what, object, price): (&str, &str, &str),
    unexplained_replace: bool,
    report: &mut PolicyReport,
) {
    let rule = Rule::SubscribedPrices;
    let policy = catalog.policy.subscribed_prices;
    let block = match policy {
        SubscribedPrices::Warn => false,
        SubscribedPrices::Block => true,
        SubscribedPrices::RequireOnReplace => unexplained_replace,
    };
    if !block {
        return;
    }
    report.violations.push(Violation {
        rule,
        action: Some(action.id.clone()),
        object: object.to_string(),
        message: format!(
            "{what} {object} ({price}): its subscribers are unknown (the key cannot read subscriptions); \
             subscribed_prices is `{}`",
            policy_name(policy)
        ),
        hints: vec![
            "give the API key Subscriptions: read (a restricted key's permission) so the plan can count them"
                .to_string(),
            allow_hint(rule),
        ],
        amounts: Vec::new(),
        currencies: Vec::new(),
        subscriptions: None,
    });
}

fn policy_name(policy: SubscribedPrices) -> &'static str {
    match policy {
        SubscribedPrices::Warn => "warn",
        SubscribedPrices::RequireOnReplace => "require_on_replace",
        SubscribedPrices::Block => "block",
    }
}

fn allow_hint(rule: Rule) -> String {
    format!("to go ahead anyway, pass `--allow {rule}` to plan and apply (the audit log records it)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::RemoteState;
    use crate::plan::fixtures::{applied, catalog, header, monthly, product};
    use crate::plan::{DiffOptions, diff};

    fn plan_between(before: &Catalog, after: &Catalog) -> Plan {
        diff(after, &applied(before), &DiffOptions { adopt: false, header: header() }).unwrap()
    }

    #[test]
    fn a_hundredfold_replace_is_blocked_with_the_unit_fix() {
        let before = catalog(vec![product("pro", None, vec![monthly("pro_monthly", 2900)])]);
        let after = catalog(vec![product("pro", None, vec![monthly("pro_monthly", 290_000)])]);
        let report = evaluate(&plan_between(&before, &after), &after);
        let [violation] = report.violations.as_slice() else { panic!("{report:#?}") };
        assert_eq!(violation.rule, Rule::MaxAmountChange);
        assert_eq!(violation.action.as_deref(), Some("price/pro_monthly/create"));
        assert_eq!(violation.amounts[0].factor, "100×");
        assert_eq!(violation.amounts[0].direction, "up");
        assert!(violation.message.contains("unit_amount $29.00 USD → $2,900.00 USD, 100× up"), "{}", violation.message);
        assert!(violation.hints[0].contains("write `amount: 29.00` (or `unit_amount: 2900`)"), "{:?}", violation.hints);
    }

    #[test]
    fn a_move_below_the_factor_passes_and_ten_times_down_does_not() {
        let before = catalog(vec![product("pro", None, vec![monthly("pro_monthly", 2900)])]);
        let raise = catalog(vec![product("pro", None, vec![monthly("pro_monthly", 28_999)])]);
        assert!(evaluate(&plan_between(&before, &raise), &raise).violations.is_empty());
        let cut = catalog(vec![product("pro", None, vec![monthly("pro_monthly", 290)])]);
        let report = evaluate(&plan_between(&before, &cut), &cut);
        assert_eq!(report.violations[0].amounts[0].factor, "10×");
        assert_eq!(report.violations[0].amounts[0].direction, "down");
        let mut off = cut.clone();
        off.policy.max_amount_change = None;
        assert!(evaluate(&plan_between(&before, &off), &off).violations.is_empty());
    }

    fn with_eur(mut price: crate::objects::DesiredPrice, minor: i64) -> crate::objects::DesiredPrice {
        price.settings.currency_options.insert(
            crate::plan::fixtures::eur(),
            CurrencyOption {
                pricing: Pricing::PerUnit { unit_amount: minor.into() },
                tax_behavior: crate::objects::TaxBehavior::Unspecified,
            },
        );
        price
    }

    /// A currency option changes in place (an update, not a replace): compared all the same, in
    /// its own currency.
    #[test]
    fn a_currency_option_updated_in_place_is_compared_in_its_currency() {
        let before = catalog(vec![product("pro", None, vec![with_eur(monthly("pro_monthly", 2900), 2700)])]);
        let after = catalog(vec![product("pro", None, vec![with_eur(monthly("pro_monthly", 2900), 270_000)])]);
        let plan = plan_between(&before, &after);
        let report = evaluate(&plan, &after);
        let [violation] = report.violations.as_slice() else { panic!("{report:#?}") };
        assert_eq!(violation.action.as_deref(), Some("price/pro_monthly/update"));
        assert_eq!(violation.amounts[0].field, "currency_options.eur.unit_amount");
        assert_eq!(violation.amounts[0].currency, crate::plan::fixtures::eur());
        assert!(violation.hints[0].contains("write `amount: 27.00` (or `unit_amount: 2700`)"), "{:?}", violation.hints);
    }

    /// Tiers are compared by position, per-unit and flat amounts each.
    #[test]
    fn tiers_are_compared_one_by_one() {
        use crate::objects::{Tier, TiersMode};
        let tiered = |unit: i64, flat: i64| {
            let mut price = monthly("seats", 0);
            price.terms.pricing = Pricing::Tiered {
                tiers_mode: TiersMode::Graduated,
                tiers: vec![
                    Tier { up_to: Some(10), unit_amount: Some(500.into()), flat_amount: None },
                    Tier { up_to: None, unit_amount: Some(unit.into()), flat_amount: Some(flat.into()) },
                ],
            };
            price
        };
        let before = catalog(vec![product("team", None, vec![tiered(400, 1000)])]);
        let after = catalog(vec![product("team", None, vec![tiered(40_000, 1500)])]);
        let report = evaluate(&plan_between(&before, &after), &after);
        let fields: Vec<&str> = report.violations[0].amounts.iter().map(|moved| moved.field.as_str()).collect();
        assert_eq!(fields, ["tiers[1].unit_amount"], "the flat fee moved 1.5×, the first tier not at all");
    }

    #[test]
    fn creates_from_nothing_have_no_factor() {
        let after = catalog(vec![product("pro", None, vec![monthly("pro_monthly", 290_000)])]);
        let plan = diff(&after, &RemoteState::default(), &DiffOptions { adopt: false, header: header() }).unwrap();
        assert!(evaluate(&plan, &after).is_empty());
    }

    #[test]
    fn fractions_of_a_minor_unit_compare_exactly() {
        let moved = |old: &str, new: &str| {
            let mut moves = Vec::new();
            let factor = Factor::DEFAULT;
            let (old, new) = (MinorAmount::parse(old).unwrap(), MinorAmount::parse(new).unwrap());
            compare(Currency::parse("usd").unwrap(), "unit_amount", old, new, factor, &mut moves);
            moves.first().map(|moved| moved.factor.clone())
        };
        assert_eq!(moved("0.3", "30"), Some("100×".to_string()));
        assert_eq!(moved("0.3", "2.9999"), None);
        assert_eq!(moved("0.3", "3"), Some("10×".to_string()));
        assert_eq!(moved("0", "3"), None, "no factor from zero");
        let usd = Currency::parse("usd").unwrap();
        let hint = unit_hint(&AmountMove {
            currency: usd,
            field: "unit_amount".to_string(),
            old: MinorAmount::parse("0.3").unwrap(),
            new: MinorAmount::parse("30").unwrap(),
            factor: "100×".to_string(),
            direction: "up".to_string(),
        });
        assert_eq!(
            hint.as_deref(),
            Some(
                "$0.30 USD is 100× $0.003 USD: `unit_amount_decimal` counts minor units (`unit_amount_decimal: 30` is $0.30 USD); if $0.003 USD is meant, write `unit_amount_decimal: 0.3`"
            )
        );
    }
}
