//! Stripe-shaped errors: `{"error": {type, code, message, param, doc_url, request_log_url}}` with
//! the HTTP status Stripe uses for each case (stripe-api.md §5).

use axum::http::StatusCode;
use serde_json::{Map, Value, json};

use super::faults::Limited;

/// One error response, before the request id is known.
#[derive(Clone, Debug)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) kind: &'static str,
    pub(crate) code: Option<&'static str>,
    pub(crate) message: String,
    pub(crate) param: Option<String>,
    /// Extra response headers (`Stripe-Should-Retry`, `Stripe-Rate-Limited-Reason`).
    pub(crate) headers: Vec<(&'static str, &'static str)>,
}

impl ApiError {
    /// A 400 `invalid_request_error` without a code.
    pub(crate) fn invalid(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            kind: "invalid_request_error",
            code: None,
            message: message.into(),
            param: None,
            headers: Vec::new(),
        }
    }

    /// `Received unknown parameter: name`.
    pub(crate) fn unknown_parameter(name: &str) -> ApiError {
        ApiError::invalid(format!("Received unknown parameter: {name}")).code("parameter_unknown").param(name)
    }

    /// `Missing required param: name.`
    pub(crate) fn missing_parameter(name: &str) -> ApiError {
        ApiError::invalid(format!("Missing required param: {name}.")).code("parameter_missing").param(name)
    }

    /// `No such product: 'prod_x'` as a 404, for an ID in the URL path.
    pub(crate) fn no_such(resource: &str, id: &str) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            ..ApiError::invalid(format!("No such {resource}: '{id}'")).code("resource_missing").param("id")
        }
    }

    /// `No such product: 'prod_x'` as a 400, for an ID given in a parameter.
    pub(crate) fn no_such_param(resource: &str, id: &str, param: &str) -> ApiError {
        ApiError::invalid(format!("No such {resource}: '{id}'")).code("resource_missing").param(param)
    }

    /// A 401 (missing, malformed or refused API key).
    pub(crate) fn unauthorized(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::UNAUTHORIZED, ..ApiError::invalid(message) }
    }

    /// A 429 `rate_limit`, naming the limit in `Stripe-Rate-Limited-Reason`.
    pub(crate) fn rate_limited(limited: Limited) -> ApiError {
        ApiError {
            status: StatusCode::TOO_MANY_REQUESTS,
            headers: vec![("stripe-rate-limited-reason", limited.reason())],
            ..ApiError::invalid(
                "Testmode request rate limit exceeded, the rate limits in testmode are lower than livemode. \
                 You can learn more about rate limits here https://stripe.com/docs/rate-limits.",
            )
            .code("rate_limit")
        }
    }

    /// A 429 `lock_timeout`.
    pub(crate) fn lock_timeout() -> ApiError {
        ApiError {
            status: StatusCode::TOO_MANY_REQUESTS,
            headers: vec![("stripe-should-retry", "true")],
            ..ApiError::invalid(
                "This object cannot be accessed right now because another API request or Stripe process is \
                 currently accessing it. If you see this error intermittently, retry the request. If you see \
                 this error frequently and are making multiple concurrent requests to a single object, make your \
                 requests serially or at a lower rate. See https://stripe.com/docs/rate-limits for more details.",
            )
            .code("lock_timeout")
        }
    }

    /// A 500 `api_error` that Stripe marks as safe to retry.
    pub(crate) fn server_error() -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            kind: "api_error",
            headers: vec![("stripe-should-retry", "true")],
            ..ApiError::invalid("An unknown error occurred while processing your request (sandbox fault injection).")
        }
    }

    /// Sets the `code`.
    pub(crate) fn code(mut self, code: &'static str) -> ApiError {
        self.code = Some(code);
        self
    }

    /// Sets the `param`.
    pub(crate) fn param(mut self, param: impl Into<String>) -> ApiError {
        self.param = Some(param.into());
        self
    }

    /// Sets the HTTP status.
    pub(crate) fn status(mut self, status: StatusCode) -> ApiError {
        self.status = status;
        self
    }

    /// The JSON body Stripe sends.
    pub(crate) fn body(&self, request_id: &str) -> Value {
        let mut error = Map::new();
        if let Some(code) = self.code {
            error.insert("code".into(), json!(code));
            error.insert(
                "doc_url".into(),
                json!(format!("https://stripe.com/docs/error-codes/{}", code.replace('_', "-"))),
            );
        }
        error.insert("message".into(), json!(self.message));
        if let Some(param) = &self.param {
            error.insert("param".into(), json!(param));
        }
        error.insert("request_log_url".into(), json!(format!("https://dashboard.stripe.com/test/logs/{request_id}")));
        error.insert("type".into(), json!(self.kind));
        json!({ "error": error })
    }
}
