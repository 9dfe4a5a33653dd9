//! Every check on a parsed catalog file, and the normalisation into [`Catalog`]. All checks run
//! on every file so one `validate` reports every problem; the normalised catalog is only used
//! when no error was found.
//!
//! Limits follow Stripe's API (`stripe-api.md`, the OpenAPI spec); where Stripe publishes no
//! rule (the characters of a product id or lookup key) the check is conservative and its
//! message says so.

use std::collections::{BTreeMap, HashMap};

use serde_saphyr::{Location, Spanned};

use super::diagnostics::{Diagnostic, Severity, token_width};
use super::model::{
    AmountText, BillingScheme, CatalogFile, CurrencyOptionFile, CustomUnitAmountFile, Keyword, Keywords,
    MinorAmountText, PriceFile, ProductFile, RecurringFile, SpannedMap, TierFile, TransformQuantityFile, UpTo,
};
use super::{Catalog, CheckoutDefaults};
use crate::money::{self, AmountError, Currency};
use crate::objects::{
    CurrencyOption, CustomUnitAmount, DesiredPrice, DesiredProduct, Interval, Metadata, PriceSettings, PriceTerms,
    Pricing, ProductFields, RESERVED_METADATA_PREFIX, Recurring, TaxBehavior, Tier, TiersMode, TransformQuantity,
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
pub const MAX_NAME_CHARS: usize = 5000;
pub const MAX_DESCRIPTION_CHARS: usize = 40_000;

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
            message,
            hint,
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
    let mut state = State { checker, product_ids: HashMap::new(), price_keys: HashMap::new() };
    state.run(file)
}

struct State<'c, 'a> {
    checker: &'c mut Checker<'a>,
    /// First place each product id / price key was seen, for duplicate reports.
    product_ids: HashMap<String, Location>,
    price_keys: HashMap<String, Location>,
}

/// Which way a price (or a currency option) computes its amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PricingKind {
    PerUnit,
    Tiered,
    Custom,
}

impl PricingKind {
    fn describe(self) -> &'static str {
        match self {
            PricingKind::PerUnit => "a fixed amount (`amount` or `unit_amount`)",
            PricingKind::Tiered => "`tiers`",
            PricingKind::Custom => "`custom_unit_amount`",
        }
    }
}

impl State<'_, '_> {
    fn error(&mut self, location: Location, path: &str, message: impl Into<String>, hint: impl Into<Option<String>>) {
        self.checker.error(location, path, message, hint.into());
    }

    fn run(&mut self, file: &CatalogFile) -> Catalog {
        if file.version.value != 1 {
            self.error(
                file.version.referenced,
                "version",
                format!("unsupported catalog version {}", file.version.value),
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
            checkout.cancel_url = self.url(section.cancel_url.as_ref(), "checkout.cancel_url");
        }
        let products = file
            .products
            .iter()
            .enumerate()
            .map(|(index, product)| self.product(&format!("products[{index}]"), product))
            .collect();
        Catalog { version: file.version.value, account, checkout, products }
    }

    fn product(&mut self, path: &str, spanned: &Spanned<ProductFile>) -> DesiredProduct {
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
            self.max_chars(&raw.name, &format!("{path}.name"), MAX_NAME_CHARS, "a product name");
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
        let prices: Vec<DesiredPrice> = raw
            .prices
            .iter()
            .enumerate()
            .filter_map(|(index, price)| self.price(&format!("{path}.prices[{index}]"), price))
            .collect();
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
        if let Some(first) = self.product_ids.get(text) {
            let line = first.line();
            self.error(
                id.referenced,
                path,
                format!("duplicate product id `{text}` (first used on line {line})"),
                "product ids are unique in a Stripe account; rename one of them".to_string(),
            );
        } else {
            self.product_ids.insert(text.clone(), id.referenced);
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
    fn price(&mut self, path: &str, spanned: &Spanned<PriceFile>) -> Option<DesiredPrice> {
        let raw = &spanned.value;
        let key = raw.key.value.clone();
        self.price_key(&raw.key, &format!("{path}.key"));
        let currency = self.currency(&raw.currency, &format!("{path}.currency"));
        let tax_behavior = self.keyword(raw.tax_behavior.as_ref(), &format!("{path}.tax_behavior")).unwrap_or_default();
        let recurring = raw.recurring.as_ref().map(|recurring| self.recurring(recurring, &format!("{path}.recurring")));
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
            active: raw.active.as_ref().is_none_or(|active| active.value),
            nickname: raw.nickname.as_ref().map(|nickname| nickname.value.clone()),
            metadata,
            tax_behavior,
            currency_options,
        };
        Some(DesiredPrice { key, terms, settings })
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
        if let Some(first) = self.price_keys.get(text) {
            let line = first.line();
            self.error(
                key.referenced,
                path,
                format!("duplicate price key `{text}` (first used on line {line})"),
                "price keys become lookup keys, which are unique across the whole Stripe account; rename one"
                    .to_string(),
            );
        } else {
            self.price_keys.insert(text.clone(), key.referenced);
        }
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

    /// Reports how many ways of pricing were given (exactly one is right) and returns the one
    /// in effect.
    fn pricing_kind(&mut self, at: Location, path: &str, what: &str, fields: PricingFields) -> Option<PricingKind> {
        let given: Vec<(&str, Location, PricingKind)> = [
            ("amount", fields.amount, PricingKind::PerUnit),
            ("unit_amount", fields.unit_amount, PricingKind::PerUnit),
            ("tiers", fields.tiers, PricingKind::Tiered),
            ("custom_unit_amount", fields.custom, PricingKind::Custom),
        ]
        .into_iter()
        .filter_map(|(name, location, kind)| location.map(|location| (name, location, kind)))
        .collect();
        match given.as_slice() {
            [] => {
                self.error(
                    at,
                    path,
                    format!("{what} has no amount"),
                    "give exactly one of `amount` (major units, e.g. `29.99`), `unit_amount` (minor units, e.g. `2999`), `tiers` or `custom_unit_amount`".to_string(),
                );
                None
            }
            [(_, _, kind)] => Some(*kind),
            [(first, _, kind), rest @ ..] => {
                for (name, location, _) in rest {
                    self.error(
                        *location,
                        &format!("{path}.{name}"),
                        format!("{what} gives both `{first}` and `{name}`"),
                        "give exactly one way of pricing: `amount`, `unit_amount`, `tiers` or `custom_unit_amount`"
                            .to_string(),
                    );
                }
                Some(*kind)
            }
        }
    }

    fn billing_scheme(
        &mut self,
        raw: &PriceFile,
        path: &str,
        key: &str,
        billing_scheme: Option<BillingScheme>,
        tiers_mode: Option<TiersMode>,
    ) {
        match (&raw.tiers, billing_scheme) {
            // An unknown keyword was already reported; do not add a second error for it.
            (Some(tiers), scheme)
                if scheme != Some(BillingScheme::Tiered)
                    && raw.billing_scheme.as_ref().is_none_or(|scheme| scheme.value.value.is_some()) =>
            {
                self.error(
                    tiers.referenced,
                    &format!("{path}.tiers"),
                    format!("price `{key}` has tiers but not `billing_scheme: tiered`"),
                    "add `billing_scheme: tiered` (and a `tiers_mode`)".to_string(),
                );
            }
            (None, Some(BillingScheme::Tiered)) => {
                if let Some(scheme) = &raw.billing_scheme {
                    self.error(
                        scheme.referenced,
                        &format!("{path}.billing_scheme"),
                        format!("price `{key}` has `billing_scheme: tiered` but no `tiers`"),
                        "add `tiers`, or remove `billing_scheme` for a fixed amount".to_string(),
                    );
                }
            }
            _ => {}
        }
        match (&raw.tiers, &raw.tiers_mode) {
            (Some(tiers), None) => self.error(
                tiers.referenced,
                &format!("{path}.tiers"),
                format!("price `{key}` has tiers but no `tiers_mode`"),
                "add `tiers_mode: graduated` (each tier prices its own units) or `tiers_mode: volume` (one tier prices all units)".to_string(),
            ),
            (None, Some(mode)) if tiers_mode.is_some() => self.error(
                mode.referenced,
                &format!("{path}.tiers_mode"),
                format!("price `{key}` has a `tiers_mode` but no `tiers`"),
                "remove `tiers_mode`, or add `tiers` with `billing_scheme: tiered`".to_string(),
            ),
            _ => {}
        }
    }

    /// Builds the pricing from whichever way was given (the first, when several were).
    fn pricing(
        &mut self,
        path: &str,
        currency: Option<Currency>,
        source: PricingSource<'_>,
        tiers_mode: TiersMode,
    ) -> Pricing {
        let placeholder = Pricing::PerUnit { unit_amount: 0 };
        if let Some(amount) = source.amount {
            let unit_amount = self.major(amount, &format!("{path}.amount"), currency, true);
            return Pricing::PerUnit { unit_amount: unit_amount.unwrap_or(0) };
        }
        if let Some(amount) = source.unit_amount {
            let unit_amount = self.minor(amount, &format!("{path}.unit_amount"), currency, true);
            return Pricing::PerUnit { unit_amount: unit_amount.unwrap_or(0) };
        }
        if let Some(tiers) = source.tiers {
            let tiers = self.tiers(tiers, &format!("{path}.tiers"), currency);
            return Pricing::Tiered { tiers_mode, tiers };
        }
        if let Some(custom) = source.custom {
            return Pricing::CustomAmount(self.custom_unit_amount(
                custom,
                &format!("{path}.custom_unit_amount"),
                currency,
            ));
        }
        placeholder
    }

    fn tiers(&mut self, tiers: &Spanned<Vec<Spanned<TierFile>>>, path: &str, currency: Option<Currency>) -> Vec<Tier> {
        if tiers.value.is_empty() {
            self.error(
                tiers.referenced,
                path,
                "`tiers` is empty",
                "give at least one tier; the last has `up_to: inf`".to_string(),
            );
        }
        let mut previous: Option<u64> = None;
        let count = tiers.value.len();
        let mut out = Vec::with_capacity(count);
        for (index, tier) in tiers.value.iter().enumerate() {
            let tier_path = format!("{path}[{index}]");
            let raw = &tier.value;
            let up_to_path = format!("{tier_path}.up_to");
            let is_last = index + 1 == count;
            let up_to = match &raw.up_to.value {
                UpTo::Invalid(text) => {
                    self.error(
                        raw.up_to.referenced,
                        &up_to_path,
                        format!("`{text}` is not a tier limit"),
                        "write a whole quantity such as `10`, or `inf` for the last tier".to_string(),
                    );
                    None
                }
                UpTo::Quantity(0) => {
                    self.error(
                        raw.up_to.referenced,
                        &up_to_path,
                        "a tier cannot end at 0",
                        "the first tier covers quantities from 1 up to its `up_to`".to_string(),
                    );
                    Some(0)
                }
                UpTo::Quantity(quantity) => {
                    if let Some(before) = previous
                        && *quantity <= before
                    {
                        self.error(
                            raw.up_to.referenced,
                            &up_to_path,
                            format!("tier limits must ascend: `up_to: {quantity}` follows `up_to: {before}`"),
                            "order the tiers by `up_to`, smallest first, without repeats".to_string(),
                        );
                    }
                    if is_last {
                        self.error(
                            raw.up_to.referenced,
                            &up_to_path,
                            format!("the last tier must have `up_to: inf`, not `{quantity}`"),
                            "add a final tier `{ up_to: inf, ... }` for quantities above the others".to_string(),
                        );
                    }
                    previous = Some(*quantity);
                    Some(*quantity)
                }
                UpTo::Inf => {
                    if !is_last {
                        self.error(
                            raw.up_to.referenced,
                            &up_to_path,
                            "only the last tier can have `up_to: inf`",
                            "move this tier to the end, or give it a quantity".to_string(),
                        );
                    }
                    None
                }
            };
            let unit_amount = self.one_amount(
                currency,
                &tier_path,
                ("amount", raw.amount.as_ref()),
                ("unit_amount", raw.unit_amount.as_ref()),
            );
            let flat_amount = self.one_amount(
                currency,
                &tier_path,
                ("flat_amount", raw.flat_amount.as_ref()),
                ("flat_unit_amount", raw.flat_unit_amount.as_ref()),
            );
            if raw.amount.is_none()
                && raw.unit_amount.is_none()
                && raw.flat_amount.is_none()
                && raw.flat_unit_amount.is_none()
            {
                self.error(
                    tier.referenced,
                    &tier_path,
                    "tier has no amount",
                    "give a per-unit `amount` (or `unit_amount`), a `flat_amount` (or `flat_unit_amount`), or both"
                        .to_string(),
                );
            }
            out.push(Tier { up_to, unit_amount, flat_amount });
        }
        out
    }

    /// An amount that may be given in major units (`major.0`) or minor units (`minor.0`), not
    /// both.
    fn one_amount(
        &mut self,
        currency: Option<Currency>,
        path: &str,
        major: (&str, Option<&Spanned<AmountText>>),
        minor: (&str, Option<&Spanned<MinorAmountText>>),
    ) -> Option<i64> {
        match (major.1, minor.1) {
            (Some(_), Some(second)) => {
                self.error(
                    second.referenced,
                    &format!("{path}.{}", minor.0),
                    format!("both `{}` and `{}` are given", major.0, minor.0),
                    format!("give `{}` in major units or `{}` in minor units, not both", major.0, minor.0),
                );
                None
            }
            (Some(amount), None) => self.major(amount, &format!("{path}.{}", major.0), currency, false),
            (None, Some(amount)) => self.minor(amount, &format!("{path}.{}", minor.0), currency, false),
            (None, None) => None,
        }
    }

    fn custom_unit_amount(
        &mut self,
        custom: &Spanned<CustomUnitAmountFile>,
        path: &str,
        currency: Option<Currency>,
    ) -> CustomUnitAmount {
        let raw = &custom.value;
        let minimum =
            raw.minimum.as_ref().and_then(|amount| self.major(amount, &format!("{path}.minimum"), currency, true));
        let maximum =
            raw.maximum.as_ref().and_then(|amount| self.major(amount, &format!("{path}.maximum"), currency, false));
        let preset =
            raw.preset.as_ref().and_then(|amount| self.major(amount, &format!("{path}.preset"), currency, false));
        let show =
            |minor: i64| currency.map_or_else(|| minor.to_string(), |currency| money::format_money(minor, currency));
        if let (Some(low), Some(high), Some(at)) = (minimum, maximum, raw.maximum.as_ref())
            && low > high
        {
            self.error(
                at.referenced,
                &format!("{path}.maximum"),
                format!("maximum {} is below minimum {}", show(high), show(low)),
                "the customer must be able to pay something between the two".to_string(),
            );
        }
        if let (Some(value), Some(at)) = (preset, raw.preset.as_ref()) {
            if let Some(low) = minimum.filter(|low| value < *low) {
                self.error(
                    at.referenced,
                    &format!("{path}.preset"),
                    format!("preset {} is below minimum {}", show(value), show(low)),
                    "the preset must lie between `minimum` and `maximum`".to_string(),
                );
            }
            if let Some(high) = maximum.filter(|high| value > *high) {
                self.error(
                    at.referenced,
                    &format!("{path}.preset"),
                    format!("preset {} is above maximum {}", show(value), show(high)),
                    "the preset must lie between `minimum` and `maximum`".to_string(),
                );
            }
        }
        CustomUnitAmount { minimum, maximum, preset }
    }

    fn recurring(&mut self, recurring: &Spanned<RecurringFile>, path: &str) -> Recurring {
        let raw = &recurring.value;
        let interval = self.keyword(Some(&raw.interval), &format!("{path}.interval"));
        let usage_type = self.keyword(raw.usage_type.as_ref(), &format!("{path}.usage_type")).unwrap_or_default();
        let interval_count = raw.interval_count.as_ref().map_or(1, |count| count.value);
        if let Some(count) = &raw.interval_count {
            let count_path = format!("{path}.interval_count");
            if count.value == 0 {
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
                if count.value > max {
                    self.error(
                        count.referenced,
                        &count_path,
                        format!("every {} {unit} is longer than Stripe's maximum of three years", count.value),
                        format!("use at most {max} {unit}"),
                    );
                }
            }
        }
        Recurring { interval: interval.unwrap_or(Interval::Month), interval_count, usage_type }
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
        if raw.divide_by.value == 0 {
            self.error(
                raw.divide_by.referenced,
                &format!("{path}.divide_by"),
                "divide_by must be at least 1",
                "e.g. `divide_by: 1000` to charge per thousand units".to_string(),
            );
        }
        let round = self.keyword(Some(&raw.round), &format!("{path}.round"))?;
        Some(TransformQuantity { divide_by: raw.divide_by.value, round })
    }

    fn currency_options(
        &mut self,
        options: &Spanned<SpannedMap<CurrencyOptionFile>>,
        path: &str,
        base: &BasePrice<'_>,
    ) -> BTreeMap<Currency, CurrencyOption> {
        let kind = base.kind;
        let mut out = BTreeMap::new();
        let mut seen: HashMap<Currency, Location> = HashMap::new();
        for (code, option) in &options.value.entries {
            let option_path = format!("{path}.{}", code.value);
            let Some(currency) = self.currency(code, &option_path) else { continue };
            if Some(currency) == base.currency {
                self.error(
                    code.referenced,
                    &option_path,
                    format!("currency_options repeats the price's own currency `{}`", currency.code()),
                    "the price's own amount already covers it; list only other currencies here".to_string(),
                );
                continue;
            }
            if let Some(first) = seen.get(&currency) {
                let line = first.line();
                self.error(
                    code.referenced,
                    &option_path,
                    format!(
                        "currency `{}` is listed twice in currency_options (first on line {line})",
                        currency.code()
                    ),
                    "currency codes are case-insensitive; keep one entry".to_string(),
                );
                continue;
            }
            seen.insert(currency, code.referenced);
            let raw = &option.value;
            let what = format!("currency option `{}`", currency.code());
            let option_kind = self.pricing_kind(
                option.referenced,
                &option_path,
                &what,
                PricingFields {
                    amount: raw.amount.as_ref().map(|amount| amount.referenced),
                    unit_amount: raw.unit_amount.as_ref().map(|amount| amount.referenced),
                    tiers: raw.tiers.as_ref().map(|tiers| tiers.referenced),
                    custom: raw.custom_unit_amount.as_ref().map(|custom| custom.referenced),
                },
            );
            if let (Some(expected), Some(found)) = (kind, option_kind)
                && expected != found
            {
                self.error(
                    option.referenced,
                    &option_path,
                    format!("{what} uses {} but the price uses {}", found.describe(), expected.describe()),
                    "every currency option prices the same way as the price itself".to_string(),
                );
            }
            if let Some(tiers) = &raw.tiers {
                let option_up_to: Vec<&UpTo> = tiers.value.iter().map(|tier| &tier.value.up_to.value).collect();
                let base_up_to: Vec<&UpTo> = base.tiers.iter().collect();
                if kind == Some(PricingKind::Tiered) && option_up_to != base_up_to {
                    self.error(
                        tiers.referenced,
                        &format!("{option_path}.tiers"),
                        format!("{what} has tiers with different `up_to` limits than the price"),
                        format!("use the same limits as the price: {}", describe_up_to(base.tiers)),
                    );
                }
            }
            let pricing = self.pricing(
                &option_path,
                Some(currency),
                PricingSource {
                    amount: raw.amount.as_ref(),
                    unit_amount: raw.unit_amount.as_ref(),
                    tiers: raw.tiers.as_ref(),
                    custom: raw.custom_unit_amount.as_ref(),
                },
                base.tiers_mode,
            );
            let tax_behavior = self
                .keyword(raw.tax_behavior.as_ref(), &format!("{option_path}.tax_behavior"))
                .unwrap_or(base.tax_behavior);
            out.insert(currency, CurrencyOption { pricing, tax_behavior });
        }
        out
    }

    fn metadata(&mut self, metadata: Option<&Spanned<SpannedMap<String>>>, path: &str) -> Metadata {
        let mut out = Metadata::new();
        let Some(metadata) = metadata else { return out };
        let entries = &metadata.value.entries;
        if entries.len() > MAX_METADATA_KEYS {
            self.error(
                metadata.referenced,
                path,
                format!("metadata has {} keys; at most {MAX_METADATA_KEYS} are allowed", entries.len()),
                "Stripe allows 50 keys per object and the tool keeps one for its own marker".to_string(),
            );
        }
        for (key, value) in entries {
            let key_path = format!("{path}.{}", key.value);
            let text = &key.value;
            if text.is_empty() {
                self.error(key.referenced, &key_path, "metadata key is empty", None);
            } else if text.starts_with(RESERVED_METADATA_PREFIX) {
                self.error(
                    key.referenced,
                    &key_path,
                    format!("metadata key `{text}` is reserved: keys starting with `{RESERVED_METADATA_PREFIX}` belong to the tool"),
                    "rename the key; the tool sets its own keys itself".to_string(),
                );
            } else if text.chars().count() > MAX_METADATA_KEY_CHARS {
                self.error(
                    key.referenced,
                    &key_path,
                    format!(
                        "metadata key `{text}` is {} characters; Stripe allows at most {MAX_METADATA_KEY_CHARS}",
                        text.chars().count()
                    ),
                    None,
                );
            } else if text.contains(['[', ']']) {
                self.error(
                    key.referenced,
                    &key_path,
                    format!("metadata key `{text}` contains `[` or `]`, which Stripe does not allow"),
                    None,
                );
            }
            let value_chars = value.value.chars().count();
            if value.value.is_empty() {
                self.error(
                    value.referenced,
                    &key_path,
                    format!("metadata value for `{text}` is empty"),
                    "Stripe treats an empty value as deleting the key; remove the key instead".to_string(),
                );
            } else if value_chars > MAX_METADATA_VALUE_CHARS {
                self.error(
                    value.referenced,
                    &key_path,
                    format!(
                        "metadata value is {value_chars} characters; Stripe allows at most {MAX_METADATA_VALUE_CHARS}"
                    ),
                    None,
                );
            }
            out.insert(text.clone(), value.value.clone());
        }
        out
    }

    /// Parses an amount in major units; with `warn_minimum`, a non-zero amount below Stripe's
    /// minimum charge is a warning.
    fn major(
        &mut self,
        amount: &Spanned<AmountText>,
        path: &str,
        currency: Option<Currency>,
        warn_minimum: bool,
    ) -> Option<i64> {
        let currency = currency?;
        match money::parse_major(&amount.value.0, currency) {
            Ok(minor) => {
                if warn_minimum {
                    self.minimum_charge(amount.referenced, path, minor, currency);
                }
                Some(minor)
            }
            Err(err) => {
                self.amount_error(amount.referenced, path, &err, currency);
                None
            }
        }
    }

    fn minor(
        &mut self,
        amount: &Spanned<MinorAmountText>,
        path: &str,
        currency: Option<Currency>,
        warn_minimum: bool,
    ) -> Option<i64> {
        let currency = currency?;
        match money::parse_minor(&amount.value.0, currency) {
            Ok(minor) => {
                if warn_minimum {
                    self.minimum_charge(amount.referenced, path, minor, currency);
                }
                Some(minor)
            }
            Err(err @ AmountError::MinorUnitsNotWhole { .. }) => {
                // A fraction in a minor-unit field is the factor-of-100 mistake in the making:
                // show both ways of writing what was probably meant.
                let field = path.rsplit('.').next().unwrap_or("unit_amount");
                let major_field = field.replace("unit_amount", "amount");
                let text = amount.value.0.trim();
                let hint = match money::parse_major(text, currency) {
                    Ok(minor) => format!(
                        "for {} write `{major_field}: {text}` (major units) or `{field}: {minor}` (minor units)",
                        money::format_money(minor, currency)
                    ),
                    Err(_) => amount_hint(currency),
                };
                self.error(amount.referenced, path, err.to_string(), Some(hint));
                None
            }
            Err(err) => {
                self.amount_error(amount.referenced, path, &err, currency);
                None
            }
        }
    }

    fn amount_error(&mut self, at: Location, path: &str, err: &AmountError, currency: Currency) {
        self.error(at, path, err.to_string(), Some(amount_hint(currency)));
    }

    fn minimum_charge(&mut self, at: Location, path: &str, minor: i64, currency: Currency) {
        if let Some(minimum) = money::below_minimum_charge(minor, currency) {
            self.checker.warn(
                at,
                path,
                format!(
                    "{} is below Stripe's minimum charge of {}",
                    money::format_money(minor, currency),
                    money::format_money(minimum, currency)
                ),
                Some(
                    "a single payment of this amount will fail; fine only if it is always bought in larger quantities"
                        .to_string(),
                ),
            );
        }
    }

    fn keyword<K: Keywords>(&mut self, keyword: Option<&Spanned<Keyword<K>>>, path: &str) -> Option<K> {
        let keyword = keyword?;
        if keyword.value.value.is_none() {
            let field = path.rsplit('.').next().unwrap_or(path);
            self.error(
                keyword.referenced,
                path,
                format!("`{}` is not a valid {field}", keyword.value.text),
                format!("use {}", Keyword::<K>::expected()),
            );
        }
        keyword.value.value
    }

    fn url(&mut self, url: Option<&Spanned<String>>, path: &str) -> Option<String> {
        let url = url?;
        let text = url.value.trim();
        let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"));
        if rest.is_none_or(|rest| rest.is_empty() || rest.contains(char::is_whitespace)) {
            self.error(
                url.referenced,
                path,
                format!("`{}` is not a web address", url.value),
                "write a full URL starting with `https://`".to_string(),
            );
        }
        Some(url.value.clone())
    }

    fn tax_code(&mut self, code: &Spanned<String>, path: &str) {
        let well_formed = code
            .value
            .strip_prefix("txcd_")
            .is_some_and(|digits| digits.len() == 8 && digits.bytes().all(|byte| byte.is_ascii_digit()));
        if !well_formed {
            self.error(
                code.referenced,
                path,
                format!("`{}` is not a Stripe tax code", code.value),
                "tax codes look like `txcd_10103001` (see https://stripe.com/docs/tax/tax-categories)".to_string(),
            );
        }
    }

    fn statement_descriptor(&mut self, text: &Spanned<String>, path: &str) {
        let value = &text.value;
        let chars = value.chars().count();
        let hint = || "at most 22 characters, at least one letter, none of < > \\ \" '; e.g. `ACME PRO`".to_string();
        if chars > MAX_STATEMENT_DESCRIPTOR_CHARS {
            self.error(
                text.referenced,
                path,
                format!(
                    "statement_descriptor is {chars} characters; Stripe allows at most {MAX_STATEMENT_DESCRIPTOR_CHARS}"
                ),
                hint(),
            );
        } else if value.contains(['<', '>', '\\', '"', '\'']) {
            self.error(
                text.referenced,
                path,
                format!("statement_descriptor `{value}` contains a character Stripe refuses"),
                hint(),
            );
        } else if !value.chars().any(char::is_alphabetic) {
            self.error(text.referenced, path, "statement_descriptor needs at least one letter", hint());
        }
    }

    fn not_empty(&mut self, text: &Spanned<String>, path: &str, field: &str) {
        if text.value.trim().is_empty() {
            self.error(text.referenced, path, format!("{field} is empty"), format!("remove `{field}` or give it text"));
        }
    }

    fn max_chars(&mut self, text: &Spanned<String>, path: &str, max: usize, what: &str) {
        let chars = text.value.chars().count();
        if chars > max {
            self.error(
                text.referenced,
                path,
                format!("{what} is {chars} characters; Stripe allows at most {max}"),
                None,
            );
        }
    }
}

/// What a currency option must agree with.
struct BasePrice<'a> {
    currency: Option<Currency>,
    kind: Option<PricingKind>,
    tiers: &'a [UpTo],
    /// Tiered options use the price's mode: Stripe has one `tiers_mode` per price.
    tiers_mode: TiersMode,
    /// An option without its own tax behaviour takes the price's.
    tax_behavior: TaxBehavior,
}

/// Where each way of pricing was given, if it was.
struct PricingFields {
    amount: Option<Location>,
    unit_amount: Option<Location>,
    tiers: Option<Location>,
    custom: Option<Location>,
}

/// The raw pricing fields of a price or currency option.
struct PricingSource<'a> {
    amount: Option<&'a Spanned<AmountText>>,
    unit_amount: Option<&'a Spanned<MinorAmountText>>,
    tiers: Option<&'a Spanned<Vec<Spanned<TierFile>>>>,
    custom: Option<&'a Spanned<CustomUnitAmountFile>>,
}

/// What amounts in `currency` look like, for hints.
fn amount_hint(currency: Currency) -> String {
    let info = currency.info();
    let code = currency.code().to_ascii_uppercase();
    if info.wire_exponent > info.decimals {
        format!("{code} amounts are whole numbers (`500`); the tool sends them to Stripe ×100 itself")
    } else if info.decimals == 0 {
        format!("{code} has no minor unit: amounts are whole numbers (`4500`)")
    } else if info.is_three_decimal() {
        format!(
            "{code} amounts have up to 3 decimals and the last must be 0 (`5.120`); or give `unit_amount` in minor units"
        )
    } else {
        format!(
            "{code} amounts have up to {} decimals (`29.99`); or give `unit_amount` in minor units (`2999`)",
            info.decimals
        )
    }
}

/// Suggests the supported currency closest to a mistyped code.
fn currency_hint(code: &str) -> String {
    let lower = code.trim().to_ascii_lowercase();
    let closest = Currency::all()
        .map(|currency| (strsim::levenshtein(&lower, currency.code()), currency))
        .min_by_key(|(distance, _)| *distance);
    match closest {
        Some((distance, currency)) if distance <= 1 => {
            format!("did you mean `{}`? Codes are three letters, any case", currency.code())
        }
        _ => "use a three-letter ISO code Stripe supports, such as `usd`, `eur`, `gbp` or `jpy`".to_string(),
    }
}

fn describe_up_to(tiers: &[UpTo]) -> String {
    tiers
        .iter()
        .map(|up_to| match up_to {
            UpTo::Quantity(quantity) => quantity.to_string(),
            UpTo::Inf => "inf".to_string(),
            UpTo::Invalid(text) => text.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
