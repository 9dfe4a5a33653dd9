//! `webhooks:` as written: the webhook endpoints Stripe should send events to.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{MetadataSchema, SpannedMap};

/// One webhook endpoint. Stripe returns its signing secret only when it is created: `apply`
/// writes it to the file `--webhook-secrets` names, never to its output.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WebhookFile {
    /// The catalog's name for the endpoint, unique among the webhooks: letters, digits, `_`
    /// and `-`, at most 40 characters. Kept in the endpoint's metadata, and names its secret
    /// in the secrets file (`STRIPE_WEBHOOK_SECRET_<KEY>`).
    #[schemars(with = "String", regex(pattern = r"^[A-Za-z0-9_-]{1,40}$"))]
    pub key: Spanned<String>,
    /// Where Stripe POSTs events: `https://…` (`http://localhost`, `127.0.0.1` or `[::1]` for
    /// local tests).
    #[schemars(with = "String", length(min = 1, max = 2048))]
    pub url: Spanned<String>,
    /// The event types to send (`checkout.session.completed`, …), or `*` for all.
    #[schemars(with = "Vec<String>", length(min = 1))]
    pub events: Spanned<Vec<Spanned<String>>>,
    /// What the endpoint is for (at most 5000 characters).
    #[serde(default)]
    #[schemars(with = "Option<String>", length(max = 5000))]
    pub description: Option<Spanned<String>>,
    /// `true` stops deliveries to the endpoint without deleting it. Default `false`.
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub disabled: Option<Spanned<bool>>,
    /// Your own key-value pairs (same limits as product metadata).
    #[serde(default)]
    #[schemars(with = "Option<MetadataSchema>")]
    pub metadata: Option<Spanned<SpannedMap<String>>>,
}
