//! The sandbox as the CLI uses it: `sandbox serve` and `sandbox reset` run as the built binary,
//! and a plain HTTP client that other tests use to change the sandbox behind the tool's back.
//! The sandbox's own conformance tests live with it, in `crates/stripe-sandbox/tests`.

mod cli;

use serde_json::Value;
use stripe_sandbox::{RunningSandbox, SANDBOX_API_KEY, SandboxBuilder};

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
