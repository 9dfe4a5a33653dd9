//! The sandbox as the CLI uses it: `sandbox serve` and `sandbox reset` run as the built binary,
//! and a plain HTTP client that other tests use to change the sandbox behind the tool's back.
//! The sandbox's own conformance tests live with it, in `crates/stripe-sandbox/tests`.

mod cli;

use std::process::Stdio;

use serde_json::Value;
use stripe_sandbox::{RunningSandbox, SANDBOX_API_KEY, SandboxBuilder};

use crate::support::{Run, binary};

/// A plain HTTP client for the sandbox, sending form bodies exactly as given.
// A small copy of the conformance tests' client: the sandbox crate exports nothing for tests.
pub(crate) struct Api {
    http: reqwest::Client,
    base: String,
}

/// One response: status and JSON body (`Value::Null` when there was none).
pub(crate) struct Reply {
    pub status: u16,
    pub body: Value,
}

impl Api {
    pub fn new(sandbox: &RunningSandbox) -> Api {
        Api { http: reqwest::Client::new(), base: sandbox.base_url() }
    }

    async fn send(&self, method: reqwest::Method, path: &str, body: Option<&str>) -> Reply {
        let mut request = self.http.request(method, format!("{}{path}", self.base)).bearer_auth(SANDBOX_API_KEY);
        if let Some(body) = body {
            request = request.header("Content-Type", "application/x-www-form-urlencoded").body(body.to_string());
        }
        let response = request.send().await.expect("the sandbox answers");
        let status = response.status().as_u16();
        let bytes = response.bytes().await.expect("a complete body");
        let body = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).expect("a JSON body") };
        Reply { status, body }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(reqwest::Method::GET, path, None).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.send(reqwest::Method::DELETE, path, None).await
    }

    /// POST that must succeed; returns the object.
    pub async fn create(&self, path: &str, body: &str) -> Value {
        let reply = self.send(reqwest::Method::POST, path, Some(body)).await;
        assert_eq!(reply.status, 200, "POST {path} {body}: {}", reply.body);
        reply.body
    }
}

/// A sandbox with default settings.
pub(crate) async fn start() -> RunningSandbox {
    SandboxBuilder::new().start().await.expect("the sandbox starts")
}

/// A sandbox, its HTTP API, and a directory to run the binary in against it (what the import
/// and meter tests share; each adds the helpers it needs in its own `impl Account`).
pub(crate) struct Account {
    pub sandbox: RunningSandbox,
    pub api: Api,
    pub dir: tempfile::TempDir,
}

impl Account {
    pub async fn new() -> Account {
        let sandbox = start().await;
        let api = Api::new(&sandbox);
        Account { sandbox, api, dir: tempfile::tempdir().expect("tempdir") }
    }

    /// Runs the binary in the directory against the sandbox, without blocking the runtime
    /// the sandbox serves on.
    pub async fn run(&self, args: &[&str]) -> Run {
        let mut command = binary();
        command
            .current_dir(self.dir.path())
            .env("STRIPE_API_KEY", SANDBOX_API_KEY)
            .env("STRIPE_API_BASE", self.sandbox.base_url())
            .env("NO_COLOR", "1")
            .args(args)
            .stdin(Stdio::null());
        Run::off_runtime(command).await
    }
}
