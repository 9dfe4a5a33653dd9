//! Issue #12, the CLI side: webhook endpoints in the catalog (validate, plan, apply), their
//! signing secrets (the secrets file and nowhere else), `webhooks verify` and `events list`,
//! against the sandbox over real HTTP.

use std::fs;

use serde_json::Value;
use stripe_catalog::secret::Secret;
use stripe_catalog::webhooks::verify::sign;

use crate::sandbox::Account;
use crate::support::{Run, binary};

const CATALOG: &str = "\
version: 1
webhooks:
  - key: fulfilment
    url: https://api.example.com/webhook/stripe
    events: [checkout.session.completed, invoice.payment_failed, customer.subscription.deleted]
    description: provisions accounts
";

/// The same endpoint moved, listening to one more event, and disabled.
const CHANGED: &str = "\
version: 1
webhooks:
  - key: fulfilment
    url: https://api.example.com/v2/webhook
    events: [checkout.session.completed, invoice.payment_failed, customer.subscription.deleted, invoice.paid]
    description: provisions accounts
    disabled: true
";

const EMPTY: &str = "version: 1\n";

impl Account {
    fn write(&self, name: &str, text: &str) {
        fs::write(self.dir.path().join(name), text).expect("write");
    }

    fn read(&self, name: &str) -> String {
        fs::read_to_string(self.dir.path().join(name)).unwrap_or_default()
    }

    async fn endpoints(&self) -> Vec<Value> {
        let reply = self.api.get("/v1/webhook_endpoints").await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply.body["data"].as_array().cloned().unwrap_or_default()
    }
}

fn events_of(endpoint: &Value) -> Vec<&str> {
    let mut events: Vec<&str> =
        endpoint["enabled_events"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    events.sort_unstable();
    events
}

#[tokio::test(flavor = "multi_thread")]
async fn a_catalog_endpoint_is_created_updated_disabled_and_deleted_and_an_unmanaged_one_left_alone() {
    let account = Account::new().await;
    let theirs =
        account.api.create("/v1/webhook_endpoints", "url=https://dashboard.example.com/hook&enabled_events[]=*").await;
    let theirs_id = theirs["id"].as_str().unwrap_or_default().to_string();

    account.write("catalog.yaml", CATALOG);
    let plan = account.run(&["plan"]).await.ok();
    assert!(plan.stdout.contains("# webhook \"fulfilment\" will be created"), "{}", plan.stdout);
    assert!(
        plan.stdout.contains(&format!(
            "webhook endpoint {theirs_id} (https://dashboard.example.com/hook) is not managed by stripe-catalog and is left alone"
        )),
        "{}",
        plan.stdout
    );
    account.run(&["apply", "--auto-approve", "--webhook-secrets", "secrets.env"]).await.ok();
    let endpoints = account.endpoints().await;
    assert_eq!(endpoints.len(), 2);
    let ours = endpoints.iter().find(|endpoint| endpoint["id"] != theirs_id.as_str()).expect("created");
    assert_eq!(ours["url"], "https://api.example.com/webhook/stripe");
    assert_eq!(
        events_of(ours),
        vec!["checkout.session.completed", "customer.subscription.deleted", "invoice.payment_failed"]
    );
    assert_eq!(ours["description"], "provisions accounts");
    assert_eq!(ours["metadata"]["stripe-catalog/managed"], "true");
    assert_eq!(ours["metadata"]["stripe-catalog/webhook"], "fulfilment");
    assert_eq!(ours["status"], "enabled");
    let id = ours["id"].as_str().unwrap_or_default().to_string();
    let again = account.run(&["plan", "--detailed-exitcode"]).await.ok();
    assert!(again.stdout.contains("No changes. Stripe matches the catalog."), "{}", again.stdout);

    account.write("catalog.yaml", CHANGED);
    let plan = account.run(&["plan"]).await.ok();
    assert!(plan.stdout.contains("# webhook \"fulfilment\" will be updated in place"), "{}", plan.stdout);
    assert!(plan.stdout.contains(&format!("~ webhook \"fulfilment\" ({id})")), "{}", plan.stdout);
    assert!(
        plan.stdout
            .contains("url: \"https://api.example.com/webhook/stripe\" → \"https://api.example.com/v2/webhook\""),
        "{}",
        plan.stdout
    );
    assert!(plan.stdout.contains("disabled: false → true"), "{}", plan.stdout);
    // An update needs no secrets file: Stripe sends no new secret.
    account.run(&["apply", "--auto-approve"]).await.ok();
    let endpoints = account.endpoints().await;
    let ours = endpoints.iter().find(|endpoint| endpoint["id"] == id.as_str()).expect("same endpoint");
    assert_eq!(ours["url"], "https://api.example.com/v2/webhook");
    assert_eq!(events_of(ours).len(), 4);
    assert_eq!(ours["status"], "disabled");
    account.run(&["plan", "--detailed-exitcode"]).await.ok();

    account.write("catalog.yaml", EMPTY);
    let plan = account.run(&["plan"]).await.ok();
    assert!(plan.stdout.contains(&format!("# webhook {id} will be deleted")), "{}", plan.stdout);
    assert!(plan.stdout.contains("its key \"fulfilment\" is not among the catalog's webhooks"), "{}", plan.stdout);
    assert!(
        plan.stdout.contains("Plan: 0 to create, 0 to update, 0 to replace, 0 to archive, 1 to delete."),
        "{}",
        plan.stdout
    );
    let applied = account.run(&["apply", "--auto-approve"]).await.ok();
    assert!(applied.stderr.contains("1 deleted"), "{}", applied.stderr);
    let endpoints = account.endpoints().await;
    assert_eq!(endpoints.len(), 1, "only the unmanaged endpoint is left");
    assert_eq!(endpoints[0]["id"], theirs_id.as_str());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_signing_secret_reaches_the_secrets_file_and_nothing_else() {
    let account = Account::new().await;
    account.write("catalog.yaml", CATALOG);

    // Without somewhere to put the secret, nothing is created.
    let refused = account.run(&["apply", "--auto-approve"]).await.failed();
    assert!(refused.stderr.contains("pass `--webhook-secrets FILE`"), "{}", refused.stderr);
    assert_eq!(account.sandbox.request_count("POST", "/v1/webhook_endpoints"), 0);

    // A secrets file others may read is refused before any write, too.
    account.write("shared.env", "");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(account.dir.path().join("shared.env"), fs::Permissions::from_mode(0o644)).expect("chmod");
        let refused = account.run(&["apply", "--auto-approve", "--webhook-secrets", "shared.env"]).await.failed();
        assert!(refused.stderr.contains("has mode 644"), "{}", refused.stderr);
        assert_eq!(account.sandbox.request_count("POST", "/v1/webhook_endpoints"), 0);
    }

    let plan = account.run(&["plan", "--out", "plan.json"]).await.ok();
    let applied = account
        .run(&["apply", "plan.json", "--webhook-secrets", "secrets.env", "--audit-log", "audit.jsonl"])
        .await
        .ok();
    let file = account.read("secrets.env");
    let secret = file.strip_prefix("STRIPE_WEBHOOK_SECRET_FULFILMENT=").expect("one dotenv line").trim_end();
    assert!(secret.starts_with("whsec_") && secret.len() > 20, "{file}");
    assert_eq!(file.lines().count(), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(account.dir.path().join("secrets.env")).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let json = account.run(&["--format", "json", "plan"]).await.ok();
    for (what, text) in [
        ("plan stdout", plan.stdout.as_str()),
        ("plan stderr", &plan.stderr),
        ("apply stdout", &applied.stdout),
        ("apply stderr", &applied.stderr),
        ("plan file", &account.read("plan.json")),
        ("audit log", &account.read("audit.jsonl")),
        ("json plan", &json.stdout),
    ] {
        assert!(!text.contains(secret), "the secret leaked into the {what}:\n{text}");
        assert!(!text.contains("whsec_"), "a secret's prefix is in the {what}:\n{text}");
    }
    assert!(account.read("audit.jsonl").contains("\"kind\":\"create_webhook\""));
}

#[test]
fn validate_points_at_a_bad_url_and_a_misspelt_event() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "\
version: 1
webhooks:
  - key: fulfilment
    url: http://api.example.com/webhook
    events: [checkout.session.complete, '*']
  - key: fulfilment
    url: http://localhost:4242/webhook
    events: [invoice.paid]
";
    fs::write(dir.path().join("catalog.yaml"), text).expect("write");
    let run = Run::of(binary().current_dir(dir.path()).args(["validate"])).failed();
    let err = &run.stderr;
    assert!(
        err.contains("catalog.yaml:4:10: error: webhook URL `http://api.example.com/webhook` is not accepted: `http://` is only for local tests (`localhost`, `127.0.0.1`, `[::1]`), not `api.example.com`"),
        "{err}"
    );
    assert!(err.contains("catalog.yaml:5:14: error: `checkout.session.complete` is not a Stripe event type"), "{err}");
    assert!(err.contains("hint: did you mean `checkout.session.completed`?"), "{err}");
    assert!(err.contains("`*` enables every event, so it stands alone"), "{err}");
    assert!(
        err.contains("catalog.yaml:6:10: error: duplicate webhook key `fulfilment` (first used on line 3)"),
        "{err}"
    );
    assert!(!err.contains("localhost:4242"), "a loopback http URL is fine for tests: {err}");
}

/// Writes `body` and runs `webhooks verify` on it with the secret in a file.
fn verify(dir: &tempfile::TempDir, body: &[u8], header: &str, secret: &str) -> Run {
    fs::write(dir.path().join("body.json"), body).expect("write");
    fs::write(dir.path().join("secret"), format!("{secret}\n")).expect("write");
    Run::of(binary().current_dir(dir.path()).args([
        "webhooks",
        "verify",
        "--payload",
        "body.json",
        "--signature",
        header,
        "--secret-file",
        "secret",
    ]))
}

#[test]
fn webhooks_verify_accepts_a_genuine_delivery_and_explains_every_failure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let secret = "whsec_integration_test_secret";
    let event = serde_json::json!({"id": "evt_1", "object": "event", "type": "checkout.session.completed",
        "data": {"object": {"id": "cs_test_1", "object": "checkout.session"}}});
    let body = serde_json::to_vec_pretty(&event).expect("json");
    let now = jiff::Timestamp::now().as_second();
    let header = |at: i64, payload: &[u8]| format!("t={at},v1={}", sign(&Secret::new(secret), at, payload));

    let genuine = verify(&dir, &body, &header(now, &body), secret).ok();
    assert_eq!(genuine.stdout.trim(), "valid");

    let compact = serde_json::to_vec(&event).expect("json");
    let reserialised = verify(&dir, &compact, &header(now, &body), secret).failed();
    assert!(
        reserialised.stdout.starts_with("invalid: no `v1` signature matches the body as given"),
        "{}",
        reserialised.stdout
    );
    assert!(
        reserialised.stdout.contains(
            "it matches the body re-indented with two spaces: the JSON was parsed and re-serialised compactly"
        ),
        "{}",
        reserialised.stdout
    );

    let wrong = verify(&dir, &body, &header(now, &body), "whsec_another_endpoint").failed();
    assert!(wrong.stdout.contains("the secret is the likely cause"), "{}", wrong.stdout);

    let stale = verify(&dir, &body, &header(now - 1000, &body), secret).failed();
    assert!(stale.stdout.starts_with("invalid: the timestamp is 100"), "{}", stale.stdout);
    assert!(stale.stdout.contains("s past the tolerance of 300s"), "{}", stale.stdout);

    let no_v1 = verify(&dir, &body, &format!("t={now},v0=abc"), secret).failed();
    assert_eq!(no_v1.stdout.trim(), "invalid: the Stripe-Signature header has no `v1` signature (it has only `v0`)");

    for run in [&genuine, &reserialised, &wrong, &stale, &no_v1] {
        assert!(!run.stdout.contains("whsec_") && !run.stderr.contains("whsec_"), "{}{}", run.stdout, run.stderr);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn events_list_filters_by_type_and_by_object_while_paging() {
    let account = Account::new().await;
    account.api.create("/v1/products", "id=pro&name=Pro").await;
    account.api.create("/v1/products", "id=team&name=Team").await;
    account.api.create("/v1/prices", "product=pro&unit_amount=2900&currency=usd").await;

    account.sandbox.reset_counters();
    let by_type = account.run(&["--format", "json", "events", "list", "--type", "product.created"]).await.ok().json();
    let objects: Vec<&str> =
        by_type.as_array().into_iter().flatten().filter_map(|row| row["object"].as_str()).collect();
    assert_eq!(objects, vec!["team", "pro"], "newest first");
    assert_eq!(by_type[0]["type"], "product.created");
    assert_eq!(by_type[0]["delivery"], "all acknowledged");
    assert_eq!(account.sandbox.request_count("GET", "/v1/events"), 1);

    let about = account.run(&["events", "list", "--for", "team"]).await.ok();
    assert!(about.stderr.contains("Stripe cannot filter events by object"), "{}", about.stderr);
    assert!(about.stderr.contains("matched after reading 1 page of events"), "{}", about.stderr);
    assert!(
        about.stdout.contains("product.created") && about.stdout.trim_end().ends_with("1 event"),
        "{}",
        about.stdout
    );
    assert!(!about.stdout.contains(" pro "), "{}", about.stdout);

    let csv = account.run(&["--format", "csv", "events", "list", "--limit", "2"]).await.ok();
    assert_eq!(csv.stdout.lines().count(), 3, "a header and two rows: {}", csv.stdout);
    assert_eq!(csv.stdout.lines().next(), Some("id,created,type,object,pending_webhooks,delivery"));
}

/// The two lists of event types agree: every type `validate` accepts in `webhooks:`
/// (`src/webhooks/event_types.txt`, from the spec plus newer types) is one the sandbox lets an
/// endpoint subscribe to, so a catalog that validates also applies against the sandbox. The two
/// lists are kept apart on purpose (the sandbox shares no code with the CLI); this checks them
/// against each other.
#[tokio::test(flavor = "multi_thread")]
async fn every_event_type_the_catalog_accepts_the_sandbox_accepts() {
    let sandbox = crate::sandbox::start().await;
    let api = crate::sandbox::Api::new(&sandbox);
    let types: Vec<&str> = include_str!("../../src/webhooks/event_types.txt").lines().collect();
    assert!(types.len() > 200, "the whole list: {}", types.len());
    let events: String = types.iter().map(|name| format!("&enabled_events[]={name}")).collect();
    let created = api.create("/v1/webhook_endpoints", &format!("url=https://example.com/hook{events}")).await;
    assert_eq!(events_of(&created), types);
}

// issue 12 review, item 6: the file apply writes, once it holds two endpoints, works with `--key`.
#[test]
fn verify_reads_one_line_of_a_secrets_file_by_key() {
    let dir = tempfile::tempdir().unwrap();
    let body = br#"{"id":"evt_1","object":"event"}"#;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let header = format!("t={now},v1={}", sign(&Secret::new("whsec_second"), now, body));
    fs::write(dir.path().join("body.json"), body).unwrap();
    fs::write(
        dir.path().join(".env.webhooks"),
        "STRIPE_WEBHOOK_SECRET_FIRST=whsec_first\nSTRIPE_WEBHOOK_SECRET_SECOND=whsec_second\n",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let mut command = binary();
        command.current_dir(dir.path()).args(["webhooks", "verify", "--payload", "body.json", "--signature", &header]);
        command.args(["--secret-file", ".env.webhooks"]).args(extra);
        Run::of(&mut command)
    };
    let asked = run(&[]).failed();
    assert!(asked.stderr.contains("holds 2 secrets; say which with `--key KEY`"), "{}", asked.stderr);
    assert!(asked.stderr.contains("`--key first`") && asked.stderr.contains("`--key second`"), "{}", asked.stderr);
    assert!(!asked.stderr.contains("whsec_"), "{}", asked.stderr);
    run(&["--key", "second"]).ok();
    run(&["--key", "first"]).failed();
}

// issue 12 review, item 3: the apply command `plan --out` prints works as printed when the plan
// creates a webhook endpoint (it needs `--webhook-secrets`).
#[test]
fn the_apply_command_plan_out_prints_passes_webhook_secrets_and_works() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("catalog.yaml"), CATALOG).unwrap();
    let planned = Run::of(binary().current_dir(dir.path()).args(["--sandbox", "plan", "--out", "plan.json"])).ok();
    let command = planned.stderr.split("apply it with `").nth(1).and_then(|rest| rest.split('`').next()).unwrap();
    assert_eq!(command, "stripe-catalog --sandbox apply --webhook-secrets .env.webhooks plan.json");
    assert!(planned.stderr.contains("the plan creates webhook endpoints"), "{}", planned.stderr);
    let words: Vec<&str> = command.split(' ').skip(1).collect();
    Run::of(binary().current_dir(dir.path()).args(&words)).ok();
    let saved = fs::read_to_string(dir.path().join(".env.webhooks")).unwrap();
    assert!(saved.starts_with("STRIPE_WEBHOOK_SECRET_FULFILMENT=whsec_"), "{saved}");
}

// issue 12 review, item 4: unknown event types are refused before anything runs, with a suggestion.
#[test]
fn unknown_event_types_are_refused_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| Run::of(binary().current_dir(dir.path()).args(args)).failed();
    let listed = run(&["--sandbox", "events", "list", "--type", "invoce.*"]);
    assert!(listed.stderr.contains("`--type` `invoce.*` matches no Stripe event type"), "{}", listed.stderr);
    assert!(listed.stderr.contains("did you mean `invoice.*`?"), "{}", listed.stderr);
    let served = run(&["sandbox", "serve", "--forward-to", "http://localhost:4242/hook", "--events", "foo"]);
    assert!(served.stderr.contains("`--events` `foo` is not a Stripe event type"), "{}", served.stderr);
}

// issue 12 review, item 5: a port out of range, credentials (never printed) and characters no
// URL holds are refused in the catalog; `--forward-to` says what is wrong with a URL.
#[test]
fn webhook_urls_are_parsed_and_credentials_never_printed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "\
version: 1
webhooks:
  - key: a
    url: https://localhost:99999/x
    events: [invoice.paid]
  - key: b
    url: https://user:hunter2@example.com/x
    events: [invoice.paid]
  - key: c
    url: https://example.com/a|b
    events: [invoice.paid]
";
    fs::write(dir.path().join("catalog.yaml"), text).expect("write");
    let err = Run::of(binary().current_dir(dir.path()).args(["validate"])).failed().stderr;
    assert!(err.contains("catalog.yaml:4:10: error: webhook URL `https://localhost:99999/x` is not accepted: it is not a valid URL (invalid port number)"), "{err}");
    assert!(err.contains("catalog.yaml:7:10: error: webhook URL `https://…@example.com/x` is not accepted: it holds a user name or password"), "{err}");
    assert!(err.contains("catalog.yaml:10:10: error: webhook URL `https://example.com/a|b` is not accepted: `|` cannot appear in a URL"), "{err}");
    let planned = Run::of(binary().current_dir(dir.path()).args(["--sandbox", "plan"])).failed();
    // The plan is refused, so no plan shows the URL; the messages never hold the password (the
    // source snippet under them still quotes the catalog's own line).
    assert!(!planned.stdout.contains("hunter2"), "{}", planned.stdout);
    for line in planned.stderr.lines().chain(err.lines()).filter(|line| line.contains("error:")) {
        assert!(!line.contains("hunter2"), "{line}");
    }

    let forward = |url: &str| {
        Run::of(binary().current_dir(dir.path()).args(["sandbox", "serve", "--forward-to", url])).failed().stderr
    };
    let ftp = forward("ftp://localhost/x");
    assert!(ftp.contains("uses `ftp`; webhooks are sent over `http` or `https`"), "{ftp}");
    let bare = forward("localhost:4242/hook");
    assert!(bare.contains("has no scheme") && bare.contains("`http://localhost:4242/hook`"), "{bare}");
}
