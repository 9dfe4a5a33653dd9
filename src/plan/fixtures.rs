//! Hand-built catalogs and Stripe states the plan's unit tests share (diff, render, file).

use crate::catalog::{Catalog, CheckoutDefaults};
use crate::money::Currency;
use crate::objects::{
    Account, DesiredPrice, DesiredProduct, Interval, Mode, PriceSettings, PriceTerms, Pricing, ProductFields,
    Recurring, RemotePrice, RemoteProduct, RemoteState, UsageType,
};
use crate::plan::{PlanHeader, price_fingerprint, product_fingerprint};

pub(crate) fn usd() -> Currency {
    Currency::parse("usd").unwrap()
}

pub(crate) fn eur() -> Currency {
    Currency::parse("eur").unwrap()
}

pub(crate) fn fields(name: &str) -> ProductFields {
    ProductFields::named(name)
}

pub(crate) fn monthly(key: &str, amount: i64) -> DesiredPrice {
    DesiredPrice {
        key: key.to_string(),
        terms: PriceTerms {
            currency: usd(),
            pricing: Pricing::PerUnit { unit_amount: amount.into() },
            recurring: Some(Recurring {
                interval: Interval::Month,
                interval_count: 1,
                usage_type: UsageType::Licensed,
            }),
            transform_quantity: None,
        },
        settings: PriceSettings::active(),
    }
}

pub(crate) fn product(id: &str, default: Option<&str>, prices: Vec<DesiredPrice>) -> DesiredProduct {
    DesiredProduct {
        id: id.to_string(),
        fields: fields(&id.to_uppercase()),
        default_price: default.map(str::to_string),
        prices,
    }
}

pub(crate) fn catalog(products: Vec<DesiredProduct>) -> Catalog {
    Catalog { version: 1, account: None, checkout: CheckoutDefaults::default(), products }
}

pub(crate) fn header() -> PlanHeader {
    PlanHeader {
        account: Account { id: "acct_test".to_string(), display_name: Some("Acme".to_string()) },
        mode: Mode::Test,
        api_base: None,
        catalog_sha256: "0".repeat(64),
    }
}

/// Stripe's state right after a successful apply of `catalog`: price ids are `price_<key>`.
pub(crate) fn applied(catalog: &Catalog) -> RemoteState {
    let mut state = RemoteState::default();
    for desired in &catalog.products {
        state.products.push(RemoteProduct {
            id: desired.id.clone(),
            fields: desired.fields.clone(),
            default_price: desired.default_price.as_ref().map(|key| format!("price_{key}")),
            managed: true,
            applied_fingerprint: Some(product_fingerprint(&desired.fields)),
            created: 1,
        });
        for price in &desired.prices {
            state.prices.push(RemotePrice {
                id: format!("price_{}", price.key),
                product: desired.id.clone(),
                lookup_key: Some(price.key.clone()),
                terms: price.terms.clone(),
                settings: price.settings.clone(),
                managed: true,
                applied_fingerprint: Some(price_fingerprint(&price.settings)),
                created: 1,
            });
        }
    }
    state
}
