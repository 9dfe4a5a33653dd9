//! Billing Meters and metered prices (issue #14 item 4), as a user meets them: `validate` on
//! catalogs that get them wrong, then `plan` and `apply` run as the binary against the sandbox
//! over real HTTP, with what Stripe then holds read back through the sandbox's API.

use serde_json::Value;
use stripe_catalog::catalog::{self, CatalogError, Diagnostic};

use crate::sandbox::Account;
use crate::support::{Run, binary};

/// A catalog with the meter `api-calls` (changed by `meter_extra`) and one metered price on it.
fn catalog(meter_extra: &str, prices: &str) -> String {
    format!(
        "version: 1
meters:
  - key: api-calls
    event_name: api_call
    aggregation: sum
{meter_extra}products:
  - id: api
    name: API
    prices:
{prices}"
    )
}

const METERED: &str = "      - key: api-monthly
        amount: 0.25
        currency: usd
        recurring: { interval: month, usage_type: metered, meter: api-calls }
";

/// The errors only: a per-unit amount below Stripe's minimum charge is a warning besides.
fn errors(yaml: &str) -> Vec<Diagnostic> {
    match catalog::parse("catalog.yaml", yaml.as_bytes()) {
        Err(CatalogError::Invalid { diagnostics, .. }) => {
            diagnostics.into_iter().filter(Diagnostic::is_error).collect()
        }
        Ok(_) => panic!("the catalog loaded:\n{yaml}"),
        Err(err) => panic!("{err}"),
    }
}

#[test]
fn validate_names_each_meter_mistake_with_a_hint() {
    let yaml = "version: 1
meters:
  - key: api-calls
    display_name: API calls
    event_name: api_call
    aggregation: sum
products:
  - id: api
    name: API
    prices:
      - key: no-meter
        amount: 0.25
        currency: usd
        recurring: { interval: month, usage_type: metered }
      - key: typo
        amount: 0.25
        currency: usd
        recurring: { interval: month, usage_type: metered, meter: api-call }
      - key: licensed
        amount: 10
        currency: usd
        recurring: { interval: month, meter: api-calls }
";
    let found: Vec<(u64, String, Option<String>)> =
        errors(yaml).into_iter().map(|diagnostic| (diagnostic.line, diagnostic.message, diagnostic.hint)).collect();
    assert_eq!(
        found,
        [
            (
                14,
                "metered price `no-meter` names no meter".to_string(),
                Some("since Stripe API 2025-03-31 a metered price charges for a Billing Meter (`aggregate_usage` is gone): add `meter:` with one of `api-calls`".to_string())
            ),
            (
                18,
                "meter `api-call` is not one of the catalog's meters".to_string(),
                Some("did you mean `api-calls`?".to_string())
            ),
            (
                22,
                "price `licensed` names meter `api-calls` but is not metered".to_string(),
                Some("a meter only counts usage for `usage_type: metered`: add that, or remove `meter` to charge for the quantity".to_string())
            ),
        ]
    );

    // Without any meter, the hint says how to add one; and the binary exits 1 with it.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("catalog.yaml");
    let bare = "version: 1
products:
  - id: api
    name: API
    prices:
      - { key: calls, amount: 0.25, currency: usd, recurring: { interval: month, usage_type: metered } }
";
    std::fs::write(&path, bare).expect("write");
    let run = Run::of(binary().args(["validate", "-f"]).arg(&path)).failed();
    assert!(run.stderr.contains("error: metered price `calls` names no meter"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "add one under `meters:` (key, display_name, event_name, aggregation) and name its key in `recurring.meter`"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn an_active_price_on_an_inactive_meter_and_shared_event_names_are_refused() {
    let yaml = catalog("    active: false\n  - key: other\n    display_name: Other\n    event_name: api_call\n    aggregation: count\n", METERED)
        .replace("    event_name: api_call\n    aggregation: sum\n", "    display_name: API calls\n    event_name: api_call\n    aggregation: sum\n");
    let messages: Vec<String> = errors(&yaml).into_iter().map(|diagnostic| diagnostic.message).collect();
    assert_eq!(
        messages,
        [
            "duplicate meter event_name `api_call` (first used on line 5)",
            "price `api-monthly` is active, but its meter `api-calls` is `active: false` (line 7): an inactive meter takes no usage events and no new prices",
        ]
    );
    // Under an archived product the price is archived with it: no contradiction.
    let archived = catalog("    display_name: API calls\n    active: false\n", METERED)
        .replace("    name: API\n", "    name: API\n    active: false\n");
    let loaded = catalog::parse("catalog.yaml", archived.as_bytes()).expect("valid");
    assert!(!loaded.catalog.meters[0].active);
}

impl Account {
    /// Runs the binary on `catalog` (written as `catalog.yaml`).
    async fn with_catalog(&self, catalog: &str, args: &[&str]) -> Run {
        std::fs::write(self.dir.path().join("catalog.yaml"), catalog).expect("write the catalog");
        self.run(args).await
    }

    async fn apply(&self, catalog: &str) -> Run {
        self.with_catalog(catalog, &["apply", "--auto-approve"]).await.ok()
    }

    async fn plan_is_empty(&self, catalog: &str) {
        let again = self.with_catalog(catalog, &["plan", "--detailed-exitcode"]).await.ok();
        assert!(again.stdout.contains("No changes. Stripe matches the catalog."), "{}", again.stdout);
    }

    async fn meters(&self) -> Vec<Value> {
        self.api.get("/v1/billing/meters").await.body["data"].as_array().expect("a list").clone()
    }

    async fn active_price(&self, key: &str) -> Value {
        let found = self.api.get(&format!("/v1/prices?lookup_keys[]={key}&active=true")).await.body;
        found["data"][0].clone()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_meter_and_its_metered_price_are_created_then_the_plan_is_empty() {
    let account = Account::new().await;
    let yaml = catalog("    display_name: API calls\n", METERED);

    let plan = account.with_catalog(&yaml, &["plan", "--format", "json"]).await.ok().json();
    let kinds: Vec<&str> =
        plan["actions"].as_array().expect("actions").iter().filter_map(|a| a["kind"].as_str()).collect();
    assert_eq!(kinds, ["create_meter", "create_product", "create_price"]);
    assert_eq!(plan["actions"][2]["depends_on"], serde_json::json!(["product/api/create", "meter/api-calls/create"]));
    let text = account.with_catalog(&yaml, &["plan"]).await.ok().stdout;
    assert!(text.contains("  + meter \"api-calls\"\n      display_name: \"API calls\"\n      event_name: \"api_call\"\n      aggregation: sum\n"), "{text}");
    assert!(text.contains("      price: $0.25 USD / month (metered by meter \"api-calls\")\n"), "{text}");

    account.apply(&yaml).await;
    let meters = account.meters().await;
    let [meter] = meters.as_slice() else { panic!("one meter: {meters:?}") };
    assert_eq!(
        (&meter["display_name"], &meter["event_name"], &meter["default_aggregation"]["formula"], &meter["status"]),
        (&Value::from("API calls"), &Value::from("api_call"), &Value::from("sum"), &Value::from("active"))
    );
    assert_eq!(meter["customer_mapping"]["event_payload_key"], "stripe_customer_id");
    assert_eq!(meter["value_settings"]["event_payload_key"], "value");
    let price = account.active_price("api-monthly").await;
    assert_eq!(price["recurring"]["meter"], meter["id"]);
    assert_eq!(price["recurring"]["usage_type"], "metered");
    account.plan_is_empty(&yaml).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_display_name_is_an_update_in_place() {
    let account = Account::new().await;
    account.apply(&catalog("    display_name: API calls\n", METERED)).await;
    let id = account.meters().await[0]["id"].as_str().expect("id").to_string();

    let renamed = catalog("    display_name: API requests\n", METERED);
    let text = account.with_catalog(&renamed, &["plan"]).await.ok().stdout;
    assert!(
        text.contains(&format!(
            "  # meter \"api-calls\" will be updated in place\n  ~ meter \"api-calls\" ({id})\n      display_name: \"API calls\" → \"API requests\"\n"
        )),
        "{text}"
    );
    assert!(text.contains("Plan: 0 to create, 1 to update, 0 to replace, 0 to archive."), "{text}");
    account.apply(&renamed).await;
    let meters = account.meters().await;
    assert_eq!(
        (meters.len(), &meters[0]["id"], &meters[0]["display_name"]),
        (1, &Value::from(id), &Value::from("API requests"))
    );
    account.plan_is_empty(&renamed).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_event_name_change_is_refused_with_what_to_do() {
    let account = Account::new().await;
    let yaml = catalog("    display_name: API calls\n", METERED);
    account.apply(&yaml).await;
    account.sandbox.reset_counters();

    let changed = yaml.replace("event_name: api_call", "event_name: api_request");
    let run = account.with_catalog(&changed, &["plan"]).await.failed();
    assert!(
        run.stderr.contains("meter `api-calls`: event_name cannot change from `api_call` to `api_request` (prices `api-monthly` charge for mtr_"),
        "{}",
        run.stderr
    );
    for hint in [
        "hint: Stripe's meter update takes only `display_name`",
        "hint: nor can it be replaced the way a price is: usage events reach a meter by its event_name",
        "hint: to measure differently, add a meter with a new key and a new event_name, point the prices at its key",
    ] {
        assert!(run.stderr.contains(hint), "{hint:?} in:\n{}", run.stderr);
    }
    let aggregated = yaml.replace("aggregation: sum", "aggregation: count");
    let run = account.with_catalog(&aggregated, &["apply", "--auto-approve"]).await.failed();
    assert!(run.stderr.contains("aggregation cannot change from `sum` to `count`"), "{}", run.stderr);
    assert_eq!(account.sandbox.request_count("POST", "/v1/billing/meters"), 0, "nothing was written");
    assert_eq!(account.sandbox.request_count("POST", "/v1/prices"), 0, "nothing was written");

    // What the hint says works: a new key and event name, the price pointed at it, the old
    // meter kept and deactivated.
    let moved = format!(
        "version: 1
meters:
  - key: api-calls
    display_name: API calls
    event_name: api_call
    aggregation: sum
    active: false
  - key: api-requests
    display_name: API requests
    event_name: api_request
    aggregation: count
products:
  - id: api
    name: API
    prices:
{}",
        METERED.replace("meter: api-calls", "meter: api-requests")
    );
    let text = account.with_catalog(&moved, &["plan"]).await.ok().stdout;
    assert!(
        text.contains("its meter changes from \"api-calls\" to \"api-requests\" (recurring cannot change)"),
        "{text}"
    );
    account.apply(&moved).await;
    let meters = account.meters().await;
    let status = |event: &str| {
        meters.iter().find(|meter| meter["event_name"] == event).map(|meter| meter["status"].clone()).expect("listed")
    };
    assert_eq!((status("api_call"), status("api_request")), (Value::from("inactive"), Value::from("active")));
    account.plan_is_empty(&moved).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_meter_removed_from_the_catalog_is_deactivated_not_deleted() {
    let account = Account::new().await;
    account.apply(&catalog("    display_name: API calls\n", METERED)).await;
    // A meter made in the Dashboard, which no managed price uses: never touched.
    account
        .api
        .create("/v1/billing/meters", "display_name=Logins&event_name=login&default_aggregation[formula]=count")
        .await;

    let without = "version: 1\nproducts:\n  - id: api\n    name: API\n";
    let text = account.with_catalog(without, &["plan"]).await.ok().stdout;
    assert!(text.contains("will be deactivated (it takes no more usage events)"), "{text}");
    assert!(
        text.contains("because its event_name `api_call` is not in the catalog, and a managed price charges for it"),
        "{text}"
    );
    assert!(!text.contains("login"), "{text}");
    account.apply(without).await;

    let meters = account.meters().await;
    assert_eq!(meters.len(), 2, "deactivated, never deleted");
    let status = |event: &str| {
        meters.iter().find(|meter| meter["event_name"] == event).map(|meter| meter["status"].clone()).expect("listed")
    };
    assert_eq!((status("api_call"), status("login")), (Value::from("inactive"), Value::from("active")));
    assert!(account.active_price("api-monthly").await.is_null(), "the price is archived");
    account.plan_is_empty(without).await;

    // Back in the catalog, the meter is reactivated before its price is made again.
    let back = catalog("    display_name: API calls\n", METERED);
    let text = account.with_catalog(&back, &["plan"]).await.ok().stdout;
    assert!(text.contains("  # meter \"api-calls\" will be reactivated"), "{text}");
    account.apply(&back).await;
    account.plan_is_empty(&back).await;
}
