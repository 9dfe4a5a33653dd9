//! Conformance tests of the sandbox over real HTTP: each test names the section of
//! `docs/stripe-api.md` (the shared Stripe semantics document) it follows.

mod billing;
mod catalog;
mod checkout_defaults;
mod deliveries;
mod faults;
mod meters;
mod payments;
mod protocol;
mod refusals;
mod reliability;
mod search;
mod trigger;
mod versions;
mod webhooks;

use reqwest::header::HeaderMap;
use serde_json::Value;
use stripe_sandbox::{RunningSandbox, SANDBOX_API_KEY, SandboxBuilder};

/// A plain HTTP client for the sandbox, sending form bodies exactly as given.
pub(crate) struct Api {
    http: reqwest::Client,
    base: String,
    key: String,
    account: Option<String>,
}

/// One response: status, headers, JSON body (`Value::Null` when there was none).
pub(crate) struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    /// A response header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// `error.code` of an error body.
    pub fn code(&self) -> &str {
        self.body.pointer("/error/code").and_then(Value::as_str).unwrap_or("")
    }

    /// `error.message` of an error body.
    pub fn message(&self) -> &str {
        self.body.pointer("/error/message").and_then(Value::as_str).unwrap_or("")
    }

    /// The IDs of a list body, in order.
    pub fn ids(&self) -> Vec<String> {
        self.body["data"]
            .as_array()
            .map(|items| items.iter().filter_map(|item| item["id"].as_str().map(str::to_string)).collect())
            .unwrap_or_default()
    }
}

impl Api {
    pub fn new(sandbox: &RunningSandbox) -> Api {
        Api { http: reqwest::Client::new(), base: sandbox.base_url(), key: SANDBOX_API_KEY.to_string(), account: None }
    }

    /// The same client acting on a connected account (`Stripe-Account`).
    pub fn on_account(&self, account: &str) -> Api {
        Api {
            account: Some(account.to_string()),
            http: self.http.clone(),
            base: self.base.clone(),
            key: self.key.clone(),
        }
    }

    /// The same client with another API key.
    pub fn with_key(&self, key: &str) -> Api {
        Api { key: key.to_string(), http: self.http.clone(), base: self.base.clone(), account: self.account.clone() }
    }

    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut request = self.http.request(method, format!("{}{path}", self.base)).bearer_auth(&self.key);
        if let Some(account) = &self.account {
            request = request.header("Stripe-Account", account);
        }
        request
    }

    pub async fn send(request: reqwest::RequestBuilder) -> Reply {
        let response = request.send().await.expect("the sandbox answers");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("a complete body");
        let body = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).expect("a JSON body") };
        Reply { status, headers, body }
    }

    pub async fn get(&self, path: &str) -> Reply {
        Api::send(self.request(reqwest::Method::GET, path)).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        Api::send(self.request(reqwest::Method::DELETE, path)).await
    }

    pub fn post_request(&self, path: &str, body: &str) -> reqwest::RequestBuilder {
        self.request(reqwest::Method::POST, path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body.to_string())
    }

    pub async fn post(&self, path: &str, body: &str) -> Reply {
        Api::send(self.post_request(path, body)).await
    }

    /// POST that must succeed; returns the object.
    pub async fn create(&self, path: &str, body: &str) -> Value {
        let reply = self.post(path, body).await;
        assert_eq!(reply.status, 200, "POST {path} {body}: {}", reply.body);
        reply.body
    }
}

/// A sandbox with default settings.
pub(crate) async fn start() -> RunningSandbox {
    SandboxBuilder::new().start().await.expect("the sandbox starts")
}

/// The `id` of an object as text.
pub(crate) fn id(object: &Value) -> String {
    object["id"].as_str().expect("an id").to_string()
}
