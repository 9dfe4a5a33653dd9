//! Issue #14 item 5: prices of fractions of a minor unit (`unit_amount_decimal`, tiers'
//! `unit_amount_decimal`, in currency options too) are created exactly, read back equal, and
//! the plan after an apply is empty; changing one fraction replaces the price, and writing a
//! whole amount as `unit_amount_decimal` instead of `unit_amount` changes nothing.

use serde_json::Value;
use stripe_catalog::catalog::{self, Catalog};
use stripe_catalog::money::MinorAmount;
use stripe_catalog::objects::{Pricing, Tier, TiersMode};
use stripe_catalog::plan::render;

use super::{World, currency, holder, kinds, printer};

/// A catalog of one product, `api`, with `prices` (YAML list entries indented 6).
fn api(prices: &str) -> Catalog {
    let yaml = format!("version: 1\nproducts:\n  - id: api\n    name: API\n    prices:\n{prices}");
    catalog::parse("catalog.yaml", yaml.as_bytes()).expect("a valid catalog").catalog
}

/// API usage pricing: the first 1,000 calls free then `rest` minor units per call (as the
/// catalog's `unit_amount_decimal`), with a euro and a yen option; and storage at 0.05 cents
/// per MB.
fn usage(rest: &str) -> Catalog {
    api(&format!(
        "      - key: api-calls
        currency: usd
        recurring: {{ interval: month }}
        billing_scheme: tiered
        tiers_mode: graduated
        tiers:
          - {{ up_to: 1000, amount: 0, flat_amount: 5.00 }}
          - {{ up_to: inf, unit_amount_decimal: {rest} }}
        currency_options:
          eur:
            tiers:
              - {{ up_to: 1000, unit_amount: 0, flat_unit_amount: 450 }}
              - {{ up_to: inf, unit_amount_decimal: 0.275 }}
          jpy:
            tiers:
              - {{ up_to: 1000, amount: 0, flat_amount: 750 }}
              - {{ up_to: inf, unit_amount_decimal: \"0.5\" }}
      - key: storage-mb
        currency: usd
        recurring: {{ interval: month }}
        unit_amount_decimal: 0.05
        currency_options:
          eur: {{ unit_amount_decimal: 0.045 }}
"
    ))
}

fn decimal(text: &str) -> MinorAmount {
    MinorAmount::parse(text).expect("a decimal")
}

#[tokio::test]
async fn sub_cent_prices_apply_exactly_and_plan_no_changes_after() {
    let mut world = World::new().await;
    let plan = world.plan(&usage("0.3")).await;
    let text = render::text(&plan, &printer());
    assert!(text.contains("$0.003 each"), "{text}");
    assert!(text.contains("$0.0005 USD / month"), "{text}");
    let outcome = world.execute(&plan).await;
    assert!(outcome.succeeded(), "{outcome:?}");

    // Stripe holds the decimals exactly, as `*_decimal` text, with no integer amount.
    let state = world.state().await;
    let calls = holder(&state, "api-calls");
    let stored: Value = world
        .sandbox
        .seed("GET", &format!("/v1/prices/{}?expand[]=tiers&expand[]=currency_options", calls.id), "")
        .expect("the price");
    assert_eq!(stored["tiers"][1]["unit_amount_decimal"], "0.3");
    assert_eq!(stored["tiers"][1]["unit_amount"], Value::Null);
    assert_eq!(stored["tiers"][0]["flat_amount"], 500);
    assert_eq!(stored["currency_options"]["eur"]["tiers"][1]["unit_amount_decimal"], "0.275");
    assert_eq!(stored["currency_options"]["jpy"]["tiers"][1]["unit_amount_decimal"], "0.5");
    let storage = holder(&state, "storage-mb");
    let stored: Value = world
        .sandbox
        .seed("GET", &format!("/v1/prices/{}?expand[]=currency_options", storage.id), "")
        .expect("the price");
    assert_eq!((&stored["unit_amount"], &stored["unit_amount_decimal"]), (&Value::Null, &Value::from("0.05")));
    assert_eq!(stored["currency_options"]["eur"]["unit_amount_decimal"], "0.045");

    // Read back, they equal the catalog's amounts: nothing to do.
    assert_eq!(
        calls.terms.pricing,
        Pricing::Tiered {
            tiers_mode: TiersMode::Graduated,
            tiers: vec![
                Tier { up_to: Some(1000), unit_amount: Some(MinorAmount::ZERO), flat_amount: Some(500.into()) },
                Tier { up_to: None, unit_amount: Some(decimal("0.3")), flat_amount: None },
            ],
        }
    );
    assert_eq!(storage.terms.pricing, Pricing::PerUnit { unit_amount: decimal("0.05") });
    assert_eq!(
        storage.settings.currency_options[&currency("eur")].pricing,
        Pricing::PerUnit { unit_amount: decimal("0.045") }
    );
    let again = world.plan(&usage("0.3")).await;
    assert!(again.is_empty(), "a plan right after an apply is empty: {:?}", kinds(&again));
    // The same amount written another way is the same amount.
    assert!(world.plan(&usage("0.300")).await.is_empty());

    // A tenth of a cent more per call is a new price.
    let raised = world.plan(&usage("0.4")).await;
    assert_eq!(raised.summary().replace, 1, "{:?}", kinds(&raised));
    let text = render::text(&raised, &printer());
    assert!(text.contains("rest: $0.003 each] → graduated tiers"), "{text}");
    assert!(text.contains("rest: $0.004 each] USD / month"), "{text}");
    let outcome = world.execute(&raised).await;
    assert!(outcome.succeeded(), "{outcome:?}");
    assert!(world.plan(&usage("0.4")).await.is_empty());
}

/// A per-unit price with a yen option, and a tiered price, whose per-unit amounts are written
/// by `spell` from their minor units and their major-unit text (`unit_amount: 30`,
/// `unit_amount_decimal: 30`, `amount: 0.30`).
fn whole(spell: &dyn Fn(i64, &str) -> String) -> Catalog {
    api(&format!(
        "      - key: seats
        currency: usd
        recurring: {{ interval: month }}
        {}
        currency_options:
          jpy: {{ {} }}
      - key: calls
        currency: usd
        recurring: {{ interval: month }}
        billing_scheme: tiered
        tiers_mode: volume
        tiers:
          - {{ up_to: 10, {}, flat_amount: 1.00 }}
          - {{ up_to: inf, {} }}
",
        spell(2900, "29.00"),
        spell(4500, "4500"),
        spell(250, "2.50"),
        spell(30, "0.30"),
    ))
}

/// Issue #14 item 5: `unit_amount_decimal: 30` is the same amount as `unit_amount: 30` (and as
/// `amount: 0.30`): switching spelling after an apply plans no change, and Stripe is sent the
/// integer `unit_amount` as always.
#[tokio::test]
async fn a_whole_unit_amount_decimal_plans_the_same_as_unit_amount() {
    let mut world = World::new().await;
    let plan = world.plan(&whole(&|minor, _| format!("unit_amount: {minor}"))).await;
    let outcome = world.execute(&plan).await;
    assert!(outcome.succeeded(), "{outcome:?}");
    let calls = holder(&world.state().await, "calls").id.clone();
    let stored: Value =
        world.sandbox.seed("GET", &format!("/v1/prices/{calls}?expand[]=tiers"), "").expect("the price");
    assert_eq!(stored["tiers"][1]["unit_amount"], 30);

    for spelling in [
        whole(&|minor, _| format!("unit_amount_decimal: {minor}")),
        whole(&|minor, _| format!("unit_amount_decimal: \"{minor}.000\"")),
        whole(&|_, major| format!("amount: {major}")),
    ] {
        let plan = world.plan(&spelling).await;
        assert!(plan.is_empty(), "{:?}", kinds(&plan));
    }
}
