//! Plan and apply against the in-process sandbox over real HTTP: one scenario per rule of
//! the diff, the failure path, the audit trail, and a convergence property (with and
//! without injected faults).

mod binary;
mod convergence;
mod impact;
mod replay;
mod sub_cent;

use std::time::Duration;

use stripe_catalog::apply::{ApplyOptions, Outcome, execute};
use stripe_catalog::catalog::{Catalog, CheckoutDefaults};
use stripe_catalog::gateway::{self, Gateway};
use stripe_catalog::money::Currency;
use stripe_catalog::objects::{
    CurrencyOption, DesiredPrice, DesiredProduct, Interval, OnReplace, PriceSettings, PriceTerms, Pricing,
    ProductFields, Recurring, RemotePrice, RemoteState, TaxBehavior, UsageType,
};
use stripe_catalog::output::Printer;
use stripe_catalog::plan::{Change, Plan, PlanInputs, plan_for};
use stripe_catalog::secret::Secret;
use stripe_catalog::settings::{OutputFormat, StripeSettings};
use stripe_sandbox::{Faults, RunningSandbox, SANDBOX_API_KEY, SandboxBuilder};

/// A sandbox and a gateway connected to it, with an audit log in a temporary directory.
pub(crate) struct World {
    pub sandbox: RunningSandbox,
    pub gateway: Gateway,
    pub dir: tempfile::TempDir,
    runs: u32,
}

impl World {
    pub async fn new() -> World {
        World::with_faults(Faults::default()).await
    }

    pub async fn with_faults(faults: Faults) -> World {
        World::on(SandboxBuilder::new().faults(faults)).await
    }

    pub async fn on(builder: SandboxBuilder) -> World {
        let sandbox = builder.start().await.expect("sandbox starts");
        let mut settings =
            StripeSettings::remote(Secret::new(SANDBOX_API_KEY), &sandbox.base_url()).expect("valid settings");
        settings.retry_base_delay = Duration::from_millis(1);
        settings.retry_max_delay = Duration::from_millis(10);
        settings.max_rps = 10_000;
        settings.max_retries = 8;
        let gateway = gateway::connect(&settings).expect("connect");
        World { sandbox, gateway, dir: tempfile::tempdir().expect("tempdir"), runs: 0 }
    }

    pub fn gateway(&self) -> &Gateway {
        &self.gateway
    }

    pub async fn plan(&self, catalog: &Catalog) -> Plan {
        self.try_plan(catalog, false).await.expect("plan")
    }

    pub async fn try_plan(&self, catalog: &Catalog, adopt: bool) -> anyhow::Result<Plan> {
        let inputs = PlanInputs { catalog_sha256: "0".repeat(64), adopt, in_process_sandbox: false };
        plan_for(self.gateway(), catalog, inputs).await
    }

    pub async fn execute(&mut self, plan: &Plan) -> Outcome {
        self.runs += 1;
        let options = ApplyOptions {
            parallelism: 4,
            audit_log: self.dir.path().join("audit.jsonl"),
            run_id: format!("run-{}", self.runs),
        };
        execute(plan, self.gateway(), &options, &printer()).await.expect("the audit log takes records")
    }

    /// Plans and applies; panics unless every write succeeded.
    pub async fn apply(&mut self, catalog: &Catalog) -> Plan {
        let plan = self.plan(catalog).await;
        let outcome = self.execute(&plan).await;
        assert!(outcome.succeeded(), "apply failed: {outcome:?}");
        plan
    }

    pub async fn state(&self) -> RemoteState {
        self.gateway().read_state().await.expect("read state")
    }
}

pub(crate) fn printer() -> Printer {
    Printer::captured(OutputFormat::Text)
}

pub(crate) fn currency(code: &str) -> Currency {
    Currency::parse(code).expect("known currency")
}

pub(crate) fn fields(name: &str) -> ProductFields {
    ProductFields::named(name)
}

pub(crate) fn price(key: &str, amount: i64, interval: Interval) -> DesiredPrice {
    DesiredPrice {
        key: key.to_string(),
        terms: PriceTerms {
            currency: currency("usd"),
            pricing: Pricing::PerUnit { unit_amount: amount.into() },
            recurring: Some(Recurring { interval, interval_count: 1, usage_type: UsageType::Licensed, meter: None }),
            transform_quantity: None,
        },
        settings: PriceSettings::active(),
        on_replace: OnReplace::Keep,
    }
}

pub(crate) fn product(id: &str, default: Option<&str>, prices: Vec<DesiredPrice>) -> DesiredProduct {
    DesiredProduct { id: id.to_string(), fields: fields(id), default_price: default.map(str::to_string), prices }
}

pub(crate) fn catalog(products: Vec<DesiredProduct>) -> Catalog {
    Catalog { version: 1, account: None, checkout: CheckoutDefaults::default(), meters: Vec::new(), products }
}

fn pro() -> Catalog {
    catalog(vec![product(
        "pro",
        Some("pro_monthly"),
        vec![price("pro_monthly", 2900, Interval::Month), price("pro_yearly", 29000, Interval::Year)],
    )])
}

fn holder<'a>(state: &'a RemoteState, key: &str) -> &'a RemotePrice {
    state.prices.iter().find(|price| price.lookup_key.as_deref() == Some(key)).expect("a price holds the key")
}

fn kinds(plan: &Plan) -> Vec<&str> {
    plan.actions.iter().map(|action| action.id.as_str()).collect()
}

#[tokio::test]
async fn from_empty_then_no_op() {
    let mut world = World::new().await;
    let plan = world.apply(&pro()).await;
    assert_eq!(plan.summary().create, 3);
    let state = world.state().await;
    let product = state.products.iter().find(|product| product.id == "pro").expect("product created");
    assert!(product.managed && product.fields.active);
    assert_eq!(product.default_price.as_deref(), Some(holder(&state, "pro_monthly").id.as_str()));
    assert!(holder(&state, "pro_yearly").managed);

    world.sandbox.reset_counters();
    let again = world.plan(&pro()).await;
    assert!(again.is_empty(), "a plan right after an apply is empty: {:?}", kinds(&again));
    assert_eq!(world.sandbox.request_count("POST", "/v1/products"), 0);
    assert_eq!(world.execute(&again).await, Outcome::default());
}

#[tokio::test]
async fn rename_updates_in_place() {
    let mut world = World::new().await;
    world.apply(&pro()).await;
    let mut renamed = pro();
    renamed.products[0].fields.name = "Pro plan".to_string();
    renamed.products[0].fields.description = Some("For teams".to_string());
    let plan = world.apply(&renamed).await;
    assert_eq!(kinds(&plan), ["product/pro/update"]);
    let state = world.state().await;
    assert_eq!(state.products[0].fields.name, "Pro plan");
    assert!(world.plan(&renamed).await.is_empty());
}

#[tokio::test]
async fn amount_change_replaces_moving_key_and_default_then_archives_the_old_price() {
    let mut world = World::new().await;
    world.apply(&pro()).await;
    let old_id = holder(&world.state().await, "pro_monthly").id.clone();
    let mut raised = pro();
    raised.products[0].prices[0] = price("pro_monthly", 3500, Interval::Month);
    let plan = world.apply(&raised).await;
    assert_eq!(plan.summary().replace, 1);
    let state = world.state().await;
    let new = holder(&state, "pro_monthly");
    assert_ne!(new.id, old_id);
    assert_eq!(new.terms.pricing, Pricing::PerUnit { unit_amount: 3500.into() });
    assert!(new.settings.active);
    assert_eq!(state.products[0].default_price.as_deref(), Some(new.id.as_str()));
    let old = state.prices.iter().find(|price| price.id == old_id).expect("old price kept");
    assert!(!old.settings.active, "the old price is archived");
    assert_eq!(old.lookup_key, None, "the key moved");
    assert!(world.plan(&raised).await.is_empty());
}

#[tokio::test]
async fn currency_options_change_in_place() {
    let mut world = World::new().await;
    let mut with_euro = pro();
    with_euro.products[0].prices[0].settings.currency_options.insert(
        currency("eur"),
        CurrencyOption {
            pricing: Pricing::PerUnit { unit_amount: 2700.into() },
            tax_behavior: TaxBehavior::Unspecified,
        },
    );
    world.apply(&with_euro).await;
    let id = holder(&world.state().await, "pro_monthly").id.clone();
    let mut changed = with_euro.clone();
    changed.products[0].prices[0].settings.currency_options.insert(
        currency("eur"),
        CurrencyOption {
            pricing: Pricing::PerUnit { unit_amount: 2800.into() },
            tax_behavior: TaxBehavior::Unspecified,
        },
    );
    let plan = world.apply(&changed).await;
    assert_eq!(kinds(&plan), ["price/pro_monthly/update"]);
    let state = world.state().await;
    let price = holder(&state, "pro_monthly");
    assert_eq!(price.id, id, "changed in place");
    assert_eq!(
        price.settings.currency_options.get(&currency("eur")).map(|option| &option.pricing),
        Some(&Pricing::PerUnit { unit_amount: 2800.into() })
    );
    assert!(world.plan(&changed).await.is_empty());
}

#[tokio::test]
async fn removed_prices_are_archived_moving_the_default_first() {
    let mut world = World::new().await;
    world.apply(&pro()).await;
    let only_yearly = catalog(vec![product("pro", None, vec![price("pro_yearly", 29000, Interval::Year)])]);
    let plan = world.apply(&only_yearly).await;
    assert_eq!(plan.summary().archive, 1);
    let state = world.state().await;
    assert!(!holder(&state, "pro_monthly").settings.active);
    assert_eq!(state.products[0].default_price.as_deref(), Some(holder(&state, "pro_yearly").id.as_str()));
    assert!(world.plan(&only_yearly).await.is_empty());
}

#[tokio::test]
async fn a_removed_product_is_archived_with_its_prices_and_comes_back_reactivated() {
    let mut world = World::new().await;
    let both = catalog(vec![
        product("pro", Some("pro_monthly"), pro().products[0].prices.clone()),
        product("team", None, vec![price("team_monthly", 9900, Interval::Month)]),
    ]);
    world.apply(&both).await;
    let only_team = catalog(vec![both.products[1].clone()]);
    let plan = world.apply(&only_team).await;
    assert!(plan.notes.iter().any(|note| note.contains("default price of product \"pro\"")));
    let state = world.state().await;
    let pro_product = state.products.iter().find(|product| product.id == "pro").expect("kept");
    assert!(!pro_product.fields.active);
    assert!(!holder(&state, "pro_yearly").settings.active);
    assert!(world.plan(&only_team).await.is_empty(), "the kept default does not come back as a change");

    let plan = world.apply(&both).await;
    assert_eq!(kinds(&plan), ["product/pro/update", "price/pro_yearly/update"]);
    let state = world.state().await;
    assert!(state.products.iter().all(|product| product.fields.active));
    assert!(state.prices.iter().all(|price| price.settings.active));
    assert_eq!(state.products.len(), 2, "reactivated, not recreated");
    assert!(world.plan(&both).await.is_empty());
}

#[tokio::test]
async fn unmanaged_objects_in_the_way_need_adopt() {
    let mut world = World::new().await;
    world.sandbox.seed("POST", "/v1/products", "id=pro&name=Legacy+Pro").expect("seed product");
    world
        .sandbox
        .seed(
            "POST",
            "/v1/prices",
            "product=pro&currency=usd&unit_amount=2900&recurring[interval]=month&lookup_key=pro_monthly",
        )
        .expect("seed price");
    let err = world.try_plan(&pro(), false).await.expect_err("refused without --adopt");
    let hints = stripe_catalog::report::hints(&err);
    assert!(err.to_string().contains("product `pro` exists in Stripe but is not managed"), "{err}");
    assert!(err.to_string().contains("holds lookup key `pro_monthly`"), "{err}");
    assert!(hints.iter().any(|hint| hint.contains("--adopt")), "{hints:?}");

    let plan = world.try_plan(&pro(), true).await.expect("plan with --adopt");
    let outcome = world.execute(&plan).await;
    assert!(outcome.succeeded(), "{outcome:?}");
    let state = world.state().await;
    assert!(state.products[0].managed);
    assert_eq!(state.products[0].fields.name, "pro");
    assert!(holder(&state, "pro_monthly").managed);
    assert!(world.plan(&pro()).await.is_empty());
}

/// A sandbox holding the products in `on`, each with one price that stripe-catalog cannot
/// represent: one in a currency missing from its table (one Stripe adds
/// later; `ves` here). The sandbox's API refuses such a currency, so the prices are made in
/// USD and their currency rewritten in the sandbox's state file before it is served. (Fractions
/// of a minor unit were the example until issue #14 item 5 made them representable.)
async fn world_with_unreadable_prices(on: &[&str]) -> (World, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sandbox.json");
    let sandbox = SandboxBuilder::new().state_file(path.clone()).start().await.expect("sandbox starts");
    for product in on {
        sandbox.seed("POST", "/v1/products", &format!("id={product}&name={product}")).expect("seed product");
        sandbox
            .seed("POST", "/v1/prices", &format!("product={product}&currency=usd&unit_amount=100"))
            .expect("seed price");
    }
    sandbox.shutdown().await;
    let state = std::fs::read_to_string(&path).expect("state file");
    std::fs::write(&path, state.replace("\"currency\":\"usd\"", "\"currency\":\"ves\"")).expect("rewrite");
    (World::on(SandboxBuilder::new().state_file(path)).await, dir)
}

#[tokio::test]
async fn prices_the_tool_cannot_represent_are_left_alone_unless_the_catalog_could_touch_them() {
    let (mut world, _dir) = world_with_unreadable_prices(&["legacy"]).await;
    let plan = world.plan(&pro()).await;
    assert_eq!(plan.notes.len(), 1, "{:?}", plan.notes);
    assert!(plan.notes[0].contains("of product `legacy` is left alone"), "{}", plan.notes[0]);
    assert!(world.execute(&plan).await.succeeded());
    assert!(world.plan(&pro()).await.is_empty());

    let (world, _dir) = world_with_unreadable_prices(&["legacy", "pro"]).await;
    let err = world.try_plan(&pro(), false).await.expect_err("a catalog product holds an unreadable price");
    assert!(err.to_string().starts_with("cannot plan around price `price_"), "{err}");
    assert!(err.to_string().contains("currency `ves` is not one stripe-catalog knows"), "{err}");
}

#[tokio::test]
async fn a_failed_write_stops_scheduling_and_the_rest_is_reported() {
    let mut world = World::new().await;
    let plan = world.plan(&pro()).await;
    // Someone else takes the product id between plan and apply.
    world.sandbox.seed("POST", "/v1/products", "id=pro&name=Intruder").expect("seed");
    let outcome = world.execute(&plan).await;
    assert_eq!(outcome.failed.len(), 1, "{outcome:?}");
    assert_eq!(outcome.failed[0].action, "product/pro/create");
    assert_eq!(outcome.failed[0].code.as_deref(), Some("resource_already_exists"));
    assert!(outcome.failed[0].request_id.as_deref().is_some_and(|id| id.starts_with("req_")), "{outcome:?}");
    assert!(outcome.done.is_empty());
    assert_eq!(outcome.not_started.len(), 3, "prices and default never start: {outcome:?}");
    assert_eq!(world.sandbox.object_count("prices"), 0);
}

#[tokio::test]
async fn the_audit_trail_records_every_write_without_the_key() {
    let mut world = World::new().await;
    let plan = world.apply(&pro()).await;
    let text = std::fs::read_to_string(world.dir.path().join("audit.jsonl")).expect("audit log");
    let mut lines: Vec<serde_json::Value> =
        text.lines().map(|line| serde_json::from_str(line).expect("JSON line")).collect();
    let start = lines.remove(0);
    assert_eq!(start["kind"], "run_start", "written before any write: {start}");
    assert_eq!(start["actions"], plan.actions.len());
    assert_eq!(start["run_id"], "run-1");
    assert_eq!(lines.len(), plan.actions.len());
    for line in &lines {
        for field in ["time", "action", "object_id", "request_id", "idempotency_key", "account", "mode"] {
            assert!(!line[field].is_null(), "{field} missing in {line}");
        }
        assert_eq!(line["outcome"], "done");
    }
    assert!(!text.contains(SANDBOX_API_KEY));
    let create = lines.iter().find(|line| line["action"] == "price/pro_monthly/create").expect("logged");
    assert!(create["object_id"].as_str().is_some_and(|id| id.starts_with("price_")));
}

#[tokio::test]
async fn a_replace_interrupted_before_the_archive_is_finished_by_the_next_apply() {
    let mut world = World::new().await;
    world.apply(&pro()).await;
    let mut raised = pro();
    raised.products[0].prices[0] = price("pro_monthly", 3500, Interval::Month);
    let mut plan = world.plan(&raised).await;
    // Run only the first write of the replace: the new price takes the key; then "crash".
    plan.actions.retain(|action| matches!(action.change, Change::CreatePrice { .. }));
    assert!(world.execute(&plan).await.succeeded());
    let resumed = world.plan(&raised).await;
    assert_eq!(kinds(&resumed).len(), 2, "default move and archive remain: {:?}", kinds(&resumed));
    assert!(world.execute(&resumed).await.succeeded());
    assert!(world.plan(&raised).await.is_empty());
    let state = world.state().await;
    let active: Vec<&RemotePrice> = state.prices.iter().filter(|price| price.settings.active).collect();
    assert_eq!(active.len(), 2, "one active price per key");
}

#[tokio::test]
async fn a_change_made_outside_the_catalog_shows_as_drift_and_is_reverted() {
    let mut world = World::new().await;
    world.apply(&pro()).await;
    world.sandbox.seed("POST", "/v1/products/pro", "name=Edited+in+the+Dashboard").expect("edit");
    let plan = world.plan(&pro()).await;
    let drifted: Vec<&str> = plan.drift.iter().map(|drift| drift.object.as_str()).collect();
    assert_eq!(drifted, ["product \"pro\""]);
    assert_eq!(kinds(&plan), ["product/pro/update"]);
    assert!(world.execute(&plan).await.succeeded());
    let after = world.plan(&pro()).await;
    assert!(after.is_empty() && after.drift.is_empty());
    // A catalog edit is not drift.
    let mut renamed = pro();
    renamed.products[0].fields.name = "Pro plan".to_string();
    assert!(world.plan(&renamed).await.drift.is_empty());
}

#[tokio::test]
async fn independent_products_are_applied_side_by_side() {
    let four = catalog(
        ["a", "b", "c", "d"]
            .iter()
            .map(|id| product(id, None, vec![price(&format!("{id}_monthly"), 900, Interval::Month)]))
            .collect(),
    );
    for (parallelism, expected_overlap) in [(1, 1..=1), (4, 2..=4)] {
        // The server records when each write started and ended; how many overlap is a count,
        // not a wall-clock threshold, so a busy machine cannot flake it.
        let spans = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let recorder = spans.clone();
        let builder = SandboxBuilder::new().latency(Duration::from_millis(40)).on_request(move |request| {
            if request.method == "POST" {
                let end = std::time::Instant::now();
                recorder.lock().expect("spans").push((end - request.duration, end));
            }
        });
        let mut world = World::on(builder).await;
        let plan = world.plan(&four).await;
        let options = ApplyOptions {
            parallelism,
            audit_log: world.dir.path().join("audit.jsonl"),
            run_id: "overlap".to_string(),
        };
        assert!(execute(&plan, world.gateway(), &options, &printer()).await.expect("audit log").succeeded());
        world.runs += 1;
        let spans = spans.lock().expect("spans").clone();
        assert_eq!(spans.len(), 8, "four products and four prices");
        let most_at_once = spans
            .iter()
            .map(|(start, _)| {
                spans.iter().filter(|(other_start, other_end)| other_start <= start && start < other_end).count()
            })
            .max()
            .unwrap_or(0);
        assert!(
            expected_overlap.contains(&most_at_once),
            "parallelism {parallelism}: {most_at_once} writes in flight at once, expected {expected_overlap:?}"
        );
    }
}

#[tokio::test]
async fn two_runs_at_once_create_nothing_twice() {
    let world = World::on(SandboxBuilder::new().latency(Duration::from_millis(20))).await;
    let plan = world.plan(&pro()).await;
    let run = |run_id: &str| ApplyOptions {
        parallelism: 4,
        audit_log: world.dir.path().join(format!("{run_id}.jsonl")),
        run_id: run_id.to_string(),
    };
    let (ops, ci, printer) = (run("ops"), run("ci"), printer());
    let (first, second) =
        tokio::join!(execute(&plan, world.gateway(), &ops, &printer), execute(&plan, world.gateway(), &ci, &printer));
    let (first, second) = (first.expect("audit log"), second.expect("audit log"));
    assert!(first.succeeded() && second.succeeded(), "{first:?}\n{second:?}");
    assert_eq!(world.sandbox.object_count("products"), 1);
    assert_eq!(world.sandbox.object_count("prices"), 2);
    assert!(world.plan(&pro()).await.is_empty());
}

/// Issue #14 item 2: dropping a nickname (or one set in the Dashboard) is no replace: the
/// price keeps its id and its nickname, the plan says why, and nothing is written.
#[tokio::test]
async fn a_dropped_nickname_is_kept_with_a_note_not_replaced() {
    let mut world = World::new().await;
    let mut named = pro();
    named.products[0].prices[0].settings.nickname = Some("Monthly".to_string());
    world.apply(&named).await;
    let id = holder(&world.state().await, "pro_monthly").id.clone();
    let plan = world.plan(&pro()).await;
    assert!(plan.is_empty(), "no action: {:?}", kinds(&plan));
    assert!(
        plan.notes.iter().any(|note| note.contains("keeps nickname \"Monthly\": Stripe cannot unset")),
        "{:?}",
        plan.notes
    );
    let mut renamed = pro();
    renamed.products[0].fields.name = "Pro plan".to_string();
    renamed.products[0].prices[0].settings.metadata.insert("tier".to_string(), "1".to_string());
    world.apply(&renamed).await;
    let state = world.state().await;
    assert_eq!(holder(&state, "pro_monthly").id, id, "same price");
    assert_eq!(holder(&state, "pro_monthly").settings.nickname.as_deref(), Some("Monthly"));
    let again = world.plan(&renamed).await;
    assert!(again.is_empty() && again.drift.is_empty(), "{:?} {:?}", kinds(&again), again.drift);
}

/// Issue #14 item 1: archiving a product in the catalog archives its prices with it (shown and
/// counted as archives); its default price, which Stripe cannot archive, stays with a note.
#[tokio::test]
async fn an_archived_product_takes_its_prices_with_it() {
    let yaml = |active: &str| {
        format!(
            "version: 1\nproducts:\n  - id: pro\n    name: Pro\n    active: {active}\n    default_price: pro_monthly\n    prices:\n      - {{ key: pro_monthly, amount: 29, currency: usd, recurring: {{ interval: month }} }}\n      - {{ key: pro_yearly, amount: 290, currency: usd, recurring: {{ interval: year }} }}\n"
        )
    };
    let load = |text: String| stripe_catalog::catalog::parse("catalog.yaml", text.as_bytes()).expect("valid").catalog;
    let mut world = World::new().await;
    world.apply(&load(yaml("true"))).await;
    let yearly = holder(&world.state().await, "pro_yearly").id.clone();

    let archived = load(yaml("false"));
    let plan = world.plan(&archived).await;
    let mut ids = kinds(&plan);
    ids.sort_unstable();
    assert_eq!(ids, [format!("price/{yearly}/archive").as_str(), "product/pro/archive"]);
    let text = stripe_catalog::plan::render::text(&plan, &printer());
    assert!(
        text.contains("  # product \"pro\" will be archived\n  # (because the catalog sets it inactive)"),
        "{text}"
    );
    assert_eq!(plan.summary().archive, 2);
    assert_eq!(plan.summary().update, 0);
    world.apply(&archived).await;
    let state = world.state().await;
    assert!(!state.products[0].fields.active);
    assert!(!state.prices.iter().find(|price| price.id == yearly).expect("yearly").settings.active);
    assert!(holder(&state, "pro_monthly").settings.active, "the default price stays: Stripe cannot archive it");
    let again = world.plan(&archived).await;
    assert!(again.is_empty(), "{:?}", kinds(&again));
}

/// Issue #14 item 1: a price that says `active: true` under an archived product is refused.
#[test]
fn an_active_price_under_an_archived_product_is_refused() {
    let yaml = "version: 1\nproducts:\n  - id: pro\n    name: Pro\n    active: false\n    prices:\n      - { key: pro_monthly, amount: 29, currency: usd, active: true }\n";
    let Err(stripe_catalog::catalog::CatalogError::Invalid { diagnostics, .. }) =
        stripe_catalog::catalog::parse("catalog.yaml", yaml.as_bytes())
    else {
        panic!("refused")
    };
    assert_eq!(
        diagnostics[0].message,
        "price `pro_monthly` is `active: true`, but its product is archived (line 5): Stripe does not sell an archived product's prices"
    );
    assert_eq!((diagnostics[0].line, diagnostics[0].path.as_str()), (7, "products[0].prices[0].active"));
}

/// Issue #14 item 3: edits made outside the tool are each listed as drift with their fields,
/// including an archive made in the Dashboard; the tool's own archive and reactivation are not.
#[tokio::test]
async fn drift_lists_every_object_and_field_and_dashboard_archives() {
    let mut world = World::new().await;
    world.apply(&pro()).await;
    let state = world.state().await;
    let monthly = holder(&state, "pro_monthly").id.clone();
    let yearly = holder(&state, "pro_yearly").id.clone();
    let api = crate::sandbox::Api::new(&world.sandbox);
    api.create(&format!("/v1/prices/{monthly}"), "nickname=Dashboard&metadata[campaign]=bf").await;
    api.create(&format!("/v1/prices/{yearly}"), "active=false").await;
    api.create("/v1/products/pro", "description=edited").await;
    let plan = world.plan(&pro()).await;
    let drift: Vec<(String, Vec<String>)> =
        plan.drift.iter().map(|drift| (drift.object.clone(), drift.fields.clone())).collect();
    assert_eq!(
        drift,
        [
            ("price \"pro_monthly\"".to_string(), vec!["nickname".to_string(), "metadata.campaign".to_string()]),
            ("price \"pro_yearly\"".to_string(), vec!["active".to_string()]),
            ("product \"pro\"".to_string(), vec!["description".to_string()]),
        ]
    );
    world.apply(&pro()).await;
    let again = world.plan(&pro()).await;
    assert!(again.drift.is_empty(), "{:?}", again.drift);

    // The tool's own archive and reactivation are not drift.
    let only_monthly =
        catalog(vec![product("pro", Some("pro_monthly"), vec![price("pro_monthly", 2900, Interval::Month)])]);
    world.apply(&only_monthly).await;
    let back = world.plan(&pro()).await;
    assert!(back.drift.is_empty(), "{:?}", back.drift);
    assert_eq!(kinds(&back), ["price/pro_yearly/update"], "reactivated");
}
