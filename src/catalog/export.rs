//! Stripe's products and prices as catalog text (`import`): the pure part, from a
//! [`RemoteState`] to YAML, with no I/O so every field kind is unit-tested.
//!
//! What is written is decided by the catalog itself: every product and price is written on its
//! own, read back through [`super::parse`] and compared with what Stripe has. An object the
//! catalog's checks refuse, or one that would read back as anything else, is left out and
//! reported ([`Skipped`]), so the file always validates and `plan --adopt` right after an
//! import changes nothing but ownership.
//!
//! Prices are matched to catalog entries by lookup key, so a price without one cannot be
//! written: it is left out with a warning rather than given an invented key, because an
//! invented key would make `plan` create a second price instead of adopting the first.

mod meters;
mod yaml;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use self::yaml::{comment, scalar};
use super::{CatalogError, Diagnostic, Loaded};
use crate::money::{self, Currency, MinorAmount};
use crate::objects::{
    CurrencyOption, CustomUnitAmount, Mode, PriceSettings, PriceTerms, Pricing, Recurring, RemotePrice, RemoteProduct,
    RemoteState, Round, TaxBehavior, Tier, TiersMode, UnreadablePrice, UsageType,
};
use crate::words::plural;

/// The header lists this many left-out objects at most; stderr has them all.
const MAX_LISTED_IN_HEADER: usize = 20;

/// Where and when the state was read, for the file's header comment (never the key).
#[derive(Clone, Debug)]
pub struct Origin {
    /// The account id (`acct_…`), also written as the catalog's `account:` pin.
    pub account: String,
    pub mode: Mode,
    /// When the state was read, RFC 3339 (`2026-11-27T04:10:41Z`).
    pub imported_at: String,
    /// The server read from, when it is not Stripe itself (a sandbox, a proxy).
    pub server: Option<String>,
}

/// What to import.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExportOptions {
    /// Also write archived products and prices (as `active: false`).
    pub include_archived: bool,
    /// Start the file with the `yaml-language-server` modeline pointing at
    /// `./catalog.schema.json`: only worth it when that file is next to the catalog.
    pub schema_modeline: bool,
}

/// The catalog text and an account of what went into it.
#[derive(Clone, Debug)]
pub struct Export {
    /// The whole catalog file, ending in a newline.
    pub text: String,
    /// Products, prices and meters written.
    pub products: usize,
    pub prices: usize,
    pub meters: usize,
    /// Objects left out because the catalog cannot hold them, in product then id order.
    pub skipped: Vec<Skipped>,
    /// Archived objects left out because `include_archived` was off.
    pub archived_left_out: ArchivedLeftOut,
    /// Prices stripe-catalog replaced (managed, without a lookup key: the key moved to the
    /// replacement), left out. They are the tool's own leftovers, not prices to give a key.
    pub replaced_left_out: usize,
    /// Warnings the catalog's checks give on the written file (e.g. an amount below Stripe's
    /// minimum charge); the file is valid regardless.
    pub warnings: Vec<Diagnostic>,
}

/// Archived objects not imported.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArchivedLeftOut {
    pub products: usize,
    /// Prices of those products (archived or not).
    pub prices_of_products: usize,
    /// Archived prices of imported products.
    pub prices: usize,
    /// Inactive Billing Meters.
    pub meters: usize,
}

/// One Stripe object the file does not hold, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub object: SkippedObject,
    pub reason: SkipReason,
}

/// Which object was left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SkippedObject {
    /// A product, with how many of its prices went with it.
    Product {
        id: String,
        prices: usize,
    },
    Price {
        id: String,
        product: String,
        lookup_key: Option<String>,
    },
    /// A Billing Meter.
    Meter {
        id: String,
        event_name: String,
    },
}

/// Why an object was left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SkipReason {
    /// A price without a lookup key: the catalog names prices by key.
    NoLookupKey,
    /// The catalog's checks refuse what Stripe holds (the first problem found).
    Refused(String),
    /// Another imported price already holds the lookup key.
    DuplicateKey { holder: String },
    /// The price's product is not in the account's product list.
    ProductMissing,
    /// Stripe returned something the tool cannot represent (an amount with more than 12
    /// decimal places, an unknown currency).
    Unreadable(String),
    /// Written out, it would read back as something else (a bug guard: should never happen).
    NotExact,
    /// A metered price whose meter (this id) is not in the file: the price would charge for
    /// nothing the catalog names, and without its meter it would be another price.
    MeterMissing(String),
}

impl Skipped {
    /// One line for stderr and the file's header.
    #[must_use]
    pub fn describe(&self) -> String {
        let what = match &self.object {
            SkippedObject::Product { id, prices: 0 } => format!("product `{id}`"),
            SkippedObject::Product { id, prices } => {
                format!("product `{id}` (and its {})", plural(*prices, "price", "prices"))
            }
            SkippedObject::Price { id, product, lookup_key: Some(key) } => {
                format!("price `{id}` (lookup key `{key}`, product `{product}`)")
            }
            SkippedObject::Price { id, product, lookup_key: None } => format!("price `{id}` (product `{product}`)"),
            SkippedObject::Meter { id, event_name } => format!("meter `{id}` (event `{event_name}`)"),
        };
        let why = match &self.reason {
            SkipReason::NoLookupKey => "has no lookup key, and the catalog names prices by lookup key".to_string(),
            SkipReason::Refused(problem) => format!("is not valid in a catalog: {problem}"),
            SkipReason::DuplicateKey { holder } => format!("has the same lookup key as price `{holder}`"),
            SkipReason::ProductMissing => "belongs to a product Stripe did not list".to_string(),
            SkipReason::Unreadable(problem) => {
                let id = skipped_id(self);
                let problem = problem.strip_prefix(&format!("price `{id}`: ")).unwrap_or(problem);
                format!("cannot be represented by stripe-catalog: {problem}")
            }
            SkipReason::NotExact => "would not read back exactly as Stripe has it".to_string(),
            SkipReason::MeterMissing(meter) => {
                format!("charges for meter `{meter}`, which is not imported (see the meters left out)")
            }
        };
        format!("{what} {why}")
    }
}

/// Why the written catalog is not valid: a bug in the export, never the user's fault.
#[derive(Debug, thiserror::Error)]
#[error("the imported catalog does not pass the catalog's own checks ({problem}); this is a bug in stripe-catalog")]
pub struct ExportError {
    pub problem: String,
}

/// Turns Stripe's state into catalog text; `unreadable` are the prices the gateway could not
/// represent, reported among the skipped.
///
/// # Errors
/// [`ExportError`] when the assembled file fails the catalog's checks, which the per-object
/// checks are there to prevent.
pub fn export(
    state: &RemoteState,
    unreadable: &[UnreadablePrice],
    origin: &Origin,
    options: ExportOptions,
) -> Result<Export, ExportError> {
    let mut products: Vec<&RemoteProduct> = state.products.iter().collect();
    products.sort_by(|a, b| a.id.cmp(&b.id));
    let meters = meters::Meters::new(&state.meters, options.include_archived, read_back_meter);
    // Prices name their meter by the key it is written under (or are left out without it).
    let mut meter_missing: BTreeMap<&str, SkipReason> = BTreeMap::new();
    let catalog_prices: Vec<RemotePrice> = state
        .prices
        .iter()
        .map(|price| {
            meters.in_catalog_terms(price).unwrap_or_else(|reason| {
                meter_missing.insert(price.id.as_str(), reason);
                price.clone()
            })
        })
        .collect();
    let mut prices_by_product: BTreeMap<&str, Vec<&RemotePrice>> = BTreeMap::new();
    for price in &catalog_prices {
        prices_by_product.entry(price.product.as_str()).or_default().push(price);
    }
    let known: BTreeSet<&str> = products.iter().map(|product| product.id.as_str()).collect();

    let mut skipped: Vec<Skipped> = meters
        .refused
        .iter()
        .map(|(meter, problem)| Skipped {
            object: SkippedObject::Meter { id: meter.id.clone(), event_name: meter.terms.event_name.clone() },
            reason: SkipReason::Refused(problem.clone()),
        })
        .collect();
    let mut archived = ArchivedLeftOut { meters: meters.inactive_left_out, ..ArchivedLeftOut::default() };
    let mut replaced = 0;
    let mut unreadable_by_product: BTreeMap<&str, Vec<&UnreadablePrice>> = BTreeMap::new();
    for price in unreadable {
        unreadable_by_product.entry(price.product.as_str()).or_default().push(price);
    }
    let mut key_holders: BTreeMap<&str, &str> = BTreeMap::new();
    let mut body = String::new();
    let mut product_count = 0;
    let mut price_count = 0;

    for product in products {
        let prices = prices_by_product.remove(product.id.as_str()).unwrap_or_default();
        let unreadable_prices = unreadable_by_product.remove(product.id.as_str()).unwrap_or_default();
        if !product.fields.active && !options.include_archived {
            archived.products += 1;
            archived.prices_of_products += prices.len() + unreadable_prices.len();
            continue;
        }
        let block = product_block(product);
        if let Err(reason) = check_product(product, &block) {
            skipped.push(Skipped {
                object: SkippedObject::Product {
                    id: product.id.clone(),
                    prices: prices.len() + unreadable_prices.len(),
                },
                reason,
            });
            continue;
        }
        let mut written: Vec<(String, &RemotePrice, String)> = Vec::new();
        let mut price_skips = Vec::new();
        for price in unreadable_prices {
            if !price.active && !options.include_archived {
                archived.prices += 1;
                continue;
            }
            price_skips.push(Skipped {
                object: SkippedObject::Price {
                    id: price.id.clone(),
                    product: price.product.clone(),
                    lookup_key: price.lookup_key.clone(),
                },
                reason: SkipReason::Unreadable(price.problem.clone()),
            });
        }
        for price in prices {
            if !price.settings.active && !options.include_archived {
                archived.prices += 1;
                continue;
            }
            let skip = |reason| Skipped {
                object: SkippedObject::Price {
                    id: price.id.clone(),
                    product: price.product.clone(),
                    lookup_key: price.lookup_key.clone(),
                },
                reason,
            };
            let Some(key) = price.lookup_key.as_deref() else {
                // A managed price without a key is one the tool replaced (or a replace left
                // behind, which `plan` archives): its key lives on the replacement.
                if price.managed {
                    replaced += 1;
                } else {
                    price_skips.push(skip(SkipReason::NoLookupKey));
                }
                continue;
            };
            if let Some(reason) = meter_missing.get(price.id.as_str()) {
                price_skips.push(skip(reason.clone()));
                continue;
            }
            if let Some(holder) = key_holders.get(key) {
                price_skips.push(skip(SkipReason::DuplicateKey { holder: (*holder).to_string() }));
                continue;
            }
            let text = price_block(key, price);
            match check_price(price, &meters.text, &text).map(|()| text) {
                Ok(text) => {
                    key_holders.insert(key, price.id.as_str());
                    written.push((key.to_string(), price, text));
                }
                Err(reason) => price_skips.push(skip(reason)),
            }
        }
        price_skips.sort_by(|a, b| skipped_id(a).cmp(skipped_id(b)));
        skipped.extend(price_skips);
        written.sort_by(|a, b| a.0.cmp(&b.0));

        // Stripe's default only when it is written and active (a catalog's default must be).
        let default_key = product.default_price.as_deref().and_then(|id| {
            written.iter().find(|(_, price, _)| price.id == id && price.settings.active).map(|(key, _, _)| key.as_str())
        });
        body.push_str(&block);
        if let Some(key) = default_key {
            field(&mut body, 4, "default_price", &scalar(key));
        }
        if !written.is_empty() {
            body.push_str("    prices:\n");
            for (_, _, text) in &written {
                body.push_str(text);
            }
        }
        product_count += 1;
        price_count += written.len();
    }
    // Prices whose product Stripe did not list (deleted, or listed past a race).
    let orphans = prices_by_product
        .into_values()
        .flatten()
        .map(|price| (&price.id, &price.product, &price.lookup_key, price.settings.active))
        .chain(
            unreadable_by_product
                .into_values()
                .flatten()
                .map(|price| (&price.id, &price.product, &price.lookup_key, price.active)),
        );
    for (id, product, lookup_key, active) in orphans {
        if !known.contains(product.as_str()) && (active || options.include_archived) {
            skipped.push(Skipped {
                object: SkippedObject::Price {
                    id: id.clone(),
                    product: product.clone(),
                    lookup_key: lookup_key.clone(),
                },
                reason: SkipReason::ProductMissing,
            });
        }
    }

    let text = document(origin, &meters.text, &body, product_count == 0, &skipped, options.schema_modeline);
    let loaded = super::parse("imported catalog", text.as_bytes()).map_err(|err| ExportError {
        problem: match err {
            CatalogError::Invalid { diagnostics, .. } => diagnostics
                .iter()
                .find(|diagnostic| diagnostic.is_error())
                .map_or_else(|| "unknown problem".to_string(), |d| format!("{}: {}", d.path, d.message)),
            CatalogError::Unreadable { problem, .. } => problem,
        },
    })?;
    Ok(Export {
        text,
        products: product_count,
        prices: price_count,
        meters: meters.written,
        skipped,
        archived_left_out: archived,
        replaced_left_out: replaced,
        warnings: loaded.warnings,
    })
}

fn skipped_id(skipped: &Skipped) -> &str {
    match &skipped.object {
        SkippedObject::Product { id, .. } | SkippedObject::Price { id, .. } | SkippedObject::Meter { id, .. } => id,
    }
}

/// The header, the top-level fields, the meters and the products.
fn document(
    origin: &Origin,
    meters: &str,
    body: &str,
    empty: bool,
    skipped: &[Skipped],
    schema_modeline: bool,
) -> String {
    let mut out = String::new();
    if schema_modeline {
        out.push_str("# yaml-language-server: $schema=./catalog.schema.json\n#\n");
    }
    let server = origin.server.as_deref().map(|server| format!(" via {server}")).unwrap_or_default();
    let _ = writeln!(
        out,
        "# Imported by `stripe-catalog import` from account {} ({} mode){server} at {}.",
        comment(&origin.account),
        origin.mode.label().to_ascii_lowercase(),
        comment(&origin.imported_at),
    );
    out.push_str("# To manage these objects with this file: `stripe-catalog plan --adopt`, then\n");
    out.push_str("# `stripe-catalog apply --adopt` (see the README, \"Importing an existing account\").\n");
    if !skipped.is_empty() {
        out.push_str("#\n# Left out:\n");
        for item in skipped.iter().take(MAX_LISTED_IN_HEADER) {
            let _ = writeln!(out, "#   - {}", comment(&item.describe()));
        }
        if skipped.len() > MAX_LISTED_IN_HEADER {
            let more = skipped.len() - MAX_LISTED_IN_HEADER;
            let _ = writeln!(out, "#   - and {more} more (`import` lists every one on stderr)");
        }
    }
    out.push_str("version: 1\n");
    if is_account_id(&origin.account) {
        let _ = writeln!(out, "account: {}", origin.account);
    }
    out.push_str(meters);
    if empty {
        out.push_str("products: []\n");
    } else {
        out.push_str("products:\n");
        out.push_str(body);
    }
    out
}

/// The catalog refuses any other `account:`; a server that reports another shape of id gets
/// no pin rather than an invalid file.
fn is_account_id(id: &str) -> bool {
    id.strip_prefix("acct_")
        .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|byte| byte.is_ascii_alphanumeric()))
}

fn field(out: &mut String, indent: usize, name: &str, value: &str) {
    let _ = writeln!(out, "{:indent$}{name}: {value}", "");
}

fn list(out: &mut String, indent: usize, name: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "{:indent$}{name}:", "");
    for item in items {
        let _ = writeln!(out, "{:indent$}  - {}", "", scalar(item));
    }
}

fn metadata(out: &mut String, indent: usize, metadata: &crate::objects::Metadata) {
    if metadata.is_empty() {
        return;
    }
    let _ = writeln!(out, "{:indent$}metadata:", "");
    for (key, value) in metadata {
        let _ = writeln!(out, "{:indent$}  {}: {}", "", scalar(key), scalar(value));
    }
}

/// A product's entry under `products:` (indented 2), without `default_price` and `prices`.
fn product_block(product: &RemoteProduct) -> String {
    let fields = &product.fields;
    let mut out = String::new();
    let _ = writeln!(out, "  - id: {}", scalar(&product.id));
    field(&mut out, 4, "name", &scalar(&fields.name));
    if let Some(description) = &fields.description {
        field(&mut out, 4, "description", &scalar(description));
    }
    if !fields.active {
        field(&mut out, 4, "active", "false");
    }
    for (name, value) in [
        ("tax_code", &fields.tax_code),
        ("statement_descriptor", &fields.statement_descriptor),
        ("unit_label", &fields.unit_label),
        ("url", &fields.url),
    ] {
        if let Some(value) = value {
            field(&mut out, 4, name, &scalar(value));
        }
    }
    list(&mut out, 4, "images", &fields.images);
    list(&mut out, 4, "marketing_features", &fields.marketing_features);
    metadata(&mut out, 4, &fields.metadata);
    out
}

/// A price's entry under `prices:` (indented 6); [`check_price`] says whether it reads back.
fn price_block(key: &str, price: &RemotePrice) -> String {
    let PriceTerms { currency, pricing, recurring, transform_quantity } = &price.terms;
    let PriceSettings { active, nickname, metadata: user_metadata, tax_behavior, currency_options } = &price.settings;
    let mut out = String::new();
    let _ = writeln!(out, "      - key: {}", scalar(key));
    if let Some(nickname) = nickname {
        field(&mut out, 8, "nickname", &scalar(nickname));
    }
    field(&mut out, 8, "currency", currency.code());
    pricing_fields(&mut out, 8, pricing, *currency, true);
    if let Some(recurring) = recurring {
        field(&mut out, 8, "recurring", &recurring_flow(recurring));
    }
    if let Some(transform) = transform_quantity {
        let round = match transform.round {
            Round::Up => "up",
            Round::Down => "down",
        };
        field(&mut out, 8, "transform_quantity", &format!("{{ divide_by: {}, round: {round} }}", transform.divide_by));
    }
    if *tax_behavior != TaxBehavior::Unspecified {
        field(&mut out, 8, "tax_behavior", tax_behavior.as_str());
    }
    if !active {
        field(&mut out, 8, "active", "false");
    }
    metadata(&mut out, 8, user_metadata);
    if currency_options.keys().any(|code| code != currency) {
        out.push_str("        currency_options:\n");
        // Stripe may echo the price's own currency among the options; it is not an option.
        for (option_currency, option) in currency_options.iter().filter(|(code, _)| *code != currency) {
            currency_option(&mut out, *option_currency, option, *tax_behavior);
        }
    }
    out
}

/// The fields saying how much a price (`with_scheme`) or a currency option charges.
fn pricing_fields(out: &mut String, indent: usize, pricing: &Pricing, currency: Currency, with_scheme: bool) {
    match pricing {
        Pricing::PerUnit { unit_amount } => {
            let (name, value) = per_unit(*unit_amount, currency);
            field(out, indent, name, &value);
        }
        Pricing::Tiered { tiers_mode, tiers } => {
            if with_scheme {
                field(out, indent, "billing_scheme", "tiered");
                let mode = match tiers_mode {
                    TiersMode::Graduated => "graduated",
                    TiersMode::Volume => "volume",
                };
                field(out, indent, "tiers_mode", mode);
            }
            let _ = writeln!(out, "{:indent$}tiers:", "");
            for tier in tiers {
                let _ = writeln!(out, "{:indent$}  - {}", "", tier_flow(tier, currency));
            }
        }
        Pricing::CustomAmount(custom) => field(out, indent, "custom_unit_amount", &custom_flow(custom, currency)),
    }
}

fn currency_option(out: &mut String, currency: Currency, option: &CurrencyOption, price_tax_behavior: TaxBehavior) {
    // An option without `tax_behavior` takes the price's; write it only where it differs.
    let tax = (option.tax_behavior != price_tax_behavior).then_some(option.tax_behavior.as_str());
    match &option.pricing {
        Pricing::Tiered { .. } => {
            let _ = writeln!(out, "          {}:", currency.code());
            pricing_fields(out, 12, &option.pricing, currency, false);
            if let Some(tax) = tax {
                field(out, 12, "tax_behavior", tax);
            }
        }
        pricing => {
            let mut inner = String::new();
            pricing_fields(&mut inner, 0, pricing, currency, false);
            let mut parts = vec![inner.trim_end().to_string()];
            if let Some(tax) = tax {
                parts.push(format!("tax_behavior: {tax}"));
            }
            field(out, 10, currency.code(), &format!("{{ {} }}", parts.join(", ")));
        }
    }
}

fn recurring_flow(recurring: &Recurring) -> String {
    let mut parts = vec![format!("interval: {}", recurring.interval.as_str())];
    if recurring.interval_count != 1 {
        parts.push(format!("interval_count: {}", recurring.interval_count));
    }
    if recurring.usage_type == UsageType::Metered {
        parts.push("usage_type: metered".to_string());
    }
    if let Some(meter) = &recurring.meter {
        parts.push(format!("meter: {}", scalar(meter)));
    }
    format!("{{ {} }}", parts.join(", "))
}

/// What one unit costs, as the catalog field that holds it: `amount` in major units when it is
/// whole minor units, else `unit_amount_decimal` in minor units (`0.3` for 0.3 cents), the one
/// field that takes a fraction. Where the currency takes no fractions the read-back check
/// leaves the price out with the catalog's reason.
fn per_unit(amount: MinorAmount, currency: Currency) -> (&'static str, String) {
    if amount.is_fractional() {
        ("unit_amount_decimal", amount.to_string())
    } else {
        ("amount", money::format_major(amount, currency))
    }
}

fn tier_flow(tier: &Tier, currency: Currency) -> String {
    let up_to = tier.up_to.map_or_else(|| "inf".to_string(), |up_to| up_to.to_string());
    let mut parts = vec![format!("up_to: {up_to}")];
    if let Some(amount) = tier.unit_amount {
        let (name, value) = per_unit(amount, currency);
        parts.push(format!("{name}: {value}"));
    }
    if let Some(amount) = tier.flat_amount {
        parts.push(format!("flat_amount: {}", money::format_major(amount, currency)));
    }
    format!("{{ {} }}", parts.join(", "))
}

fn custom_flow(custom: &CustomUnitAmount, currency: Currency) -> String {
    let parts: Vec<String> = [("minimum", custom.minimum), ("maximum", custom.maximum), ("preset", custom.preset)]
        .into_iter()
        .filter_map(|(name, amount)| amount.map(|amount| format!("{name}: {}", money::format_major(amount, currency))))
        .collect();
    if parts.is_empty() { "{}".to_string() } else { format!("{{ {} }}", parts.join(", ")) }
}

/// Parses a one-product catalog holding `block` (after the `meters` section) and returns it, or
/// why the catalog refuses it.
fn read_back(meters: &str, block: &str) -> Result<Loaded, SkipReason> {
    let products = if block.is_empty() { "products: []\n".to_string() } else { format!("products:\n{block}") };
    let text = format!("version: 1\n{meters}{products}");
    super::parse("import", text.as_bytes()).map_err(|err| match err {
        CatalogError::Invalid { diagnostics, .. } => SkipReason::Refused(
            diagnostics
                .iter()
                .find(|diagnostic| diagnostic.is_error())
                .map_or_else(|| "unknown problem".to_string(), |diagnostic| diagnostic.message.clone()),
        ),
        CatalogError::Unreadable { problem, .. } => SkipReason::Refused(problem),
    })
}

/// The one meter a `meters:` entry reads back as.
fn read_back_meter(block: &str) -> Result<Option<crate::objects::DesiredMeter>, SkipReason> {
    let loaded = read_back(&format!("meters:\n{block}"), "")?;
    Ok(loaded.catalog.meters.into_iter().next())
}

fn check_product(product: &RemoteProduct, block: &str) -> Result<(), SkipReason> {
    let loaded = read_back("", block)?;
    match loaded.catalog.products.as_slice() {
        [read] if read.id == product.id && read.fields == product.fields => Ok(()),
        _ => Err(SkipReason::NotExact),
    }
}

fn check_price(price: &RemotePrice, meters: &str, block: &str) -> Result<(), SkipReason> {
    let loaded = read_back(meters, &format!("  - id: import-check\n    name: import check\n    prices:\n{block}"))?;
    let read = loaded.catalog.products.first().and_then(|product| product.prices.first());
    let mut expected = price.settings.clone();
    // Stripe may echo the price's own currency among the options; it is not an option.
    expected.currency_options.remove(&price.terms.currency);
    match read {
        Some(read) if read.terms == price.terms && read.settings == expected => Ok(()),
        _ => Err(SkipReason::NotExact),
    }
}

#[cfg(test)]
mod tests;
