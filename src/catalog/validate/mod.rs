//! Every check on a parsed catalog file, and the normalisation into [`Catalog`]. All checks run
//! on every file so one `validate` reports every problem; the normalised catalog is only used
//! when no error was found.
//!
//! Limits follow Stripe's API (`stripe-api.md`, the OpenAPI spec); where Stripe publishes no
//! rule (the characters of a product id or lookup key) the check is conservative and its
//! message says so.

mod fields;
pub mod meters;
mod pricing;

use std::collections::{BTreeMap, HashMap};

use serde_saphyr::{Location, Spanned};

use self::pricing::{BasePrice, PricingFields, PricingSource};
use super::diagnostics::{Diagnostic, Severity, token_width};
use super::model::{CatalogFile, PriceFile, ProductFile, RecurringFile, TransformQuantityFile, UpTo};
use super::{Catalog, CheckoutDefaults};
use crate::money::Currency;
use crate::objects::{
    DesiredPrice, DesiredProduct, Interval, OnReplace, PriceSettings, PriceTerms, ProductFields, Recurring, TiersMode,
    TransformQuantity,
};

/// Stripe allows 50 metadata keys per object; the tool keeps one (its managed marker) for
/// itself, so a catalog may use 49.
pub const MAX_METADATA_KEYS: usize = 49;
/// Stripe's limit on a metadata key's length.
pub const MAX_METADATA_KEY_CHARS: usize = 40;
/// Stripe's limit on a metadata value's length.
pub const MAX_METADATA_VALUE_CHARS: usize = 500;
/// Stripe's limit on a lookup key's length.
pub const MAX_LOOKUP_KEY_CHARS: usize = 200;
/// Stripe documents no length for custom product ids beyond "ids are up to 255 characters";
/// 100 leaves room and is plenty for a readable id.
pub const MAX_PRODUCT_ID_CHARS: usize = 100;
/// Stripe's limits on product fields.
pub const MAX_STATEMENT_DESCRIPTOR_CHARS: usize = 22;
pub const MAX_UNIT_LABEL_CHARS: usize = 12;
pub const MAX_IMAGES: usize = 8;
pub const MAX_MARKETING_FEATURES: usize = 15;
pub const MAX_MARKETING_FEATURE_CHARS: usize = 80;
pub const MAX_DESCRIPTION_CHARS: usize = 40_000;
/// Stripe's limit on other free text (nickname, URL).
pub const MAX_TEXT_CHARS: usize = 5000;

/// Collects diagnostics against one source text.
pub struct Checker<'a> {
    file: &'a str,
    lines: Vec<&'a str>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    /// A checker reporting against `source`, named `file` in messages.
    #[must_use]
    pub fn new(file: &'a str, source: &'a str) -> Checker<'a> {
        Checker { file, lines: source.lines().collect(), diagnostics: Vec::new() }
    }

    /// Everything found so far.
    #[must_use]
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    /// Records an error at `location`.
    pub fn error(&mut self, location: Location, path: &str, message: impl Into<String>, hint: Option<String>) {
        self.push(Severity::Error, location, path, message.into(), hint);
    }

    /// Records a warning at `location`.
    pub fn warn(&mut self, location: Location, path: &str, message: impl Into<String>, hint: Option<String>) {
        self.push(Severity::Warning, location, path, message.into(), hint);
    }

    /// Records a diagnostic at a known line and column.
    pub fn push_at(
        &mut self,
        severity: Severity,
        (line, column): (u64, u64),
        path: &str,
        message: String,
        hint: Option<String>,
    ) {
        let source_line = usize::try_from(line)
            .ok()
            .and_then(|line| line.checked_sub(1))
            .and_then(|index| self.lines.get(index))
            .map(|text| (*text).to_string());
        let width = source_line.as_deref().map_or(1, |text| token_width(text, column));
        self.diagnostics.push(Diagnostic {
            file: self.file.to_string(),
            line,
            column,
            severity,
            path: path.to_string(),
            message: super::diagnostics::excerpt_quotes(&message),
            hint: hint.as_deref().map(super::diagnostics::excerpt_quotes),
            source_line,
            width,
        });
    }

    fn push(&mut self, severity: Severity, location: Location, path: &str, message: String, hint: Option<String>) {
        self.push_at(severity, (location.line(), location.column()), path, message, hint);
    }
}

/// Checks a parsed file and builds the normalised catalog. The catalog is meaningful only when
/// the checker recorded no error.
pub fn check(file: &CatalogFile, checker: &mut Checker<'_>) -> Catalog {
    let mut state = State {
        checker,
        product_ids: HashMap::new(),
        price_keys: HashMap::new(),
        meter_keys: HashMap::new(),
        meter_events: HashMap::new(),
        meters: Vec::new(),
    };
    state.run(file)
}

/// Which values must be unique in a catalog.
#[derive(Clone, Copy)]
enum Seen {
    ProductId,
    PriceKey,
    MeterKey,
    MeterEvent,
}

struct State<'c, 'a> {
    checker: &'c mut Checker<'a>,
    /// First place each product id / price key / meter key / meter event name was seen, for
    /// duplicate reports.
    product_ids: HashMap<String, Location>,
    price_keys: HashMap<String, Location>,
    meter_keys: HashMap<String, Location>,
    meter_events: HashMap<String, Location>,
    /// The catalog's meters, checked before the prices that name them.
    meters: Vec<meters::KnownMeter>,
}

impl State<'_, '_> {
    fn error(&mut self, location: Location, path: &str, message: impl Into<String>, hint: impl Into<Option<String>>) {
        self.checker.error(location, path, message, hint.into());
    }

    fn run(&mut self, file: &CatalogFile) -> Catalog {
        if file.version.value.0 != 1 {
            self.error(
                file.version.referenced,
                "version",
                format!("unsupported catalog version {}", file.version.value.0),
                "this tool reads `version: 1`".to_string(),
            );
        }
        let account = file.account.as_ref().map(|account| {
            let id = &account.value;
            let well_formed = id
                .strip_prefix("acct_")
                .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|byte| byte.is_ascii_alphanumeric()));
            if !well_formed {
                self.error(
                    account.referenced,
                    "account",
                    format!("`{id}` is not a Stripe account id"),
                    "account ids look like `acct_1Nv0FGQ9RKHgCVdK` (Dashboard → Settings → Account details)"
                        .to_string(),
                );
            }
            id.clone()
        });
        let mut checkout = CheckoutDefaults::default();
        if let Some(section) = &file.checkout {
            checkout.success_url = self.url(section.success_url.as_ref(), "checkout.success_url");
            if let Some(url) = &section.success_url {
                for problem in success_url_placeholder_problems(&url.value) {
                    self.checker.warn(
                        url.referenced,
                        "checkout.success_url",
                        problem,
                        Some(format!("write the placeholder exactly as `{CHECKOUT_SESSION_ID_PLACEHOLDER}`")),
                    );
                }
            }
            checkout.cancel_url = self.url(section.cancel_url.as_ref(), "checkout.cancel_url");
            checkout.customer_creation = self.keyword(section.customer_creation.as_ref(), "checkout.customer_creation");
        }
        let meters = file
            .meters
            .iter()
            .enumerate()
            .map(|(index, meter)| self.meter(&format!("meters[{index}]"), meter))
            .collect();
        let on_replace = self.keyword(file.on_replace.as_ref(), "on_replace").unwrap_or_default();
        let products = file
            .products
            .iter()
            .enumerate()
            .map(|(index, product)| self.product(&format!("products[{index}]"), product, on_replace))
            .collect();
        Catalog { version: file.version.value.0, account, checkout, meters, products }
    }

    fn product(&mut self, path: &str, spanned: &Spanned<ProductFile>, on_replace: OnReplace) -> DesiredProduct {
        let raw = &spanned.value;
        let id = &raw.id.value;
        self.product_id(&raw.id, &format!("{path}.id"));
        let name = raw.name.value.clone();
        if name.trim().is_empty() {
            self.error(
                raw.name.referenced,
                &format!("{path}.name"),
                format!("product `{id}` has an empty name"),
                "write the name customers should see, e.g. `name: Pro Plan`".to_string(),
            );
        } else {
            self.max_chars(&raw.name, &format!("{path}.name"), MAX_TEXT_CHARS, "a product name");
        }
        let description = raw.description.as_ref().map(|text| {
            self.not_empty(text, &format!("{path}.description"), "description");
            self.max_chars(text, &format!("{path}.description"), MAX_DESCRIPTION_CHARS, "a description");
            text.value.clone()
        });
        let tax_code = raw.tax_code.as_ref().map(|code| {
            self.tax_code(code, &format!("{path}.tax_code"));
            code.value.clone()
        });
        let statement_descriptor = raw.statement_descriptor.as_ref().map(|text| {
            self.statement_descriptor(text, &format!("{path}.statement_descriptor"));
            text.value.clone()
        });
        let unit_label = raw.unit_label.as_ref().map(|text| {
            let field = format!("{path}.unit_label");
            self.not_empty(text, &field, "unit_label");
            self.max_chars(text, &field, MAX_UNIT_LABEL_CHARS, "a unit label");
            text.value.clone()
        });
        let url = self.url(raw.url.as_ref(), &format!("{path}.url"));
        if let Some(text) = &raw.url {
            self.max_chars(text, &format!("{path}.url"), MAX_TEXT_CHARS, "a product URL");
        }
        let images = raw.images.as_ref().map_or_else(Vec::new, |images| {
            let field = format!("{path}.images");
            if images.value.len() > MAX_IMAGES {
                self.error(
                    images.referenced,
                    &field,
                    format!("product `{id}` has {} images; Stripe allows at most {MAX_IMAGES}", images.value.len()),
                    "keep the 8 that matter most".to_string(),
                );
            }
            images
                .value
                .iter()
                .enumerate()
                .filter_map(|(index, image)| self.url(Some(image), &format!("{field}[{index}]")))
                .collect()
        });
        let marketing_features = raw.marketing_features.as_ref().map_or_else(Vec::new, |features| {
            let field = format!("{path}.marketing_features");
            if features.value.len() > MAX_MARKETING_FEATURES {
                self.error(
                    features.referenced,
                    &field,
                    format!(
                        "product `{id}` has {} marketing features; Stripe allows at most {MAX_MARKETING_FEATURES}",
                        features.value.len()
                    ),
                    None,
                );
            }
            features
                .value
                .iter()
                .enumerate()
                .map(|(index, feature)| {
                    let item = format!("{field}[{index}]");
                    self.not_empty(feature, &item, "marketing feature");
                    self.max_chars(feature, &item, MAX_MARKETING_FEATURE_CHARS, "a marketing feature");
                    feature.value.clone()
                })
                .collect()
        });
        let metadata = self.metadata(raw.metadata.as_ref(), &format!("{path}.metadata"));
        let product_active = raw.active.as_ref().is_none_or(|active| active.value);
        let on_replace = self.keyword(raw.on_replace.as_ref(), &format!("{path}.on_replace")).unwrap_or(on_replace);
        let mut prices: Vec<DesiredPrice> = raw
            .prices
            .iter()
            .enumerate()
            .filter_map(|(index, price)| {
                self.price(&format!("{path}.prices[{index}]"), price, product_active, on_replace)
            })
            .collect();
        if let Some(archived) = raw.active.as_ref().filter(|active| !active.value) {
            self.archive_with_product(archived, path, raw, &mut prices);
        }
        let default_price = raw.default_price.as_ref().map(|key| {
            self.default_price(key, &format!("{path}.default_price"), id, &raw.prices);
            key.value.clone()
        });
        let fields = ProductFields {
            name,
            description,
            active: raw.active.as_ref().is_none_or(|active| active.value),
            metadata,
            tax_code,
            statement_descriptor,
            unit_label,
            url,
            images,
            marketing_features,
        };
        DesiredProduct { id: id.clone(), fields, default_price, prices }
    }

    /// An archived product's prices are archived with it: Stripe refuses them at checkout
    /// ("The price … is not available to be purchased because its product is not active"),
    /// so a price that says `active: true` there is a contradiction. The default price is the
    /// exception Stripe forces: it cannot be archived, so it stays active (unsellable anyway).
    fn archive_with_product(
        &mut self,
        archived: &Spanned<bool>,
        path: &str,
        raw: &ProductFile,
        prices: &mut [DesiredPrice],
    ) {
        for (index, price) in raw.prices.iter().enumerate() {
            if let Some(active) = price.value.active.as_ref().filter(|active| active.value) {
                self.error(
                    active.referenced,
                    &format!("{path}.prices[{index}].active"),
                    format!(
                        "price `{}` is `active: true`, but its product is archived (line {}): Stripe does not sell an archived product's prices",
                        price.value.key.value,
                        archived.referenced.line()
                    ),
                    "remove `active: true` (an archived product's prices are archived with it), or reactivate the product".to_string(),
                );
            }
        }
        let default = raw.default_price.as_ref().map(|key| key.value.as_str());
        for price in prices.iter_mut().filter(|price| Some(price.key.as_str()) != default) {
            price.settings.active = false;
        }
    }

    fn product_id(&mut self, id: &Spanned<String>, path: &str) {
        let text = &id.value;
        let chars = text.chars().count();
        if text.is_empty() {
            self.error(id.referenced, path, "product id is empty", "write a short id such as `pro`".to_string());
        } else if chars > MAX_PRODUCT_ID_CHARS
            || !text.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-')
        {
            self.error(
                id.referenced,
                path,
                format!(
                    "product id `{text}` is not accepted: use letters, digits, `_` and `-`, at most {MAX_PRODUCT_ID_CHARS} characters"
                ),
                "the id goes into Stripe URLs (`/v1/products/{id}`), so the catalog keeps to characters that need no escaping, e.g. `pro-plan`".to_string(),
            );
        }
        self.unique(
            Seen::ProductId,
            id,
            path,
            "product id",
            "product ids are unique in a Stripe account; rename one of them",
        );
    }

    /// Records where `value` is first used; a repeat is an error naming that line.
    fn unique(&mut self, seen: Seen, value: &Spanned<String>, path: &str, what: &str, hint: &str) {
        let places = match seen {
            Seen::ProductId => &mut self.product_ids,
            Seen::PriceKey => &mut self.price_keys,
            Seen::MeterKey => &mut self.meter_keys,
            Seen::MeterEvent => &mut self.meter_events,
        };
        match places.get(&value.value) {
            Some(first) => {
                let line = first.line();
                self.error(
                    value.referenced,
                    path,
                    format!("duplicate {what} `{}` (first used on line {line})", value.value),
                    hint.to_string(),
                );
            }
            None => {
                places.insert(value.value.clone(), value.referenced);
            }
        }
    }

    fn default_price(&mut self, key: &Spanned<String>, path: &str, product_id: &str, prices: &[Spanned<PriceFile>]) {
        match prices.iter().find(|price| price.value.key.value == key.value) {
            None => {
                let mut keys: Vec<String> = Vec::new();
                for price in prices {
                    let key = format!("`{}`", price.value.key.value);
                    if !keys.contains(&key) {
                        keys.push(key);
                    }
                }
                let hint = if keys.is_empty() {
                    "add the price under this product's `prices`".to_string()
                } else {
                    format!("this product's price keys are {}", keys.join(", "))
                };
                self.error(
                    key.referenced,
                    path,
                    format!("default_price `{}` is not one of product `{product_id}`'s prices", key.value),
                    hint,
                );
            }
            Some(price) if price.value.active.as_ref().is_some_and(|active| !active.value) => {
                self.error(
                    key.referenced,
                    path,
                    format!("default_price `{}` is archived (`active: false`)", key.value),
                    "Stripe cannot archive a product's default price; choose an active price".to_string(),
                );
            }
            Some(_) => {}
        }
    }

    /// Checks a price; `None` when its currency is unknown (an error is recorded).
    /// Checks a price of a product that is active or (`product_active: false`) archived.
    fn price(
        &mut self,
        path: &str,
        spanned: &Spanned<PriceFile>,
        product_active: bool,
        inherited: OnReplace,
    ) -> Option<DesiredPrice> {
        let raw = &spanned.value;
        let key = raw.key.value.clone();
        self.price_key(&raw.key, &format!("{path}.key"));
        let on_replace = self.on_replace(raw, path, &key, inherited);
        let currency = self.currency(&raw.currency, &format!("{path}.currency"));
        let tax_behavior = self.keyword(raw.tax_behavior.as_ref(), &format!("{path}.tax_behavior")).unwrap_or_default();
        let active = raw.active.as_ref().is_none_or(|active| active.value);
        // An archived product's prices are archived with it, so none is sold on its meter.
        let recurring = raw
            .recurring
            .as_ref()
            .map(|recurring| self.recurring(recurring, &format!("{path}.recurring"), &key, active && product_active));
        let billing_scheme = self.keyword(raw.billing_scheme.as_ref(), &format!("{path}.billing_scheme"));
        let tiers_mode = self.keyword(raw.tiers_mode.as_ref(), &format!("{path}.tiers_mode"));
        let transform_quantity = raw.transform_quantity.as_ref().map(|transform| {
            self.transform_quantity(transform, &format!("{path}.transform_quantity"), raw.tiers.is_some())
        });
        if let Some(custom) = &raw.custom_unit_amount
            && let Some(recurring) = &raw.recurring
        {
            self.error(
                custom.referenced,
                &format!("{path}.custom_unit_amount"),
                format!("price `{key}` lets the customer choose the amount but is recurring"),
                format!(
                    "Stripe allows `custom_unit_amount` on one-time prices only: remove `recurring` (line {}) or give a fixed amount",
                    recurring.referenced.line()
                ),
            );
        }
        let kind = self.pricing_kind(
            spanned.referenced,
            path,
            &format!("price `{key}`"),
            PricingFields {
                amount: raw.amount.as_ref().map(|amount| amount.referenced),
                unit_amount: raw.unit_amount.as_ref().map(|amount| amount.referenced),
                unit_amount_decimal: raw.unit_amount_decimal.as_ref().map(|amount| amount.referenced),
                tiers: raw.tiers.as_ref().map(|tiers| tiers.referenced),
                custom: raw.custom_unit_amount.as_ref().map(|custom| custom.referenced),
            },
        );
        self.billing_scheme(raw, path, &key, billing_scheme, tiers_mode);
        let pricing = self.pricing(
            path,
            currency,
            PricingSource {
                amount: raw.amount.as_ref(),
                unit_amount: raw.unit_amount.as_ref(),
                unit_amount_decimal: raw.unit_amount_decimal.as_ref(),
                tiers: raw.tiers.as_ref(),
                custom: raw.custom_unit_amount.as_ref(),
            },
            tiers_mode.unwrap_or(TiersMode::Graduated),
        );
        let base_tiers: Vec<UpTo> = raw
            .tiers
            .as_ref()
            .map(|tiers| tiers.value.iter().map(|tier| tier.value.up_to.value.clone()).collect())
            .unwrap_or_default();
        let base = BasePrice {
            currency,
            kind,
            tiers: &base_tiers,
            tiers_mode: tiers_mode.unwrap_or(TiersMode::Graduated),
            tax_behavior,
        };
        let currency_options = raw.currency_options.as_ref().map_or_else(BTreeMap::new, |options| {
            self.currency_options(options, &format!("{path}.currency_options"), &base)
        });
        let metadata = self.metadata(raw.metadata.as_ref(), &format!("{path}.metadata"));
        let terms =
            PriceTerms { currency: currency?, pricing, recurring, transform_quantity: transform_quantity.flatten() };
        let settings = PriceSettings {
            active,
            nickname: raw.nickname.as_ref().map(|nickname| {
                self.max_chars(nickname, &format!("{path}.nickname"), MAX_TEXT_CHARS, "a nickname");
                nickname.value.clone()
            }),
            metadata,
            tax_behavior,
            currency_options,
        };
        Some(DesiredPrice { key, terms, settings, on_replace })
    }

    /// The price's own `on_replace`, else the one it inherits. A one-time price has no
    /// subscriptions: `migrate` written on it is an error, and an inherited one means `keep`
    /// (a product or catalog default must not make every one-time price unchangeable).
    fn on_replace(&mut self, raw: &PriceFile, path: &str, key: &str, inherited: OnReplace) -> OnReplace {
        let field = format!("{path}.on_replace");
        let own = self.keyword(raw.on_replace.as_ref(), &field);
        if raw.recurring.is_some() {
            return own.unwrap_or(inherited);
        }
        if let (Some(OnReplace::Migrate), Some(written)) = (own, &raw.on_replace) {
            self.error(
                written.referenced,
                &field,
                format!("price `{key}` is one-time, so it has no subscriptions for `on_replace: migrate` to move"),
                "remove `on_replace` (or write `keep`), or make the price recurring".to_string(),
            );
        }
        OnReplace::Keep
    }

    fn price_key(&mut self, key: &Spanned<String>, path: &str) {
        let text = &key.value;
        if text.is_empty() {
            self.error(key.referenced, path, "price key is empty", "write a key such as `pro-monthly`".to_string());
        } else if text.chars().count() > MAX_LOOKUP_KEY_CHARS {
            self.error(
                key.referenced,
                path,
                format!(
                    "price key is {} characters; Stripe's lookup_key allows at most {MAX_LOOKUP_KEY_CHARS}",
                    text.chars().count()
                ),
                "use a shorter key such as `pro-monthly`".to_string(),
            );
        } else if !text.chars().all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '_' | '-' | '.' | ':' | '/')) {
            self.error(
                key.referenced,
                path,
                format!("price key `{text}` is not accepted: use letters, digits and `_ - . : /`"),
                "the key becomes the price's lookup_key, which scripts pass around in URLs and shells; keep it plain, e.g. `pro-monthly`".to_string(),
            );
        }
        self.unique(
            Seen::PriceKey,
            key,
            path,
            "price key",
            "price keys become lookup keys, which are unique across the whole Stripe account; rename one",
        );
    }

    fn currency(&mut self, code: &Spanned<String>, path: &str) -> Option<Currency> {
        match Currency::parse(&code.value) {
            Ok(currency) => Some(currency),
            Err(err) => {
                self.error(code.referenced, path, err.to_string(), Some(currency_hint(&code.value)));
                None
            }
        }
    }

    fn recurring(
        &mut self,
        recurring: &Spanned<RecurringFile>,
        path: &str,
        price_key: &str,
        active: bool,
    ) -> Recurring {
        let raw = &recurring.value;
        let interval = self.keyword(Some(&raw.interval), &format!("{path}.interval"));
        let usage_type = self.keyword(raw.usage_type.as_ref(), &format!("{path}.usage_type")).unwrap_or_default();
        let meter = self.price_meter(recurring, path, price_key, usage_type, active);
        let interval_count = raw.interval_count.as_ref().map_or(1, |count| count.value.0);
        if let Some(count) = &raw.interval_count {
            let count_path = format!("{path}.interval_count");
            if count.value.0 == 0 {
                self.error(
                    count.referenced,
                    &count_path,
                    "interval_count must be at least 1",
                    "bill every 1 or more intervals (1 is the default)".to_string(),
                );
            } else if let Some(interval) = interval {
                let (max, unit) = match interval {
                    Interval::Day => (1095, "days"),
                    Interval::Week => (156, "weeks"),
                    Interval::Month => (36, "months"),
                    Interval::Year => (3, "years"),
                };
                if count.value.0 > max {
                    self.error(
                        count.referenced,
                        &count_path,
                        format!("every {} {unit} is longer than Stripe's maximum of three years", count.value.0),
                        format!("use at most {max} {unit}"),
                    );
                }
            }
        }
        Recurring { interval: interval.unwrap_or(Interval::Month), interval_count, usage_type, meter }
    }

    fn transform_quantity(
        &mut self,
        transform: &Spanned<TransformQuantityFile>,
        path: &str,
        has_tiers: bool,
    ) -> Option<TransformQuantity> {
        let raw = &transform.value;
        if has_tiers {
            self.error(
                transform.referenced,
                path,
                "`transform_quantity` cannot be combined with `tiers`",
                "Stripe refuses both on one price: remove one of them".to_string(),
            );
        }
        if raw.divide_by.value.0 == 0 {
            self.error(
                raw.divide_by.referenced,
                &format!("{path}.divide_by"),
                "divide_by must be at least 1",
                "e.g. `divide_by: 1000` to charge per thousand units".to_string(),
            );
        }
        let round = self.keyword(Some(&raw.round), &format!("{path}.round"))?;
        Some(TransformQuantity { divide_by: raw.divide_by.value.0, round })
    }
}

/// The one placeholder Stripe fills in a Checkout Session's `success_url`
/// (docs.stripe.com/payments/checkout/custom-success-page).
pub const CHECKOUT_SESSION_ID_PLACEHOLDER: &str = "{CHECKOUT_SESSION_ID}";

/// What is wrong with the placeholders of a `success_url`, one sentence each. Stripe replaces
/// only the exact text `{CHECKOUT_SESSION_ID}`; anything close to it reaches the customer's
/// browser as written, and the success page gets no session id.
#[must_use]
pub fn success_url_placeholder_problems(url: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let lower = url.to_ascii_lowercase();
    if lower.contains("%7b") || lower.contains("%7d") {
        problems.push(format!(
            "the URL has an encoded brace (`%7B`/`%7D`): Stripe fills in only the literal `{CHECKOUT_SESSION_ID_PLACEHOLDER}`"
        ));
    }
    let mut rest = url;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            problems.push("the URL has a `}` with no `{` before it".to_string());
            rest = &rest[open + 1..];
            continue;
        }
        let Some(length) = rest[open..].find('}') else {
            problems.push(format!("the URL has a `{{` that is never closed: `{}`", &rest[open..]));
            break;
        };
        let placeholder = &rest[open..=open + length];
        if placeholder != CHECKOUT_SESSION_ID_PLACEHOLDER {
            let why = if placeholder.eq_ignore_ascii_case(CHECKOUT_SESSION_ID_PLACEHOLDER) {
                "placeholders are case-sensitive"
            } else {
                "it is not a placeholder Stripe knows"
            };
            problems.push(format!(
                "`{placeholder}` will not be filled in ({why}): Stripe fills in only `{CHECKOUT_SESSION_ID_PLACEHOLDER}`"
            ));
        }
        rest = &rest[open + length + 1..];
    }
    problems
}

/// Suggests the supported currency closest to a mistyped code.
fn currency_hint(code: &str) -> String {
    let lower = code.trim().to_ascii_lowercase();
    // Edit distance costs length × length; a code is three letters, so a long value is no
    // typo of one (and a 10 MB value took seconds).
    let closest = Currency::all()
        .filter(|_| lower.len() <= 8)
        .map(|currency| (strsim::levenshtein(&lower, currency.code()), currency))
        .min_by_key(|(distance, _)| *distance);
    match closest {
        Some((distance, currency)) if distance <= 1 => {
            format!("did you mean `{}`? Codes are three letters, any case", currency.code())
        }
        _ => "use a three-letter ISO code Stripe supports, such as `usd`, `eur`, `gbp` or `jpy`".to_string(),
    }
}
