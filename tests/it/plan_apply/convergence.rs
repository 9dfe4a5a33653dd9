//! Convergence, as a property: for random catalogs A and B, applying A then B leaves Stripe
//! equal to B (the next plan is empty, the active managed objects are exactly B's), with one
//! active price per key and no duplicated product, also when the sandbox answers 429s and
//! 500s and drops responses after committing writes.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::{World, catalog, fields, price};
use stripe_catalog::catalog::Catalog;
use stripe_catalog::objects::{CurrencyOption, DesiredProduct, Interval, Pricing, RemoteState, TaxBehavior};
use stripe_sandbox::Faults;

const PRODUCTS: [&str; 3] = ["alpha", "beta", "gamma"];
const KEYS: [&str; 5] = ["k1", "k2", "k3", "k4", "k5"];

/// One catalog price: owner product index, amount, yearly?, nickname?, euro option?, tax.
type PriceSpec = (usize, i64, bool, bool, Option<i64>, bool);

fn price_spec() -> impl Strategy<Value = Option<PriceSpec>> {
    proptest::option::of((
        0..PRODUCTS.len(),
        prop_oneof![Just(500_i64), Just(900), Just(2900)],
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(prop_oneof![Just(450_i64), Just(800)]),
        any::<bool>(),
    ))
}

fn catalog_strategy() -> impl Strategy<Value = Catalog> {
    (
        proptest::collection::vec(any::<(bool, bool, u8)>(), PRODUCTS.len()),
        proptest::collection::vec(price_spec(), KEYS.len()),
    )
        .prop_map(|(products, prices)| build(&products, &prices))
}

fn build(products: &[(bool, bool, u8)], prices: &[Option<PriceSpec>]) -> Catalog {
    let mut desired: Vec<DesiredProduct> = Vec::new();
    for (index, &(present, renamed, default_pick)) in products.iter().enumerate() {
        if !present {
            continue;
        }
        let mut product_prices = Vec::new();
        for (key, spec) in KEYS.iter().zip(prices) {
            let Some((owner, amount, yearly, nickname, euro, exclusive)) = *spec else { continue };
            if owner != index {
                continue;
            }
            let mut desired_price = price(key, amount, if yearly { Interval::Year } else { Interval::Month });
            if nickname {
                desired_price.settings.nickname = Some(format!("{key} nick"));
            }
            if let Some(euro) = euro {
                desired_price.settings.currency_options.insert(
                    super::currency("eur"),
                    CurrencyOption {
                        pricing: Pricing::PerUnit { unit_amount: euro.into() },
                        tax_behavior: TaxBehavior::Unspecified,
                    },
                );
            }
            if exclusive {
                desired_price.settings.tax_behavior = TaxBehavior::Exclusive;
            }
            product_prices.push(desired_price);
        }
        let default_price = match product_prices.len() {
            0 => None,
            count => (default_pick % 3 != 0).then(|| product_prices[usize::from(default_pick) % count].key.clone()),
        };
        let mut product_fields = fields(PRODUCTS[index]);
        if renamed {
            product_fields.name = format!("{} renamed", PRODUCTS[index]);
        }
        desired.push(DesiredProduct {
            id: PRODUCTS[index].to_string(),
            fields: product_fields,
            default_price,
            prices: product_prices,
        });
    }
    catalog(desired)
}

/// Applies until nothing fails (at most a few runs: faults can outlast the retries).
async fn converge(world: &mut World, target: &Catalog) {
    let mut failures = Vec::new();
    for _ in 0..4 {
        let plan = world.plan(target).await;
        let outcome = world.execute(&plan).await;
        if outcome.succeeded() {
            return;
        }
        failures.push(outcome.failed);
    }
    panic!("apply did not converge in 4 runs: {failures:?}");
}

/// What "Stripe equals the catalog" means: active managed products and, on them, active
/// managed prices by key with their product and terms. A default price Stripe will not let
/// go of (no other price to become the default, and Stripe cannot unset one) is left out,
/// but only if the plan says so in a note.
fn active_view(state: &RemoteState, notes: &[String]) -> (BTreeSet<String>, BTreeMap<String, (String, String)>) {
    let products: BTreeSet<String> = state
        .products
        .iter()
        .filter(|product| product.managed && product.fields.active)
        .map(|product| product.id.clone())
        .collect();
    let mut prices = BTreeMap::new();
    for price in state.prices.iter().filter(|price| price.managed && price.settings.active) {
        if !products.contains(&price.product) {
            continue; // a kept default of an archived product
        }
        let is_default = state
            .products
            .iter()
            .any(|product| product.id == price.product && product.default_price.as_deref() == Some(price.id.as_str()));
        if is_default && !notes.is_empty() && notes.iter().any(|note| note.contains(&price.id)) {
            continue;
        }
        let key = price.lookup_key.clone().unwrap_or_else(|| format!("(no key) {}", price.id));
        let previous = prices.insert(key.clone(), (price.product.clone(), format!("{:?}", price.terms)));
        assert!(previous.is_none(), "two active prices for key {key}");
    }
    (products, prices)
}

fn expected_view(catalog: &Catalog) -> (BTreeSet<String>, BTreeMap<String, (String, String)>) {
    let products = catalog.products.iter().map(|product| product.id.clone()).collect();
    let prices = catalog
        .products
        .iter()
        .flat_map(|product| {
            product.prices.iter().map(|price| (price.key.clone(), (product.id.clone(), format!("{:?}", price.terms))))
        })
        .collect();
    (products, prices)
}

/// Returns the number of products and prices Stripe holds, and how many requests were retries.
async fn check(faults: Faults, first: Catalog, second: Catalog) -> ((usize, usize), u64) {
    let mut world = World::with_faults(faults).await;
    converge(&mut world, &first).await;
    converge(&mut world, &second).await;
    let plan = world.plan(&second).await;
    assert!(
        plan.is_empty(),
        "plan after apply is not empty: {:?}",
        plan.actions.iter().map(|a| &a.id).collect::<Vec<_>>()
    );
    let state = world.state().await;
    assert_eq!(active_view(&state, &plan.notes), expected_view(&second));
    let ids: BTreeSet<&str> = state.products.iter().map(|product| product.id.as_str()).collect();
    assert_eq!(ids.len(), state.products.len(), "a duplicated product");
    let counts = (world.sandbox.object_count("products"), world.sandbox.object_count("prices"));
    (counts, world.gateway().stats().retries)
}

#[test]
fn the_faulty_property_really_meets_faults() {
    let runtime = runtime();
    let first = build(
        &[(true, false, 1), (true, false, 2), (false, false, 0)],
        &[
            Some((0, 500, false, true, Some(450), false)),
            Some((1, 900, true, false, None, true)),
            None,
            Some((0, 2900, false, false, None, false)),
            None,
        ],
    );
    let second = build(
        &[(false, false, 0), (true, true, 1), (true, false, 0)],
        &[
            Some((2, 500, false, true, Some(800), false)),
            Some((1, 2900, true, false, None, true)),
            None,
            None,
            Some((1, 500, true, false, None, false)),
        ],
    );
    let faults = Faults { rate_limit: 0.2, lock_timeout: 0.0, server_error: 0.2, drop_after_commit: 0.2, seed: 7 };
    let (clean, _) = runtime.block_on(check(Faults::default(), first.clone(), second.clone()));
    let (faulty, retries) = runtime.block_on(check(faults, first, second));
    assert_eq!(clean, faulty);
    assert!(retries > 5, "only {retries} retries: the faults were not exercised");
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn apply_a_then_b_converges_to_b(first in catalog_strategy(), second in catalog_strategy()) {
        let (_, retries) = runtime().block_on(check(Faults::default(), first, second));
        prop_assert_eq!(retries, 0);
    }

    #[test]
    fn faults_change_nothing_but_the_retries(first in catalog_strategy(), second in catalog_strategy(), seed in any::<u64>()) {
        let faults = Faults { rate_limit: 0.1, lock_timeout: 0.0, server_error: 0.1, drop_after_commit: 0.15, seed };
        let runtime = runtime();
        let (clean, _) = runtime.block_on(check(Faults::default(), first.clone(), second.clone()));
        let (faulty, retries) = runtime.block_on(check(faults, first, second));
        // The same objects exist: no retry created anything twice.
        prop_assert_eq!(clean, faulty);
        let _ = retries;
    }
}
