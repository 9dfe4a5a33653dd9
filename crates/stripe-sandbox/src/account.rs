//! `GET /v1/account`: the account the request acts on (the platform account, or the connected
//! account named by `Stripe-Account`), with a stable ID per state.

use serde_json::{Value, json};

use super::errors::ApiError;
use super::resources::{Ctx, Resource, Route};

pub(crate) const RESOURCE: Resource = Resource {
    object: "account",
    includable: &[],
    expandable: &[],
    routes: &[Route { method: "GET", template: "/v1/account", handler: retrieve }],
};

fn retrieve(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    Ok(json!({
        "id": ctx.account_id,
        "object": "account",
        "business_profile": {"name": "stripe-catalog sandbox", "url": null, "support_email": null},
        "business_type": null,
        "capabilities": {"card_payments": "active", "transfers": "active"},
        "charges_enabled": true,
        "country": "US",
        "created": ctx.data.created,
        "default_currency": "usd",
        "details_submitted": true,
        "email": null,
        "metadata": {},
        "payouts_enabled": true,
        "settings": {"dashboard": {"display_name": "stripe-catalog sandbox", "timezone": "Etc/UTC"}},
        "type": "standard",
    }))
}
