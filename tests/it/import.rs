//! `import` against the sandbox over real HTTP: an account set up by hand (unmanaged objects,
//! created through the sandbox's API as a Dashboard user would), imported, checked against
//! what Stripe has, then adopted with `plan --adopt` / `apply --adopt` and planned again.

use std::path::{Path, PathBuf};

use serde_json::Value;
use stripe_catalog::catalog;
use stripe_catalog::gateway;
use stripe_catalog::objects::RemoteState;
use stripe_catalog::secret::Secret;
use stripe_catalog::settings::StripeSettings;
use stripe_sandbox::SANDBOX_API_KEY;

use crate::sandbox::Account;

impl Account {
    async fn create(&self, path: &str, fields: &[(&str, &str)]) -> Value {
        let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
        self.api.create(path, &body).await
    }

    async fn price(&self, fields: &[(&str, &str)]) -> String {
        let price = self.create("/v1/prices", fields).await;
        price["id"].as_str().expect("price id").to_string()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    async fn state(&self) -> RemoteState {
        let settings =
            StripeSettings::remote(Secret::new(SANDBOX_API_KEY), &self.sandbox.base_url()).expect("valid settings");
        let gateway = gateway::connect(&settings).expect("connect");
        gateway.read_state().await.expect("read state")
    }

    /// An account as a Dashboard user leaves it: two products with every field kind, prices
    /// in several currencies and pricing schemes, one price without a lookup key, archived
    /// objects, and metadata under the tool's reserved prefix. Returns the keyless price id.
    async fn set_up_by_hand(&self) -> String {
        self.create(
            "/v1/products",
            &[
                ("id", "pro"),
                ("name", "Pro: the plan"),
                ("description", "Courses, #tags and more\nSecond line"),
                ("metadata[team]", "growth"),
                ("metadata[stripe-catalog/note]", "not the user's"),
                ("tax_code", "txcd_10103001"),
                ("statement_descriptor", "EXAMPLE PRO"),
                ("unit_label", "seat"),
                ("url", "https://example.com/pro"),
                ("images[0]", "https://example.com/pro.png"),
                ("marketing_features[0][name]", "Unlimited courses"),
                ("marketing_features[1][name]", "yes"),
            ],
        )
        .await;
        self.create("/v1/products", &[("id", "api"), ("name", "API")]).await;
        // Since API 2025-03-31.basil a metered price charges for a Billing Meter.
        let meter = self
            .create(
                "/v1/billing/meters",
                &[
                    ("display_name", "API calls"),
                    ("event_name", "api_call"),
                    ("default_aggregation[formula]", "sum"),
                    ("customer_mapping[event_payload_key]", "customer"),
                    ("customer_mapping[type]", "by_id"),
                ],
            )
            .await;
        let meter = meter["id"].as_str().expect("meter id").to_string();
        self.create("/v1/products", &[("id", "legacy"), ("name", "Legacy"), ("active", "false")]).await;

        let monthly = self
            .price(&[
                ("product", "pro"),
                ("lookup_key", "pro-monthly"),
                ("currency", "usd"),
                ("unit_amount", "2900"),
                ("recurring[interval]", "month"),
                ("tax_behavior", "exclusive"),
                ("nickname", "Pro monthly"),
                ("metadata[campaign]", "launch: 2026"),
                ("currency_options[eur][unit_amount]", "2700"),
                ("currency_options[jpy][unit_amount]", "4500"),
                ("currency_options[kwd][unit_amount]", "9250"),
            ])
            .await;
        self.price(&[
            ("product", "pro"),
            ("lookup_key", "pro-seats"),
            ("currency", "usd"),
            ("billing_scheme", "tiered"),
            ("tiers_mode", "graduated"),
            ("recurring[interval]", "month"),
            ("recurring[interval_count]", "3"),
            ("tiers[0][up_to]", "10"),
            ("tiers[0][unit_amount]", "500"),
            ("tiers[1][up_to]", "inf"),
            ("tiers[1][unit_amount]", "400"),
            ("tiers[1][flat_amount]", "1000"),
        ])
        .await;
        self.price(&[("product", "pro"), ("lookup_key", "pro-kwd"), ("currency", "kwd"), ("unit_amount", "5120")])
            .await;
        self.price(&[("product", "pro"), ("lookup_key", "pro-isk"), ("currency", "isk"), ("unit_amount", "50000")])
            .await;
        self.price(&[
            ("product", "pro"),
            ("lookup_key", "pro-tip"),
            ("currency", "usd"),
            ("custom_unit_amount[enabled]", "true"),
            ("custom_unit_amount[minimum]", "500"),
            ("custom_unit_amount[preset]", "1500"),
        ])
        .await;
        self.price(&[
            ("product", "pro"),
            ("lookup_key", "pro-2023"),
            ("currency", "usd"),
            ("unit_amount", "1900"),
            ("recurring[interval]", "month"),
            ("active", "false"),
        ])
        .await;
        self.price(&[
            ("product", "api"),
            ("lookup_key", "api-calls"),
            ("currency", "usd"),
            ("unit_amount", "250"),
            ("recurring[interval]", "month"),
            ("recurring[usage_type]", "metered"),
            ("recurring[meter]", &meter),
            ("transform_quantity[divide_by]", "1000"),
            ("transform_quantity[round]", "up"),
        ])
        .await;
        let keyless = self.price(&[("product", "api"), ("currency", "usd"), ("unit_amount", "9900")]).await;
        self.price(&[
            ("product", "legacy"),
            ("lookup_key", "legacy-once"),
            ("currency", "usd"),
            ("unit_amount", "100"),
        ])
        .await;
        self.create("/v1/products/pro", &[("default_price", &monthly)]).await;
        keyless
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("the catalog file")
}

#[tokio::test(flavor = "multi_thread")]
async fn import_then_adopt_changes_nothing_but_ownership() {
    let account = Account::new().await;
    let keyless = account.set_up_by_hand().await;

    let run = account.run(&["import", "-o", "catalog.yaml"]).await.ok();
    assert!(run.stdout.is_empty(), "the catalog goes to the file: {}", run.stdout);
    assert!(
        run.stderr.contains(&format!("warning: price `{keyless}` (product `api`) has no lookup key")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "imported 2 products, 6 prices, 1 meter into catalog.yaml; skipped 1 price without a lookup key; left out 1 archived product and 1 archived price (`--include-archived` imports them)"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("hint: to import a price without a lookup key, give it one"), "{}", run.stderr);
    let text = read(&account.path("catalog.yaml"));
    // No catalog.schema.json beside it: no modeline pointing at nothing, and a tip instead.
    assert!(text.starts_with("# Imported by `stripe-catalog import`"), "{text}");
    assert!(run.stderr.contains("tip: editors complete and check the catalog with its JSON Schema"), "{}", run.stderr);
    assert!(!text.contains(SANDBOX_API_KEY), "the key never reaches the file");
    for line in [
        "\n        amount: 29.00\n",
        "\n        amount: 5.120\n",
        "\n        amount: 500\n",
        "          - { up_to: inf, amount: 4.00, flat_amount: 10.00 }\n",
        "          kwd: { amount: 9.250, tax_behavior: unspecified }\n",
        "\n    default_price: pro-monthly\n",
        "\n    name: \"Pro: the plan\"\n",
        "\n      - \"yes\"\n",
        "\nmeters:\n  - key: api_call\n    display_name: API calls\n    event_name: api_call\n    aggregation: sum\n    customer_mapping: customer\nproducts:\n",
        "        recurring: { interval: month, usage_type: metered, meter: api_call }\n",
    ] {
        assert!(text.contains(line), "{line:?} in:\n{text}");
    }
    assert!(!text.contains("stripe-catalog/note") && !text.contains("legacy") && !text.contains("pro-2023"), "{text}");

    // The file is valid and holds exactly what Stripe has.
    let loaded = catalog::load(&account.path("catalog.yaml")).expect("the imported catalog loads");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let state = account.state().await;
    assert_eq!(loaded.catalog.account.as_deref(), Some(state_account(&account).await.as_str()));
    // Meters are found by event name; prices name them by the catalog key.
    let mut key_of_meter = std::collections::BTreeMap::new();
    for meter in &loaded.catalog.meters {
        let remote = state.meters.iter().find(|remote| remote.terms.event_name == meter.terms.event_name);
        let remote = remote.expect("meter in Stripe");
        assert_eq!(
            (&meter.display_name, &meter.terms, meter.active),
            (&remote.display_name, &remote.terms, remote.active)
        );
        key_of_meter.insert(remote.id.clone(), meter.key.clone());
    }
    assert_eq!(key_of_meter.len(), 1);
    for product in &loaded.catalog.products {
        let remote = state.products.iter().find(|remote| remote.id == product.id).expect("product in Stripe");
        assert_eq!(product.fields, remote.fields, "{}", product.id);
        for price in &product.prices {
            let remote = state
                .prices
                .iter()
                .find(|remote| remote.lookup_key.as_deref() == Some(&price.key))
                .expect("price in Stripe");
            let mut terms = remote.terms.clone();
            if let Some(recurring) = terms.recurring.as_mut() {
                recurring.meter = recurring.meter.as_ref().map(|id| key_of_meter[id].clone());
            }
            assert_eq!((&remote.product, &price.terms, &price.settings), (&product.id, &terms, &remote.settings));
        }
    }

    // Adopting changes ownership and nothing else.
    let plan = account.run(&["plan", "--adopt", "--format", "json"]).await.ok();
    let plan: Value = serde_json::from_str(&plan.stdout).expect("a JSON plan");
    let actions = plan["actions"].as_array().expect("actions");
    assert_eq!(actions.len(), 2 + 6, "{plan:#}");
    for action in actions {
        assert!(matches!(action["kind"].as_str(), Some("update_product" | "update_price")), "{action:#}");
        let fields: Vec<&str> =
            action["changes"].as_array().expect("changes").iter().filter_map(|c| c["field"].as_str()).collect();
        assert_eq!(fields, ["managed"], "{action:#}");
    }
    account.run(&["apply", "--adopt", "--auto-approve"]).await.ok();
    let again = account.run(&["plan", "--detailed-exitcode"]).await.ok();
    assert!(again.stdout.contains("No changes. Stripe matches the catalog."), "{}", again.stdout);

    // What the catalog does not name stays as it was: unmanaged and active.
    let keyless_now = account.api.get(&format!("/v1/prices/{keyless}")).await.body;
    assert_eq!(keyless_now["active"], Value::Bool(true));
    assert!(keyless_now["metadata"].get("stripe-catalog/managed").is_none(), "{keyless_now:#}");
    // A second import reads the adopted account the same way.
    let second = account.run(&["import"]).await.ok();
    assert_eq!(without_header(&second.stdout), without_header(&text));
}

async fn state_account(account: &Account) -> String {
    account.api.get("/v1/account").await.body["id"].as_str().expect("account id").to_string()
}

/// The file without its comment header (which holds the time of the import).
fn without_header(text: &str) -> String {
    text.lines().filter(|line| !line.starts_with('#')).collect::<Vec<_>>().join("\n")
}

#[tokio::test(flavor = "multi_thread")]
async fn include_archived_writes_them_inactive_and_stdout_is_the_default() {
    let account = Account::new().await;
    account.set_up_by_hand().await;
    let run = account.run(&["import", "--include-archived"]).await.ok();
    assert!(run.stdout.contains("\n  - id: legacy\n    name: Legacy\n    active: false\n"), "{}", run.stdout);
    assert!(run.stdout.contains("\n      - key: pro-2023\n"), "{}", run.stdout);
    assert!(run.stderr.contains("imported 3 products, 8 prices, 1 meter; skipped 1 price"), "{}", run.stderr);
    let loaded = catalog::parse("stdout", run.stdout.as_bytes()).expect("valid");
    let pro = loaded.catalog.products.iter().find(|product| product.id == "pro").expect("pro");
    let archived = pro.prices.iter().find(|price| price.key == "pro-2023").expect("pro-2023");
    assert!(!archived.settings.active);
    let legacy = loaded.catalog.products.iter().find(|product| product.id == "legacy").expect("legacy");
    assert!(!legacy.fields.active);
    assert_eq!(legacy.prices.len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_existing_file_is_kept_unless_forced() {
    let account = Account::new().await;
    account.create("/v1/products", &[("id", "pro"), ("name", "Pro")]).await;
    let path = account.path("catalog.yaml");
    std::fs::write(&path, "mine\n").expect("write");
    account.sandbox.reset_counters();

    let refused = account.run(&["import", "-o", "catalog.yaml"]).await;
    assert_eq!(refused.code, Some(1));
    assert!(refused.stderr.contains("error: `catalog.yaml` already exists"), "{}", refused.stderr);
    assert!(refused.stderr.contains("hint: pass `--force` to replace it"), "{}", refused.stderr);
    assert_eq!(read(&path), "mine\n");
    assert_eq!(account.sandbox.request_count("GET", "/v1/products"), 0, "refused before reading Stripe");

    account.run(&["import", "-o", "catalog.yaml", "--force"]).await.ok();
    assert!(read(&path).contains("\n  - id: pro\n    name: Pro\n"), "{}", read(&path));
    let leftovers: Vec<_> = std::fs::read_dir(account.dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name() != "catalog.yaml")
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left: {leftovers:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn json_report_needs_a_file_and_lists_what_was_skipped() {
    let account = Account::new().await;
    let keyless = account.set_up_by_hand().await;

    let refused = account.run(&["import", "--format", "json"]).await;
    assert_eq!(refused.code, Some(1));
    assert!(refused.stderr.contains("add `-o catalog.yaml`"), "{}", refused.stderr);

    let run = account.run(&["import", "-o", "out.yaml", "--format", "json"]).await.ok();
    let report: Value = serde_json::from_str(&run.stdout).expect("a JSON report");
    assert_eq!(report["file"], "out.yaml");
    assert_eq!(
        (report["products"].as_u64(), report["prices"].as_u64(), report["meters"].as_u64()),
        (Some(2), Some(6), Some(1))
    );
    assert_eq!(report["skipped"][0]["object"]["id"], Value::String(keyless));
    assert_eq!(report["skipped"][0]["reason"], "no_lookup_key");
    assert_eq!(report["archived_left_out"]["products"], 1);
    catalog::load(&account.path("out.yaml")).expect("valid");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_price_the_catalog_cannot_hold_is_reported_not_fatal() {
    let account = Account::new().await;
    account.create("/v1/products", &[("id", "metered"), ("name", "Metered")]).await;
    // A fraction of a fils: Stripe takes it, but a three-decimal currency's amounts must end
    // in 0, so the catalog keeps those whole.
    let fractional = account
        .price(&[
            ("product", "metered"),
            ("lookup_key", "per-call"),
            ("currency", "kwd"),
            ("billing_scheme", "tiered"),
            ("tiers_mode", "volume"),
            ("recurring[interval]", "month"),
            ("tiers[0][up_to]", "inf"),
            ("tiers[0][unit_amount_decimal]", "0.25"),
        ])
        .await;
    account
        .price(&[("product", "metered"), ("lookup_key", "base"), ("currency", "usd"), ("unit_amount", "1000")])
        .await;

    let run = account.run(&["import"]).await.ok();
    assert!(
        run.stderr.contains(&format!(
            "warning: price `{fractional}` (lookup key `per-call`, product `metered`) is not valid in a catalog: `0.25` is not a whole number of KWD minor units"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("imported 1 product, 1 price; skipped 1 price the catalog cannot hold"),
        "{}",
        run.stderr
    );
    let loaded = catalog::parse("stdout", run.stdout.as_bytes()).expect("valid");
    assert_eq!(loaded.catalog.price_count(), 1);
}

/// Issue #14 item 5: prices made by hand with fractions of a minor unit (per unit, in tiers,
/// in currency options) are imported as `unit_amount_decimal`, in minor units as Stripe has
/// them, and a whole amount sent as a decimal as `amount`; they hold exactly what Stripe has,
/// adopt with ownership as the only change, and import again to the same file.
#[tokio::test(flavor = "multi_thread")]
async fn sub_cent_prices_import_and_reimport_identically() {
    let account = Account::new().await;
    account.create("/v1/products", &[("id", "api"), ("name", "API")]).await;
    account
        .price(&[
            ("product", "api"),
            ("lookup_key", "api-calls"),
            ("currency", "usd"),
            ("billing_scheme", "tiered"),
            ("tiers_mode", "graduated"),
            ("recurring[interval]", "month"),
            ("tiers[0][up_to]", "1000"),
            ("tiers[0][unit_amount]", "0"),
            ("tiers[0][flat_amount_decimal]", "500.000"),
            ("tiers[1][up_to]", "inf"),
            ("tiers[1][unit_amount_decimal]", "0.30"),
            ("currency_options[eur][tiers][0][up_to]", "1000"),
            ("currency_options[eur][tiers][0][unit_amount]", "0"),
            ("currency_options[eur][tiers][1][up_to]", "inf"),
            ("currency_options[eur][tiers][1][unit_amount_decimal]", "0.275"),
        ])
        .await;
    account
        .price(&[
            ("product", "api"),
            ("lookup_key", "storage-mb"),
            ("currency", "usd"),
            ("unit_amount_decimal", "0.05"),
            ("recurring[interval]", "month"),
            ("currency_options[jpy][unit_amount_decimal]", "0.5"),
        ])
        .await;
    account
        .price(&[("product", "api"), ("lookup_key", "support"), ("currency", "usd"), ("unit_amount_decimal", "1200.0")])
        .await;

    let run = account.run(&["import", "-o", "catalog.yaml"]).await.ok();
    assert!(run.stderr.contains("imported 1 product, 3 prices into catalog.yaml"), "{}", run.stderr);
    let text = read(&account.path("catalog.yaml"));
    // Fractions in minor units, every digit kept; whole amounts in major units (the exact
    // layout is unit-tested in `catalog::export`).
    for line in [
        "          - { up_to: 1000, amount: 0.00, flat_amount: 5.00 }\n",
        "          - { up_to: inf, unit_amount_decimal: 0.3 }\n",
        "              - { up_to: inf, unit_amount_decimal: 0.275 }\n",
        "\n        unit_amount_decimal: 0.05\n",
        "          jpy: { unit_amount_decimal: 0.5 }\n",
        "\n        amount: 12.00\n",
    ] {
        assert!(text.contains(line), "{line:?} in:\n{text}");
    }
    let loaded = catalog::load(&account.path("catalog.yaml")).expect("the imported catalog loads");
    let state = account.state().await;
    for price in &loaded.catalog.products[0].prices {
        let remote =
            state.prices.iter().find(|remote| remote.lookup_key.as_deref() == Some(&price.key)).expect("in Stripe");
        assert_eq!((&price.terms, &price.settings), (&remote.terms, &remote.settings), "{}", price.key);
    }

    let plan = account.run(&["plan", "--adopt", "--format", "json"]).await.ok();
    let plan: Value = serde_json::from_str(&plan.stdout).expect("a JSON plan");
    let actions = plan["actions"].as_array().expect("actions");
    assert_eq!(actions.len(), 1 + 3, "{plan:#}");
    for action in actions {
        let fields: Vec<&str> =
            action["changes"].as_array().expect("changes").iter().filter_map(|c| c["field"].as_str()).collect();
        assert_eq!(fields, ["managed"], "{action:#}");
    }
    account.run(&["apply", "--adopt", "--auto-approve"]).await.ok();
    let again = account.run(&["plan", "--detailed-exitcode"]).await.ok();
    assert!(again.stdout.contains("No changes. Stripe matches the catalog."), "{}", again.stdout);
    let second = account.run(&["import"]).await.ok();
    assert_eq!(without_header(&second.stdout), without_header(&text));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_schema_modeline_is_written_only_next_to_a_schema() {
    let account = Account::new().await;
    account.create("/v1/products", &[("id", "pro"), ("name", "Pro")]).await;
    std::fs::create_dir_all(account.path("shop")).expect("mkdir");
    std::fs::write(account.path("shop/catalog.schema.json"), "{}").expect("schema");
    let run = account.run(&["import", "-o", "shop/catalog.yaml"]).await.ok();
    assert!(
        read(&account.path("shop/catalog.yaml")).starts_with("# yaml-language-server: $schema=./catalog.schema.json\n")
    );
    assert!(!run.stderr.contains("tip:"), "{}", run.stderr);
    // The schema is in `shop/`, not beside a file written here.
    let run = account.run(&["import", "-o", "catalog.yaml"]).await.ok();
    assert!(!read(&account.path("catalog.yaml")).contains("yaml-language-server"));
    assert!(run.stderr.contains("`stripe-catalog schema > catalog.schema.json`"), "{}", run.stderr);
}

#[tokio::test(flavor = "multi_thread")]
async fn prices_the_tool_replaced_are_not_called_keyless() {
    let account = Account::new().await;
    let catalog = |amount: &str| {
        format!(
            "version: 1\nproducts:\n  - id: pro\n    name: Pro\n    prices:\n      - {{ key: pro-monthly, amount: {amount}, currency: usd, recurring: {{ interval: month }} }}\n"
        )
    };
    std::fs::write(account.path("catalog.yaml"), catalog("29.00")).expect("write");
    account.run(&["apply", "--auto-approve"]).await.ok();
    std::fs::write(account.path("catalog.yaml"), catalog("35.00")).expect("write");
    let replace = account.run(&["apply", "--auto-approve"]).await.ok();
    assert!(replace.stderr.contains("1 replaced"), "{}", replace.stderr);

    let run = account.run(&["import", "--include-archived"]).await.ok();
    assert!(!run.stderr.contains("warning:"), "the replaced price is the tool's own: {}", run.stderr);
    assert!(!run.stderr.contains("give it one"), "nobody should key it: {}", run.stderr);
    assert!(
        run.stderr.contains("imported 1 product, 1 price; left out 1 price stripe-catalog replaced (their lookup keys moved to the new prices)"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("amount: 35.00"), "{}", run.stdout);
}
