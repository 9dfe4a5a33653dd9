//! Customers, as far as support needs them: create, retrieve, and list with the `email` filter
//! (an exact, case-sensitive match, as Stripe's is).

use serde_json::{Value, json};

use super::errors::ApiError;
use super::events;
use super::fields::{metadata_for_create, or_null, text, update_metadata};
use super::list::{page, string_filter};
use super::resources::{Ctx, Resource, Route};
use super::search;
use super::store::{new_id, random_suffix};
use super::{payment_methods, test_clocks};

pub(crate) const RESOURCE: Resource = Resource {
    object: "customer",
    includable: &[],
    expandable: &[],
    routes: &[
        Route { method: "POST", template: "/v1/customers", handler: create },
        Route { method: "GET", template: "/v1/customers", handler: list },
        Route { method: "GET", template: "/v1/customers/search", handler: search },
        Route { method: "GET", template: "/v1/customers/{customer}", handler: retrieve },
        Route { method: "POST", template: "/v1/customers/{customer}", handler: update },
    ],
};

/// Where customers are stored.
pub(crate) const COLLECTION: &str = "customers";

fn create(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let mut customer = new_customer(ctx.now, or_null(params, "email"));
    customer["description"] = or_null(params, "description");
    customer["metadata"] = metadata_for_create(params, "metadata")?;
    customer["name"] = or_null(params, "name");
    customer["phone"] = or_null(params, "phone");
    // "ID of the test clock to attach to the customer" (https://docs.stripe.com/api/customers/create):
    // its subscriptions then bill on the clock's time (see `test_clocks.rs`).
    if let Some(clock) = text(params, "test_clock") {
        if !ctx.data.contains(test_clocks::COLLECTION, clock) {
            return Err(ApiError::no_such_param("test_clock", clock, "test_clock"));
        }
        customer["test_clock"] = json!(clock);
        if let Some(frozen) =
            ctx.data.get(test_clocks::COLLECTION, clock).and_then(|clock| clock["frozen_time"].as_i64())
        {
            customer["created"] = json!(frozen);
        }
    }
    Ok(insert(ctx, customer))
}

/// `POST /v1/customers/{customer}`: contact fields, metadata and
/// `invoice_settings[default_payment_method]`, which must be attached to the customer first
/// (https://docs.stripe.com/api/customers/update). Records `customer.updated`.
fn update(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let (id, mut customer) = ctx.path_object(COLLECTION, "customer")?;
    if let Some(method) = params.pointer("/invoice_settings/default_payment_method") {
        match method.as_str() {
            Some(method) if !payment_methods::attached_to(ctx, method, &id) => {
                return Err(payment_methods::not_attached(method, "invoice_settings[default_payment_method]"));
            }
            _ => customer["invoice_settings"]["default_payment_method"] = method.clone(),
        }
    }
    for field in ["description", "email", "name", "phone"] {
        if params.get(field).is_some() {
            customer[field] = or_null(params, field);
        }
    }
    update_metadata(&mut customer, params)?;
    if let Some(stored) = ctx.data.get_mut(COLLECTION, &id) {
        *stored = customer.clone();
    }
    ctx.changed = true;
    events::record(ctx, "customer.updated", &customer);
    Ok(customer)
}

/// A customer with the fields of the emulated API version (Stripe's current example object,
/// async-stripe's `Customer` for 2026-09-30.endive; `cash_balance`, `sources`, `subscriptions`,
/// `tax`, `tax_ids` and `invoice_credit_balance` are includable and left out).
fn new_customer(now: i64, email: Value) -> Value {
    json!({
        "id": new_id("cus"),
        "object": "customer",
        "address": null,
        "balance": 0,
        "business_name": null,
        "created": now,
        "currency": null,
        "customer_account": null,
        "default_source": null,
        "delinquent": false,
        "description": null,
        "discount": null,
        "email": email,
        "individual_name": null,
        "invoice_prefix": random_suffix(8).to_ascii_uppercase(),
        "invoice_settings": {
            "custom_fields": null, "default_payment_method": null, "footer": null, "rendering_options": null,
        },
        "livemode": false,
        "metadata": {},
        "name": null,
        "next_invoice_sequence": 1,
        "phone": null,
        "preferred_locales": [],
        "shipping": null,
        "tax_exempt": "none",
        "test_clock": null,
    })
}

/// Stores a new customer and records `customer.created`.
fn insert(ctx: &mut Ctx<'_>, customer: Value) -> Value {
    let id = customer["id"].as_str().unwrap_or_default().to_string();
    ctx.data.insert(COLLECTION, &id, customer.clone());
    ctx.changed = true;
    events::record(ctx, "customer.created", &customer);
    customer
}

/// A customer created the way Checkout creates one: from the email the buyer typed.
pub(crate) fn create_for_checkout(ctx: &mut Ctx<'_>, email: &str) -> Value {
    let customer = new_customer(ctx.now, json!(email));
    insert(ctx, customer)
}

fn retrieve(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    let id = ctx.id()?;
    ctx.data.get(COLLECTION, &id).cloned().ok_or_else(|| ApiError::no_such("customer", &id).param("customer"))
}

fn list(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let email = string_filter(params, "email");
    page(ctx.data, COLLECTION, "customer", ctx.path, params, |customer| {
        email.is_none_or(|email| customer["email"].as_str() == Some(email))
    })
}

/// `GET /v1/customers/search` (see `search.rs`).
fn search(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    search::run(ctx, params, &search::CUSTOMERS)
}
