//! Gateway errors: what failed, on which object, and Stripe's own words for it. Never
//! async-stripe's `Display` (it dumps nested objects, client secrets included), never the key.

use std::fmt;

use crate::error::Hints;

pub use super::transport::StripeApiError;
use super::transport::TransportError;

/// A failed gateway call.
#[derive(Debug)]
pub struct GatewayError {
    /// What was being done, e.g. `create price "pro_monthly"` or `list prices`.
    pub operation: String,
    pub kind: GatewayErrorKind,
}

/// Why it failed.
#[derive(Debug)]
pub enum GatewayErrorKind {
    /// Stripe answered with an error: its status, type, code, param, message and request id.
    Stripe(Box<StripeApiError>),
    /// No answer could be had: connection refused or dropped, timeouts; after `attempts` tries.
    Network { message: String, attempts: u32 },
    /// Stripe answered, but with something the tool cannot read or represent.
    Unexpected(String),
    /// The gateway could not be set up (bad header value, TLS, sandbox start).
    Setup(String),
}

impl GatewayError {
    pub(crate) fn new(operation: impl Into<String>, kind: GatewayErrorKind) -> GatewayError {
        GatewayError { operation: operation.into(), kind }
    }

    pub(crate) fn from_transport(operation: impl Into<String>, err: TransportError) -> GatewayError {
        let kind = match err {
            TransportError::Api(api) => GatewayErrorKind::Stripe(Box::new(api)),
            TransportError::Network { message, attempts } => GatewayErrorKind::Network { message, attempts },
            TransportError::Decode(message) => GatewayErrorKind::Unexpected(format!(
                "the response does not have the shape of Stripe API {} ({message})",
                stripe_client_core::VERSION.as_str()
            )),
            TransportError::ReadOnly { endpoint } => GatewayErrorKind::Unexpected(format!(
                "`{endpoint}` is a write, and this command was set up to only read, so it never passed the \
                 live-mode check (a bug in stripe-catalog: writing commands are declared in `settings.rs`)"
            )),
        };
        GatewayError::new(operation, kind)
    }

    /// Stripe's error details, when Stripe answered.
    #[must_use]
    pub fn api_error(&self) -> Option<&StripeApiError> {
        match &self.kind {
            GatewayErrorKind::Stripe(api) => Some(api),
            _ => None,
        }
    }

    /// The HTTP status Stripe answered with, if it answered.
    #[must_use]
    pub fn status(&self) -> Option<u16> {
        self.api_error().map(|api| api.status)
    }

    /// Stripe's error code (`resource_missing`, `lookup_key_…`), if any.
    #[must_use]
    pub fn code(&self) -> Option<&str> {
        self.api_error().and_then(|api| api.code.as_deref())
    }

    /// The lines under the headline: status, type, code, param, request id, retries.
    #[must_use]
    pub fn details(&self) -> Vec<String> {
        match &self.kind {
            GatewayErrorKind::Stripe(api) => {
                let mut kind = format!("HTTP {} {}", api.status, api.error_type);
                if let Some(code) = &api.code {
                    kind.push_str(&format!(" ({code})"));
                }
                let mut lines = vec![kind];
                if let Some(param) = &api.param {
                    lines.push(format!("param: {param}"));
                }
                if let Some(request_id) = &api.request_id {
                    lines.push(format!("request id: {request_id}"));
                }
                if api.attempts > 1 {
                    lines.push(format!("gave up after {} attempts", api.attempts));
                }
                if let Some(doc_url) = &api.doc_url {
                    lines.push(format!("see {doc_url}"));
                }
                lines
            }
            GatewayErrorKind::Network { attempts, .. } if *attempts > 1 => {
                vec![format!("gave up after {attempts} attempts")]
            }
            _ => Vec::new(),
        }
    }
}

impl Hints for GatewayError {
    /// What the user can do about it, where that is clear from the failure alone.
    fn hints(&self) -> Vec<String> {
        let hint = match &self.kind {
            GatewayErrorKind::Stripe(api) => match api.status {
                401 => {
                    "check the API key: it may be mistyped, revoked, or for another account (Stripe Dashboard > Developers > API keys)"
                }
                403 => {
                    "a restricted key (`rk_…`) needs write access to Products and Prices, and read access to what the command lists"
                }
                429 => "lower `--max-rps`, or raise `--max-retries` to wait longer",
                _ => return Vec::new(),
            },
            GatewayErrorKind::Network { .. } => {
                "check the network connection, any proxy (`HTTPS_PROXY`), and `--api-base` / `STRIPE_API_BASE`"
            }
            GatewayErrorKind::Unexpected(_) | GatewayErrorKind::Setup(_) => return Vec::new(),
        };
        vec![hint.to_string()]
    }
}

impl fmt::Display for GatewayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            GatewayErrorKind::Stripe(api) => {
                let message = api.message.as_deref().unwrap_or("no message");
                write!(f, "Stripe refused to {}: {message}", self.operation)?;
            }
            GatewayErrorKind::Network { message, .. } => write!(f, "could not {}: {message}", self.operation)?,
            GatewayErrorKind::Unexpected(message) => write!(f, "could not {}: {message}", self.operation)?,
            GatewayErrorKind::Setup(message) => write!(f, "could not connect to Stripe: {message}")?,
        }
        for line in self.details() {
            write!(f, "\n  {line}")?;
        }
        Ok(())
    }
}

impl std::error::Error for GatewayError {}
