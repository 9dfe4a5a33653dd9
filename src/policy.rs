//! Policies (issue #15): the guard rails a catalog's `policy:` section sets, normalised
//! ([`Policy`]), and the rules by name ([`Rule`]: what `--allow RULE` takes and a violation
//! names). The catalog reads the section (`catalog::model::PolicyFile`); `plan::policy` evaluates it on a
//! computed plan. The static rules (currencies, tax behaviour) are plain functions of a desired
//! price, so that `validate` (with the file's positions) and `plan` ask the same question.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::money::Currency;
use crate::objects::{DesiredPrice, TaxBehavior};

/// `subscribed_prices`: what replacing or archiving a price with subscribers does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubscribedPrices {
    /// A warning line under the action.
    #[default]
    Warn,
    /// Blocked unless the price, its product or the catalog sets `on_replace`.
    RequireOnReplace,
    /// Blocked.
    Block,
}

/// A factor greater than 1, in hundredths (`10x` is 1000), so `2.5x` is exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Factor(u64);

impl Factor {
    /// The default `max_amount_change`: 10×, so the ×100 of a unit mistake is always caught.
    pub const DEFAULT: Factor = Factor(1000);

    /// The factor in hundredths (`10x` → 1000).
    #[must_use]
    pub fn hundredths(self) -> u64 {
        self.0
    }

    /// Reads `10x`, `2.5x`, `1.25x`.
    ///
    /// # Errors
    /// What is wrong and what to write instead, for a diagnostic.
    pub fn parse(text: &str) -> Result<Factor, FactorError> {
        let trimmed = text.trim();
        let Some(number) = trimmed.strip_suffix(['x', 'X', '×']) else {
            return Err(if is_decimal(trimmed) { FactorError::NoX } else { FactorError::NotAFactor });
        };
        if !is_decimal(number) {
            return Err(FactorError::NotAFactor);
        }
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        if fraction.trim_end_matches('0').len() > 2 {
            return Err(FactorError::TooPrecise);
        }
        let whole: u64 = whole.parse().map_err(|_| FactorError::NotAFactor)?;
        let fraction: u64 = format!("{:0<2}", &fraction[..fraction.len().min(2)]).parse().unwrap_or(0);
        let hundredths = whole.checked_mul(100).and_then(|value| value.checked_add(fraction));
        match hundredths {
            Some(value) if value > 100 => Ok(Factor(value)),
            Some(_) => Err(FactorError::NotAboveOne),
            None => Err(FactorError::NotAFactor),
        }
    }
}

impl fmt::Display for Factor {
    /// `10x`, `2.5x`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, fraction) = (self.0 / 100, self.0 % 100);
        if fraction == 0 {
            write!(f, "{whole}x")
        } else {
            write!(f, "{whole}.{}x", format!("{fraction:02}").trim_end_matches('0'))
        }
    }
}

fn is_decimal(text: &str) -> bool {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    !whole.is_empty() && whole.bytes().all(|b| b.is_ascii_digit()) && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// Why a `max_amount_change` is not a factor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactorError {
    /// A plain number (`10`): the `x` says it is a factor, not an amount.
    NoX,
    /// At most 1x: every change would be blocked, or none could be.
    NotAboveOne,
    /// More than two decimals.
    TooPrecise,
    NotAFactor,
}

/// The catalog's policy, normalised; [`Policy::default`] is what a catalog without `policy:` gets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// `None`: `max_amount_change: off`.
    pub max_amount_change: Option<Factor>,
    pub require_currencies: Vec<Currency>,
    pub require_tax_behavior: bool,
    pub subscribed_prices: SubscribedPrices,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            max_amount_change: Some(Factor::DEFAULT),
            require_currencies: Vec::new(),
            require_tax_behavior: false,
            subscribed_prices: SubscribedPrices::Warn,
        }
    }
}

/// A policy rule, by the name the catalog, `--allow` and violations use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    MaxAmountChange,
    RequireCurrencies,
    RequireTaxBehavior,
    SubscribedPrices,
}

impl Rule {
    /// Every rule, in the order the README lists them.
    pub const ALL: [Rule; 4] =
        [Rule::MaxAmountChange, Rule::RequireCurrencies, Rule::RequireTaxBehavior, Rule::SubscribedPrices];

    /// The rule's name (`max_amount_change`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Rule::MaxAmountChange => "max_amount_change",
            Rule::RequireCurrencies => "require_currencies",
            Rule::RequireTaxBehavior => "require_tax_behavior",
            Rule::SubscribedPrices => "subscribed_prices",
        }
    }

    /// Reads a rule name as `--allow` takes it.
    ///
    /// # Errors
    /// The message and a hint naming the closest rule (or all of them).
    pub fn parse(text: &str) -> Result<Rule, (String, String)> {
        if let Some(rule) = Rule::ALL.into_iter().find(|rule| rule.name() == text) {
            return Ok(rule);
        }
        let closest = Rule::ALL
            .into_iter()
            .map(|rule| (strsim::jaro_winkler(text, rule.name()), rule))
            .filter(|(score, _)| *score >= 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let all: Vec<String> = Rule::ALL.iter().map(|rule| format!("`{}`", rule.name())).collect();
        let hint = match closest {
            Some((_, rule)) => format!("did you mean `{}`? The rules are {}", rule.name(), all.join(", ")),
            None => format!("the rules are {}", all.join(", ")),
        };
        Err((format!("`{text}` is not a policy rule"), hint))
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// `USD, EUR`: currency codes for a message.
#[must_use]
pub fn codes(currencies: &[Currency]) -> String {
    currencies.iter().map(|c| c.code().to_ascii_uppercase()).collect::<Vec<_>>().join(", ")
}

/// The currencies of `require_currencies` an active price does not offer (its own currency or
/// a currency option), in the policy's order; empty for an archived price.
#[must_use]
pub fn missing_currencies(policy: &Policy, price: &DesiredPrice) -> Vec<Currency> {
    if !price.settings.active {
        return Vec::new();
    }
    policy
        .require_currencies
        .iter()
        .filter(|currency| {
            **currency != price.terms.currency && !price.settings.currency_options.contains_key(currency)
        })
        .copied()
        .collect()
}

/// Under `require_tax_behavior`, the currencies of an active price whose `tax_behavior` is
/// unspecified: its own currency first, then currency options (which default to the price's).
#[must_use]
pub fn untaxed_currencies(policy: &Policy, price: &DesiredPrice) -> Vec<Currency> {
    if !policy.require_tax_behavior || !price.settings.active {
        return Vec::new();
    }
    let own = (price.settings.tax_behavior == TaxBehavior::Unspecified).then_some(price.terms.currency);
    own.into_iter()
        .chain(
            price
                .settings
                .currency_options
                .iter()
                .filter(|(_, option)| option.tax_behavior == TaxBehavior::Unspecified)
                .map(|(currency, _)| *currency),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_read_exactly_and_refuse_what_is_no_factor() {
        assert_eq!(Factor::parse("10x"), Ok(Factor(1000)));
        assert_eq!(Factor::parse("2.5x"), Ok(Factor(250)));
        assert_eq!(Factor::parse("1.25×"), Ok(Factor(125)));
        assert_eq!(Factor::parse("10"), Err(FactorError::NoX));
        assert_eq!(Factor::parse("0.5x"), Err(FactorError::NotAboveOne));
        assert_eq!(Factor::parse("1x"), Err(FactorError::NotAboveOne));
        assert_eq!(Factor::parse("1.001x"), Err(FactorError::TooPrecise));
        assert_eq!(Factor::parse("tenx"), Err(FactorError::NotAFactor));
        assert_eq!(Factor(250).to_string(), "2.5x");
        assert_eq!(Factor::DEFAULT.to_string(), "10x");
    }

    #[test]
    fn a_mistyped_rule_gets_the_closest_name() {
        assert_eq!(Rule::parse("subscribed_prices"), Ok(Rule::SubscribedPrices));
        let (message, hint) = Rule::parse("max_amount_chnage").unwrap_err();
        assert_eq!(message, "`max_amount_chnage` is not a policy rule");
        assert!(hint.starts_with("did you mean `max_amount_change`?"), "{hint}");
    }
}
