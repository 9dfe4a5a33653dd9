//! Products (stripe-api.md §1.1, §2.3, §2.4): create with a custom `id`, retrieve, update
//! (including `default_price`, which must be an active price of the product), list, and delete
//! only while the product has no prices at all (archived ones count).

use serde_json::{Value, json};

use super::errors::ApiError;
use super::fields::{metadata_for_create, or_null, text, update_metadata};
use super::list::{bool_filter, page, string_filter};
use super::resources::{Ctx, Resource, Route};
use super::search;
use super::store::new_id;
use super::{events, prices};

pub(crate) const RESOURCE: Resource = Resource {
    object: "product",
    includable: &[],
    expandable: &[("default_price", prices::COLLECTION)],
    routes: &[
        Route { method: "POST", template: "/v1/products", handler: create },
        Route { method: "GET", template: "/v1/products", handler: list },
        Route { method: "GET", template: "/v1/products/search", handler: search },
        Route { method: "GET", template: "/v1/products/{id}", handler: retrieve },
        Route { method: "POST", template: "/v1/products/{id}", handler: update },
        Route { method: "DELETE", template: "/v1/products/{id}", handler: delete },
    ],
};

/// Where products are stored.
pub(crate) const COLLECTION: &str = "products";

fn create(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let mut product = build(ctx, params, "")?;
    let id = product["id"].as_str().unwrap_or_default().to_string();
    let default_price = match params.get("default_price_data") {
        Some(data) => Some(prices::build(ctx, &id, data, "default_price_data")?),
        None => None,
    };
    if let Some(price) = default_price {
        product["default_price"] = price["id"].clone();
        ctx.data.insert(COLLECTION, &id, product.clone());
        events::record(ctx, "product.created", &product);
        prices::insert(ctx, price.clone());
        events::record(ctx, "price.created", &price);
    } else {
        ctx.data.insert(COLLECTION, &id, product.clone());
        events::record(ctx, "product.created", &product);
    }
    ctx.changed = true;
    Ok(product)
}

/// A new product object from create parameters (also used by `price.product_data`, whose
/// parameters are a subset). `prefix` names the parameters in errors (`product_data[...]`).
pub(crate) fn build(ctx: &Ctx<'_>, params: &Value, prefix: &str) -> Result<Value, ApiError> {
    let name = |field: &str| if prefix.is_empty() { field.to_string() } else { format!("{prefix}[{field}]") };
    let id = match text(params, "id") {
        Some(id) => {
            if ctx.data.contains(COLLECTION, id) {
                return Err(ApiError::invalid("Product already exists.")
                    .code("resource_already_exists")
                    .param(name("id")));
            }
            id.to_string()
        }
        None => new_id("prod"),
    };
    let mut product = json!({
        "id": id,
        "object": "product",
        "active": params.get("active").and_then(Value::as_bool).unwrap_or(true),
        "created": ctx.now,
        "default_price": null,
        "description": or_null(params, "description"),
        "images": [],
        "livemode": false,
        "marketing_features": [],
        "metadata": metadata_for_create(params, &name("metadata"))?,
        "name": or_null(params, "name"),
        "package_dimensions": or_null(params, "package_dimensions"),
        "shippable": or_null(params, "shippable"),
        "statement_descriptor": or_null(params, "statement_descriptor"),
        "tax_code": or_null(params, "tax_code"),
        "tax_details": null,
        "type": text(params, "type").unwrap_or("service"),
        "unit_label": or_null(params, "unit_label"),
        "updated": ctx.now,
        "url": or_null(params, "url"),
    });
    set_lists(&mut product, params)?;
    Ok(product)
}

/// `images` (≤ 8) and `marketing_features` / the older `features` (≤ 15).
fn set_lists(product: &mut Value, params: &Value) -> Result<(), ApiError> {
    if let Some(images) = params.get("images") {
        let images = if images.is_null() { json!([]) } else { images.clone() };
        if images.as_array().is_some_and(|images| images.len() > 8) {
            return Err(ApiError::invalid("You can only provide up to 8 images.").param("images"));
        }
        product["images"] = images;
    }
    let features = match (params.get("marketing_features"), params.get("features")) {
        (Some(_), Some(_)) => {
            return Err(ApiError::invalid(
                "You may only specify one of these parameters: features, marketing_features.",
            ));
        }
        (Some(features), None) => Some(("marketing_features", features)),
        (None, Some(features)) => Some(("features", features)),
        (None, None) => None,
    };
    if let Some((param, features)) = features {
        let features = if features.is_null() { json!([]) } else { features.clone() };
        if features.as_array().is_some_and(|features| features.len() > 15) {
            return Err(ApiError::invalid("You can only provide up to 15 marketing features.").param(param));
        }
        product["marketing_features"] = features;
    }
    Ok(())
}

fn retrieve(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    ctx.path_object(COLLECTION, "product").map(|(_, product)| product)
}

fn update(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let (id, mut product) = ctx.path_object(COLLECTION, "product")?;
    if let Some(default_price) = params.get("default_price") {
        if let Some(price_id) = default_price.as_str() {
            check_default_price(ctx, &id, price_id)?;
        }
        product["default_price"] = default_price.clone();
    }
    for field in ["active", "description", "name", "package_dimensions", "shippable", "statement_descriptor"]
        .into_iter()
        .chain(["tax_code", "unit_label", "url"])
    {
        if let Some(value) = params.get(field) {
            product[field] = value.clone();
        }
    }
    set_lists(&mut product, params)?;
    update_metadata(&mut product, params)?;
    product["updated"] = json!(ctx.now);
    if let Some(stored) = ctx.data.get_mut(COLLECTION, &id) {
        *stored = product.clone();
    }
    events::record(ctx, "product.updated", &product);
    ctx.changed = true;
    Ok(product)
}

/// `default_price` must name an active price of this very product (stripe-api.md §13.4).
fn check_default_price(ctx: &Ctx<'_>, product_id: &str, price_id: &str) -> Result<(), ApiError> {
    let price = ctx
        .data
        .get(prices::COLLECTION, price_id)
        .ok_or_else(|| ApiError::no_such_param("price", price_id, "default_price"))?;
    if price.get("product").and_then(Value::as_str) != Some(product_id) {
        return Err(ApiError::invalid(format!(
            "The price `{price_id}` belongs to a different product; a product's default price must be one of its own prices."
        ))
        .param("default_price"));
    }
    if price.get("active") != Some(&json!(true)) {
        return Err(ApiError::invalid("The price specified is inactive. This field only accepts active prices.")
            .param("default_price"));
    }
    Ok(())
}

fn list(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    let ids: Option<Vec<&str>> =
        params.get("ids").and_then(Value::as_array).map(|ids| ids.iter().filter_map(Value::as_str).collect());
    if ids.is_some() && (params.get("starting_after").is_some() || params.get("ending_before").is_some()) {
        return Err(ApiError::invalid("You cannot use `ids` with `starting_after` or `ending_before`.").param("ids"));
    }
    let active = bool_filter(params, "active");
    let shippable = bool_filter(params, "shippable");
    let url = string_filter(params, "url");
    let kind = string_filter(params, "type");
    page(ctx.data, COLLECTION, "product", ctx.path, params, |product| {
        active.is_none_or(|active| product["active"] == json!(active))
            && shippable.is_none_or(|shippable| product["shippable"] == json!(shippable))
            && url.is_none_or(|url| product["url"] == json!(url))
            && kind.is_none_or(|kind| product["type"] == json!(kind))
            && ids.as_ref().is_none_or(|ids| product["id"].as_str().is_some_and(|id| ids.contains(&id)))
    })
}

fn delete(ctx: &mut Ctx<'_>, _params: &Value) -> Result<Value, ApiError> {
    let id = ctx.id()?;
    if !ctx.data.contains(COLLECTION, &id) {
        return Err(ApiError::no_such("product", &id));
    }
    let has_prices = ctx.data.newest_first(prices::COLLECTION).any(|(_, price)| price["product"] == json!(id));
    if has_prices {
        return Err(ApiError::invalid(
            "This product cannot be deleted because it has one or more user-created prices.",
        ));
    }
    if let Some(product) = ctx.data.remove(COLLECTION, &id) {
        events::record(ctx, "product.deleted", &product);
    }
    ctx.changed = true;
    Ok(json!({"id": id, "object": "product", "deleted": true}))
}

/// `GET /v1/products/search` (see `search.rs`).
fn search(ctx: &mut Ctx<'_>, params: &Value) -> Result<Value, ApiError> {
    search::run(ctx, params, &search::PRODUCTS)
}
