//! The catalog loader: normalisation of the example, one test per validation rule (message,
//! line and column), several mistakes in one run, and no panic on any input.

use proptest::prelude::*;
use stripe_catalog::catalog::{self, CatalogError, Diagnostic, Loaded, Severity};
use stripe_catalog::money::{Currency, MinorAmount};
use stripe_catalog::objects::{
    Aggregation, CustomUnitAmount, Interval, Pricing, Round, TaxBehavior, Tier, TiersMode, TransformQuantity, UsageType,
};

const EXAMPLE: &str = include_str!("../../catalog.example.yaml");
const SEVERAL_MISTAKES: &str = include_str!("../fixtures/catalogs/several-mistakes.yaml");

fn parse(yaml: &str) -> Result<Loaded, CatalogError> {
    catalog::parse("catalog.yaml", yaml.as_bytes())
}

fn loaded(yaml: &str) -> Loaded {
    match parse(yaml) {
        Ok(loaded) => loaded,
        Err(CatalogError::Invalid { diagnostics, .. }) => panic!("unexpected diagnostics: {diagnostics:#?}"),
        Err(err) => panic!("unexpected error: {err}"),
    }
}

fn diagnostics(yaml: &str) -> Vec<Diagnostic> {
    match parse(yaml) {
        Ok(loaded) => panic!("expected errors, the catalog loaded with warnings {:#?}", loaded.warnings),
        Err(CatalogError::Invalid { diagnostics, .. }) => diagnostics,
        Err(err) => panic!("expected diagnostics, got {err}"),
    }
}

/// The one error the catalog has, as `(line, column, message)`.
fn the_error(yaml: &str) -> (u64, u64, String) {
    let found = diagnostics(yaml);
    let errors: Vec<&Diagnostic> = found.iter().filter(|diagnostic| diagnostic.is_error()).collect();
    assert_eq!(errors.len(), 1, "expected exactly one error, got {errors:#?}");
    (errors[0].line, errors[0].column, errors[0].message.clone())
}

/// A catalog with one product `pro` whose one price `pro-monthly` has `price` as its other
/// fields (8-space indented, from line 7).
fn with_price(price: &str) -> String {
    let body: String = price.lines().map(|line| format!("        {line}\n")).collect();
    format!("version: 1\nproducts:\n  - id: pro\n    name: Pro\n    prices:\n      - key: pro-monthly\n{body}")
}

/// A catalog with one product `pro` that has `product` as its other fields (4-space indented,
/// from line 5) and one valid price after them.
fn with_product(product: &str) -> String {
    let body: String = product.lines().map(|line| format!("    {line}\n")).collect();
    format!(
        "version: 1\nproducts:\n  - id: pro\n    name: Pro\n{body}    prices:\n      - {{ key: pro-monthly, amount: 29.00, currency: usd }}\n"
    )
}

fn assert_error(yaml: &str, line: u64, column: u64, message: &str) {
    assert_eq!(the_error(yaml), (line, column, message.to_string()), "in:\n{yaml}");
}

// ---------------------------------------------------------------- normalisation

#[test]
fn the_example_loads_without_errors_or_warnings() {
    let loaded = loaded(EXAMPLE);
    assert_eq!(loaded.warnings, Vec::<Diagnostic>::new());
    assert_eq!(loaded.catalog.products.len(), 4);
    assert_eq!(loaded.catalog.price_count(), 8);
    assert_eq!(loaded.sha256.len(), 64);
    assert_eq!(loaded.catalog.account.as_deref(), Some("acct_1Nv0FGQ9RKHgCVdK"));
}

#[test]
fn the_example_normalises_to_exact_minor_units() {
    let catalog = loaded(EXAMPLE).catalog;
    let price =
        |key: &str| catalog.price(key).map(|(_, price)| price.clone()).unwrap_or_else(|| panic!("no price {key}"));
    let currency = |code: &str| Currency::parse(code).unwrap_or_else(|err| panic!("{err}"));

    let monthly = price("pro-monthly");
    assert_eq!(monthly.terms.pricing, Pricing::PerUnit { unit_amount: 2900.into() });
    assert_eq!(monthly.terms.currency, currency("usd"));
    let recurring = monthly.terms.recurring.clone().unwrap_or_else(|| panic!("not recurring"));
    assert_eq!(
        (recurring.interval, recurring.interval_count, recurring.usage_type),
        (Interval::Month, 1, UsageType::Licensed)
    );
    assert_eq!(monthly.settings.tax_behavior, TaxBehavior::Exclusive);
    let options = &monthly.settings.currency_options;
    assert_eq!(options[&currency("eur")].pricing, Pricing::PerUnit { unit_amount: 2700.into() });
    assert_eq!(options[&currency("jpy")].pricing, Pricing::PerUnit { unit_amount: 4500.into() });
    assert_eq!(options[&currency("kwd")].pricing, Pricing::PerUnit { unit_amount: 9250.into() });
    assert_eq!(options[&currency("eur")].tax_behavior, TaxBehavior::Exclusive, "options inherit the price's");

    let seats = price("pro-seats");
    let tiers = vec![
        Tier { up_to: Some(10), unit_amount: Some(500.into()), flat_amount: None },
        Tier { up_to: None, unit_amount: Some(400.into()), flat_amount: Some(1000.into()) },
    ];
    assert_eq!(seats.terms.pricing, Pricing::Tiered { tiers_mode: TiersMode::Graduated, tiers });
    let eur_tiers = vec![
        Tier { up_to: Some(10), unit_amount: Some(450.into()), flat_amount: None },
        Tier { up_to: None, unit_amount: Some(350.into()), flat_amount: Some(900.into()) },
    ];
    assert_eq!(
        seats.settings.currency_options[&currency("eur")].pricing,
        Pricing::Tiered { tiers_mode: TiersMode::Graduated, tiers: eur_tiers }
    );

    assert_eq!(price("pro-lifetime").terms.pricing, Pricing::PerUnit { unit_amount: 29900.into() });
    assert_eq!(price("pro-lifetime").terms.recurring, None);
    assert!(!price("pro-legacy-monthly").settings.active);
    assert!(price("pro-yearly").settings.active, "active defaults to true");

    let usage = price("api-usage-monthly");
    assert_eq!(usage.terms.transform_quantity, Some(TransformQuantity { divide_by: 1000, round: Round::Up }));
    let recurring = usage.terms.recurring.expect("recurring");
    assert_eq!((recurring.usage_type, recurring.meter.as_deref()), (UsageType::Metered, Some("api-calls")));
    let meter = catalog.meter("api-calls").expect("the example's meter");
    assert_eq!(
        (meter.display_name.as_str(), meter.terms.event_name.as_str(), meter.terms.aggregation, meter.active),
        ("API calls", "api_call", Aggregation::Sum, true)
    );
    assert_eq!(
        (meter.terms.customer_mapping.as_str(), meter.terms.value_key.as_str()),
        ("stripe_customer_id", "value")
    );

    let tokyo = price("tokyo-workshop-jpy");
    assert_eq!(
        (tokyo.terms.currency, tokyo.terms.pricing),
        (currency("jpy"), Pricing::PerUnit { unit_amount: 45000.into() })
    );

    let donation = price("donation-usd");
    assert_eq!(
        donation.terms.pricing,
        Pricing::CustomAmount(CustomUnitAmount { minimum: Some(500), maximum: Some(50000), preset: Some(2500) })
    );
    assert_eq!(
        donation.settings.currency_options[&currency("isk")].pricing,
        Pricing::CustomAmount(CustomUnitAmount { minimum: Some(100_000), maximum: None, preset: Some(350_000) }),
        "ISK is sent to Stripe ×100"
    );
    assert_eq!(donation.settings.tax_behavior, TaxBehavior::Unspecified);
}

#[test]
fn products_and_prices_keep_catalog_order_and_fields() {
    let catalog = loaded(EXAMPLE).catalog;
    let ids: Vec<&str> = catalog.products.iter().map(|product| product.id.as_str()).collect();
    assert_eq!(ids, ["pro", "api-usage", "tokyo-workshop", "donation"]);
    let pro = &catalog.products[0];
    let keys: Vec<&str> = pro.prices.iter().map(|price| price.key.as_str()).collect();
    assert_eq!(keys, ["pro-monthly", "pro-yearly", "pro-seats", "pro-lifetime", "pro-legacy-monthly"]);
    assert_eq!(pro.default_price.as_deref(), Some("pro-monthly"));
    assert_eq!(catalog.price("donation-usd").map(|(product, _)| product.id.as_str()), Some("donation"));
    assert!(catalog.price("no-such-key").is_none());
    assert_eq!(pro.fields.metadata.get("team").map(String::as_str), Some("growth"));
    assert_eq!(pro.fields.marketing_features, ["Unlimited courses", "Certificates", "Priority support"]);
    assert_eq!(pro.fields.images, ["https://example.com/images/pro.png"]);
    assert_eq!(pro.fields.tax_code.as_deref(), Some("txcd_10103001"));
    assert_eq!(pro.fields.statement_descriptor.as_deref(), Some("EXAMPLE PRO"));
    assert_eq!(pro.fields.unit_label.as_deref(), Some("seat"));
    assert!(pro.fields.active);
    assert_eq!(
        catalog.checkout.success_url.as_deref(),
        Some("https://example.com/success?session_id={CHECKOUT_SESSION_ID}")
    );
}

#[test]
fn amounts_are_read_as_written_never_through_floats() {
    // 0.1 + 0.2 style traps: these all have exact binary-unfriendly decimals.
    for (amount, minor) in [("29.99", 2999), ("0.29", 29), ("1.15", 115), ("4.35", 435), ("\"19.90\"", 1990)] {
        let catalog = loaded(&with_price(&format!("amount: {amount}\ncurrency: usd"))).catalog;
        assert_eq!(
            catalog.products[0].prices[0].terms.pricing,
            Pricing::PerUnit { unit_amount: minor.into() },
            "{amount}"
        );
    }
}

#[test]
fn currency_codes_are_case_insensitive() {
    let catalog = loaded(&with_price("amount: 10\ncurrency: EUR")).catalog;
    assert_eq!(catalog.products[0].prices[0].terms.currency.code(), "eur");
}

// ---------------------------------------------------------------- file-level problems

#[test]
fn an_empty_file_is_one_clear_error() {
    for text in ["", "\n\n", "# just a comment\n", "---\n"] {
        let found = diagnostics(text);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].message.as_str()), (0, "the catalog is empty"));
    }
}

#[test]
fn yaml_that_is_not_a_catalog_points_at_the_problem() {
    let (line, column, message) = the_error("hello\n");
    assert_eq!((line, column), (1, 1));
    assert!(message.contains("mapping"), "{message}");

    let (line, column, message) = the_error("version: 1\nproducts:\n  - id: [unclosed\n");
    assert_eq!(line, 3, "{message}");
    assert!(column > 0);
}

#[test]
fn unknown_fields_are_errors() {
    let yaml = with_price("amont: 29.99\ncurrency: usd");
    let (line, column, message) = the_error(&yaml);
    assert_eq!((line, column), (7, 9));
    assert!(message.starts_with("unknown field `amont`, expected one of key, amount"), "{message}");
}

#[test]
fn duplicate_mapping_keys_are_errors() {
    let (line, column, message) = the_error(&with_product("description: a\ndescription: b"));
    assert_eq!((line, column), (6, 5));
    assert!(message.contains("duplicate mapping key `description`"), "{message}");
}

#[test]
fn missing_required_fields_are_named() {
    // The reader notices at the end of the product's mapping.
    // Pointed at the start of the mapping that lacks it.
    let (line, column, message) = the_error("version: 1\nproducts:\n  - id: pro\n    prices: []\n");
    assert_eq!((line, column), (3, 5));
    assert_eq!(message, "missing field `name`");
    let found =
        diagnostics("version: 1\nproducts:\n  - id: pro\n    name: Pro\n    prices:\n      - { key: k, amount: 5 }\n");
    assert_eq!((found[0].line, found[0].message.as_str()), (6, "missing field `currency`"));
    assert_eq!(found[0].hint.as_deref(), Some("every price needs a `currency` (e.g. `currency: usd`)"));
}

/// `(line, column, path, message, hint)` of every diagnostic.
fn described(yaml: &str) -> Vec<(u64, u64, String, String, String)> {
    diagnostics(yaml)
        .into_iter()
        .map(|found| (found.line, found.column, found.path, found.message, found.hint.unwrap_or_default()))
        .collect()
}

#[test]
fn every_unknown_field_is_reported_in_one_run_with_a_suggestion() {
    let yaml = "version: 1
products:
  - id: pro
    name: Pro
    descripton: Unlimited
    prices:
      - key: pro-monthly
        amont: 29.00
        currency: usd
  - id: team
    name: Team
    prices:
      - key: team-monthly
        amount: 99.00
        currency: usd
        recuring: { interval: month }
";
    let found = described(yaml);
    let summary: Vec<(u64, u64, &str, &str)> =
        found.iter().map(|(line, column, path, _, hint)| (*line, *column, path.as_str(), hint.as_str())).collect();
    assert_eq!(
        summary,
        [
            (5, 5, "products[0].descripton", "did you mean `description`?"),
            (8, 9, "products[0].prices[0].amont", "did you mean `amount`?"),
            (16, 9, "products[1].prices[0].recuring", "did you mean `recurring`?"),
        ]
    );
    assert!(found[0].3.starts_with("unknown field `descripton`, expected one of id, name, description,"), "{found:?}");
    assert!(found[1].3.starts_with("unknown field `amont`, expected one of key, amount, unit_amount,"), "{found:?}");
    assert!(found[2].3.starts_with("unknown field `recuring`, expected one of key,"), "{found:?}");
    // A name nothing resembles gets the general hint.
    let found = described(&with_price("zzz: 1\ncurrency: usd\namount: 5"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].4.contains("README's catalog reference"), "{found:?}");
}

#[test]
fn every_missing_required_field_is_reported_in_one_run() {
    let yaml = "version: 1
products:
  - id: pro
    prices:
      - key: pro-monthly
        amount: 29.00
  - id: team
    name: Team
";
    let found = described(yaml);
    assert_eq!(
        found,
        [
            (
                3,
                5,
                "products[0]".to_string(),
                "missing field `name`".to_string(),
                "every product needs a `name` customers see (e.g. `name: Pro Plan`)".to_string()
            ),
            (
                5,
                9,
                "products[0].prices[0]".to_string(),
                "missing field `currency`".to_string(),
                "every price needs a `currency` (e.g. `currency: usd`)".to_string()
            ),
        ]
    );
}

#[test]
fn wrong_kinds_of_value_say_what_was_expected() {
    let found = described(
        "version: 1\nproducts:\n  - id: pro\n    name: Pro\n    metadata: [a]\n    images: { a: b }\n    prices: 5\n",
    );
    let summary: Vec<(u64, u64, &str, &str)> = found
        .iter()
        .map(|(line, column, path, message, _)| (*line, *column, path.as_str(), message.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            (5, 15, "products[0].metadata", "expected a mapping, found a list"),
            (6, 13, "products[0].images", "expected a list, found a mapping"),
            (7, 13, "products[0].prices", "expected a list, found `5`"),
        ]
    );
    assert!(found[2].4.contains("`- `"), "{found:?}");
    let found = described("version: 1\nproducts:\n  - id: pro\n    name:\n");
    assert_eq!(
        (found[0].0, found[0].1, found[0].3.as_str(), found[0].4.as_str()),
        (4, 9, "expected text, found nothing", "give the field a value, or remove it")
    );
}

#[test]
fn every_repeated_key_is_reported() {
    let found =
        described(&with_product("description: a\ndescription: b\nurl: https://a.example\nurl: https://b.example"));
    let summary: Vec<(u64, u64, &str)> =
        found.iter().map(|(line, column, _, message, _)| (*line, *column, message.as_str())).collect();
    assert_eq!(summary, [(6, 5, "duplicate mapping key `description`"), (8, 5, "duplicate mapping key `url`")]);
}

#[test]
fn structural_mistakes_come_with_serdes_first_error_when_the_shape_pass_misses_it() {
    // `version: one` is a scalar problem the shape pass leaves to serde; the unknown field after
    // it is the shape pass's. Semantic checks (the bad currency) cannot run: the model did not parse.
    let yaml = "version: one\nproducts:\n  - id: pro\n    name: Pro\n    nme: x\n    prices:\n      - { key: k, amount: 5, currency: xyz }\n";
    let found = described(yaml);
    let summary: Vec<(u64, u64)> = found.iter().map(|(line, column, ..)| (*line, *column)).collect();
    assert_eq!(summary, [(1, 10), (5, 5)], "{found:?}");
    assert_eq!(found[0].3, "`one` is not a whole number (write decimal digits, such as `12`)", "{found:?}");
    assert!(found[1].3.starts_with("unknown field `nme`"), "{found:?}");
    assert_eq!(found[1].4, "did you mean `name`?");
}

#[test]
fn deep_nesting_is_one_error_not_a_crash() {
    // 23 levels is just within the shape pass's depth limit, so its recursion is exercised
    // on a test thread's small stack too.
    for (opener, depth) in [("[", 20_000), ("{a: ", 20_000), ("- ", 20_000), ("[", 23), ("{a: ", 23)] {
        let yaml = format!("version: 1\nproducts: {}\n", opener.repeat(depth));
        let found = diagnostics(&yaml);
        assert!(!found.is_empty() && found.iter().all(Diagnostic::is_error), "{found:?}");
    }
}

#[test]
fn bytes_that_are_not_utf8_are_one_clear_error() {
    let found = match catalog::parse("catalog.yaml", b"version: 1\nproducts:\n  - id: p\xffx\n") {
        Err(CatalogError::Invalid { diagnostics, .. }) => diagnostics,
        other => panic!("expected an invalid catalog, got {other:?}"),
    };
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].line, found[0].column, found[0].message.as_str()), (3, 10, "the catalog is not UTF-8 text"));
}

#[test]
fn huge_input_is_refused_before_parsing() {
    let huge = vec![b'#'; usize::try_from(catalog::MAX_CATALOG_BYTES).unwrap_or(usize::MAX) + 1];
    match catalog::parse("catalog.yaml", &huge) {
        Err(CatalogError::Unreadable { problem, .. }) => {
            assert!(problem.contains("limited to 10485760 bytes"), "{problem}")
        }
        other => panic!("expected the size cap, got {other:?}"),
    }
}

#[test]
fn a_directory_or_a_missing_file_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    match catalog::load(dir.path()) {
        Err(CatalogError::Unreadable { problem, hint, .. }) => {
            assert_eq!(problem, "it is a directory, not a regular file");
            assert!(hint.contains("-f"));
        }
        other => panic!("expected unreadable, got {other:?}"),
    }
    match catalog::load(&dir.path().join("nope.yaml")) {
        Err(CatalogError::Unreadable { problem, .. }) => assert_eq!(problem, "no such file"),
        other => panic!("expected unreadable, got {other:?}"),
    }
}

#[test]
fn the_file_hash_is_of_its_bytes() {
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    let path = dir.path().join("catalog.yaml");
    std::fs::write(&path, EXAMPLE).unwrap_or_else(|err| panic!("{err}"));
    let from_file = catalog::load(&path).unwrap_or_else(|err| panic!("{err}"));
    use sha2::Digest as _;
    assert_eq!(from_file.sha256, hex::encode(sha2::Sha256::digest(EXAMPLE.as_bytes())));
    assert_eq!(from_file.catalog, loaded(EXAMPLE).catalog);
}

// ---------------------------------------------------------------- top level

#[test]
fn only_version_1_is_read() {
    assert_error("version: 2\nproducts: []\n", 1, 10, "unsupported catalog version 2");
}

#[test]
fn account_must_be_an_account_id() {
    assert_error("version: 1\naccount: sk_test_123\nproducts: []\n", 2, 10, "`sk_test_123` is not a Stripe account id");
}

#[test]
fn checkout_urls_must_be_web_addresses() {
    assert_error(
        "version: 1\ncheckout:\n  success_url: example.com/ok\nproducts: []\n",
        3,
        16,
        "`example.com/ok` is not a web address",
    );
}

// ---------------------------------------------------------------- products

#[test]
fn product_ids_use_characters_stripe_urls_accept() {
    let yaml = "version: 1\nproducts:\n  - id: pro plan\n    name: Pro\n    prices: []\n";
    assert_error(
        yaml,
        3,
        9,
        "product id `pro plan` is not accepted: use letters, digits, `_` and `-`, at most 100 characters",
    );
    let long = format!("version: 1\nproducts:\n  - id: {}\n    name: Pro\n", "p".repeat(101));
    assert_eq!(the_error(&long).0, 3);
    assert_error("version: 1\nproducts:\n  - id: ''\n    name: Pro\n", 3, 9, "product id is empty");
}

#[test]
fn product_ids_are_unique() {
    let yaml = "version: 1\nproducts:\n  - id: pro\n    name: A\n  - id: pro\n    name: B\n";
    assert_error(yaml, 5, 9, "duplicate product id `pro` (first used on line 3)");
}

#[test]
fn product_names_are_not_empty() {
    assert_error("version: 1\nproducts:\n  - id: pro\n    name: '  '\n", 4, 11, "product `pro` has an empty name");
}

#[test]
fn descriptions_are_not_empty() {
    assert_error(&with_product("description: ''"), 5, 18, "description is empty");
}

#[test]
fn tax_codes_look_like_stripe_tax_codes() {
    assert_error(&with_product("tax_code: 10103001"), 5, 15, "`10103001` is not a Stripe tax code");
}

#[test]
fn statement_descriptors_follow_stripe_rules() {
    assert_error(
        &with_product("statement_descriptor: THIS IS FAR TOO LONG FOR A BANK"),
        5,
        27,
        "statement_descriptor is 31 characters; Stripe allows at most 22",
    );
    assert_error(
        &with_product("statement_descriptor: ACME <PRO>"),
        5,
        27,
        "statement_descriptor `ACME <PRO>` contains a character Stripe refuses",
    );
    assert_error(
        &with_product("statement_descriptor: '12345'"),
        5,
        27,
        "statement_descriptor needs at least one letter",
    );
}

#[test]
fn unit_labels_are_at_most_12_characters() {
    assert_error(
        &with_product("unit_label: thousand calls"),
        5,
        17,
        "a unit label is 14 characters; Stripe allows at most 12",
    );
}

#[test]
fn product_urls_are_web_addresses() {
    assert_error(&with_product("url: ftp://example.com"), 5, 10, "`ftp://example.com` is not a web address");
}

#[test]
fn at_most_8_images_each_a_url() {
    let images: String = (0..9).map(|index| format!("\n  - https://example.com/{index}.png")).collect();
    assert_error(
        &with_product(&format!("images:{images}")),
        6,
        7,
        "product `pro` has 9 images; Stripe allows at most 8",
    );
    assert_error(&with_product("images: [pro.png]"), 5, 14, "`pro.png` is not a web address");
}

#[test]
fn at_most_15_marketing_features_of_80_characters() {
    let features: String = (0..16).map(|index| format!("\n  - feature {index}")).collect();
    assert_error(
        &with_product(&format!("marketing_features:{features}")),
        6,
        7,
        "product `pro` has 16 marketing features; Stripe allows at most 15",
    );
    assert_error(
        &with_product(&format!("marketing_features: [{}]", "x".repeat(81))),
        5,
        26,
        "a marketing feature is 81 characters; Stripe allows at most 80",
    );
}

#[test]
fn default_price_names_one_of_the_products_prices() {
    let yaml = with_product("default_price: pro-yearly");
    let found = diagnostics(&yaml);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].line, found[0].column, found[0].message.as_str()),
        (5, 20, "default_price `pro-yearly` is not one of product `pro`'s prices")
    );
    assert_eq!(found[0].hint.as_deref(), Some("this product's price keys are `pro-monthly`"));
    assert_eq!(found[0].path, "products[0].default_price");
}

#[test]
fn default_price_cannot_be_archived() {
    let yaml = "version: 1\nproducts:\n  - id: pro\n    name: Pro\n    default_price: old\n    prices:\n      - { key: old, amount: 1, currency: usd, active: false }\n";
    assert_error(yaml, 5, 20, "default_price `old` is archived (`active: false`)");
}

// ---------------------------------------------------------------- metadata

#[test]
fn metadata_keys_are_within_stripe_limits() {
    assert_error(
        &with_product(&format!("metadata: {{ {}: x }}", "k".repeat(41))),
        5,
        17,
        &format!("metadata key `{}` is 41 characters; Stripe allows at most 40", "k".repeat(41)),
    );
    assert_error(
        &with_product("metadata: { 'a[b]': x }"),
        5,
        17,
        "metadata key `a[b]` contains `[` or `]`, which Stripe does not allow",
    );
    assert_error(
        &with_product(&format!("metadata: {{ note: {} }}", "v".repeat(501))),
        5,
        23,
        "metadata value is 501 characters; Stripe allows at most 500",
    );
}

#[test]
fn metadata_has_at_most_49_keys() {
    let keys: String = (0..50).map(|index| format!("\n  k{index}: v")).collect();
    assert_error(&with_product(&format!("metadata:{keys}")), 6, 7, "metadata has 50 keys; at most 49 are allowed");
}

#[test]
fn reserved_metadata_keys_are_refused() {
    assert_error(
        &with_price("amount: 1\ncurrency: usd\nmetadata: { stripe-catalog/managed: 'true' }"),
        9,
        21,
        "metadata key `stripe-catalog/managed` is reserved: keys starting with `stripe-catalog/` belong to the tool",
    );
}

// ---------------------------------------------------------------- prices: keys and currency

#[test]
fn price_keys_follow_lookup_key_rules() {
    let long = "k".repeat(201);
    let yaml = format!(
        "version: 1\nproducts:\n  - id: pro\n    name: Pro\n    prices:\n      - key: {long}\n        amount: 1\n        currency: usd\n"
    );
    assert_error(&yaml, 6, 14, "price key is 201 characters; Stripe's lookup_key allows at most 200");
    let yaml = "version: 1\nproducts:\n  - id: pro\n    name: Pro\n    prices:\n      - key: pro monthly\n        amount: 1\n        currency: usd\n";
    assert_error(yaml, 6, 14, "price key `pro monthly` is not accepted: use letters, digits and `_ - . : /`");
}

#[test]
fn price_keys_are_unique_across_the_whole_catalog() {
    let yaml = "version: 1\nproducts:\n  - id: a\n    name: A\n    prices:\n      - { key: monthly, amount: 1, currency: usd }\n  - id: b\n    name: B\n    prices:\n      - { key: monthly, amount: 2, currency: usd }\n";
    assert_error(yaml, 10, 16, "duplicate price key `monthly` (first used on line 6)");
}

#[test]
fn unknown_currencies_are_errors_with_a_suggestion() {
    let found = diagnostics(&with_price("amount: 1\ncurrency: usdd"));
    assert_eq!((found[0].line, found[0].column), (8, 19));
    assert!(found[0].message.starts_with("`usdd` is not a currency Stripe supports"), "{}", found[0].message);
    assert_eq!(found[0].hint.as_deref(), Some("did you mean `usd`? Codes are three letters, any case"));
}

// ---------------------------------------------------------------- prices: amounts

#[test]
fn amounts_with_more_decimals_than_the_currency_are_errors() {
    assert_error(
        &with_price("amount: 45.5\ncurrency: jpy"),
        7,
        17,
        "JPY takes whole amounts only (no minor unit): write `45` or `46`",
    );
    assert_error(&with_price("amount: 1.001\ncurrency: usd"), 7, 17, "USD has 2 decimal places, `1.001` has 3");
}

/// Issue #14 item 5: `amount` keeps whole minor units (`0.003` USD is an error, as `1.001` is),
/// and where what one unit costs could be meant as a fraction of a minor unit, the hint names
/// `unit_amount_decimal` with the user's digits, the point moved to minor units: never a
/// number computed from them.
#[test]
fn a_fraction_of_a_minor_unit_in_amount_is_an_error_naming_unit_amount_decimal() {
    let usd_hint = "USD amounts have up to 2 decimals (`29.99`); or give `unit_amount` in minor units (`2999`)";
    assert_eq!(
        described(&with_price("amount: 0.003\ncurrency: usd")),
        [(
            7,
            17,
            "products[0].prices[0].amount".to_string(),
            "USD has 2 decimal places, `0.003` has 3".to_string(),
            format!(
                "{usd_hint}; for a fraction of $0.01 USD per unit, write it in minor units: `unit_amount_decimal: 0.3`"
            ),
        )]
    );
    assert_eq!(
        described(&with_price("amount: 45.5\ncurrency: jpy")),
        [(
            7,
            17,
            "products[0].prices[0].amount".to_string(),
            "JPY takes whole amounts only (no minor unit): write `45` or `46`".to_string(),
            "JPY has no minor unit: amounts are whole numbers (`4500`); for a fraction of ¥1 JPY per unit, write `unit_amount_decimal: 45.5`".to_string(),
        )]
    );
    // In tiers and currency options too, digits as written.
    let hint = |yaml: &str| diagnostics(yaml)[0].hint.clone().unwrap_or_default();
    assert!(
        hint(&with_price(&format!("{TIERED}\n  - {{ up_to: inf, amount: 0.0005 }}")))
            .ends_with("write it in minor units: `unit_amount_decimal: 0.05`")
    );
    assert!(
        hint(&with_price("amount: 1\ncurrency: usd\ncurrency_options:\n  eur: { amount: 0.0030 }"))
            .ends_with("for a fraction of €0.01 EUR per unit, write it in minor units: `unit_amount_decimal: 0.30`")
    );
    // Not where `unit_amount_decimal` cannot go (a flat fee, custom bounds), not for currencies
    // that take no fractions, and not when the digits are finer than Stripe keeps.
    for yaml in [
        with_price(&format!("{TIERED}\n  - {{ up_to: inf, flat_amount: 0.005 }}")),
        with_price("currency: usd\ncustom_unit_amount: { minimum: 1.001 }"),
        with_price("amount: 0.0005\ncurrency: kwd"),
        with_price("amount: 45.5\ncurrency: isk"),
        with_price("amount: 0.000000000000001\ncurrency: usd"),
    ] {
        let found = diagnostics(&yaml);
        assert!(!found[0].hint.clone().unwrap_or_default().contains("unit_amount_decimal"), "{found:#?}");
    }
}

fn decimal(text: &str) -> MinorAmount {
    MinorAmount::parse(text).unwrap_or_else(|err| panic!("{text}: {err}"))
}

/// Issue #14 item 5: API usage pricing, 0.3 cents per call in a graduated tier, is written as
/// Stripe's `unit_amount_decimal: 0.3` (minor units) and becomes exactly that; so do currency
/// options and zero-decimal currencies (¥0.5 is half a minor unit), however the decimal is
/// written.
#[test]
fn sub_cent_per_unit_amounts_are_exact() {
    let usage = |tier: &str, option: &str| {
        with_price(&format!(
            "currency: usd\nrecurring: {{ interval: month }}\nbilling_scheme: tiered\ntiers_mode: graduated\ntiers:\n  - {{ up_to: 1000, amount: 0 }}\n  - {{ up_to: inf, {tier} }}\ncurrency_options:\n  jpy:\n    tiers:\n      - {{ up_to: 1000, amount: 0 }}\n      - {{ up_to: inf, {option} }}"
        ))
    };
    let expected = |usd: &str, jpy: &str| {
        let tiers = |rest: &str| Pricing::Tiered {
            tiers_mode: TiersMode::Graduated,
            tiers: vec![
                Tier { up_to: Some(1000), unit_amount: Some(MinorAmount::ZERO), flat_amount: None },
                Tier { up_to: None, unit_amount: Some(decimal(rest)), flat_amount: None },
            ],
        };
        (tiers(usd), tiers(jpy))
    };
    for (tier, option) in [
        ("unit_amount_decimal: 0.3", "unit_amount_decimal: 0.5"),
        ("unit_amount_decimal: 0.30", "unit_amount_decimal: \"0.5\""),
        ("unit_amount_decimal: \"0.300\"", "unit_amount_decimal: 0.50"),
    ] {
        let loaded = loaded(&usage(tier, option));
        assert_eq!(loaded.warnings, Vec::<Diagnostic>::new(), "{tier}");
        let price = &loaded.catalog.products[0].prices[0];
        let jpy = &price.settings.currency_options[&Currency::parse("jpy").unwrap()];
        assert_eq!((price.terms.pricing.clone(), jpy.pricing.clone()), expected("0.3", "0.5"), "{tier} / {option}");
    }
    let price = |text: &str| loaded(&with_price(text)).catalog.products[0].prices[0].terms.pricing.clone();
    assert_eq!(
        price("unit_amount_decimal: 0.000000000001\ncurrency: usd"),
        Pricing::PerUnit { unit_amount: decimal("0.000000000001") }
    );
    assert_eq!(
        price("unit_amount_decimal: 0.05\ncurrency: usd\ncurrency_options:\n  eur: { unit_amount_decimal: 0.045 }"),
        Pricing::PerUnit { unit_amount: decimal("0.05") }
    );
}

/// Issue #14 item 5: a whole `unit_amount_decimal` is the same amount as `unit_amount` and as
/// `amount` in major units: the same catalog, so the same plan.
#[test]
fn a_whole_unit_amount_decimal_equals_unit_amount() {
    let catalog = |price: &str| loaded(&with_price(price)).catalog;
    let expected = catalog("unit_amount: 30\ncurrency: usd\ncurrency_options:\n  jpy: { unit_amount: 45 }");
    for price in [
        "unit_amount_decimal: 30\ncurrency: usd\ncurrency_options:\n  jpy: { unit_amount_decimal: 45 }",
        "unit_amount_decimal: 30.0\ncurrency: usd\ncurrency_options:\n  jpy: { unit_amount_decimal: \"45.000\" }",
        "amount: 0.30\ncurrency: usd\ncurrency_options:\n  jpy: { amount: 45 }",
    ] {
        assert_eq!(catalog(price), expected, "{price}");
    }
    let tiers = |rest: &str| catalog(&format!("{TIERED}\n  - {{ up_to: inf, {rest} }}"));
    assert_eq!(tiers("unit_amount_decimal: 250"), tiers("unit_amount: 250"));
    assert_eq!(tiers("unit_amount_decimal: 250"), tiers("amount: 2.50"));
    // The minimum-charge warning reads the amount, not the spelling.
    let warnings = |price: &str| loaded(&with_price(price)).warnings;
    assert_eq!(
        warnings("unit_amount_decimal: 30\ncurrency: usd")[0].message,
        warnings("unit_amount: 30\ncurrency: usd")[0].message
    );
}

/// Issue #14 item 5: Stripe keeps 12 decimal places of minor units in `unit_amount_decimal`;
/// a 13th is refused, and the hint says so without inventing a number.
#[test]
fn thirteen_decimal_places_in_minor_units_are_refused() {
    let message = "`0.0000000000001` has 13 decimal places; Stripe's `unit_amount_decimal` keeps at most 12";
    let hint = "round it to at most 12 decimal places";
    assert_eq!(
        described(&with_price("unit_amount_decimal: 0.0000000000001\ncurrency: usd")),
        [(7, 30, "products[0].prices[0].unit_amount_decimal".to_string(), message.to_string(), hint.to_string())]
    );
    let found =
        described(&with_price(&format!("{TIERED}\n  - {{ up_to: inf, unit_amount_decimal: 0.0000000000001 }}")));
    assert_eq!((found[0].3.as_str(), found[0].4.as_str()), (message, hint));
    let found = described(&with_price(
        "amount: 1\ncurrency: usd\ncurrency_options:\n  jpy: { unit_amount_decimal: 0.0000000000001 }",
    ));
    assert_eq!(
        (found[0].2.as_str(), found[0].3.as_str()),
        ("products[0].prices[0].currency_options.jpy.unit_amount_decimal", message)
    );
}

/// Issue #14 item 5: three-decimal currencies (whose charges must end in 0) and ISK/UGX
/// (charged in whole units, sent ×100) take no fraction of a minor unit, even as
/// `unit_amount_decimal`; a whole one follows their usual rules.
#[test]
fn three_decimal_and_whole_unit_currencies_take_no_fractions() {
    assert_eq!(
        described(&with_price("unit_amount_decimal: 0.5\ncurrency: kwd")),
        [(
            7,
            30,
            "products[0].prices[0].unit_amount_decimal".to_string(),
            "`0.5` is not a whole number of KWD minor units".to_string(),
            "KWD charges must end in 0 (Stripe rounds three-decimal currencies to tens), so KWD takes no fraction of a minor unit: give whole minor units".to_string(),
        )]
    );
    let found = described(&with_price("unit_amount_decimal: 5000.5\ncurrency: isk"));
    assert_eq!(
        (found[0].3.as_str(), found[0].4.as_str()),
        (
            "`5000.5` is not a whole number of ISK minor units",
            "ISK is charged in whole units, sent to Stripe ×100, so it takes no fraction of a minor unit: give whole minor units (multiples of 100)"
        )
    );
    let found =
        described(&with_price("amount: 1\ncurrency: usd\ncurrency_options:\n  ugx: { unit_amount_decimal: 0.5 }"));
    assert_eq!(found[0].3, "`0.5` is not a whole number of UGX minor units");
    let price = |text: &str| loaded(&with_price(text)).catalog.products[0].prices[0].terms.pricing.clone();
    assert_eq!(price("unit_amount_decimal: 5120\ncurrency: kwd"), price("amount: 5.120\ncurrency: kwd"));
    assert_eq!(price("unit_amount_decimal: 50000\ncurrency: isk"), price("amount: 500\ncurrency: isk"));
    assert_error(
        &with_price("unit_amount_decimal: 5125\ncurrency: kwd"),
        7,
        30,
        "KWD amounts must end in 0 in the last (third) decimal place: Stripe rounds them to tens",
    );
    assert_error(&with_price("amount: 0.0005\ncurrency: kwd"), 7, 17, "KWD has 3 decimal places, `0.0005` has 4");
}

/// Issue #14 item 5: `unit_amount_decimal` is one more way of giving the amount: with
/// `amount` or `unit_amount` beside it, in a price, a currency option or a tier, it is the
/// "exactly one" error.
#[test]
fn unit_amount_decimal_is_one_more_way_of_pricing() {
    let found = described(&with_price("amount: 1\nunit_amount_decimal: 0.3\ncurrency: usd"));
    assert_eq!(
        found,
        [(
            8,
            30,
            "products[0].prices[0].unit_amount_decimal".to_string(),
            "price `pro-monthly` gives both `amount` and `unit_amount_decimal`".to_string(),
            "give exactly one way of pricing: `amount`, `unit_amount`, `unit_amount_decimal`, `tiers` or `custom_unit_amount`".to_string(),
        )]
    );
    assert_error(
        &with_price(
            "amount: 1\ncurrency: usd\ncurrency_options:\n  eur: { unit_amount: 30, unit_amount_decimal: 0.3 }",
        ),
        10,
        56,
        "currency option `eur` gives both `unit_amount` and `unit_amount_decimal`",
    );
    let found = described(&with_price(&format!("{TIERED}\n  - {{ up_to: inf, amount: 1, unit_amount_decimal: 0.3 }}")));
    assert_eq!(
        found,
        [(
            11,
            59,
            "products[0].prices[0].tiers[0].unit_amount_decimal".to_string(),
            "both `amount` and `unit_amount_decimal` are given".to_string(),
            "give one of `amount` (major units), `unit_amount` (whole minor units) or `unit_amount_decimal` (minor units with decimals)".to_string(),
        )]
    );
    let (_, _, message) =
        the_error(&with_price(&format!("{TIERED}\n  - {{ up_to: inf, unit_amount: 1, unit_amount_decimal: 0.3 }}")));
    assert_eq!(message, "both `unit_amount` and `unit_amount_decimal` are given");
    // A flat fee beside it is no second per-unit amount; an option may spell it otherwise.
    loaded(&with_price(&format!("{TIERED}\n  - {{ up_to: inf, unit_amount_decimal: 0.3, flat_amount: 5 }}")));
    loaded(&with_price("unit_amount_decimal: 0.3\ncurrency: usd\ncurrency_options:\n  eur: { amount: 0.01 }"));
}

#[test]
fn three_decimal_amounts_end_in_zero() {
    assert_error(
        &with_price("amount: 5.125\ncurrency: kwd"),
        7,
        17,
        "KWD amounts must end in 0 in the last (third) decimal place: Stripe rounds them to tens",
    );
}

#[test]
fn isk_and_ugx_take_whole_amounts() {
    assert_error(
        &with_price("amount: 5.5\ncurrency: isk"),
        7,
        17,
        "ISK has no minor unit and is sent to Stripe ×100, so it takes whole amounts only: write `5` or `6`",
    );
    assert_error(
        &with_price("unit_amount: 150\ncurrency: ugx"),
        7,
        22,
        "UGX has no minor unit and is sent to Stripe ×100, so it takes whole amounts only: write `100` or `200`",
    );
}

#[test]
fn negative_and_oversized_amounts_are_errors() {
    assert_error(&with_price("amount: -5\ncurrency: usd"), 7, 17, "amounts cannot be negative");
    assert_error(&with_price("unit_amount: -500\ncurrency: usd"), 7, 22, "amounts cannot be negative");
    assert_error(
        &with_price("amount: 10000000000.00\ncurrency: usd"),
        7,
        17,
        "`10000000000.00` is 1000000000000 in minor units, over Stripe's maximum of 999999999999 (12 digits)",
    );
}

#[test]
fn amounts_must_be_plain_decimals() {
    assert_error(
        &with_price("amount: 1e3\ncurrency: usd"),
        7,
        17,
        "`1e3` is not a decimal number (write digits with an optional `.`, such as `29.99`)",
    );
}

#[test]
fn amounts_below_the_minimum_charge_are_warnings() {
    let loaded = loaded(&with_price("amount: 0.30\ncurrency: usd"));
    assert_eq!(loaded.warnings.len(), 1);
    let warning = &loaded.warnings[0];
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(
        (warning.line, warning.column, warning.message.as_str()),
        (7, 17, "$0.30 USD is below Stripe's minimum charge of $0.50 USD")
    );
    assert!(loaded_is_free_of_warnings(&with_price("amount: 0\ncurrency: usd")), "free prices are fine");
}

fn loaded_is_free_of_warnings(yaml: &str) -> bool {
    loaded(yaml).warnings.is_empty()
}

#[test]
fn exactly_one_way_of_pricing() {
    assert_error(&with_price("currency: usd"), 6, 9, "price `pro-monthly` has no amount");
    assert_error(
        &with_price("amount: 1\nunit_amount: 100\ncurrency: usd"),
        8,
        22,
        "price `pro-monthly` gives both `amount` and `unit_amount`",
    );
    assert_error(
        &with_price("unit_amount: 100\ncurrency: usd\ncustom_unit_amount: { minimum: 1 }"),
        9,
        29,
        "price `pro-monthly` gives both `unit_amount` and `custom_unit_amount`",
    );
}

// ---------------------------------------------------------------- tiers

const TIERED: &str = "currency: usd\nbilling_scheme: tiered\ntiers_mode: volume\ntiers:";

#[test]
fn tiers_need_billing_scheme_tiered() {
    assert_error(
        &with_price("currency: usd\ntiers_mode: volume\ntiers:\n  - { up_to: inf, amount: 1 }"),
        10,
        11,
        "price `pro-monthly` has tiers but not `billing_scheme: tiered`",
    );
    assert_error(
        &with_price("amount: 1\ncurrency: usd\nbilling_scheme: tiered"),
        9,
        25,
        "price `pro-monthly` has `billing_scheme: tiered` but no `tiers`",
    );
}

#[test]
fn tiers_need_a_tiers_mode_and_only_tiers_take_one() {
    assert_error(
        &with_price("currency: usd\nbilling_scheme: tiered\ntiers:\n  - { up_to: inf, amount: 1 }"),
        10,
        11,
        "price `pro-monthly` has tiers but no `tiers_mode`",
    );
    assert_error(
        &with_price("amount: 1\ncurrency: usd\ntiers_mode: volume"),
        9,
        21,
        "price `pro-monthly` has a `tiers_mode` but no `tiers`",
    );
}

#[test]
fn tiers_ascend_and_end_with_inf() {
    assert_error(
        &with_price(&format!(
            "{TIERED}\n  - {{ up_to: 10, amount: 1 }}\n  - {{ up_to: 10, amount: 1 }}\n  - {{ up_to: inf, amount: 1 }}"
        )),
        12,
        22,
        "tier limits must ascend: `up_to: 10` follows `up_to: 10`",
    );
    assert_error(
        &with_price(&format!("{TIERED}\n  - {{ up_to: 10, amount: 1 }}\n  - {{ up_to: 20, amount: 1 }}")),
        12,
        22,
        "the last tier must have `up_to: inf`, not `20`",
    );
    assert_error(
        &with_price(&format!("{TIERED}\n  - {{ up_to: inf, amount: 1 }}\n  - {{ up_to: inf, amount: 1 }}")),
        11,
        22,
        "only the last tier can have `up_to: inf`",
    );
    assert_error(
        &with_price(&format!("{TIERED}\n  - {{ up_to: 0, amount: 1 }}\n  - {{ up_to: inf, amount: 1 }}")),
        11,
        22,
        "a tier cannot end at 0",
    );
    assert_error(
        &with_price(&format!("{TIERED}\n  - {{ up_to: ten, amount: 1 }}\n  - {{ up_to: inf, amount: 1 }}")),
        11,
        22,
        "`ten` is not a tier limit",
    );
    assert_error(&with_price(&format!("{TIERED} []")), 10, 16, "`tiers` is empty");
}

#[test]
fn each_tier_has_an_amount_given_once() {
    assert_error(&with_price(&format!("{TIERED}\n  - {{ up_to: inf }}")), 11, 13, "tier has no amount");
    assert_error(
        &with_price(&format!("{TIERED}\n  - {{ up_to: inf, amount: 1, unit_amount: 100 }}")),
        11,
        51,
        "both `amount` and `unit_amount` are given",
    );
    assert_error(
        &with_price(&format!("{TIERED}\n  - {{ up_to: inf, flat_amount: 1.999 }}")),
        11,
        40,
        "USD has 2 decimal places, `1.999` has 3",
    );
}

#[test]
fn transform_quantity_is_not_combined_with_tiers() {
    assert_error(
        &with_price(&format!(
            "{TIERED}\n  - {{ up_to: inf, amount: 1 }}\ntransform_quantity: {{ divide_by: 10, round: up }}"
        )),
        12,
        29,
        "`transform_quantity` cannot be combined with `tiers`",
    );
}

#[test]
fn transform_quantity_divides_by_at_least_one_and_rounds_up_or_down() {
    assert_error(
        &with_price("amount: 1\ncurrency: usd\ntransform_quantity: { divide_by: 0, round: up }"),
        9,
        42,
        "divide_by must be at least 1",
    );
    assert_error(
        &with_price("amount: 1\ncurrency: usd\ntransform_quantity: { divide_by: 5, round: nearest }"),
        9,
        52,
        "`nearest` is not a valid round",
    );
}

// ---------------------------------------------------------------- custom amounts

#[test]
fn custom_unit_amounts_are_one_time_and_ordered() {
    assert_error(
        &with_price("currency: usd\nrecurring: { interval: month }\ncustom_unit_amount: { minimum: 5 }"),
        9,
        29,
        "price `pro-monthly` lets the customer choose the amount but is recurring",
    );
    assert_error(
        &with_price("currency: usd\ncustom_unit_amount: { minimum: 50, maximum: 5 }"),
        8,
        53,
        "maximum $5.00 USD is below minimum $50.00 USD",
    );
    assert_error(
        &with_price("currency: usd\ncustom_unit_amount: { minimum: 5, preset: 1 }"),
        8,
        51,
        "preset $1.00 USD is below minimum $5.00 USD",
    );
    assert_error(
        &with_price("currency: usd\ncustom_unit_amount: { maximum: 5, preset: 10 }"),
        8,
        51,
        "preset $10.00 USD is above maximum $5.00 USD",
    );
}

// ---------------------------------------------------------------- recurring and keywords

#[test]
fn recurring_intervals_are_at_most_three_years() {
    for (interval, count) in [("day", 1096), ("week", 157), ("month", 37), ("year", 4)] {
        let yaml = with_price(&format!(
            "amount: 1\ncurrency: usd\nrecurring: {{ interval: {interval}, interval_count: {count} }}"
        ));
        let (line, column, message) = the_error(&yaml);
        assert_eq!((line, column), (9, 50 + u64::try_from(interval.len()).unwrap_or(0)), "{interval}");
        assert!(message.ends_with("is longer than Stripe's maximum of three years"), "{message}");
    }
    for (interval, count) in [("day", 1095), ("week", 156), ("month", 36), ("year", 3)] {
        loaded(&with_price(&format!(
            "amount: 1\ncurrency: usd\nrecurring: {{ interval: {interval}, interval_count: {count} }}"
        )));
    }
    assert_error(
        &with_price("amount: 1\ncurrency: usd\nrecurring: { interval: month, interval_count: 0 }"),
        9,
        55,
        "interval_count must be at least 1",
    );
}

#[test]
fn keywords_must_be_ones_stripe_knows() {
    let cases = [
        (
            "recurring: { interval: monthly }",
            32,
            "`monthly` is not a valid interval",
            "use `day`, `week`, `month` or `year`",
        ),
        (
            "recurring: { interval: month, usage_type: used }",
            51,
            "`used` is not a valid usage_type",
            "use `licensed` or `metered`",
        ),
        (
            "tax_behavior: sometimes",
            23,
            "`sometimes` is not a valid tax_behavior",
            "use `inclusive`, `exclusive` or `unspecified`",
        ),
        ("billing_scheme: flat", 25, "`flat` is not a valid billing_scheme", "use `per_unit` or `tiered`"),
    ];
    for (line, column, message, hint) in cases {
        let found = diagnostics(&with_price(&format!("amount: 1\ncurrency: usd\n{line}")));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!((found[0].line, found[0].column, found[0].message.as_str()), (9, column, message));
        assert_eq!(found[0].hint.as_deref(), Some(hint));
    }
    assert_error(
        &with_price(
            "currency: usd\nbilling_scheme: tiered\ntiers_mode: stepped\ntiers:\n  - { up_to: inf, amount: 1 }",
        ),
        9,
        21,
        "`stepped` is not a valid tiers_mode",
    );
}

// ---------------------------------------------------------------- currency options

#[test]
fn currency_options_do_not_repeat_the_base_currency() {
    assert_error(
        &with_price("amount: 1\ncurrency: usd\ncurrency_options:\n  USD: { amount: 1 }"),
        10,
        11,
        "currency_options repeats the price's own currency `usd`",
    );
}

#[test]
fn currency_options_are_listed_once_whatever_the_case() {
    assert_error(
        &with_price("amount: 1\ncurrency: usd\ncurrency_options:\n  eur: { amount: 1 }\n  EUR: { amount: 2 }"),
        11,
        11,
        "currency `eur` is listed twice in currency_options (first on line 10)",
    );
}

#[test]
fn currency_option_amounts_use_their_own_currency() {
    assert_error(
        &with_price("amount: 1\ncurrency: usd\ncurrency_options:\n  jpy: { amount: 45.5 }"),
        10,
        26,
        "JPY takes whole amounts only (no minor unit): write `45` or `46`",
    );
    assert_error(
        &with_price("amount: 1\ncurrency: usd\ncurrency_options:\n  xyz: { amount: 1 }"),
        10,
        11,
        "`xyz` is not a currency Stripe supports (use a three-letter ISO code such as `usd`, `eur`, `jpy`)",
    );
}

#[test]
fn currency_options_price_the_same_way_as_the_price() {
    assert_error(
        &with_price("amount: 1\ncurrency: usd\ncurrency_options:\n  eur: { custom_unit_amount: { minimum: 1 } }"),
        10,
        16,
        "currency option `eur` uses `custom_unit_amount` but the price uses a fixed amount (`amount`, `unit_amount` or `unit_amount_decimal`)",
    );
    assert_error(
        &with_price(&format!(
            "{TIERED}\n  - {{ up_to: 5, amount: 1 }}\n  - {{ up_to: inf, amount: 1 }}\ncurrency_options:\n  eur:\n    tiers:\n      - {{ up_to: 6, amount: 1 }}\n      - {{ up_to: inf, amount: 1 }}"
        )),
        16,
        15,
        "currency option `eur` has tiers with different `up_to` limits than the price",
    );
    assert_error(
        &with_price("amount: 1\ncurrency: usd\ncurrency_options:\n  eur: { tax_behavior: inclusive }"),
        10,
        16,
        "currency option `eur` has no amount",
    );
}

// ---------------------------------------------------------------- everything at once

#[test]
fn several_mistakes_are_all_reported_in_one_run_sorted_by_position() {
    let found = diagnostics(SEVERAL_MISTAKES);
    let summary: Vec<(u64, u64, Severity, &str)> = found
        .iter()
        .map(|diagnostic| (diagnostic.line, diagnostic.column, diagnostic.severity, diagnostic.path.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            (8, 20, Severity::Error, "products[0].default_price"),
            (12, 17, Severity::Error, "products[0].prices[0].amount"),
            (15, 14, Severity::Error, "products[0].prices[1].key"),
            (16, 17, Severity::Error, "products[0].prices[1].amount"),
            (18, 32, Severity::Error, "products[0].prices[1].recurring.interval"),
            (22, 17, Severity::Warning, "products[0].prices[2].amount"),
            (24, 23, Severity::Error, "products[0].prices[2].tax_behavior"),
        ]
    );
    let mut sorted = summary.clone();
    sorted.sort_by_key(|(line, column, _, _)| (*line, *column));
    assert_eq!(summary, sorted);
}

// ---------------------------------------------------------------- never panic

fn check_outcome(source: &[u8], outcome: Result<Loaded, CatalogError>) -> Result<(), TestCaseError> {
    let line_count = u64::try_from(source.split(|byte| *byte == b'\n').count()).unwrap_or(u64::MAX);
    match outcome {
        Ok(_) => {}
        Err(CatalogError::Unreadable { problem, .. }) => prop_assert!(!problem.is_empty()),
        Err(CatalogError::Invalid { diagnostics, .. }) => {
            prop_assert!(!diagnostics.is_empty());
            for diagnostic in diagnostics {
                prop_assert!(!diagnostic.message.trim().is_empty());
                prop_assert!(diagnostic.line <= line_count + 1, "line {} of {}", diagnostic.line, line_count);
                if diagnostic.line > 0 {
                    prop_assert!(diagnostic.column > 0);
                } else {
                    // Without a position the message must stand on its own.
                    prop_assert!(diagnostic.message.len() > 10, "{}", diagnostic.message);
                }
                let rendered = diagnostic.render(&|_, text| text.to_string());
                // Shown as written, control characters escaped (issue #16 item 2).
                let message = stripe_catalog::escape::shown(&diagnostic.message);
                prop_assert!(rendered.contains(message.as_ref()), "{rendered}");
            }
        }
    }
    Ok(())
}

/// A random edit of the example: delete, insert, duplicate or overwrite a stretch of bytes.
#[derive(Clone, Debug)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, bytes: Vec<u8> },
    DuplicateLine { line: usize },
    Overwrite { at: usize, byte: u8 },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let len = EXAMPLE.len();
    prop_oneof![
        (0..len, 1..40usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (0..len, prop::collection::vec(prop::sample::select(b" :-\n{}[]#'\"0123456789.abcxyz&*!|>".to_vec()), 1..8))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (0..200usize).prop_map(|line| Mutation::DuplicateLine { line }),
        (0..len, any::<u8>()).prop_map(|(at, byte)| Mutation::Overwrite { at, byte }),
    ]
}

fn apply(source: &mut Vec<u8>, mutation: &Mutation) {
    match mutation {
        Mutation::Delete { at, len } => {
            let start = (*at).min(source.len());
            let end = (start + len).min(source.len());
            source.drain(start..end);
        }
        Mutation::Insert { at, bytes } => {
            let at = (*at).min(source.len());
            source.splice(at..at, bytes.iter().copied());
        }
        Mutation::DuplicateLine { line } => {
            let lines: Vec<Vec<u8>> = source.split(|byte| *byte == b'\n').map(<[u8]>::to_vec).collect();
            if let Some(chosen) = lines.get(line % lines.len().max(1)) {
                let mut out = Vec::with_capacity(source.len() + chosen.len() + 1);
                for (index, text) in lines.iter().enumerate() {
                    out.extend_from_slice(text);
                    out.push(b'\n');
                    if index == line % lines.len() {
                        out.extend_from_slice(chosen);
                        out.push(b'\n');
                    }
                }
                *source = out;
            }
        }
        Mutation::Overwrite { at, byte } => {
            if let Some(slot) = source.get_mut(*at) {
                *slot = *byte;
            }
        }
    }
}

/// Lines that break the example's structure wherever they land: unknown fields, wrong kinds,
/// empty values, repeated keys, complex keys, anchors and aliases.
const STRUCTURAL_EDITS: &[&str] = &[
    "    amont: 5",
    "        amont: 5",
    "  - [a]",
    "  - {}",
    "prices: 5",
    "    prices: 5",
    "    metadata: [x]",
    "    name:",
    "      - key: x",
    "        currency: usd",
    "version: 1",
    "  ? [a, b]\n  : c",
    "    tiers: &t [1]\n    extra: *t",
    "    <<: { zz: 1 }",
    "checkout: []",
];

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let outcome = catalog::parse("catalog.yaml", &bytes);
        check_outcome(&bytes, outcome)?;
    }

    #[test]
    fn arbitrary_text_never_panics(text in "[ -~\n]{0,400}") {
        let outcome = catalog::parse("catalog.yaml", text.as_bytes());
        check_outcome(text.as_bytes(), outcome)?;
    }

    #[test]
    fn structural_edits_of_the_example_are_all_reported_in_order(
        edits in prop::collection::vec((0..200usize, prop::sample::select(STRUCTURAL_EDITS.to_vec())), 1..6)
    ) {
        let mut lines: Vec<String> = EXAMPLE.lines().map(str::to_string).collect();
        for (line, edit) in &edits {
            let at = line % (lines.len() + 1);
            lines.insert(at, (*edit).to_string());
        }
        let source = lines.join("\n");
        let outcome = catalog::parse("catalog.yaml", source.as_bytes());
        if let Err(CatalogError::Invalid { diagnostics, .. }) = &outcome {
            let positions: Vec<(u64, u64)> = diagnostics.iter().map(|found| (found.line, found.column)).collect();
            let mut sorted = positions.clone();
            sorted.sort_unstable();
            prop_assert_eq!(positions, sorted);
        }
        check_outcome(source.as_bytes(), outcome)?;
    }

    #[test]
    fn mutations_of_the_example_never_panic(mutations in prop::collection::vec(mutation(), 1..5)) {
        let mut source = EXAMPLE.as_bytes().to_vec();
        for mutation in &mutations {
            apply(&mut source, mutation);
        }
        let outcome = catalog::parse("catalog.yaml", &source);
        check_outcome(&source, outcome)?;
    }
}

// ---------------------------------------------------------------- load_reporting (plan/apply use it)

#[test]
fn load_reporting_sums_up_what_it_printed() {
    let printer = stripe_catalog::output::Printer::captured(stripe_catalog::settings::OutputFormat::Text);
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    let path = dir.path().join("catalog.yaml");
    std::fs::write(&path, SEVERAL_MISTAKES).unwrap_or_else(|err| panic!("{err}"));
    let err = match catalog::load_reporting(&path, &printer) {
        Err(err) => err,
        Ok(_) => panic!("the catalog has mistakes"),
    };
    let reported = err.downcast_ref::<stripe_catalog::error::AlreadyReported>().map(|reported| reported.0.clone());
    assert_eq!(reported, Some(format!("{}: 6 errors, 1 warning", path.display())));

    std::fs::write(&path, EXAMPLE).unwrap_or_else(|err| panic!("{err}"));
    let loaded = catalog::load_reporting(&path, &printer).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(loaded.catalog.products.len(), 4);

    let missing = match catalog::load_reporting(&dir.path().join("nope.yaml"), &printer) {
        Err(err) => err,
        Ok(_) => panic!("the file does not exist"),
    };
    let hinted = missing.downcast_ref::<stripe_catalog::error::Hinted>().map(|hinted| hinted.hints.clone());
    assert_eq!(
        hinted,
        Some(vec!["pass the catalog with `-f PATH`, or start one from `catalog.example.yaml`".to_string()])
    );
    assert!(missing.to_string().ends_with("nope.yaml`: no such file"), "{missing}");
}

/// Issue #14 item 5: a fraction in `unit_amount` stays an error (`unit_amount: 29.99` meant as
/// $29.99 would otherwise be a 29.99-cent price); the hint names both readings with the user's
/// number kept, and only the readings that are valid there.
#[test]
fn a_fraction_in_minor_units_suggests_both_forms() {
    let found = diagnostics(&with_price("unit_amount: 29.99\ncurrency: usd"));
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].line, found[0].column, found[0].message.as_str()),
        (7, 22, "`29.99` is not a whole number of USD minor units")
    );
    assert_eq!(
        found[0].hint.as_deref(),
        Some(
            "`unit_amount` counts whole minor units; if $29.99 USD is meant, write `amount: 29.99` (major units); if 29.99 minor units ($0.2999 USD) per unit is meant, write `unit_amount_decimal: 29.99`"
        )
    );
    let tier = diagnostics(&with_price(&format!("{TIERED}\n  - {{ up_to: inf, unit_amount: 0.3 }}")));
    assert_eq!(
        tier[0].hint.as_deref(),
        Some(
            "`unit_amount` counts whole minor units; if $0.30 USD is meant, write `amount: 0.3` (major units); if 0.3 minor units ($0.003 USD) per unit is meant, write `unit_amount_decimal: 0.3`"
        )
    );
    // A flat fee has no decimal twin.
    let tier = diagnostics(&with_price(&format!("{TIERED}\n  - {{ up_to: inf, flat_unit_amount: 5.5 }}")));
    assert_eq!(
        tier[0].hint.as_deref(),
        Some(
            "`flat_unit_amount` counts minor units and takes whole numbers; if $5.50 USD is meant, write `flat_amount: 5.5` (major units)"
        )
    );
    // Only the reading the currency allows.
    let hint = |price: &str| diagnostics(&with_price(price))[0].hint.clone().unwrap_or_default();
    assert_eq!(
        hint("unit_amount: 0.5\ncurrency: kwd"),
        "`unit_amount` counts minor units and takes whole numbers; if 0.500 KWD is meant, write `amount: 0.5` (major units)"
    );
    assert_eq!(
        hint("unit_amount: 45.5\ncurrency: jpy"),
        "`unit_amount` counts whole minor units; if 45.5 minor units (¥45.5 JPY) per unit is meant, write `unit_amount_decimal: 45.5`"
    );
}

#[test]
fn metadata_values_are_not_empty() {
    assert_error(&with_product("metadata: { team: '' }"), 5, 23, "metadata value for `team` is empty");
}

#[test]
fn a_misspelt_billing_scheme_is_reported_once() {
    let found = diagnostics(&with_price(
        "currency: usd\nbilling_scheme: tierd\ntiers_mode: volume\ntiers:\n  - { up_to: inf, amount: 1 }",
    ));
    let messages: Vec<&str> = found.iter().map(|diagnostic| diagnostic.message.as_str()).collect();
    assert_eq!(messages, ["`tierd` is not a valid billing_scheme"]);
}

#[test]
fn free_text_is_within_stripe_limits() {
    assert_error(
        &with_price(&format!("amount: 1\ncurrency: usd\nnickname: {}", "n".repeat(5001))),
        9,
        19,
        "a nickname is 5001 characters; Stripe allows at most 5000",
    );
}

/// Issue #16 item 7: whole numbers are decimal digits, one rule, stated plainly.
#[test]
fn whole_numbers_are_decimal_only() {
    let with_count = |count: &str| {
        with_price(&format!("amount: 1\ncurrency: usd\nrecurring: {{ interval: month, interval_count: {count} }}"))
    };
    assert_eq!(
        the_error(&with_count("017")).2,
        "write `17`, without leading zeros: some YAML tools read `017` as an octal number"
    );
    assert_eq!(the_error(&with_count("0o17")).2, "write whole numbers in decimal: `0o17` is `15`");
    assert_eq!(the_error(&with_count("0x10")).2, "write whole numbers in decimal: `0x10` is `16`");
    let recurring = |yaml: &str| loaded(yaml).catalog.products[0].prices[0].terms.recurring.clone().expect("recurring");
    assert_eq!(recurring(&with_count("3")).interval_count, 3);
    assert_eq!(recurring(&with_count("'3'")).interval_count, 3, "a quoted decimal is the same number");
    let version = the_error("version: 0x1\nproducts: []\n");
    assert_eq!((version.0, version.2.as_str()), (1, "write whole numbers in decimal: `0x1` is `1`"));
}

/// Issue #16 item 7: `!!binary` would decode `MjkuOTk=` to `29.99` behind a reviewer's back.
#[test]
fn a_binary_tag_does_not_hide_an_amount() {
    let (line, column, message) = the_error(&with_price("amount: !!binary MjkuOTk=\ncurrency: usd"));
    assert_eq!(line, 7);
    assert!(column > 0);
    assert!(message.starts_with("`MjkuOTk=` is not a decimal number"), "{message}");
}

/// Issue #16 item 7: a 10 MB value is reported by an excerpt, and quickly (the suggestion
/// search is not run on it; this is a size check, not a timed one).
#[test]
fn a_huge_value_is_quoted_by_an_excerpt() {
    let huge = "x".repeat(10_000_000);
    let found = diagnostics(&with_price(&format!("amount: 1\ncurrency: {huge}")));
    let error = found.iter().find(|diagnostic| diagnostic.path.ends_with("currency")).expect("a currency error");
    assert!(error.message.len() < 300, "the message is {} bytes", error.message.len());
    assert!(error.message.contains("(10000000 characters)"), "{}", error.message);
    let rendered = error.render(&|_, text| text.to_string());
    assert!(rendered.len() < 1_000, "the rendered diagnostic is {} bytes", rendered.len());
}

/// Issue #14 item 11: a key moved left is reported at its own line, as an indentation
/// mistake, not as a missing field on the line above.
#[test]
fn a_misindented_key_is_reported_at_its_line() {
    let yaml = "version: 1\nproducts:\n  - id: pro\n    name: Pro\n    prices:\n      - key: pro-m\n        amount: 29\n      currency: usd\n";
    let found = described(yaml);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (8, 7));
    assert_eq!(found[0].3, "this key is indented less than its siblings (column 9)");
    assert!(found[0].4.contains("align `currency`"), "{found:?}");
}

/// Issue #14 item 5: a hint never multiplies the user's number (`0.3` → `30` would be a price
/// 100 times too high if 0.3 cents was meant), and issue #14 item 13: a fraction of yen is
/// not silently truncated in the suggestion.
#[test]
fn hints_keep_the_users_number() {
    let found = diagnostics(&with_price("unit_amount: 0.3\ncurrency: usd"));
    let hint = found[0].hint.clone().unwrap_or_default();
    assert_eq!(
        hint,
        "`unit_amount` counts whole minor units; if $0.30 USD is meant, write `amount: 0.3` (major units); if 0.3 minor units ($0.003 USD) per unit is meant, write `unit_amount_decimal: 0.3`"
    );
    assert!(!hint.contains("30`"), "{hint}");
    let (_, _, message) = the_error(&with_price("amount: 0.5\ncurrency: jpy"));
    assert_eq!(message, "JPY takes whole amounts only (no minor unit): write `0` or `1`");
    let (_, _, message) = the_error(&with_price("amount: 99.5\ncurrency: isk"));
    assert!(message.ends_with("write `99` or `100`"), "{message}");
}

/// Issue #14 item 14: near misses of `{CHECKOUT_SESSION_ID}` are warnings at the URL.
#[test]
fn success_url_placeholders_must_be_exact() {
    let with_url =
        |url: &str| format!("version: 1\ncheckout:\n  success_url: \"{url}\"\nproducts:\n  - id: pro\n    name: Pro\n");
    let warnings = |url: &str| -> Vec<String> {
        loaded(&with_url(url))
            .warnings
            .into_iter()
            .map(|warning| format!("{}:{} {}", warning.line, warning.column, warning.message))
            .collect()
    };
    assert_eq!(warnings("https://example.com/ok?session={CHECKOUT_SESSION_ID}"), Vec::<String>::new());
    assert_eq!(
        warnings("https://example.com/ok?session={checkout_session_id}"),
        [
            "3:16 `{checkout_session_id}` will not be filled in (placeholders are case-sensitive): Stripe fills in only `{CHECKOUT_SESSION_ID}`"
        ]
    );
    assert_eq!(
        warnings("https://example.com/ok?session=%7BCHECKOUT_SESSION_ID%7D"),
        ["3:16 the URL has an encoded brace (`%7B`/`%7D`): Stripe fills in only the literal `{CHECKOUT_SESSION_ID}`"]
    );
    assert_eq!(
        warnings("https://example.com/ok?session={CHECKOUT_SESSION_ID"),
        ["3:16 the URL has a `{` that is never closed: `{CHECKOUT_SESSION_ID`"]
    );
    assert_eq!(
        warnings("https://example.com/ok?s={SESSION}"),
        [
            "3:16 `{SESSION}` will not be filled in (it is not a placeholder Stripe knows): Stripe fills in only `{CHECKOUT_SESSION_ID}`"
        ]
    );
}
