use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::catalog::{Catalog, parse};
use crate::money::MinorAmount;
use crate::objects::{Aggregation, Interval, Metadata, MeterTerms, ProductFields, RemoteMeter, TransformQuantity};

fn usd() -> Currency {
    currency("usd")
}

fn currency(code: &str) -> Currency {
    Currency::parse(code).expect("known currency")
}

fn origin() -> Origin {
    Origin {
        account: "acct_1Test".to_string(),
        mode: Mode::Test,
        imported_at: "2026-11-27T04:10:41Z".to_string(),
        server: None,
    }
}

fn product(id: &str) -> RemoteProduct {
    RemoteProduct {
        id: id.to_string(),
        fields: ProductFields::named(&format!("{id} name")),
        default_price: None,
        managed: false,
        applied_fingerprint: None,
        created: 1,
    }
}

fn price(id: &str, product: &str, key: Option<&str>, currency: Currency, pricing: Pricing) -> RemotePrice {
    RemotePrice {
        id: id.to_string(),
        product: product.to_string(),
        lookup_key: key.map(str::to_string),
        terms: PriceTerms { currency, pricing, recurring: None, transform_quantity: None },
        settings: PriceSettings {
            active: true,
            nickname: None,
            metadata: Metadata::new(),
            tax_behavior: TaxBehavior::Unspecified,
            currency_options: BTreeMap::new(),
        },
        managed: false,
        applied_fingerprint: None,
        created: 1,
        replaces: None,
    }
}

fn per_unit(amount: i64) -> Pricing {
    Pricing::PerUnit { unit_amount: amount.into() }
}

/// An exact amount of minor units from decimal text (`"0.3"`).
fn minor(text: &str) -> MinorAmount {
    MinorAmount::parse(text).expect("a decimal amount")
}

fn run(state: &RemoteState, include_archived: bool) -> Export {
    export(state, &[], &origin(), ExportOptions { include_archived, schema_modeline: false }).expect("export validates")
}

fn read(export: &Export) -> Catalog {
    parse("imported.yaml", export.text.as_bytes()).expect("the imported catalog loads").catalog
}

fn body(export: &Export) -> &str {
    export.text.split_once("version: 1\n").map_or("", |(_, body)| body)
}

#[test]
fn every_field_kind_is_written_and_reads_back() {
    let mut pro = product("pro");
    pro.fields = ProductFields {
        name: "Pro Plan".to_string(),
        description: Some("Everything: courses, #tags and more".to_string()),
        active: true,
        metadata: Metadata::from([("team".to_string(), "growth".to_string())]),
        tax_code: Some("txcd_10103001".to_string()),
        statement_descriptor: Some("EXAMPLE PRO".to_string()),
        unit_label: Some("seat".to_string()),
        url: Some("https://example.com/pro".to_string()),
        images: vec!["https://example.com/pro.png".to_string()],
        marketing_features: vec!["Unlimited courses".to_string(), "Priority support".to_string()],
    };
    pro.default_price = Some("price_monthly".to_string());

    let mut monthly = price("price_monthly", "pro", Some("pro-monthly"), usd(), per_unit(2900));
    monthly.terms.recurring =
        Some(Recurring { interval: Interval::Month, interval_count: 1, usage_type: UsageType::Licensed, meter: None });
    monthly.settings.nickname = Some("Pro monthly".to_string());
    monthly.settings.tax_behavior = TaxBehavior::Exclusive;
    monthly.settings.metadata = Metadata::from([("campaign".to_string(), "launch-2026".to_string())]);
    monthly.settings.currency_options = BTreeMap::from([
        (currency("eur"), CurrencyOption { pricing: per_unit(2700), tax_behavior: TaxBehavior::Exclusive }),
        (currency("jpy"), CurrencyOption { pricing: per_unit(4500), tax_behavior: TaxBehavior::Inclusive }),
    ]);

    let tiers = |first: i64, rest: i64, flat: i64| Pricing::Tiered {
        tiers_mode: TiersMode::Volume,
        tiers: vec![
            Tier { up_to: Some(10), unit_amount: Some(first.into()), flat_amount: None },
            Tier { up_to: None, unit_amount: Some(rest.into()), flat_amount: Some(flat.into()) },
        ],
    };
    let mut seats = price("price_seats", "pro", Some("pro-seats"), usd(), tiers(500, 400, 1000));
    seats.terms.recurring = Some(Recurring {
        interval: Interval::Week,
        interval_count: 2,
        usage_type: UsageType::Metered,
        meter: Some("mtr_seats".to_string()),
    });
    seats.settings.currency_options = BTreeMap::from([(
        currency("eur"),
        CurrencyOption { pricing: tiers(450, 350, 900), tax_behavior: TaxBehavior::Inclusive },
    )]);

    let mut usage = price("price_usage", "pro", Some("api.usage/1k"), usd(), per_unit(250));
    usage.terms.transform_quantity = Some(TransformQuantity { divide_by: 1000, round: Round::Up });

    let donation = price(
        "price_donation",
        "pro",
        Some("donation"),
        usd(),
        Pricing::CustomAmount(CustomUnitAmount { minimum: Some(500), maximum: Some(10_000), preset: None }),
    );
    // Written under a key made from its event name, with the payload keys that are not Stripe's
    // defaults.
    let seat_meter = RemoteMeter {
        id: "mtr_seats".to_string(),
        display_name: "Seats in use".to_string(),
        terms: MeterTerms {
            event_name: "seat.used".to_string(),
            aggregation: Aggregation::Last,
            customer_mapping: "customer".to_string(),
            value_key: "value".to_string(),
        },
        active: true,
        created: 1,
    };
    let state = RemoteState {
        products: vec![pro.clone()],
        prices: vec![monthly, seats, usage, donation],
        meters: vec![seat_meter.clone()],
    };
    let export = run(&state, false);

    assert_eq!(
        body(&export),
        r#"account: acct_1Test
meters:
  - key: seat.used
    display_name: Seats in use
    event_name: seat.used
    aggregation: last
    customer_mapping: customer
products:
  - id: pro
    name: Pro Plan
    description: "Everything: courses, #tags and more"
    tax_code: txcd_10103001
    statement_descriptor: EXAMPLE PRO
    unit_label: seat
    url: https://example.com/pro
    images:
      - https://example.com/pro.png
    marketing_features:
      - Unlimited courses
      - Priority support
    metadata:
      team: growth
    default_price: pro-monthly
    prices:
      - key: api.usage/1k
        currency: usd
        amount: 2.50
        transform_quantity: { divide_by: 1000, round: up }
      - key: donation
        currency: usd
        custom_unit_amount: { minimum: 5.00, maximum: 100.00 }
      - key: pro-monthly
        nickname: Pro monthly
        currency: usd
        amount: 29.00
        recurring: { interval: month }
        tax_behavior: exclusive
        metadata:
          campaign: launch-2026
        currency_options:
          eur: { amount: 27.00 }
          jpy: { amount: 4500, tax_behavior: inclusive }
      - key: pro-seats
        currency: usd
        billing_scheme: tiered
        tiers_mode: volume
        tiers:
          - { up_to: 10, amount: 5.00 }
          - { up_to: inf, amount: 4.00, flat_amount: 10.00 }
        recurring: { interval: week, interval_count: 2, usage_type: metered, meter: seat.used }
        currency_options:
          eur:
            tiers:
              - { up_to: 10, amount: 4.50 }
              - { up_to: inf, amount: 3.50, flat_amount: 9.00 }
            tax_behavior: inclusive
"#
    );
    assert_eq!((export.products, export.prices, export.meters), (1, 4, 1));
    assert!(export.skipped.is_empty());

    let catalog = read(&export);
    assert_eq!(catalog.account.as_deref(), Some("acct_1Test"));
    let [read_meter] = catalog.meters.as_slice() else { panic!("one meter: {catalog:?}") };
    assert_eq!((read_meter.key.as_str(), &read_meter.terms, read_meter.active), ("seat.used", &seat_meter.terms, true));
    let [read_pro] = catalog.products.as_slice() else { panic!("one product: {catalog:?}") };
    assert_eq!(read_pro.fields, pro.fields);
    assert_eq!(read_pro.default_price.as_deref(), Some("pro-monthly"));
    for remote in &state.prices {
        let key = remote.lookup_key.as_deref().expect("keyed");
        let desired = read_pro.prices.iter().find(|price| price.key == key).expect("written");
        // The catalog names the meter by key where Stripe has its id.
        let mut terms = remote.terms.clone();
        if let Some(recurring) = terms.recurring.as_mut().filter(|recurring| recurring.meter.is_some()) {
            recurring.meter = Some("seat.used".to_string());
        }
        assert_eq!(desired.terms, terms, "{key}");
        assert_eq!(desired.settings, remote.settings, "{key}");
    }
}

#[test]
fn header_names_account_mode_time_and_server() {
    let mut origin = origin();
    origin.mode = Mode::Live;
    origin.server = Some("http://127.0.0.1:4242".to_string());
    let options = ExportOptions { schema_modeline: true, ..ExportOptions::default() };
    let export = export(&RemoteState::default(), &[], &origin, options).expect("valid");
    let mut lines = export.text.lines();
    assert_eq!(lines.next(), Some("# yaml-language-server: $schema=./catalog.schema.json"));
    let without = super::export(&RemoteState::default(), &[], &origin, ExportOptions::default()).expect("valid");
    assert!(without.text.starts_with("# Imported by `stripe-catalog import`"), "{}", without.text);
    assert!(
        export.text.contains(
            "# Imported by `stripe-catalog import` from account acct_1Test (live mode) via http://127.0.0.1:4242 at 2026-11-27T04:10:41Z."
        ),
        "{}",
        export.text
    );
    assert!(export.text.ends_with("version: 1\naccount: acct_1Test\nproducts: []\n"), "{}", export.text);
    assert_eq!(read(&export).products, Vec::new());
}

#[test]
fn an_account_id_the_catalog_refuses_is_not_pinned() {
    let mut origin = origin();
    origin.account = "acct-odd id".to_string();
    let export = export(&RemoteState::default(), &[], &origin, ExportOptions::default()).expect("valid");
    assert!(!export.text.contains("\naccount:"), "{}", export.text);
    assert_eq!(read(&export).account, None);
}

#[test]
fn amounts_are_exact_in_every_kind_of_currency() {
    let cases = [
        ("usd", 2999, "29.99"),
        ("usd", 2900, "29.00"),
        ("usd", 5, "0.05"),
        ("usd", 0, "0.00"),
        ("usd", 999_999_999_999, "9999999999.99"),
        ("jpy", 4500, "4500"),
        ("kwd", 5120, "5.120"),
        ("isk", 50_000, "500"),
    ];
    for (code, minor, written) in cases {
        let state = RemoteState {
            products: vec![product("p")],
            prices: vec![price("price_1", "p", Some("k"), currency(code), per_unit(minor))],
            meters: Vec::new(),
        };
        let export = run(&state, false);
        assert!(export.text.contains(&format!("\n        amount: {written}\n")), "{code} {minor}:\n{}", export.text);
        let catalog = read(&export);
        let read_price = &catalog.products[0].prices[0];
        assert_eq!(read_price.terms.pricing, per_unit(minor), "{code} {minor}");
    }
}

#[test]
fn amounts_the_catalog_cannot_hold_are_skipped_with_the_reason() {
    let state = RemoteState {
        products: vec![product("p")],
        prices: vec![
            price("price_isk", "p", Some("isk"), currency("isk"), per_unit(50_050)),
            price("price_kwd", "p", Some("kwd"), currency("kwd"), per_unit(5125)),
            // Three-decimal currencies take no fractions of a minor unit in a catalog.
            price(
                "price_kwd_decimal",
                "p",
                Some("kwd-decimal"),
                currency("kwd"),
                Pricing::PerUnit { unit_amount: minor("5120.5") },
            ),
            price("price_ok", "p", Some("ok"), usd(), per_unit(100)),
        ],
        meters: Vec::new(),
    };
    let export = run(&state, false);
    assert_eq!(export.prices, 1);
    let reasons: Vec<(&str, &SkipReason)> = export
        .skipped
        .iter()
        .map(|skipped| match &skipped.object {
            SkippedObject::Price { id, .. } => (id.as_str(), &skipped.reason),
            SkippedObject::Product { .. } | SkippedObject::Meter { .. } => panic!("no product or meter is skipped"),
        })
        .collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(
        matches!(reasons[0], ("price_isk", SkipReason::Refused(message)) if message.contains("ISK")),
        "{reasons:?}"
    );
    assert!(
        matches!(reasons[1], ("price_kwd", SkipReason::Refused(message)) if message.contains("end in 0")),
        "{reasons:?}"
    );
    assert!(
        matches!(reasons[2], ("price_kwd_decimal", SkipReason::Refused(message)) if message == "`5120.5` is not a whole number of KWD minor units"),
        "{reasons:?}"
    );
    assert_eq!(read(&export).price_count(), 1);
}

/// Issue #14 item 5: prices charging fractions of a minor unit (`unit_amount_decimal`,
/// tiers' `unit_amount_decimal`, in currency options too) are imported as the catalog's
/// `unit_amount_decimal`, in minor units as Stripe has them, and read back exactly, so
/// `plan --adopt` after an import changes nothing but ownership.
#[test]
fn fractions_of_a_minor_unit_are_imported_exactly() {
    let usage_tiers = |rest: &str| Pricing::Tiered {
        tiers_mode: TiersMode::Graduated,
        tiers: vec![
            Tier { up_to: Some(1000), unit_amount: Some(MinorAmount::ZERO), flat_amount: Some(500.into()) },
            Tier { up_to: None, unit_amount: Some(minor(rest)), flat_amount: None },
        ],
    };
    let mut api = price("price_api", "p", Some("api-calls"), usd(), usage_tiers("0.3"));
    api.terms.recurring =
        Some(Recurring { interval: Interval::Month, interval_count: 1, usage_type: UsageType::Licensed, meter: None });
    api.settings.currency_options = BTreeMap::from([(
        currency("eur"),
        CurrencyOption { pricing: usage_tiers("0.275"), tax_behavior: TaxBehavior::Unspecified },
    )]);
    let mut storage =
        price("price_storage", "p", Some("storage-mb"), usd(), Pricing::PerUnit { unit_amount: minor("0.05") });
    storage.settings.currency_options = BTreeMap::from([(
        currency("jpy"),
        CurrencyOption {
            pricing: Pricing::PerUnit { unit_amount: minor("0.5") },
            tax_behavior: TaxBehavior::Unspecified,
        },
    )]);
    let finest =
        price("price_finest", "p", Some("finest"), usd(), Pricing::PerUnit { unit_amount: minor("1234.000000000001") });
    let state = RemoteState { products: vec![product("p")], prices: vec![api, storage, finest], meters: Vec::new() };
    let export = run(&state, false);
    assert!(export.skipped.is_empty(), "{:?}", export.skipped);
    assert_eq!(
        body(&export),
        "account: acct_1Test
products:
  - id: p
    name: p name
    prices:
      - key: api-calls
        currency: usd
        billing_scheme: tiered
        tiers_mode: graduated
        tiers:
          - { up_to: 1000, amount: 0.00, flat_amount: 5.00 }
          - { up_to: inf, unit_amount_decimal: 0.3 }
        recurring: { interval: month }
        currency_options:
          eur:
            tiers:
              - { up_to: 1000, amount: 0.00, flat_amount: 5.00 }
              - { up_to: inf, unit_amount_decimal: 0.275 }
      - key: finest
        currency: usd
        unit_amount_decimal: 1234.000000000001
      - key: storage-mb
        currency: usd
        unit_amount_decimal: 0.05
        currency_options:
          jpy: { unit_amount_decimal: 0.5 }
"
    );
    let catalog = read(&export);
    let read_prices = &catalog.products[0].prices;
    for (read_price, remote) in read_prices.iter().zip([&state.prices[0], &state.prices[2], &state.prices[1]]) {
        assert_eq!(read_price.terms, remote.terms, "{}", read_price.key);
        assert_eq!(read_price.settings.currency_options, remote.settings.currency_options, "{}", read_price.key);
    }
}

#[test]
fn prices_without_a_lookup_key_are_skipped_and_never_become_the_default() {
    let mut p = product("p");
    p.default_price = Some("price_keyless".to_string());
    let state = RemoteState {
        products: vec![p],
        prices: vec![
            price("price_keyless", "p", None, usd(), per_unit(900)),
            price("price_keyed", "p", Some("keyed"), usd(), per_unit(1900)),
        ],
        meters: Vec::new(),
    };
    let export = run(&state, false);
    assert_eq!(
        export.skipped,
        vec![Skipped {
            object: SkippedObject::Price {
                id: "price_keyless".to_string(),
                product: "p".to_string(),
                lookup_key: None
            },
            reason: SkipReason::NoLookupKey,
        }]
    );
    assert_eq!(
        export.skipped[0].describe(),
        "price `price_keyless` (product `p`) has no lookup key, and the catalog names prices by lookup key"
    );
    let catalog = read(&export);
    assert_eq!(catalog.products[0].default_price, None);
    assert_eq!(catalog.products[0].prices.len(), 1);
}

#[test]
fn prices_the_tool_replaced_are_left_out_without_asking_for_a_key() {
    // Managed and keyless: the old half of a replace (archived), and what an interrupted
    // replace leaves (active); neither is the user's price to key.
    let mut replaced = price("price_replaced", "p", None, usd(), per_unit(900));
    replaced.managed = true;
    replaced.settings.active = false;
    let mut leftover = price("price_leftover", "p", None, usd(), per_unit(950));
    leftover.managed = true;
    let state = RemoteState {
        products: vec![product("p")],
        prices: vec![replaced, leftover, price("price_new", "p", Some("p-monthly"), usd(), per_unit(1000))],
        meters: Vec::new(),
    };
    let export = run(&state, true);
    assert_eq!(export.skipped, Vec::new(), "nothing to warn about");
    assert_eq!(export.replaced_left_out, 2);
    assert_eq!(export.prices, 1);
    let export = run(&state, false);
    assert_eq!((export.replaced_left_out, export.archived_left_out.prices), (1, 1), "archived ones count as archived");
}

#[test]
fn archived_objects_are_left_out_unless_asked_for() {
    let mut old = product("old");
    old.fields.active = false;
    let mut current = product("current");
    current.default_price = Some("price_archived".to_string());
    let mut archived = price("price_archived", "current", Some("legacy"), usd(), per_unit(1900));
    archived.settings.active = false;
    let state = RemoteState {
        products: vec![old, current],
        prices: vec![
            archived,
            price("price_live", "current", Some("live"), usd(), per_unit(2900)),
            price("price_old", "old", Some("old-price"), usd(), per_unit(500)),
        ],
        meters: Vec::new(),
    };

    let without = run(&state, false);
    assert_eq!((without.products, without.prices), (1, 1));
    assert_eq!(without.archived_left_out, ArchivedLeftOut { products: 1, prices_of_products: 1, prices: 1, meters: 0 });
    assert!(!without.text.contains("legacy") && !without.text.contains("id: old"), "{}", without.text);

    let with = run(&state, true);
    assert_eq!((with.products, with.prices), (2, 3));
    assert_eq!(with.archived_left_out, ArchivedLeftOut::default());
    let catalog = read(&with);
    let old = catalog.products.iter().find(|product| product.id == "old").expect("old imported");
    assert!(!old.fields.active);
    let current = catalog.products.iter().find(|product| product.id == "current").expect("current imported");
    let legacy = current.prices.iter().find(|price| price.key == "legacy").expect("legacy imported");
    assert!(!legacy.settings.active);
    // Stripe's default is archived; a catalog's default must be active.
    assert_eq!(current.default_price, None);
}

#[test]
fn objects_the_catalog_refuses_are_skipped_not_written() {
    let mut bad_descriptor = product("shop");
    bad_descriptor.fields.statement_descriptor = Some("<b>".to_string());
    let state = RemoteState {
        products: vec![product("prod.dotted"), bad_descriptor, product("ok")],
        prices: vec![
            price("price_a", "prod.dotted", Some("a"), usd(), per_unit(100)),
            price("price_b", "prod.dotted", Some("b"), usd(), per_unit(100)),
            price("price_space", "ok", Some("has space"), usd(), per_unit(100)),
            price("price_orphan", "deleted", Some("orphan"), usd(), per_unit(100)),
        ],
        meters: Vec::new(),
    };
    let export = run(&state, false);
    let described: Vec<String> = export.skipped.iter().map(Skipped::describe).collect();
    assert_eq!(described.len(), 4, "{described:#?}");
    // In product order (`ok`, `prod.dotted`, `shop`), then the orphans.
    assert!(described[0].starts_with(
        "price `price_space` (lookup key `has space`, product `ok`) is not valid in a catalog: price key"
    ));
    assert!(described[1].starts_with("product `prod.dotted` (and its 2 prices) is not valid in a catalog: product id"));
    assert!(described[2].starts_with("product `shop` is not valid in a catalog: statement_descriptor"));
    assert_eq!(
        described[3],
        "price `price_orphan` (lookup key `orphan`, product `deleted`) belongs to a product Stripe did not list"
    );
    let catalog = read(&export);
    assert_eq!(catalog.products.iter().map(|product| product.id.as_str()).collect::<Vec<_>>(), ["ok"]);
}

#[test]
fn a_repeated_lookup_key_is_written_once() {
    let state = RemoteState {
        products: vec![product("a"), product("b")],
        prices: vec![
            price("price_1", "a", Some("same"), usd(), per_unit(100)),
            price("price_2", "b", Some("same"), usd(), per_unit(200)),
        ],
        meters: Vec::new(),
    };
    let export = run(&state, false);
    assert_eq!(export.prices, 1);
    assert_eq!(export.skipped[0].reason, SkipReason::DuplicateKey { holder: "price_1".to_string() });
}

#[test]
fn amounts_below_the_minimum_charge_are_written_with_a_warning() {
    let state = RemoteState {
        products: vec![product("p")],
        prices: vec![price("price_1", "p", Some("k"), usd(), per_unit(5))],
        meters: Vec::new(),
    };
    let export = run(&state, false);
    assert_eq!(export.prices, 1);
    assert_eq!(export.warnings.len(), 1, "{:?}", export.warnings);
}

#[test]
fn output_is_stable_whatever_order_stripe_lists_in() {
    let prices = vec![
        price("price_1", "b", Some("z"), usd(), per_unit(100)),
        price("price_2", "a", Some("y"), usd(), per_unit(100)),
        price("price_3", "b", Some("x"), usd(), per_unit(100)),
    ];
    let forward =
        RemoteState { products: vec![product("a"), product("b")], prices: prices.clone(), meters: Vec::new() };
    let mut reversed_prices = prices;
    reversed_prices.reverse();
    let backward =
        RemoteState { products: vec![product("b"), product("a")], prices: reversed_prices, meters: Vec::new() };
    assert_eq!(run(&forward, false).text, run(&backward, false).text);
}

#[test]
fn awkward_strings_read_back_exactly() {
    let texts = [
        "key: value",
        "# not a comment",
        "a #b",
        "  leading spaces",
        "trailing spaces  ",
        "Zürich ☕ 東京",
        "two\nlines\n",
        "tab\tand \"quotes\" and \\",
        "yes",
        "0123",
        "1e3",
        "null",
        "- dash",
        "[flow]",
        "{flow}",
        "a, b [c] {d}: e",
        "x, y",
        "@at",
        "`tick`",
        "|pipe",
        ">fold",
        "'single'",
        "%percent",
        "!bang",
        "*star",
        "&amp",
        "? question",
        "nel\u{85}ls\u{2028}ps\u{2029}bom\u{feff}",
        "bell\u{7}del\u{7f}",
    ];
    for text in texts {
        assert_reads_back(text);
    }
}

fn assert_reads_back(text: &str) {
    let mut p = product("p");
    p.fields.name = format!("x{text}");
    p.fields.metadata = Metadata::from([("note".to_string(), text.to_string())]);
    let mut keyed = price("price_1", "p", Some("k"), usd(), per_unit(100));
    keyed.settings.nickname = Some(text.to_string());
    let state = RemoteState { products: vec![p.clone()], prices: vec![keyed], meters: Vec::new() };
    let export = run(&state, false);
    assert!(export.skipped.is_empty(), "{text:?}: {:?}", export.skipped);
    let catalog = read(&export);
    assert_eq!(catalog.products[0].fields.metadata["note"], text, "{text:?}");
    assert_eq!(catalog.products[0].fields.name, p.fields.name, "{text:?}");
    assert_eq!(catalog.products[0].prices[0].settings.nickname.as_deref(), Some(text), "{text:?}");
}

proptest! {
    #[test]
    fn any_metadata_reads_back(key in "[^\\[\\]]{1,40}", value in any::<String>()) {
        prop_assume!(!value.is_empty() && value.chars().count() <= 500);
        prop_assume!(!key.starts_with("stripe-catalog/"));
        let mut p = product("p");
        p.fields.metadata = Metadata::from([(key.clone(), value.clone())]);
        let state = RemoteState { products: vec![p], prices: Vec::new(), meters: Vec::new() };
        let export = run(&state, false);
        prop_assert!(export.skipped.is_empty(), "{:?}", export.skipped);
        let catalog = read(&export);
        prop_assert_eq!(catalog.products[0].fields.metadata.get(&key), Some(&value));
    }
}

#[test]
fn options_use_their_own_currency_and_differing_tax_behaviour() {
    let custom = |minimum| Pricing::CustomAmount(CustomUnitAmount { minimum, maximum: None, preset: None });
    let mut donation = price("price_donation", "p", Some("donation"), usd(), custom(None));
    donation.settings.tax_behavior = TaxBehavior::Exclusive;
    donation.settings.currency_options = BTreeMap::from([
        (currency("kwd"), CurrencyOption { pricing: custom(Some(1250)), tax_behavior: TaxBehavior::Unspecified }),
        (currency("isk"), CurrencyOption { pricing: custom(Some(70_000)), tax_behavior: TaxBehavior::Exclusive }),
        // Stripe echoes the price's own currency among the options: not written.
        (usd(), CurrencyOption { pricing: custom(None), tax_behavior: TaxBehavior::Exclusive }),
    ]);
    let state = RemoteState { products: vec![product("p")], prices: vec![donation], meters: Vec::new() };
    let export = run(&state, false);
    assert!(
        export.text.ends_with(
            "        custom_unit_amount: {}
        tax_behavior: exclusive
        currency_options:
          isk: { custom_unit_amount: { minimum: 700 } }
          kwd: { custom_unit_amount: { minimum: 1.250 }, tax_behavior: unspecified }
"
        ),
        "{}",
        export.text
    );
    let catalog = read(&export);
    let options = &catalog.products[0].prices[0].settings.currency_options;
    assert_eq!(options.len(), 2);
    assert_eq!(options[&currency("kwd")].pricing, custom(Some(1250)));
    assert_eq!(options[&currency("kwd")].tax_behavior, TaxBehavior::Unspecified);
    assert_eq!(options[&currency("isk")].tax_behavior, TaxBehavior::Exclusive);
}

proptest! {
    /// Strings made of YAML's own punctuation, where a wrong quoting decision would show.
    #[test]
    fn yaml_punctuation_reads_back(text in "[-:#,\\[\\]{}\"'?&*!|>%@`~.<= \\n\\ta-z0-9\\\\]{1,24}") {
        let mut keyed = price("price_1", "p", Some("k"), usd(), per_unit(100));
        keyed.settings.nickname = Some(text.clone());
        keyed.settings.metadata = Metadata::from([("note".to_string(), text.clone())]);
        let state = RemoteState { products: vec![product("p")], prices: vec![keyed], meters: Vec::new() };
        let export = run(&state, false);
        prop_assert!(export.skipped.is_empty(), "{:?}", export.skipped);
        let catalog = read(&export);
        let settings = &catalog.products[0].prices[0].settings;
        prop_assert_eq!(settings.nickname.as_deref(), Some(text.as_str()));
        prop_assert_eq!(settings.metadata.get("note"), Some(&text));
    }
}

#[test]
fn the_header_lists_a_bounded_number_of_left_out_objects() {
    let prices = (0..25).map(|n| price(&format!("price_{n:02}"), "p", None, usd(), per_unit(100))).collect();
    let export = run(&RemoteState { products: vec![product("p")], prices, meters: Vec::new() }, false);
    assert_eq!(export.skipped.len(), 25);
    let listed = export.text.lines().filter(|line| line.starts_with("#   - price `")).count();
    assert_eq!(listed, 20);
    assert!(export.text.contains("#   - and 5 more (`import` lists every one on stderr)\n"), "{}", export.text);
}

#[test]
fn prices_the_gateway_could_not_represent_are_reported() {
    let unreadable = |id: &str, product: &str, active: bool| UnreadablePrice {
        id: id.to_string(),
        product: product.to_string(),
        lookup_key: Some(format!("{id}-key")),
        active,
        problem: format!(
            "price `{id}`: tier unit_amount_decimal `0.0000000000005` is 13 decimal places in minor units"
        ),
    };
    let state = RemoteState { products: vec![product("p")], prices: Vec::new(), meters: Vec::new() };
    let prices =
        [unreadable("price_a", "p", true), unreadable("price_b", "p", false), unreadable("price_c", "gone", true)];
    let export = export(&state, &prices, &origin(), ExportOptions::default()).expect("valid");
    let described: Vec<String> = export.skipped.iter().map(Skipped::describe).collect();
    assert_eq!(
        described,
        [
            "price `price_a` (lookup key `price_a-key`, product `p`) cannot be represented by stripe-catalog: tier unit_amount_decimal `0.0000000000005` is 13 decimal places in minor units",
            "price `price_c` (lookup key `price_c-key`, product `gone`) belongs to a product Stripe did not list",
        ]
    );
    assert_eq!(export.archived_left_out.prices, 1);
    assert_eq!(export.products, 1);
}

/// Issue #14 item 4: a metered price is never imported without its meter (it would be another
/// price), nor a meter the file cannot hold; inactive meters come with `--include-archived`.
#[test]
fn a_metered_price_comes_with_its_meter_or_not_at_all() {
    let meter = |id: &str, event: &str, active: bool| RemoteMeter {
        id: id.to_string(),
        display_name: format!("{event} meter"),
        terms: MeterTerms {
            event_name: event.to_string(),
            aggregation: Aggregation::Sum,
            customer_mapping: "stripe_customer_id".to_string(),
            value_key: "value".to_string(),
        },
        active,
        created: 1,
    };
    let metered = |id: &str, key: &str, meter: &str, active: bool| {
        let mut price = price(id, "p", Some(key), usd(), per_unit(5));
        price.terms.recurring = Some(Recurring {
            interval: Interval::Month,
            interval_count: 1,
            usage_type: UsageType::Metered,
            meter: Some(meter.to_string()),
        });
        price.settings.active = active;
        price
    };
    let state = RemoteState {
        products: vec![product("p")],
        prices: vec![
            metered("price_calls", "calls", "mtr_calls", true),
            metered("price_old", "old", "mtr_old", false),
            metered("price_gone", "gone", "mtr_unlisted", true),
        ],
        meters: vec![meter("mtr_calls", "api call", true), meter("mtr_old", "old_call", false)],
    };
    let export = run(&state, false);
    assert_eq!((export.prices, export.meters, export.archived_left_out.meters), (1, 1, 1));
    assert!(body(&export).contains("meters:\n  - key: api-call\n    display_name: api call meter\n    event_name: api call\n    aggregation: sum\n"), "{}", export.text);
    assert!(
        body(&export).contains("recurring: { interval: month, usage_type: metered, meter: api-call }"),
        "{}",
        export.text
    );
    let [skipped] = export.skipped.as_slice() else { panic!("{:?}", export.skipped) };
    assert_eq!(skipped.reason, SkipReason::MeterMissing("mtr_unlisted".to_string()));
    assert_eq!(
        skipped.describe(),
        "price `price_gone` (lookup key `gone`, product `p`) charges for meter `mtr_unlisted`, which is not imported (see the meters left out)"
    );

    let with_archived = run(&state, true);
    assert_eq!((with_archived.prices, with_archived.meters), (2, 2));
    let catalog = read(&with_archived);
    let old = catalog.meter("old_call").expect("the inactive meter");
    assert!(!old.active);
}
