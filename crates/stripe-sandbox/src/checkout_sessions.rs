//! Checkout Sessions (stripe-api.md §9): create with Stripe's mode rules (a recurring price needs
//! `subscription`, `subscription` needs a recurring price), its line-item limits (100 in
//! `payment` mode, 20 recurring + 20 one-time in `subscription` mode), active prices only, and
//! `expires_at` 30 minutes to 24 hours ahead; retrieve; list (by `payment_intent`, `customer`,
//! `payment_link`); `expire` while open; `line_items`. `url` exists only while the session is
//! open; `success_url` is stored as given, `{CHECKOUT_SESSION_ID}` included.

use serde_json::{Value, json};

use super::errors::ApiError;
use super::events;
use super::expand::SANDBOX_FIELD;
use super::fields::{self, metadata_for_create, or_null, text, with_defaults};
use super::list::{page, string_filter};
use super::resources::{Ctx, Resource, Route};
use super::store::{new_id, random_suffix};
use super::{currencies, customers, pay, payment_intents, prices, tiers};

pub(crate) const RESOURCE: Resource = Resource {
    object: "checkout.session",
    includable: &["line_items"],
    expandable: &[("customer", customers::COLLECTION), ("payment_intent", payment_intents::COLLECTION)],
    routes: &[
        Route { method: "POST", template: "/v1/checkout/sessions", handler: create },
        Route { method: "GET", template: "/v1/checkout/sessions", handler: list },
        Route { method: "GET", template: "/v1/checkout/sessions/{session}", handler: retrieve },
        Route { method: "POST", template: "/v1/checkout/sessions/{session}/expire", handler: expire },
        Route { method: "GET", template: "/v1/checkout/sessions/{session}/line_items", handler: line_items },
        Route { method: "POST", template: "/v1/test_helpers/checkout/sessions/{session}/pay", handler: pay::pay },
    ],
};

/// A line item (`"object": "item"`) of a session or link. It has no route of its own; it is
/// listed so `expand[]` reaches through it to its price's product
/// (`line_items.data.price.product`, `data.price.product` on `…/line_items`).
pub(crate) const LINE_ITEM: Resource =
    Resource { object: "item", includable: &[], expandable: &[("price", prices::COLLECTION)], routes: &[] };

/// Where sessions are stored.
pub(crate) const COLLECTION: &str = "checkout_sessions";

/// Where the sandbox's pretend checkout pages live: `.invalid` never resolves, so nobody mistakes
/// a sandbox URL for a real Stripe page. `sandbox pay` accepts these URLs.
pub(crate) const CHECKOUT_URL_BASE: &str = "https://checkout.sandbox.invalid/c/pay/";

const MAX_PAYMENT_ITEMS: usize = 100;
const MAX_SUBSCRIPTION_ITEMS_PER_KIND: usize = 20;
const MIN_EXPIRY_SECONDS: i64 = 30 * 60;
const MAX_EXPIRY_SECONDS: i64 = 24 * 60 * 60;

fn create(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let mode = text(params, "mode").ok_or_else(|| ApiError::missing_parameter("mode"))?;
    if mode == "setup" {
        return Err(ApiError::invalid("The sandbox does not serve `setup` mode sessions.").param("mode"));
    }
    // "`customer_creation` can only be used in `payment` mode." (Stripe's answer, quoted in many
    // public fixes; in subscription mode Checkout always creates the Customer). `submit_type` is
    // accepted in both modes: the current API reference says it "can only be specified on
    // Checkout Sessions in `payment` or `subscription` mode" (2023's spec still said payment only).
    if mode == "subscription" && params.get("customer_creation").is_some() {
        return Err(
            ApiError::invalid("`customer_creation` can only be used in `payment` mode.").param("customer_creation")
        );
    }
    let items = build_line_items(ctx, params)?;
    if items.is_empty() {
        return Err(ApiError::invalid(format!("`line_items` is required in `{mode}` mode.")).param("line_items"));
    }
    let recurring = items.iter().filter(|item| !item["price"]["recurring"].is_null()).count();
    let one_time = items.len() - recurring;
    match mode {
        "payment" if recurring > 0 => {
            return Err(ApiError::invalid(
                "You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode \
                 or use only one-time prices.",
            )
            .param("mode"));
        }
        "payment" if items.len() > MAX_PAYMENT_ITEMS => {
            return Err(ApiError::invalid(format!(
                "`line_items` can have at most {MAX_PAYMENT_ITEMS} items in `payment` mode (got {}).",
                items.len()
            ))
            .param("line_items"));
        }
        "subscription" if recurring == 0 => {
            return Err(ApiError::invalid(
                "You must provide at least one recurring price in `subscription` mode when using prices.",
            )
            .param("mode"));
        }
        "subscription" if recurring > MAX_SUBSCRIPTION_ITEMS_PER_KIND || one_time > MAX_SUBSCRIPTION_ITEMS_PER_KIND => {
            return Err(ApiError::invalid(format!(
                "In `subscription` mode, `line_items` can have at most {MAX_SUBSCRIPTION_ITEMS_PER_KIND} recurring \
                 and {MAX_SUBSCRIPTION_ITEMS_PER_KIND} one-time items (got {recurring} and {one_time})."
            ))
            .param("line_items"));
        }
        _ => {}
    }
    let currency = single_currency(&items)?;
    check_maximum_charge(&items, &currency)?;
    let trial_days = params.pointer("/subscription_data/trial_period_days").and_then(Value::as_i64);
    check_minimum_charge(&items, &currency, trial_days.is_some_and(|days| days > 0))?;
    let expires_at = match params.get("expires_at").and_then(Value::as_i64) {
        None => ctx.now + MAX_EXPIRY_SECONDS,
        Some(at) if (ctx.now + MIN_EXPIRY_SECONDS..=ctx.now + MAX_EXPIRY_SECONDS).contains(&at) => at,
        Some(_) => {
            return Err(ApiError::invalid(
                "The `expires_at` timestamp must be at least 30 minutes and at most 24 hours after the Checkout \
                 Session is created.",
            )
            .param("expires_at"));
        }
    };
    let customer = text(params, "customer");
    if let Some(id) = customer
        && !ctx.data.contains(customers::COLLECTION, id)
    {
        return Err(ApiError::no_such_param("customer", id, "customer"));
    }
    if customer.is_some() && params.get("customer_email").is_some() {
        return Err(ApiError::invalid("You may only specify one of these parameters: customer, customer_email."));
    }
    if mode == "payment" && params.get("subscription_data").is_some() {
        return Err(ApiError::invalid("`subscription_data` can only be used in `subscription` mode.")
            .param("subscription_data"));
    }
    if mode == "subscription" && params.get("payment_intent_data").is_some() {
        return Err(
            ApiError::invalid("`payment_intent_data` can only be used in `payment` mode.").param("payment_intent_data")
        );
    }
    // Guest checkout: since API 2022-08-01 a payment-mode session without `customer_creation`
    // creates a Customer only when it must (`if_required`,
    // https://docs.stripe.com/payments/checkout/guest-customers); the object shows the value
    // given, null otherwise (as in Stripe's own completed sessions). `pay.rs` applies it.
    let customer_creation = or_null(params, "customer_creation");
    let amount_subtotal: i64 = items.iter().map(|item| item["amount_total"].as_i64().unwrap_or(0)).sum();
    let id = format!("cs_test_{}", random_suffix(58));
    let session = json!({
        "id": id,
        "object": "checkout.session",
        "allow_promotion_codes": params.get("allow_promotion_codes").and_then(Value::as_bool),
        "amount_subtotal": amount_subtotal,
        "amount_total": amount_subtotal,
        "cancel_url": or_null(params, "cancel_url"),
        "client_reference_id": or_null(params, "client_reference_id"),
        "created": ctx.now,
        "currency": currency,
        "customer": customer,
        "customer_creation": customer_creation,
        "customer_details": null,
        "customer_email": or_null(params, "customer_email"),
        "expires_at": expires_at,
        "line_items": line_item_list(&id, items),
        "livemode": false,
        "metadata": metadata_for_create(params, "metadata")?,
        "mode": mode,
        "payment_intent": null,
        "payment_link": or_null(params, "payment_link"),
        "payment_status": "unpaid",
        // What paying needs from the request but Stripe's object does not show (see
        // `expand::SANDBOX_FIELD`).
        SANDBOX_FIELD: {
            "payment_intent_data": or_null(params, "payment_intent_data"),
            "subscription_data": if mode == "subscription" {
                json!({"description": params.pointer("/subscription_data/description"), "trial_period_days": trial_days})
            } else {
                Value::Null
            },
        },
        "status": "open",
        "subscription": null,
        "submit_type": or_null(params, "submit_type"),
        "success_url": or_null(params, "success_url"),
        "ui_mode": text(params, "ui_mode").unwrap_or("hosted_page"),
        "url": format!("{CHECKOUT_URL_BASE}{id}"),
    });
    let mut session = session;
    with_defaults(&mut session, session_defaults(mode, params));
    ctx.data.insert(COLLECTION, &id, session.clone());
    ctx.changed = true;
    Ok(session)
}

/// The fields of a `checkout.session` in the emulated API version (Stripe's current example
/// object and async-stripe's `CheckoutSession` for 2026-09-30.endive) that the sandbox has no use
/// for: empty, off or null, as a hosted session without those features shows them.
fn session_defaults(mode: &str, params: &Value) -> Value {
    let mut defaults = json!({
        "adaptive_pricing": {"enabled": false},
        "after_expiration": null,
        "allowed_payment_method_types": null,
        "automatic_tax": {"enabled": false, "liability": null, "provider": null, "status": null},
        "billing_address_collection": or_null(params, "billing_address_collection"),
        "branding_settings": null,
        "client_secret": null,
        "collected_information": null,
        "consent": null,
        "consent_collection": null,
        "currency_conversion": null,
        "custom_fields": [],
        "custom_text": {"after_submit": null, "shipping_address": null, "submit": null, "terms_of_service_acceptance": null},
        "customer_account": null,
        "discounts": [],
        "excluded_payment_method_types": null,
        "integration_identifier": null,
        "invoice": null,
        "invoice_creation": if mode == "payment" { invoice_creation_off() } else { Value::Null },
        "locale": or_null(params, "locale"),
    });
    // Two halves: one `json!` this large exceeds the macro's recursion limit.
    with_defaults(
        &mut defaults,
        json!({
            "managed_payments": null,
            "name_collection": null,
            "optional_items": null,
            "origin_context": null,
            "payment_method_collection": text(params, "payment_method_collection").unwrap_or("always"),
            "payment_method_configuration_details": null,
            "payment_method_options": {},
            "payment_method_types": ["card"],
            "permissions": null,
            "phone_number_collection": {"enabled": false},
            "presentment_details": null,
            "recovered_from": null,
            "redirect_on_completion": null,
            "return_url": null,
            "saved_payment_method_options": null,
            "setup_intent": null,
            "shipping_address_collection": null,
            "shipping_cost": null,
            "shipping_options": [],
            "tax_id_collection": {"enabled": false, "required": "never"},
            "total_details": {"amount_discount": 0, "amount_shipping": 0, "amount_tax": 0},
            "wallet_options": null,
        }),
    );
    defaults
}

/// `invoice_creation` when no invoice is made after the payment.
pub(crate) fn invoice_creation_off() -> Value {
    json!({
        "enabled": false,
        "invoice_data": {
            "account_tax_ids": null, "custom_fields": null, "description": null, "footer": null,
            "issuer": null, "metadata": {}, "rendering_options": null,
        },
    })
}

/// Opens a session the way a visit to a payment link does: the link's line items and currency,
/// the mode they imply, `payment_link` set, and the link's redirect as the success URL.
pub(crate) fn open_for_link(ctx: &mut Ctx<'_>, link: &Value, email: &str) -> Result<Value, ApiError> {
    let items = link["line_items"]["data"].as_array().cloned().unwrap_or_default();
    let recurring = items.iter().any(|item| !item["price"]["recurring"].is_null());
    let line_items: Vec<Value> =
        items.iter().map(|item| json!({"price": item["price"]["id"], "quantity": item["quantity"]})).collect();
    let mut params = json!({
        "mode": if recurring { "subscription" } else { "payment" },
        "line_items": line_items,
        "customer_email": email,
        "payment_link": link["id"],
        "success_url": link.pointer("/after_completion/redirect/url"),
    });
    if !recurring && let Some(creation) = link["customer_creation"].as_str() {
        params["customer_creation"] = json!(creation);
    }
    if let Some(currency) = link["currency"].as_str() {
        params["currency"] = json!(currency);
    }
    if let Some(days) = link.pointer("/subscription_data/trial_period_days").filter(|days| days.is_i64()) {
        params["subscription_data"] = json!({"trial_period_days": days});
    }
    create(ctx, &params)
}

/// Line item objects for `line_items[]` of a session or link create, each holding its price.
/// Only active prices are accepted (stripe-api.md §5). With `currency`, each price is charged in
/// that currency: its own, or one of its `currency_options` ("Must be a supported currency and
/// supported by each line item's price", the `currency` parameter in Stripe's spec).
pub(crate) fn build_line_items(ctx: &Ctx<'_>, params: &Value) -> Result<Vec<Value>, ApiError> {
    let param = "line_items";
    let currency = text(params, "currency").map(|code| fields::currency(code, "currency")).transpose()?;
    let given = params.get(param).and_then(Value::as_array).cloned().unwrap_or_default();
    let mut items = Vec::with_capacity(given.len());
    for (index, item) in given.iter().enumerate() {
        let price_param = format!("{param}[{index}][price]");
        let Some(price_id) = text(item, "price") else {
            return Err(if item.get("price_data").is_some() {
                ApiError::invalid("The sandbox does not serve inline `price_data`; create a price first.")
                    .param(format!("{param}[{index}][price_data]"))
            } else {
                ApiError::missing_parameter(&price_param)
            });
        };
        let Some(price) = ctx.data.get(prices::COLLECTION, price_id) else {
            return Err(ApiError::no_such_param("price", price_id, &price_param));
        };
        if price["active"] != json!(true) {
            return Err(ApiError::invalid("The price specified is inactive. This field only accepts active prices.")
                .param(price_param));
        }
        // An active price of an archived product cannot be sold either; Stripe's answer, as
        // captured in public logs: "Price `price_…` is not available to be purchased because its
        // product is not active." (param `line_items[0][price]`).
        let product = price["product"].as_str().and_then(|product| ctx.data.get(super::products::COLLECTION, product));
        if product.is_some_and(|product| product["active"] == json!(false)) {
            return Err(ApiError::invalid(format!(
                "Price `{price_id}` is not available to be purchased because its product is not active."
            ))
            .param(price_param));
        }
        let metered = price.pointer("/recurring/usage_type").and_then(Value::as_str) == Some("metered");
        let quantity = item.get("quantity").and_then(Value::as_i64);
        if metered && quantity.is_some() {
            return Err(ApiError::invalid("Quantity should not be specified where usage_type is `metered`.")
                .param(format!("{param}[{index}][quantity]")));
        }
        let quantity = if metered { None } else { Some(quantity.unwrap_or(1)) };
        if quantity.is_some_and(|quantity| quantity < 1) {
            return Err(ApiError::invalid("This value must be greater than or equal to 1.")
                .param(format!("{param}[{index}][quantity]")));
        }
        if let Some(adjustable) = item.get("adjustable_quantity") {
            check_adjustable(adjustable, quantity.unwrap_or(1), &format!("{param}[{index}][adjustable_quantity]"))?;
        }
        let (charged, item_currency) = match currency {
            Some(code) => (in_currency(price, code, price_id)?, json!(code)),
            None => (price.clone(), price["currency"].clone()),
        };
        let amount = match quantity {
            None => 0,
            Some(quantity) => match line_amount(&charged, quantity) {
                Some(amount) if amount <= currencies::maximum_charge(item_currency.as_str().unwrap_or_default()) => {
                    amount
                }
                _ => {
                    return Err(currencies::amount_too_large(
                        item_currency.as_str().unwrap_or_default(),
                        &format!("{param}[{index}][quantity]"),
                    ));
                }
            },
        };
        let mut price = price.clone();
        if let Some(fields) = price.as_object_mut() {
            fields.remove("currency_options");
            fields.remove("tiers");
        }
        let description = price["product"]
            .as_str()
            .and_then(|product| ctx.data.get(super::products::COLLECTION, product))
            .and_then(|product| product["name"].as_str())
            .map(str::to_string);
        items.push(json!({
            "id": new_id("li"),
            "object": "item",
            "adjustable_quantity": or_null(item, "adjustable_quantity"),
            "metadata": or_null(item, "metadata"),
            "amount_discount": 0,
            "amount_subtotal": amount,
            "amount_tax": 0,
            "amount_total": amount,
            "currency": item_currency,
            "description": description,
            "price": price,
            "quantity": quantity,
        }));
    }
    Ok(items)
}

/// `price` with the amounts of its `currency_options[code]` (the price's own currency is one of
/// them), or a refusal when it has none in that currency.
fn in_currency(price: &Value, code: &str, price_id: &str) -> Result<Value, ApiError> {
    let Some(option) = price.get("currency_options").and_then(|options| options.get(code)) else {
        return Err(ApiError::invalid(format!(
            "The price `{price_id}` cannot be charged in `{code}`: it is in `{}` and has no currency option for `{code}`.",
            price["currency"].as_str().unwrap_or_default()
        ))
        .param("currency"));
    };
    let mut charged = price.clone();
    for field in ["unit_amount", "unit_amount_decimal", "custom_unit_amount", "tiers"] {
        charged[field] = option.get(field).cloned().unwrap_or(Value::Null);
    }
    charged["currency"] = json!(code);
    Ok(charged)
}

/// What `quantity` of `price` costs: per unit (after `transform_quantity`) or by its tiers.
/// Metered and customer-chooses prices cost 0 up front. `None` when the amount does not fit
/// in an i64 (never saturated: the caller refuses it as `amount_too_large`).
pub(crate) fn line_amount(price: &Value, quantity: i64) -> Option<i64> {
    let quantity = u64::try_from(quantity).unwrap_or(0);
    if price["billing_scheme"] == json!("tiered") {
        let (mode, tiers) = tiers::of_price(price);
        return tiers::amount(mode, &tiers, quantity);
    }
    let divide_by = price.pointer("/transform_quantity/divide_by").and_then(Value::as_u64).unwrap_or(1).max(1);
    let units = if price.pointer("/transform_quantity/round").and_then(Value::as_str) == Some("up") {
        quantity.div_ceil(divide_by)
    } else {
        quantity / divide_by
    };
    // `unit_amount_decimal` may be a fraction of a minor unit: `tiers.rs` rounds the line.
    tiers::per_unit_amount(price, units)
}

/// Refuses a total above the currency's [`currencies::maximum_charge`] (each line was checked
/// as it was built), as Stripe answers with `amount_too_large`.
pub(crate) fn check_maximum_charge(items: &[Value], currency: &Value) -> Result<(), ApiError> {
    let Some(code) = currency.as_str() else { return Ok(()) };
    let total = items.iter().map(|item| item["amount_total"].as_i64().unwrap_or(0)).try_fold(0_i64, i64::checked_add);
    match total {
        Some(total) if total <= currencies::maximum_charge(code) => Ok(()),
        _ => Err(currencies::amount_too_large(code, "line_items")),
    }
}

fn check_adjustable(adjustable: &Value, quantity: i64, param: &str) -> Result<(), ApiError> {
    if adjustable.get("enabled").and_then(Value::as_bool) != Some(true) {
        return Ok(());
    }
    let minimum = adjustable.get("minimum").and_then(Value::as_i64).unwrap_or(0);
    let maximum = adjustable.get("maximum").and_then(Value::as_i64).unwrap_or(99);
    if minimum < 0 || maximum > 999_999 || minimum > maximum {
        return Err(ApiError::invalid("`adjustable_quantity` needs 0 <= minimum <= maximum <= 999999.").param(param));
    }
    if !(minimum..=maximum).contains(&quantity) {
        return Err(ApiError::invalid(format!(
            "The quantity ({quantity}) must be between the adjustable quantity's minimum ({minimum}) and maximum \
             ({maximum})."
        ))
        .param(param));
    }
    Ok(())
}

/// The one currency of the items (the sandbox does not convert between currencies).
pub(crate) fn single_currency(items: &[Value]) -> Result<Value, ApiError> {
    let currency = items.first().map(|item| item["currency"].clone()).unwrap_or(Value::Null);
    if items.iter().any(|item| item["currency"] != currency) {
        return Err(
            ApiError::invalid("All prices on a Checkout Session must use the same currency.").param("line_items")
        );
    }
    let intervals: Vec<(&Value, &Value)> = items
        .iter()
        .filter(|item| !item["price"]["recurring"].is_null())
        .map(|item| (&item["price"]["recurring"]["interval"], &item["price"]["recurring"]["interval_count"]))
        .collect();
    if intervals.windows(2).any(|pair| pair[0] != pair[1]) {
        return Err(ApiError::invalid("Checkout does not support multiple prices with different billing intervals.")
            .param("line_items"));
    }
    Ok(currency)
}

/// Refuses a total due now below the currency's minimum charge, in Stripe's words: "The
/// Checkout Session's total amount due must add up to at least $0.50 usd" (the same message
/// answers a payment link's create). Stripe's currencies page: "Subscription charges support
/// zero-amount charges … any non-zero amount is still subject to the applicable minimum", so a
/// total of 0 (a free trial, metered items) passes; so do customer-chooses prices, whose amount
/// the customer enters on the page.
pub(crate) fn check_minimum_charge(items: &[Value], currency: &Value, trial: bool) -> Result<(), ApiError> {
    let Some(code) = currency.as_str() else { return Ok(()) };
    let Some(minimum) = currencies::minimum_charge(code) else { return Ok(()) };
    if trial || items.iter().any(|item| !item["price"]["custom_unit_amount"].is_null()) {
        return Ok(());
    }
    let total = items.iter().map(|item| item["amount_total"].as_i64().unwrap_or(0)).fold(0_i64, i64::saturating_add);
    if total > 0 && total < minimum {
        return Err(ApiError::invalid(format!(
            "The Checkout Session's total amount due must add up to at least {}",
            currencies::display_amount(code, minimum)
        )));
    }
    Ok(())
}

/// The `line_items` list as stored on a session or link (includable, so shown only on expand).
pub(crate) fn line_item_list(owner: &str, items: Vec<Value>) -> Value {
    let url = if owner.starts_with("plink_") {
        format!("/v1/payment_links/{owner}/line_items")
    } else {
        format!("/v1/checkout/sessions/{owner}/line_items")
    };
    json!({"object": "list", "data": items, "has_more": false, "url": url})
}

fn retrieve(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    let id = ctx.id()?;
    let session = current(ctx, &id)?;
    Ok(session)
}

/// The session with its expiry applied: an open session past `expires_at` is `expired`.
pub(crate) fn current(ctx: &mut Ctx<'_>, id: &str) -> Result<Value, ApiError> {
    let Some(session) = ctx.data.get_mut(COLLECTION, id) else {
        return Err(ApiError::no_such("checkout.session", id).param("session"));
    };
    let lapsed = session["status"] == json!("open") && session["expires_at"].as_i64().is_some_and(|at| at <= ctx.now);
    if lapsed {
        session["status"] = json!("expired");
        session["url"] = Value::Null;
        let expired = session.clone();
        ctx.changed = true;
        events::record(ctx, "checkout.session.expired", &expired);
        return Ok(expired);
    }
    Ok(session.clone())
}

fn list(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let payment_intent = string_filter(params, "payment_intent");
    let customer = string_filter(params, "customer");
    let payment_link = string_filter(params, "payment_link");
    let email = params.pointer("/customer_details/email").and_then(Value::as_str);
    let mut listed = page(ctx.data, COLLECTION, "checkout.session", ctx.path, params, |session| {
        payment_intent.is_none_or(|id| session["payment_intent"].as_str() == Some(id))
            && customer.is_none_or(|id| session["customer"].as_str() == Some(id))
            && payment_link.is_none_or(|id| session["payment_link"].as_str() == Some(id))
            && email
                .is_none_or(|email| session.pointer("/customer_details/email").and_then(Value::as_str) == Some(email))
    })?;
    // A list shows lapsed sessions as expired too, as retrieving one does.
    for session in listed["data"].as_array_mut().into_iter().flatten() {
        if session["status"] == json!("open") && session["expires_at"].as_i64().is_some_and(|at| at <= ctx.now) {
            session["status"] = json!("expired");
            session["url"] = Value::Null;
        }
    }
    Ok(listed)
}

fn expire(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    let id = ctx.id()?;
    let session = current(ctx, &id)?;
    if session["status"] != json!("open") {
        return Err(ApiError::invalid(format!(
            "Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has a status \
             of \"{}\".",
            session["status"].as_str().unwrap_or("unknown")
        )));
    }
    let Some(stored) = ctx.data.get_mut(COLLECTION, &id) else {
        return Err(ApiError::no_such("checkout.session", &id));
    };
    stored["status"] = json!("expired");
    stored["url"] = Value::Null;
    let expired = stored.clone();
    ctx.changed = true;
    events::record(ctx, "checkout.session.expired", &expired);
    Ok(expired)
}

fn line_items(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let id = ctx.id()?;
    let session = current(ctx, &id)?;
    items_page(&session["line_items"], ctx.path, params)
}

/// One page of a stored line item list (`limit` and `starting_after` over the stored order).
pub(crate) fn items_page(stored: &Value, url: &str, params: &Value) -> Result<Value, ApiError> {
    let items = stored["data"].as_array().cloned().unwrap_or_default();
    let limit = usize::try_from(params.get("limit").and_then(Value::as_i64).unwrap_or(10).clamp(1, 100)).unwrap_or(10);
    let start = match string_filter(params, "starting_after") {
        Some(after) => match items.iter().position(|item| item["id"].as_str() == Some(after)) {
            Some(position) => position + 1,
            None => return Err(ApiError::no_such_param("item", after, "starting_after")),
        },
        None => 0,
    };
    let rest = items.get(start..).unwrap_or_default();
    let has_more = rest.len() > limit;
    let data: Vec<Value> = rest.iter().take(limit).cloned().collect();
    Ok(json!({"object": "list", "data": data, "has_more": has_more, "url": url}))
}
