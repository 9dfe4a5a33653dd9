//! Checks of the `policy:` section, and the static rules (`require_currencies`,
//! `require_tax_behavior`) on the catalog's own prices, for `validate`.

use std::collections::HashMap;

use serde_saphyr::Spanned;

use super::Checker;
use crate::catalog::Catalog;
use crate::catalog::model::{CatalogFile, FactorText, Keyword, PolicyFile};
use crate::money::Currency;
use crate::policy::{Factor, FactorError, Policy, SubscribedPrices, codes, missing_currencies, untaxed_currencies};

/// The normalised policy of `file`, with every problem of the section recorded.
pub(super) fn policy(section: Option<&Spanned<PolicyFile>>, checker: &mut Checker<'_>) -> Policy {
    let mut policy = Policy::default();
    let Some(section) = section else { return policy };
    let raw = &section.value;
    if let Some(text) = &raw.max_amount_change {
        policy.max_amount_change = factor(text, checker);
    }
    if let Some(list) = &raw.require_currencies {
        let mut seen: HashMap<Currency, u64> = HashMap::new();
        for (index, code) in list.value.iter().enumerate() {
            let path = format!("policy.require_currencies[{index}]");
            match Currency::parse(&code.value) {
                Ok(currency) => {
                    if let Some(line) = seen.get(&currency) {
                        checker.warn(
                            code.referenced,
                            &path,
                            format!(
                                "`{}` is listed twice in require_currencies (first on line {line})",
                                currency.code()
                            ),
                            Some("keep one entry; codes are case-insensitive".to_string()),
                        );
                    } else {
                        seen.insert(currency, code.referenced.line());
                        policy.require_currencies.push(currency);
                    }
                }
                Err(err) => {
                    checker.error(code.referenced, &path, err.to_string(), Some(super::currency_hint(&code.value)))
                }
            }
        }
    }
    if let Some(flag) = &raw.require_tax_behavior {
        policy.require_tax_behavior = flag.value;
    }
    if let Some(keyword) = &raw.subscribed_prices {
        match keyword.value.value {
            Some(value) => policy.subscribed_prices = value,
            None => checker.error(
                keyword.referenced,
                "policy.subscribed_prices",
                format!("`{}` is not a valid subscribed_prices", keyword.value.text),
                Some(format!("use {}", Keyword::<SubscribedPrices>::expected())),
            ),
        }
    }
    policy
}

/// `max_amount_change`: a factor, or `off` (`None`). A bad value keeps the default, so the
/// rest of the check still runs.
fn factor(text: &Spanned<FactorText>, checker: &mut Checker<'_>) -> Option<Factor> {
    let written = text.value.0.trim();
    if written == "off" {
        return None;
    }
    let path = "policy.max_amount_change";
    match Factor::parse(written) {
        Ok(factor) => return Some(factor),
        Err(FactorError::NoX) => checker.error(
            text.referenced,
            path,
            format!("`{written}` is a number, not a factor"),
            Some(format!(
                "write `{written}x`: a replace whose amount moves by {written} times or more, up or down, is blocked (or `off`)"
            )),
        ),
        Err(FactorError::NotAboveOne) => checker.error(
            text.referenced,
            path,
            format!("`{written}` is not more than 1x: a factor counts both ways (`10x` blocks ×10 and ÷10)"),
            Some("write a factor above 1, such as `10x` (the default) or `2x`; or `off`".to_string()),
        ),
        Err(FactorError::TooPrecise) => checker.error(
            text.referenced,
            path,
            format!("`{written}` has more than two decimals"),
            Some("write a factor such as `2.5x` or `10x`".to_string()),
        ),
        Err(FactorError::NotAFactor) => checker.error(
            text.referenced,
            path,
            format!("`{written}` is not a factor"),
            Some("write a number above 1 followed by `x`, such as `10x` (the default); or `off`".to_string()),
        ),
    }
    Some(Factor::DEFAULT)
}

/// The static rules on every active price of a valid catalog, each at the price's `key`:
/// errors for `validate`, kept apart from the catalog's own errors because `plan` reports
/// them as policy violations (exit 3, `--allow`) rather than refusing the catalog.
pub(in crate::catalog) fn static_rules(file: &CatalogFile, catalog: &Catalog, checker: &mut Checker<'_>) {
    let policy = &catalog.policy;
    for (product_index, product) in file.products.iter().enumerate() {
        for (price_index, raw) in product.value.prices.iter().enumerate() {
            let Some((_, price)) = catalog.price(&raw.value.key.value) else { continue };
            let path = format!("products[{product_index}].prices[{price_index}]");
            let at = raw.value.key.referenced;
            let missing = missing_currencies(policy, price);
            if !missing.is_empty() {
                let codes = codes(&missing);
                checker.error(
                    at,
                    &path,
                    format!("policy require_currencies: price `{}` has no price in {codes}", price.key),
                    Some(format!(
                        "add a `currency_options` entry for each ({}), or archive the price (`active: false`)",
                        missing.iter().map(|c| format!("`{}`", c.code())).collect::<Vec<_>>().join(", ")
                    )),
                );
            }
            let untaxed = untaxed_currencies(policy, price);
            if !untaxed.is_empty() {
                checker.error(
                    at,
                    &path,
                    format!(
                        "policy require_tax_behavior: price `{}` leaves tax_behavior unspecified in {}",
                        price.key,
                        codes(&untaxed)
                    ),
                    Some(
                        "set `tax_behavior: exclusive` or `inclusive` on the price (currency options take the price's unless they set their own)"
                            .to_string(),
                    ),
                );
            }
        }
    }
}
