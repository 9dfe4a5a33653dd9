//! Checks on `webhooks:`: keys, URLs Stripe would accept, and event names against Stripe's
//! list of event types, with suggestions for typos.

use std::collections::HashMap;

use serde_saphyr::{Location, Spanned};

use super::State;
use crate::catalog::model::WebhookFile;
use crate::webhooks::event_types::{self, ALL_EVENTS};
use crate::webhooks::{DesiredWebhook, WebhookFields, secret_variable};

/// The catalog's limit on a webhook key: it becomes an environment variable's name.
pub const MAX_WEBHOOK_KEY_CHARS: usize = 40;
/// Stripe's limit on an endpoint URL (docs.stripe.com/api/webhook_endpoints/create: `url`).
pub const MAX_WEBHOOK_URL_CHARS: usize = 2048;
/// Stripe allows at most 16 webhook endpoints per account (docs.stripe.com/webhooks: "You can
/// register up to 16 webhook endpoints on each Stripe account").
pub const MAX_WEBHOOKS: usize = 16;

impl State<'_, '_> {
    /// Checks every `webhooks:` entry.
    pub(super) fn webhooks(&mut self, entries: &[Spanned<WebhookFile>]) -> Vec<DesiredWebhook> {
        if let Some(extra) = entries.get(MAX_WEBHOOKS) {
            self.error(
                extra.referenced,
                &format!("webhooks[{MAX_WEBHOOKS}]"),
                format!(
                    "the catalog lists {} webhooks; Stripe allows at most {MAX_WEBHOOKS} endpoints per account",
                    entries.len()
                ),
                "send several event types to one endpoint instead".to_string(),
            );
        }
        // Keys and the variable names they become (`a-b` and `a_b` both become `…_A_B`).
        let mut variables: HashMap<String, (String, Location)> = HashMap::new();
        entries
            .iter()
            .enumerate()
            .map(|(index, entry)| {
                let path = format!("webhooks[{index}]");
                let raw = &entry.value;
                self.webhook_key(&raw.key, &format!("{path}.key"), &mut variables);
                let url = self.webhook_url(&raw.url, &format!("{path}.url"));
                let events = self.webhook_events(&raw.events, &format!("{path}.events"));
                let description = raw.description.as_ref().map(|text| {
                    self.not_empty(text, &format!("{path}.description"), "description");
                    self.max_chars(text, &format!("{path}.description"), super::MAX_TEXT_CHARS, "a description");
                    text.value.clone()
                });
                let metadata = self.metadata(raw.metadata.as_ref(), &format!("{path}.metadata"));
                DesiredWebhook {
                    key: raw.key.value.clone(),
                    fields: WebhookFields {
                        url,
                        events,
                        description,
                        disabled: raw.disabled.as_ref().is_some_and(|disabled| disabled.value),
                        metadata,
                    },
                }
            })
            .collect()
    }

    fn webhook_key(&mut self, key: &Spanned<String>, path: &str, seen: &mut HashMap<String, (String, Location)>) {
        let text = &key.value;
        if text.is_empty()
            || text.chars().count() > MAX_WEBHOOK_KEY_CHARS
            || !text.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-')
        {
            self.error(
                key.referenced,
                path,
                format!(
                    "webhook key `{text}` is not accepted: use letters, digits, `_` and `-`, at most {MAX_WEBHOOK_KEY_CHARS} characters"
                ),
                "the key names the endpoint's secret in the secrets file (`STRIPE_WEBHOOK_SECRET_<KEY>`), e.g. `fulfilment`".to_string(),
            );
            return;
        }
        let variable = secret_variable(text);
        match seen.get(&variable) {
            Some((first, at)) if first == text => self.error(
                key.referenced,
                path,
                format!("duplicate webhook key `{text}` (first used on line {})", at.line()),
                "each webhook is one endpoint, found again by its key; rename one of them".to_string(),
            ),
            Some((first, at)) => self.error(
                key.referenced,
                path,
                format!(
                    "webhook keys `{text}` and `{first}` (line {}) both name the secret `{variable}`",
                    at.line()
                ),
                "the secrets file names each endpoint's secret by its key in upper case with `-` as `_`; rename one of them".to_string(),
            ),
            None => {
                seen.insert(variable, (text.clone(), key.referenced));
            }
        }
    }

    /// Stripe delivers to public `https` URLs; the sandbox (and a local test) takes `http` on
    /// a loopback host, so the catalog does too.
    fn webhook_url(&mut self, url: &Spanned<String>, path: &str) -> String {
        let text = url.value.trim();
        self.max_chars(url, path, MAX_WEBHOOK_URL_CHARS, "a webhook URL");
        let (shown_text, userinfo) = without_userinfo(text);
        let invalid = text.chars().find(|c| !c.is_whitespace() && !is_url_char(*c));
        let parsed = reqwest::Url::parse(text);
        let problem = if userinfo {
            Some("it holds a user name or password (never put credentials in a webhook URL: Stripe signs each delivery, check the signature instead)".to_string())
        } else if let Some(invalid) = invalid {
            Some(format!("`{invalid}` cannot appear in a URL (percent-encode it, e.g. `%7C` for `|`)"))
        } else if let Err(err) = &parsed {
            Some(format!("it is not a valid URL ({err})"))
        } else if let Some(rest) = text.strip_prefix("https://") {
            host_of(rest).is_empty().then(|| "it has no host".to_string())
        } else if let Some(rest) = text.strip_prefix("http://") {
            let host = host_of(rest);
            (!is_loopback(host))
                .then(|| format!("`http://` is only for local tests (`localhost`, `127.0.0.1`, `[::1]`), not `{host}`"))
        } else {
            Some("it is not an `https://` URL".to_string())
        };
        if text.contains(char::is_whitespace) {
            self.error(
                url.referenced,
                path,
                format!("webhook URL `{shown_text}` contains spaces"),
                "write the URL without spaces".to_string(),
            );
        } else if let Some(problem) = problem {
            self.error(
                url.referenced,
                path,
                format!("webhook URL `{shown_text}` is not accepted: {problem}"),
                "Stripe sends events to `https://` URLs, e.g. `https://api.example.com/webhook/stripe`; for a local handler use `http://localhost:PORT/…` with the sandbox".to_string(),
            );
        }
        text.to_string()
    }

    fn webhook_events(&mut self, events: &Spanned<Vec<Spanned<String>>>, path: &str) -> Vec<String> {
        if events.value.is_empty() {
            self.error(
                events.referenced,
                path,
                "the webhook enables no events",
                "list the event types the handler needs, e.g. `[checkout.session.completed]`, or `[\"*\"]` for all"
                    .to_string(),
            );
        }
        let mut names: Vec<String> = Vec::new();
        for (index, event) in events.value.iter().enumerate() {
            let name = event.value.trim();
            let item = format!("{path}[{index}]");
            if !event_types::is_known(name) {
                let close = event_types::closest(name);
                let hint = if close.is_empty() {
                    "see Stripe's list of event types (docs.stripe.com/api/events/types), or use `*` for all"
                        .to_string()
                } else {
                    format!(
                        "did you mean {}?",
                        close.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(" or ")
                    )
                };
                self.error(event.referenced, &item, format!("`{name}` is not a Stripe event type"), hint);
            } else if names.iter().any(|known| known == name) {
                self.checker.warn(event.referenced, &item, format!("event `{name}` is listed twice"), None);
            }
            names.push(name.to_string());
        }
        if names.len() > 1 && names.iter().any(|name| name == ALL_EVENTS) {
            self.error(
                events.referenced,
                path,
                "`*` enables every event, so it stands alone",
                "write `events: [\"*\"]`, or list the event types without `*`".to_string(),
            );
        }
        names.sort();
        names.dedup();
        names
    }
}

/// `host[:port]` of the part after `scheme://`.
fn host_of(rest: &str) -> &str {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit('@').next().unwrap_or_default();
    if authority.starts_with('[') {
        return authority.split_inclusive(']').next().unwrap_or_default();
    }
    authority.split(':').next().unwrap_or_default()
}

fn is_loopback(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "[::1]")
}

/// Characters a URL may hold as written (RFC 3986: unreserved, reserved, and `%` of an escape).
fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

/// `text` with any `user:password@` of its authority replaced by `…@`, and whether it had one:
/// a password in a catalog must not reach a terminal or a CI log through the error about it.
fn without_userinfo(text: &str) -> (String, bool) {
    let Some((scheme, rest)) = text.split_once("://") else { return (text.to_string(), false) };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => (format!("{scheme}://…{}", &rest[at..]), true),
        None => (text.to_string(), false),
    }
}
