//! A sandbox stocked like a small shop, and the binary run against it over real HTTP: what the
//! checkout and payments tests share.

use std::process::Command;

use serde_json::Value;
use stripe_sandbox::{RunningSandbox, SANDBOX_API_KEY, SandboxBuilder};

use crate::support::{Run, binary};

/// A running sandbox with products and prices, and a directory to run the binary in.
pub(crate) struct Shop {
    pub sandbox: RunningSandbox,
    pub dir: tempfile::TempDir,
}

/// The prices every shop has: (lookup key, form fields). `pro-monthly-2023` is archived.
const PRICES: &[(&str, &str)] = &[
    ("pro-monthly", "unit_amount=2900&currency=usd&recurring[interval]=month"),
    ("pro-yearly", "unit_amount=29000&currency=usd&recurring[interval]=year"),
    ("seats", "unit_amount=1000&currency=usd&recurring[interval]=month"),
    ("setup-fee", "unit_amount=5000&currency=usd"),
    ("sticker-pack", "unit_amount=700&currency=usd"),
    ("setup-fee-eur", "unit_amount=4500&currency=eur"),
    ("pro-monthly-2023", "unit_amount=1900&currency=usd&recurring[interval]=month&active=false"),
];

/// The success URL the tests pass, with Stripe's placeholder that must stay literal.
pub(crate) const SUCCESS_URL: &str = "https://example.com/thanks?session={CHECKOUT_SESSION_ID}";

impl Shop {
    pub async fn open() -> Shop {
        Shop::open_with(SandboxBuilder::new()).await
    }

    /// A shop on a sandbox built by `builder` (a search lag, say).
    pub async fn open_with(builder: SandboxBuilder) -> Shop {
        let sandbox = builder.start().await.unwrap_or_else(|err| panic!("sandbox: {err}"));
        let shop = Shop { sandbox, dir: tempfile::tempdir().unwrap_or_else(|err| panic!("{err}")) };
        shop.seed("POST", "/v1/products", "id=pro&name=Pro");
        for (key, fields) in PRICES {
            shop.seed("POST", "/v1/prices", &format!("product=pro&lookup_key={key}&{fields}"));
        }
        shop.sandbox.reset_counters();
        shop
    }

    /// One request straight into the sandbox (not counted in its request log).
    pub fn seed(&self, method: &str, path: &str, body: &str) -> Value {
        self.sandbox.seed(method, path, body).unwrap_or_else(|err| panic!("seed {method} {path}: {err}"))
    }

    /// The binary, pointed at the sandbox, run in the shop's directory (no catalog there unless
    /// a test writes one), in UTC with colour off.
    pub fn command(&self) -> Command {
        let mut command = binary();
        command
            .current_dir(self.dir.path())
            .env("STRIPE_API_KEY", SANDBOX_API_KEY)
            .env("STRIPE_API_BASE", self.sandbox.base_url())
            .env("TZ", "UTC")
            .env("NO_COLOR", "1");
        command
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(self.command().args(args))
    }

    /// How many `method template` requests reached the sandbox.
    pub fn requests(&self, method: &str, template: &str) -> u64 {
        self.sandbox.request_count(method, template)
    }

    /// How many checkout sessions and payment links were created (0 proves a refusal was
    /// made before anything was sent).
    pub fn creates(&self) -> u64 {
        self.requests("POST", "/v1/checkout/sessions") + self.requests("POST", "/v1/payment_links")
    }

    /// A checkout session by id, as the sandbox holds it (line items expanded).
    pub fn session(&self, id: &str) -> Value {
        self.seed("GET", &format!("/v1/checkout/sessions/{id}?expand[]=line_items"), "")
    }

    pub fn write_catalog(&self, yaml: &str) {
        std::fs::write(self.dir.path().join("catalog.yaml"), yaml).unwrap_or_else(|err| panic!("{err}"));
    }
}

/// The session id at the end of a checkout URL.
pub(crate) fn session_id(url: &str) -> String {
    url.trim().rsplit('/').next().unwrap_or_default().to_string()
}

/// Output filters for snapshots: ids and times change every run.
pub(crate) fn redactions() -> Vec<(&'static str, &'static str)> {
    vec![
        (r"cs_test_[A-Za-z0-9]+", "cs_test_[ID]"),
        (r"plink_[A-Za-z0-9]+", "plink_[ID]"),
        (r"pi_[A-Za-z0-9]+", "pi_[ID]"),
        (r"cus_[A-Za-z0-9]+", "cus_[ID]"),
        (r"price_[A-Za-z0-9]+", "price_[ID]"),
        (r"evt_[A-Za-z0-9]+", "evt_[ID]"),
        (r"https://buy\.sandbox\.invalid/test_[A-Za-z0-9]+", "https://buy.sandbox.invalid/test_[ID]"),
        (r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?", "[DATE TIME]"),
        (r"in \d+h( \d+m)?|in \d+m", "in [DURATION]"),
    ]
}
