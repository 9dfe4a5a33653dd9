//! Hand-built catalogs and Stripe states the plan's unit tests share (diff, render, file).

use crate::catalog::{Catalog, CheckoutDefaults};
use crate::money::Currency;
use crate::objects::{
    Account, Aggregation, DesiredMeter, DesiredPrice, DesiredProduct, Interval, MeterTerms, Mode, OnReplace,
    PriceSettings, PriceTerms, Pricing, ProductFields, Recurring, RemoteMeter, RemotePrice, RemoteProduct, RemoteState,
    UsageType,
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
                meter: None,
            }),
            transform_quantity: None,
        },
        settings: PriceSettings::active(),
        on_replace: OnReplace::Keep,
    }
}

/// An active meter summing `value` per `stripe_customer_id`, named "<key> meter".
pub(crate) fn meter(key: &str, event_name: &str) -> DesiredMeter {
    DesiredMeter {
        key: key.to_string(),
        display_name: format!("{key} meter"),
        terms: MeterTerms {
            event_name: event_name.to_string(),
            aggregation: Aggregation::Sum,
            customer_mapping: "stripe_customer_id".to_string(),
            value_key: "value".to_string(),
        },
        active: true,
    }
}

/// A monthly price charging `amount` per unit of the meter `meter` (a catalog key).
pub(crate) fn metered(key: &str, amount: i64, meter: &str) -> DesiredPrice {
    let mut price = monthly(key, amount);
    if let Some(recurring) = price.terms.recurring.as_mut() {
        recurring.usage_type = UsageType::Metered;
        recurring.meter = Some(meter.to_string());
    }
    price
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
    Catalog { version: 1, account: None, checkout: CheckoutDefaults::default(), meters: Vec::new(), products }
}

pub(crate) fn header() -> PlanHeader {
    PlanHeader {
        account: Account { id: "acct_test".to_string(), display_name: Some("Acme".to_string()) },
        mode: Mode::Test,
        api_base: None,
        catalog_sha256: "0".repeat(64),
    }
}

/// Stripe's state right after a successful apply of `catalog`: price ids are `price_<key>`,
/// meter ids `mtr_<key>`.
pub(crate) fn applied(catalog: &Catalog) -> RemoteState {
    let mut state = RemoteState::default();
    for desired in &catalog.meters {
        state.meters.push(RemoteMeter {
            id: format!("mtr_{}", desired.key),
            display_name: desired.display_name.clone(),
            terms: desired.terms.clone(),
            active: desired.active,
            created: 1,
        });
    }
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
                terms: PriceTerms {
                    recurring: price.terms.recurring.clone().map(|recurring| Recurring {
                        meter: recurring.meter.as_ref().map(|key| format!("mtr_{key}")),
                        ..recurring
                    }),
                    ..price.terms.clone()
                },
                settings: price.settings.clone(),
                managed: true,
                applied_fingerprint: Some(price_fingerprint(&price.settings)),
                created: 1,
                replaces: None,
            });
        }
    }
    state
}
