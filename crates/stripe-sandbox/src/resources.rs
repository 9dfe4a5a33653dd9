//! The table of what the sandbox serves. Each resource lives in its own file and describes
//! itself with a [`Resource`]: its object name, where its objects are stored, which fields are
//! includable or expandable, and its routes. Adding a resource = one new file + one line in
//! [`RESOURCES`] (+ its operations in the trimmed spec).

use serde_json::Value;

use super::deliveries::Recorded;
use super::errors::ApiError;
use super::search::SearchLag;
use super::store::AccountData;
use super::{
    account, checkout_sessions, customers, events, invoices, meters, payment_intents, payment_links, payment_methods,
    prices, products, subscriptions, test_clocks, trigger, webhook_endpoints,
};

/// Every resource the sandbox serves.
pub(crate) const RESOURCES: &[&Resource] = &[
    &account::RESOURCE,
    &products::RESOURCE,
    &prices::RESOURCE,
    &checkout_sessions::RESOURCE,
    &checkout_sessions::LINE_ITEM,
    &payment_links::RESOURCE,
    &payment_intents::RESOURCE,
    &customers::RESOURCE,
    &events::RESOURCE,
    &meters::RESOURCE,
    &payment_methods::RESOURCE,
    &subscriptions::RESOURCE,
    &subscriptions::ITEM,
    &invoices::RESOURCE,
    &test_clocks::RESOURCE,
    &test_clocks::SANDBOX_CLOCK,
    &webhook_endpoints::RESOURCE,
    &trigger::RESOURCE,
];

/// One kind of Stripe object and its endpoints.
pub(crate) struct Resource {
    /// The `object` field of its JSON (`"price"`, `"checkout.session"`).
    pub(crate) object: &'static str,
    /// Fields present only when expanded (stripe-api.md §4).
    pub(crate) includable: &'static [&'static str],
    /// Fields holding an ID that `expand[]` turns into an object: (field, collection).
    pub(crate) expandable: &'static [(&'static str, &'static str)],
    pub(crate) routes: &'static [Route],
}

/// One endpoint. `template` is the path as the OpenAPI spec writes it (`/v1/prices/{price}`),
/// which also names the endpoint in the request log.
pub(crate) struct Route {
    pub(crate) method: &'static str,
    pub(crate) template: &'static str,
    pub(crate) handler: Handler,
}

/// A request handler: runs under the store lock, with typed parameters.
pub(crate) type Handler = fn(&mut Ctx<'_>, &Value) -> Result<Value, ApiError>;

/// What a handler works with.
pub(crate) struct Ctx<'a> {
    /// The account's objects.
    pub(crate) data: &'a mut AccountData,
    /// The account ID (platform or `Stripe-Account`).
    pub(crate) account_id: &'a str,
    /// The ID from the path (`{id}`, `{price}`), when the template has one.
    pub(crate) path_id: Option<String>,
    /// The request path (for list `url`s).
    pub(crate) path: &'a str,
    /// The request time, Unix seconds.
    pub(crate) now: i64,
    /// When events happen: the sandbox's time, also while billing runs on a test clock's (which
    /// changes `now`), so the events of a clock set in the past are not out of retention.
    pub(crate) event_time: i64,
    /// Set by handlers that changed state, so it gets persisted.
    pub(crate) changed: bool,
    /// How far search trails writes (`SandboxBuilder::search_lag`).
    pub(crate) search_lag: &'a SearchLag,
    /// The events this request recorded, delivered once it is committed.
    pub(crate) recorded: Vec<Recorded>,
}

impl Ctx<'_> {
    /// The path ID, or a 404 when the route was misdeclared.
    pub(crate) fn id(&self) -> Result<String, ApiError> {
        self.path_id.clone().ok_or_else(|| ApiError::invalid("This route takes an ID in its path"))
    }

    /// The path ID and a copy of the object it names in `collection`, or Stripe's 404
    /// (`No such price: 'price_x'`, `resource` being the name in that message).
    pub(crate) fn path_object(&self, collection: &str, resource: &str) -> Result<(String, Value), ApiError> {
        let id = self.id()?;
        let object = self.data.get(collection, &id).cloned().ok_or_else(|| ApiError::no_such(resource, &id))?;
        Ok((id, object))
    }
}

/// Finds the route for `method path`, returning it and the path's ID segment.
pub(crate) fn find(method: &str, path: &str) -> Option<(&'static Route, Option<String>)> {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    for resource in RESOURCES {
        for route in resource.routes {
            if route.method != method {
                continue;
            }
            let template: Vec<&str> = route.template.split('/').collect();
            if template.len() != segments.len() {
                continue;
            }
            let mut id = None;
            let matched = template.iter().zip(&segments).all(|(expected, actual)| {
                if expected.starts_with('{') {
                    id = Some(percent_decode(actual));
                    // `GET /v1/<resource>/search` is Stripe's search endpoint of that resource,
                    // never a retrieve of an object called "search": a resource without search
                    // answers "Unrecognized request URL", not "No such price: 'search'".
                    let search = method == "GET" && *actual == "search";
                    !actual.is_empty() && !search
                } else {
                    expected == actual
                }
            });
            if matched {
                return Some((route, id));
            }
        }
    }
    None
}

/// Decodes `%XX` escapes in a path segment (`+` stays a plus, as in any URL path), so custom
/// IDs with spaces or other reserved characters can be addressed.
fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes
            .get(index + 1..index + 3)
            .filter(|hex| hex.iter().all(u8::is_ascii_hexdigit))
            .and_then(|hex| std::str::from_utf8(hex).ok());
        match (bytes[index], hex.and_then(|hex| u8::from_str_radix(hex, 16).ok())) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                index += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// The endpoint a request goes to, as Stripe's rate limits count them: `POST /v1/prices`,
/// `GET /v1/prices/{price}` (one name for every ID). Unknown URLs share one name.
pub(crate) fn endpoint_name(method: &str, path: &str) -> String {
    match find(method, path) {
        Some((route, _)) => format!("{method} {}", route.template),
        None => format!("{method} (unrecognized)"),
    }
}

/// The object type a route's resource answers with (`"price"` for `POST /v1/prices`).
pub(crate) fn object_of(route: &Route) -> Option<&'static str> {
    RESOURCES
        .iter()
        .find(|resource| resource.routes.iter().any(|own| own.method == route.method && own.template == route.template))
        .map(|resource| resource.object)
}

/// The template of any route matching `path` under any method (for the request log and 405s).
pub(crate) fn template_for(path: &str) -> Option<&'static str> {
    ["GET", "POST", "DELETE"].iter().find_map(|method| find(method, path).map(|(route, _)| route.template))
}

#[cfg(test)]
mod tests {
    use super::{RESOURCES, find};
    use crate::spec::has_operation;

    #[test]
    fn every_route_has_a_spec_operation() {
        for resource in RESOURCES {
            for route in resource.routes {
                assert!(has_operation(route.method, route.template), "{} {}", route.method, route.template);
            }
        }
    }

    #[test]
    fn finds_routes_with_ids() {
        let (route, id) = find("GET", "/v1/prices/price_1").unwrap();
        assert_eq!((route.template, id.as_deref()), ("/v1/prices/{price}", Some("price_1")));
        assert!(find("DELETE", "/v1/prices/price_1").is_none());
        let (_, id) = find("GET", "/v1/products/a%20b%2Fc+d%zz%+1%").unwrap();
        assert_eq!(id.as_deref(), Some("a b/c+d%zz%+1%"));
    }
}
