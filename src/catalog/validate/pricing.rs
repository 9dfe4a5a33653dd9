//! Checks on how a price computes its amount: exactly one way of pricing, tiers, custom
//! amounts, currency options, and every amount converted exactly to minor units: whole ones,
//! except `unit_amount_decimal`, the one field that may give what one unit costs as a fraction
//! of a minor unit (see [`Place`]).

use std::collections::{BTreeMap, HashMap};

use serde_saphyr::{Location, Spanned};

use super::State;
use crate::catalog::model::{
    AmountText, BillingScheme, CurrencyOptionFile, CustomUnitAmountFile, DecimalAmountText, MinorAmountText, PriceFile,
    SpannedMap, TierFile, UpTo,
};
use crate::money::{self, AmountError, Currency, MinorAmount};
use crate::objects::{CurrencyOption, CustomUnitAmount, Pricing, TaxBehavior, Tier, TiersMode};

impl State<'_, '_> {
    /// Reports how many ways of pricing were given (exactly one is right) and returns the one
    /// in effect.
    pub(super) fn pricing_kind(
        &mut self,
        at: Location,
        path: &str,
        what: &str,
        fields: PricingFields,
    ) -> Option<PricingKind> {
        let given: Vec<(&str, Location, PricingKind)> = [
            ("amount", fields.amount, PricingKind::PerUnit),
            ("unit_amount", fields.unit_amount, PricingKind::PerUnit),
            ("unit_amount_decimal", fields.unit_amount_decimal, PricingKind::PerUnit),
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
                    "give exactly one of `amount` (major units, e.g. `29.99`), `unit_amount` (minor units, e.g. `2999`), `unit_amount_decimal` (minor units with decimals, e.g. `0.3`), `tiers` or `custom_unit_amount`".to_string(),
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
                        "give exactly one way of pricing: `amount`, `unit_amount`, `unit_amount_decimal`, `tiers` or `custom_unit_amount`"
                            .to_string(),
                    );
                }
                Some(*kind)
            }
        }
    }

    pub(super) fn billing_scheme(
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
    pub(super) fn pricing(
        &mut self,
        path: &str,
        currency: Option<Currency>,
        source: PricingSource<'_>,
        tiers_mode: TiersMode,
    ) -> Pricing {
        let placeholder = Pricing::PerUnit { unit_amount: MinorAmount::ZERO };
        if let Some(amount) = source.amount {
            let unit_amount = self.major(amount, &format!("{path}.amount"), currency, Place::PerUnit, true);
            return Pricing::PerUnit { unit_amount: unit_amount.unwrap_or(0).into() };
        }
        if let Some(amount) = source.unit_amount {
            let unit_amount = self.minor(amount, &format!("{path}.unit_amount"), currency, Place::PerUnit, true);
            return Pricing::PerUnit { unit_amount: unit_amount.unwrap_or(0).into() };
        }
        if let Some(amount) = source.unit_amount_decimal {
            let unit_amount = self.decimal(amount, &format!("{path}.unit_amount_decimal"), currency, true);
            return Pricing::PerUnit { unit_amount: unit_amount.unwrap_or_default() };
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

    pub(super) fn tiers(
        &mut self,
        tiers: &Spanned<Vec<Spanned<TierFile>>>,
        path: &str,
        currency: Option<Currency>,
    ) -> Vec<Tier> {
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
                Place::PerUnit,
                ("amount", raw.amount.as_ref()),
                ("unit_amount", raw.unit_amount.as_ref()),
                raw.unit_amount_decimal.as_ref(),
            );
            let flat_amount = self.one_amount(
                currency,
                &tier_path,
                Place::Whole,
                ("flat_amount", raw.flat_amount.as_ref()),
                ("flat_unit_amount", raw.flat_unit_amount.as_ref()),
                None,
            );
            if raw.amount.is_none()
                && raw.unit_amount.is_none()
                && raw.unit_amount_decimal.is_none()
                && raw.flat_amount.is_none()
                && raw.flat_unit_amount.is_none()
            {
                self.error(
                    tier.referenced,
                    &tier_path,
                    "tier has no amount",
                    "give a per-unit `amount` (or `unit_amount`, `unit_amount_decimal`), a `flat_amount` (or `flat_unit_amount`), or both"
                        .to_string(),
                );
            }
            out.push(Tier { up_to, unit_amount, flat_amount });
        }
        out
    }

    /// An amount that may be given in major units (`major.0`) or minor units (`minor.0`), or,
    /// per unit, as `unit_amount_decimal` (`decimal`, which a flat fee does not have): at most
    /// one of them.
    pub(super) fn one_amount(
        &mut self,
        currency: Option<Currency>,
        path: &str,
        place: Place,
        major: (&str, Option<&Spanned<AmountText>>),
        minor: (&str, Option<&Spanned<MinorAmountText>>),
        decimal: Option<&Spanned<DecimalAmountText>>,
    ) -> Option<MinorAmount> {
        let given: Vec<(&str, Location)> = [
            (major.0, major.1.map(|amount| amount.referenced)),
            (minor.0, minor.1.map(|amount| amount.referenced)),
            ("unit_amount_decimal", decimal.map(|amount| amount.referenced)),
        ]
        .into_iter()
        .filter_map(|(name, location)| location.map(|location| (name, location)))
        .collect();
        if let [(first, _), rest @ ..] = given.as_slice()
            && !rest.is_empty()
        {
            let hint = match place {
                Place::PerUnit => format!(
                    "give one of `{}` (major units), `{}` (whole minor units) or `unit_amount_decimal` (minor units with decimals)",
                    major.0, minor.0
                ),
                Place::Whole => format!("give `{}` in major units or `{}` in minor units, not both", major.0, minor.0),
            };
            for (name, location) in rest {
                self.error(
                    *location,
                    &format!("{path}.{name}"),
                    format!("both `{first}` and `{name}` are given"),
                    hint.clone(),
                );
            }
            return None;
        }
        if let Some(amount) = major.1 {
            return self.major(amount, &format!("{path}.{}", major.0), currency, place, false).map(MinorAmount::from);
        }
        if let Some(amount) = minor.1 {
            return self.minor(amount, &format!("{path}.{}", minor.0), currency, place, false).map(MinorAmount::from);
        }
        decimal.and_then(|amount| self.decimal(amount, &format!("{path}.unit_amount_decimal"), currency, false))
    }

    pub(super) fn custom_unit_amount(
        &mut self,
        custom: &Spanned<CustomUnitAmountFile>,
        path: &str,
        currency: Option<Currency>,
    ) -> CustomUnitAmount {
        let raw = &custom.value;
        let minimum = raw
            .minimum
            .as_ref()
            .and_then(|amount| self.major(amount, &format!("{path}.minimum"), currency, Place::Whole, true));
        let maximum = raw
            .maximum
            .as_ref()
            .and_then(|amount| self.major(amount, &format!("{path}.maximum"), currency, Place::Whole, false));
        let preset = raw
            .preset
            .as_ref()
            .and_then(|amount| self.major(amount, &format!("{path}.preset"), currency, Place::Whole, false));
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

    pub(super) fn currency_options(
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
                    unit_amount_decimal: raw.unit_amount_decimal.as_ref().map(|amount| amount.referenced),
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
                    unit_amount_decimal: raw.unit_amount_decimal.as_ref(),
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

    /// Parses an amount in major units; with `warn_minimum`, a non-zero amount below Stripe's
    /// minimum charge is a warning.
    pub(super) fn major(
        &mut self,
        amount: &Spanned<AmountText>,
        path: &str,
        currency: Option<Currency>,
        place: Place,
        warn_minimum: bool,
    ) -> Option<i64> {
        let currency = currency?;
        let text = &amount.value.0;
        match money::parse_major(text, currency) {
            Ok(minor) => {
                if warn_minimum {
                    self.minimum_charge(amount.referenced, path, minor.into(), currency);
                }
                Some(minor)
            }
            Err(err) => {
                let mut hint = amount_hint(currency);
                // More decimals than the currency has: per unit, that may be a fraction of a
                // minor unit meant, which only `unit_amount_decimal` takes. The suggestion is
                // the user's digits with the point moved to minor units, never a computed number.
                if place == Place::PerUnit
                    && matches!(err, AmountError::TooManyDecimals { .. } | AmountError::ZeroDecimal { .. })
                    && let Some(minor) = money::major_text_in_minor_units(text, currency)
                    && money::parse_minor_decimal(&minor, currency).is_ok()
                {
                    let one = money::format_money(1, currency);
                    let write = if currency.info().decimals == 0 { "write" } else { "write it in minor units:" };
                    hint.push_str(&format!(
                        "; for a fraction of {one} per unit, {write} `unit_amount_decimal: {minor}`"
                    ));
                }
                self.error(amount.referenced, path, err.to_string(), Some(hint));
                None
            }
        }
    }

    /// Parses a whole amount in minor units; with `warn_minimum`, a non-zero amount below
    /// Stripe's minimum charge is a warning.
    pub(super) fn minor(
        &mut self,
        amount: &Spanned<MinorAmountText>,
        path: &str,
        currency: Option<Currency>,
        place: Place,
        warn_minimum: bool,
    ) -> Option<i64> {
        let currency = currency?;
        match money::parse_minor(&amount.value.0, currency) {
            Ok(minor) => {
                if warn_minimum {
                    self.minimum_charge(amount.referenced, path, minor.into(), currency);
                }
                Some(minor)
            }
            Err(err @ AmountError::MinorUnitsNotWhole { .. }) => {
                // A fraction in a minor-unit field is the factor-of-100 mistake in the making,
                // or a fraction of a minor unit meant. The hint names each reading that is
                // valid, with the user's number kept as written: a hint that multiplied it
                // (`0.3` → `30`) would itself make a price 100 times too high if the user meant
                // 0.3 cents.
                let field = path.rsplit('.').next().unwrap_or("unit_amount");
                let major_field = field.replace("unit_amount", "amount");
                let text = amount.value.0.trim();
                let as_major = money::parse_major(text, currency).ok().map(|minor| {
                    format!(
                        "if {} is meant, write `{major_field}: {text}` (major units)",
                        money::format_money(minor, currency)
                    )
                });
                let as_decimal = (place == Place::PerUnit)
                    .then(|| money::parse_minor_decimal(text, currency).ok())
                    .flatten()
                    .map(|exact| {
                        format!(
                            "if {text} minor units ({}) per unit is meant, write `unit_amount_decimal: {text}`",
                            money::format_money(exact, currency)
                        )
                    });
                let hint = match (as_major, as_decimal) {
                    (Some(as_major), Some(as_decimal)) => {
                        format!("`{field}` counts whole minor units; {as_major}; {as_decimal}")
                    }
                    (Some(as_major), None) => {
                        format!("`{field}` counts minor units and takes whole numbers; {as_major}")
                    }
                    (None, Some(as_decimal)) => format!("`{field}` counts whole minor units; {as_decimal}"),
                    (None, None) => amount_hint(currency),
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

    /// Parses a `unit_amount_decimal` (minor units, up to 12 decimal places); with
    /// `warn_minimum`, a non-zero amount below Stripe's minimum charge is a warning.
    pub(super) fn decimal(
        &mut self,
        amount: &Spanned<DecimalAmountText>,
        path: &str,
        currency: Option<Currency>,
        warn_minimum: bool,
    ) -> Option<MinorAmount> {
        let currency = currency?;
        match money::parse_minor_decimal(&amount.value.0, currency) {
            Ok(exact) => {
                if warn_minimum {
                    self.minimum_charge(amount.referenced, path, exact, currency);
                }
                Some(exact)
            }
            Err(err) => {
                let hint = match err {
                    AmountError::MinorUnitsNotWhole { .. } => no_fractions_hint(currency),
                    AmountError::TooPrecise { .. } => "round it to at most 12 decimal places".to_string(),
                    _ => amount_hint(currency),
                };
                self.error(amount.referenced, path, err.to_string(), Some(hint));
                None
            }
        }
    }

    pub(super) fn amount_error(&mut self, at: Location, path: &str, err: &AmountError, currency: Currency) {
        self.error(at, path, err.to_string(), Some(amount_hint(currency)));
    }

    pub(super) fn minimum_charge(&mut self, at: Location, path: &str, amount: MinorAmount, currency: Currency) {
        if let Some(minimum) = money::below_minimum_charge(amount, currency) {
            self.checker.warn(
                at,
                path,
                format!(
                    "{} is below Stripe's minimum charge of {}",
                    money::format_money(amount, currency),
                    money::format_money(minimum, currency)
                ),
                Some(
                    "a single payment of this amount will fail; fine only if it is always bought in larger quantities"
                        .to_string(),
                ),
            );
        }
    }
}

/// Where an amount is written, which decides whether `unit_amount_decimal` could give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Place {
    /// What one unit costs: a price's or currency option's amount, a tier's per-unit amount.
    /// Stripe's `unit_amount_decimal` takes it as "a decimal value in cents (or local
    /// equivalent) with at most 12 decimal places" (API reference, Create a price).
    PerUnit,
    /// A tier's flat fee or a `custom_unit_amount` bound: whole minor units only (Stripe's
    /// `flat_amount_decimal` "represent[s] an integer"; custom amounts have no decimal twin).
    Whole,
}

/// Which way a price (or a currency option) computes its amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PricingKind {
    PerUnit,
    Tiered,
    Custom,
}

impl PricingKind {
    fn describe(self) -> &'static str {
        match self {
            PricingKind::PerUnit => "a fixed amount (`amount`, `unit_amount` or `unit_amount_decimal`)",
            PricingKind::Tiered => "`tiers`",
            PricingKind::Custom => "`custom_unit_amount`",
        }
    }
}

/// What a currency option must agree with.
pub(super) struct BasePrice<'a> {
    pub(super) currency: Option<Currency>,
    pub(super) kind: Option<PricingKind>,
    pub(super) tiers: &'a [UpTo],
    /// Tiered options use the price's mode: Stripe has one `tiers_mode` per price.
    pub(super) tiers_mode: TiersMode,
    /// An option without its own tax behaviour takes the price's.
    pub(super) tax_behavior: TaxBehavior,
}

/// Where each way of pricing was given, if it was.
pub(super) struct PricingFields {
    pub(super) amount: Option<Location>,
    pub(super) unit_amount: Option<Location>,
    pub(super) unit_amount_decimal: Option<Location>,
    pub(super) tiers: Option<Location>,
    pub(super) custom: Option<Location>,
}

/// The raw pricing fields of a price or currency option.
pub(super) struct PricingSource<'a> {
    pub(super) amount: Option<&'a Spanned<AmountText>>,
    pub(super) unit_amount: Option<&'a Spanned<MinorAmountText>>,
    pub(super) unit_amount_decimal: Option<&'a Spanned<DecimalAmountText>>,
    pub(super) tiers: Option<&'a Spanned<Vec<Spanned<TierFile>>>>,
    pub(super) custom: Option<&'a Spanned<CustomUnitAmountFile>>,
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

/// Why `currency` takes no fraction of a minor unit (see
/// [`takes_decimal_amounts`](money::CurrencyInfo::takes_decimal_amounts)).
fn no_fractions_hint(currency: Currency) -> String {
    let code = currency.code().to_ascii_uppercase();
    if currency.info().is_three_decimal() {
        format!(
            "{code} charges must end in 0 (Stripe rounds three-decimal currencies to tens), so {code} takes no fraction of a minor unit: give whole minor units"
        )
    } else {
        format!(
            "{code} is charged in whole units, sent to Stripe ×100, so it takes no fraction of a minor unit: give whole minor units (multiples of 100)"
        )
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
