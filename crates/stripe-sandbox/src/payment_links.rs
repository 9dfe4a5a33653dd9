//! Payment Links (stripe-api.md §10): create with up to 20 line items of active prices (one
//! currency, one billing interval), retrieve, update (`active`, `metadata`,
//! `allow_promotion_codes`, `after_completion`), list with the `active` filter, `line_items`.
//! No delete: `active=false` deactivates.

use serde_json::{Value, json};

use super::checkout_sessions::{
    build_line_items, check_minimum_charge, invoice_creation_off, items_page, line_item_list, single_currency,
};
use super::errors::ApiError;
use super::events;
use super::fields::{metadata_for_create, or_null, text, update_metadata, with_defaults};
use super::list::{bool_filter, page};
use super::pay;
use super::resources::{Ctx, Resource, Route};
use super::store::random_suffix;

pub(crate) const RESOURCE: Resource = Resource {
    object: "payment_link",
    includable: &["line_items"],
    expandable: &[],
    routes: &[
        Route { method: "POST", template: "/v1/payment_links", handler: create },
        Route { method: "GET", template: "/v1/payment_links", handler: list },
        Route { method: "GET", template: "/v1/payment_links/{payment_link}", handler: retrieve },
        Route { method: "POST", template: "/v1/payment_links/{payment_link}", handler: update },
        Route { method: "GET", template: "/v1/payment_links/{payment_link}/line_items", handler: line_items },
        Route { method: "POST", template: "/v1/test_helpers/payment_links/{payment_link}/pay", handler: pay::pay_link },
    ],
};

/// Where payment links are stored.
pub(crate) const COLLECTION: &str = "payment_links";

/// Where the sandbox's pretend payment pages live (see `checkout_sessions::CHECKOUT_URL_BASE`).
const LINK_URL_BASE: &str = "https://buy.sandbox.invalid/test_";

const MAX_ITEMS: usize = 20;

fn create(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let items = build_line_items(ctx, params)?;
    if items.is_empty() {
        return Err(ApiError::missing_parameter("line_items"));
    }
    if items.len() > MAX_ITEMS {
        return Err(ApiError::invalid(format!(
            "`line_items` can have at most {MAX_ITEMS} items (got {}).",
            items.len()
        ))
        .param("line_items"));
    }
    let recurring = items.iter().any(|item| !item["price"]["recurring"].is_null());
    let customer_chooses = items.iter().any(|item| !item["price"]["custom_unit_amount"].is_null());
    if customer_chooses && items.len() > 1 {
        return Err(ApiError::invalid(
            "A payment link with a customer-chooses-price line item can have only one line item.",
        )
        .param("line_items"));
    }
    let currency = single_currency(&items)?;
    let trial =
        params.pointer("/subscription_data/trial_period_days").and_then(Value::as_i64).is_some_and(|days| days > 0);
    check_minimum_charge(&items, &currency, trial)?;
    let id = format!("plink_{}", random_suffix(24));
    let link = json!({
        "id": id,
        "object": "payment_link",
        "active": true,
        "after_completion": after_completion(params.get("after_completion"))?,
        "allow_promotion_codes": params.get("allow_promotion_codes").and_then(Value::as_bool).unwrap_or(false),
        "currency": currency,
        // The sessions a link opens create a Customer only when needed unless told otherwise
        // (Stripe's `payment_link` example shows the default, `if_required`).
        "customer_creation": text(params, "customer_creation").unwrap_or("if_required"),
        "line_items": line_item_list(&id, items),
        "livemode": false,
        "metadata": metadata_for_create(params, "metadata")?,
        "url": format!("{LINK_URL_BASE}{}", random_suffix(14)),
    });
    let mut link = link;
    with_defaults(&mut link, link_defaults(params, recurring));
    ctx.data.insert(COLLECTION, &id, link.clone());
    ctx.changed = true;
    events::record(ctx, "payment_link.created", &link);
    Ok(link)
}

/// The fields of a `payment_link` in the emulated API version (Stripe's current example object,
/// async-stripe's `PaymentLink` for 2026-09-30.endive) the sandbox has no use for, as a link
/// without those features shows them; `submit_type` and `subscription_data` as given.
fn link_defaults(params: &Value, recurring: bool) -> Value {
    json!({
        "application": null,
        "application_fee_amount": null,
        "application_fee_percent": null,
        "automatic_tax": {"enabled": false, "liability": null},
        "billing_address_collection": text(params, "billing_address_collection").unwrap_or("auto"),
        "consent_collection": null,
        "custom_fields": [],
        "custom_text": {"after_submit": null, "shipping_address": null, "submit": null, "terms_of_service_acceptance": null},
        "inactive_message": or_null(params, "inactive_message"),
        "invoice_creation": if recurring { Value::Null } else { invoice_creation_off() },
        "managed_payments": null,
        "name_collection": null,
        "on_behalf_of": null,
        "optional_items": null,
        "payment_intent_data": null,
        "payment_method_collection": text(params, "payment_method_collection").unwrap_or("always"),
        "payment_method_options": null,
        "payment_method_types": null,
        "phone_number_collection": {"enabled": false},
        "restrictions": null,
        "shipping_address_collection": null,
        "shipping_options": [],
        "submit_type": text(params, "submit_type").unwrap_or("auto"),
        "subscription_data": if recurring {
            json!({
                "description": params.pointer("/subscription_data/description"),
                "invoice_settings": {"issuer": {"type": "self"}},
                "metadata": {},
                "trial_period_days": params.pointer("/subscription_data/trial_period_days"),
                "trial_settings": null,
            })
        } else {
            Value::Null
        },
        "tax_id_collection": {"enabled": false, "required": "never"},
        "transfer_data": null,
    })
}

/// `after_completion` with Stripe's default (the hosted confirmation page); a redirect needs a URL.
fn after_completion(given: Option<&Value>) -> Result<Value, ApiError> {
    let Some(given) = given else {
        return Ok(json!({"hosted_confirmation": {"custom_message": null}, "type": "hosted_confirmation"}));
    };
    match given.get("type").and_then(Value::as_str) {
        Some("redirect") => match given.pointer("/redirect/url").and_then(Value::as_str) {
            Some(url) => Ok(json!({"redirect": {"url": url}, "type": "redirect"})),
            None => Err(ApiError::missing_parameter("after_completion[redirect][url]")),
        },
        Some("hosted_confirmation") => Ok(json!({
            "hosted_confirmation": {"custom_message": given.pointer("/hosted_confirmation/custom_message")},
            "type": "hosted_confirmation",
        })),
        _ => Err(ApiError::missing_parameter("after_completion[type]")),
    }
}

fn retrieve(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    let id = ctx.id()?;
    ctx.data.get(COLLECTION, &id).cloned().ok_or_else(|| ApiError::no_such("payment_link", &id).param("payment_link"))
}

fn update(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let id = ctx.id()?;
    if params.get("line_items").is_some() {
        return Err(ApiError::invalid("The sandbox does not update a payment link's line items.").param("line_items"));
    }
    let after = params.get("after_completion").map(|given| after_completion(Some(given))).transpose()?;
    // Changes go to a copy first, so a refused metadata change leaves the link untouched.
    let Some(mut link) = ctx.data.get(COLLECTION, &id).cloned() else {
        return Err(ApiError::no_such("payment_link", &id).param("payment_link"));
    };
    if let Some(active) = params.get("active").and_then(Value::as_bool) {
        link["active"] = json!(active);
    }
    if let Some(creation) = text(params, "customer_creation") {
        link["customer_creation"] = json!(creation);
    }
    if let Some(allow) = params.get("allow_promotion_codes").and_then(Value::as_bool) {
        link["allow_promotion_codes"] = json!(allow);
    }
    if let Some(after) = after {
        link["after_completion"] = after;
    }
    update_metadata(&mut link, params)?;
    if let Some(stored) = ctx.data.get_mut(COLLECTION, &id) {
        *stored = link.clone();
    }
    let updated = link;
    ctx.changed = true;
    events::record(ctx, "payment_link.updated", &updated);
    Ok(updated)
}

fn list(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let active = bool_filter(params, "active");
    page(ctx.data, COLLECTION, "payment_link", ctx.path, params, |link| {
        active.is_none_or(|active| link["active"].as_bool() == Some(active))
    })
}

fn line_items(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let link = retrieve(ctx, params)?;
    items_page(&link["line_items"], ctx.path, params)
}
