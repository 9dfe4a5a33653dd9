//! Webhook endpoints (issue 12): where the sandbox delivers its events, signed
//! (`deliveries.rs`). Create, retrieve, list, update and delete, with the fields of Stripe's
//! object (https://docs.stripe.com/api/webhook_endpoints/object).
//!
//! The signing `secret` is answered by create only: "The endpoint's secret, used to generate
//! webhook signatures. Only returned at creation." (the `secret` attribute on that page). The
//! sandbox keeps it beside the object and leaves it out of every other answer.
//!
//! `enabled_events` is checked against the spec's enum (`*` included) by `spec.rs`. A URL must
//! be `https`, or `http` on a loopback host, so a local receiver can be tested without TLS.

use serde_json::{Value, json};

use super::errors::ApiError;
use super::fields::{metadata_for_create, or_null, text, update_metadata};
use super::list::page;
use super::resources::{Ctx, Resource, Route};
use super::store::{new_id, random_suffix};

pub(crate) const RESOURCE: Resource = Resource {
    object: "webhook_endpoint",
    includable: &[],
    expandable: &[],
    routes: &[
        Route { method: "POST", template: "/v1/webhook_endpoints", handler: create },
        Route { method: "GET", template: "/v1/webhook_endpoints", handler: list },
        Route { method: "GET", template: "/v1/webhook_endpoints/{webhook_endpoint}", handler: retrieve },
        Route { method: "POST", template: "/v1/webhook_endpoints/{webhook_endpoint}", handler: update },
        Route { method: "DELETE", template: "/v1/webhook_endpoints/{webhook_endpoint}", handler: delete },
    ],
};

/// Where endpoints are stored (with their `secret`).
pub(crate) const COLLECTION: &str = "webhook_endpoints";

fn create(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let url = text(params, "url").unwrap_or_default();
    check_url(url)?;
    let events = enabled_events(params)?;
    let endpoint = json!({
        "id": new_id("we"),
        "object": "webhook_endpoint",
        // Events are rendered in the one version the sandbox emulates, whatever is asked for;
        // `null` means "the account's default", which is that version too.
        "api_version": params.get("api_version").cloned().unwrap_or(Value::Null),
        "application": null,
        "created": ctx.now,
        "description": or_null(params, "description"),
        "enabled_events": events,
        "livemode": false,
        "metadata": metadata_for_create(params, "metadata")?,
        "secret": format!("whsec_{}", random_suffix(32)),
        "status": "enabled",
        "url": url,
    });
    let id = endpoint["id"].as_str().unwrap_or_default().to_string();
    ctx.data.insert(COLLECTION, &id, endpoint.clone());
    ctx.changed = true;
    Ok(endpoint)
}

fn retrieve(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    let (_, endpoint) = ctx.path_object(COLLECTION, "webhook endpoint")?;
    Ok(shown(endpoint))
}

fn list(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let mut list = page(ctx.data, COLLECTION, "webhook endpoint", ctx.path, params, |_| true)?;
    if let Some(items) = list["data"].as_array_mut() {
        for item in items {
            *item = shown(item.take());
        }
    }
    Ok(list)
}

/// `url`, `enabled_events`, `description`, `metadata` and `disabled`
/// (https://docs.stripe.com/api/webhook_endpoints/update).
fn update(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let (id, mut endpoint) = ctx.path_object(COLLECTION, "webhook endpoint")?;
    if let Some(url) = text(params, "url") {
        check_url(url)?;
        endpoint["url"] = json!(url);
    }
    if params.get("enabled_events").is_some() {
        endpoint["enabled_events"] = enabled_events(params)?;
    }
    if params.get("description").is_some() {
        endpoint["description"] = or_null(params, "description");
    }
    if let Some(disabled) = params.get("disabled").and_then(Value::as_bool) {
        endpoint["status"] = json!(if disabled { "disabled" } else { "enabled" });
    }
    update_metadata(&mut endpoint, params)?;
    if let Some(stored) = ctx.data.get_mut(COLLECTION, &id) {
        *stored = endpoint.clone();
    }
    ctx.changed = true;
    Ok(shown(endpoint))
}

fn delete(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    let id = ctx.id()?;
    if ctx.data.remove(COLLECTION, &id).is_none() {
        return Err(ApiError::no_such("webhook endpoint", &id));
    }
    ctx.changed = true;
    Ok(json!({"id": id, "object": "webhook_endpoint", "deleted": true}))
}

/// The endpoint as every answer but create's shows it: without its `secret`.
fn shown(mut endpoint: Value) -> Value {
    if let Some(fields) = endpoint.as_object_mut() {
        fields.shift_remove("secret");
    }
    endpoint
}

/// `enabled_events`, already checked against the spec's enum: at least one, and `*` alone
/// when given (it already means every event).
fn enabled_events(params: &Value) -> Result<Value, ApiError> {
    let events: Vec<&str> = params
        .get("enabled_events")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    if events.is_empty() {
        return Err(ApiError::invalid("You must specify at least one event to enable.").param("enabled_events"));
    }
    let mut unique: Vec<&str> = Vec::with_capacity(events.len());
    for event in events {
        if !unique.contains(&event) {
            unique.push(event);
        }
    }
    Ok(json!(unique))
}

/// `https://…`, or `http://` on localhost, 127.0.0.0/8 or `[::1]`.
fn check_url(url: &str) -> Result<(), ApiError> {
    let invalid = || {
        ApiError::invalid(format!(
            "Invalid URL: {url}. A webhook endpoint's URL must be https, or http on a loopback host (localhost, \
             127.0.0.1, [::1]) for local testing."
        ))
        .param("url")
        .code("url_invalid")
    };
    let (scheme, rest) = url.split_once("://").ok_or_else(invalid)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host_of(authority);
    if host.is_empty() || host.contains(char::is_whitespace) {
        return Err(invalid());
    }
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(()),
        "http" if is_loopback(host) => Ok(()),
        _ => Err(invalid()),
    }
}

/// The host of `user@host:port` (brackets kept for IPv6).
pub(crate) fn host_of(authority: &str) -> &str {
    let without_user = authority.rsplit('@').next().unwrap_or(authority);
    if without_user.starts_with('[') {
        return without_user.split_inclusive(']').next().unwrap_or(without_user);
    }
    without_user.split(':').next().unwrap_or(without_user)
}

/// Whether a URL host is this machine: `localhost`, `127.x.x.x` or `[::1]`.
pub(crate) fn is_loopback(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    host == "localhost"
        || host == "[::1]"
        || host.parse::<std::net::Ipv4Addr>().is_ok_and(|address| address.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::{check_url, host_of};

    #[test]
    fn urls_are_https_or_loopback_http() {
        for good in [
            "https://api.example.com/webhook/stripe",
            "http://localhost:4242/webhook",
            "http://127.0.0.1/x",
            "http://[::1]:8080/",
            "HTTPS://example.com",
        ] {
            assert!(check_url(good).is_ok(), "{good}");
        }
        for bad in ["http://api.example.com/webhook", "ftp://localhost/", "localhost:4242", "https://", "https:// x/"] {
            let error = check_url(bad).unwrap_err();
            assert_eq!(error.param.as_deref(), Some("url"), "{bad}");
        }
        assert_eq!(host_of("user:pw@[::1]:80"), "[::1]");
    }
}
