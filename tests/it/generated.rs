//! Generated files stay in step with the code: the completion scripts in `completions/` and
//! `catalog.schema.json`. Set `STRIPE_CATALOG_BLESS=1` to rewrite them instead of failing:
//!
//! ```sh
//! STRIPE_CATALOG_BLESS=1 cargo test --test integration generated
//! ```

use std::path::Path;

use clap::ValueEnum as _;
use clap_complete::{Generator as _, Shell};
use stripe_catalog::catalog;
use stripe_catalog::commands::completions::completion_script;

use crate::support::repo_root;

const REGENERATE: &str = "STRIPE_CATALOG_BLESS=1 cargo test --test integration generated";

fn blessing() -> bool {
    std::env::var_os("STRIPE_CATALOG_BLESS").is_some_and(|value| value == "1")
}

/// Compares `path` (relative to the repository) with `expected`, or rewrites it when blessing.
fn check_generated(relative: &Path, expected: &str) {
    let path = repo_root().join(relative);
    if blessing() {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|err| panic!("cannot create {}: {err}", parent.display()));
        }
        std::fs::write(&path, expected).unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
        return;
    }
    let found = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        found == expected,
        "{} is out of date with the code; regenerate it with:\n    {REGENERATE}",
        relative.display()
    );
}

#[test]
fn generated_completion_scripts_are_up_to_date() {
    for shell in Shell::value_variants() {
        let name = shell.file_name("stripe-catalog");
        check_generated(&Path::new("completions").join(name), &completion_script(*shell));
    }
}

#[test]
fn generated_schema_is_up_to_date() {
    check_generated(Path::new("catalog.schema.json"), &catalog::json_schema());
}

#[test]
fn generated_schema_describes_the_catalog_fields() {
    let schema: serde_json::Value =
        serde_json::from_str(&catalog::json_schema()).unwrap_or_else(|err| panic!("schema is not JSON: {err}"));
    assert_eq!(schema["additionalProperties"], serde_json::json!(false), "unknown top-level fields are refused");
    assert_eq!(schema["required"], serde_json::json!(["version"]));
    let price = &schema["$defs"]["PriceFile"];
    let fields: Vec<&str> =
        price["properties"].as_object().map(|map| map.keys().map(String::as_str).collect()).unwrap_or_default();
    assert_eq!(
        fields,
        [
            "key",
            "amount",
            "unit_amount",
            "unit_amount_decimal",
            "currency",
            "recurring",
            "billing_scheme",
            "tiers_mode",
            "tiers",
            "transform_quantity",
            "custom_unit_amount",
            "tax_behavior",
            "nickname",
            "metadata",
            "active",
            "on_replace",
            "currency_options"
        ]
    );
    // `on_replace` (issue 11) at all three levels, with its two words.
    assert_eq!(schema["$defs"]["OnReplace"]["enum"], serde_json::json!(["keep", "migrate"]));
    for on_replace in [&schema["properties"]["on_replace"], &schema["$defs"]["ProductFile"]["properties"]["on_replace"]]
    {
        assert!(on_replace.is_object(), "{schema}");
    }
    assert_eq!(schema["$defs"]["Interval"]["enum"], serde_json::json!(["day", "week", "month", "year"]));
    // Billing Meters (issue #14 item 4): the section, its fields, and `recurring.meter`.
    assert_eq!(schema["properties"]["meters"]["items"]["$ref"], "#/$defs/MeterFile");
    let meter = &schema["$defs"]["MeterFile"];
    let fields: Vec<&str> =
        meter["properties"].as_object().map(|map| map.keys().map(String::as_str).collect()).unwrap_or_default();
    assert_eq!(fields, ["key", "display_name", "event_name", "aggregation", "customer_mapping", "value_key", "active"]);
    assert_eq!(meter["required"], serde_json::json!(["key", "display_name", "event_name", "aggregation"]));
    assert_eq!(schema["$defs"]["Aggregation"]["enum"], serde_json::json!(["sum", "count", "last"]));
    assert!(schema["$defs"]["RecurringFile"]["properties"]["meter"].is_object());
}
