//! The one module that talks to Stripe, and the only one that imports async-stripe.
//!
//! Everything else sees the project's own types: a normalised [`RemoteState`] to plan
//! against, and typed write results ([`Written`]) that carry Stripe's `Request-Id` for the
//! audit trail. Under it, [`transport`] is a pooled HTTP client implementing async-stripe's
//! `StripeClient` trait, with retries, a rate limiter and request counters.

mod checkout;
mod error;
mod events;
mod history;
mod impact;
mod limiter;
mod mapping;
mod meters;
mod payments;
mod sandbox_clock;
mod sandbox_trigger;
mod subscriptions;
mod transport;
mod webhooks;
mod wire;

use std::sync::Arc;

use futures_util::{TryFutureExt, TryStreamExt};
use serde::Deserialize;
use stripe_client_core::RequestBuilder;
use stripe_product::price::ListPrice;
use stripe_product::product::ListProduct;

pub use self::checkout::LOOKUP_KEYS_PER_REQUEST;
pub use self::error::{GatewayError, GatewayErrorKind, StripeApiError};
pub use self::impact::{SellingLink, SubscribedItem};
pub use self::limiter::{ENDPOINT_INTERVAL, WriteEndpoint};
pub use self::meters::NewMeter;
pub use self::payments::{CustomerLookup, SandboxPayment, SessionBy, SessionState};
pub use self::sandbox_clock::{BilledInvoice, SandboxClock};
pub use self::sandbox_trigger::{Triggered, TriggeredEvent};
pub use self::subscriptions::{MIGRATABLE_STATUSES, MovedItem};
pub use self::transport::RequestStats;
use self::transport::Transport;
use crate::objects::{
    Account, Mode, PricePatch, PriceSettings, PriceTerms, ProductFields, ProductPatch, RemotePrice, RemoteProduct,
    RemoteState, Unreadable,
};
use crate::secret::Secret;
use crate::settings::{STRIPE_API_BASE, StripeSettings, StripeTarget};

/// The API version sent on every request: the one async-stripe's types were generated for.
#[must_use]
pub fn stripe_version() -> &'static str {
    stripe_client_core::VERSION.as_str()
}

/// A handle on Stripe. Cheap to clone: clones share the connection pool, the rate limiter
/// and the request counters.
#[derive(Clone)]
pub struct Gateway {
    inner: Arc<GatewayInner>,
}

struct GatewayInner {
    transport: Transport,
    mode: Mode,
    api_base: String,
}

impl std::fmt::Debug for Gateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gateway")
            .field("api_base", &self.inner.api_base)
            .field("mode", &self.inner.mode)
            .finish_non_exhaustive()
    }
}

/// A write's result: the object as Stripe returned it, and Stripe's id for the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written<T> {
    pub object: T,
    /// Stripe's `Request-Id` header (`req_…`), for the audit trail.
    pub request_id: Option<String>,
    /// The answer was a replay of the idempotency key's first response (`Idempotent-Replayed:
    /// true`), so `object` shows the object as it was then, not as it is: callers verify it.
    pub replayed: bool,
}

/// A product to create. The gateway adds the managed marker to its metadata.
#[derive(Clone, Debug)]
pub struct NewProduct {
    pub id: String,
    pub fields: ProductFields,
}

/// A price to create, with `lookup_key` = `key`. The gateway adds the managed marker.
#[derive(Clone, Debug)]
pub struct NewPrice {
    /// The product id.
    pub product: String,
    /// The catalog key, sent as `lookup_key`.
    pub key: String,
    pub terms: PriceTerms,
    pub settings: PriceSettings,
    /// Take the lookup key over from the price that holds it (a replace).
    pub transfer_lookup_key: bool,
}

/// A gateway to the server `settings` names: Stripe, or anything speaking its API at the base
/// URL given (a mock, `sandbox serve`, the in-process sandbox a command started). Nothing is
/// sent until the first call.
///
/// # Errors
/// When the HTTP client cannot be set up (a key or account id HTTP refuses, TLS), or when
/// `settings` name an in-process sandbox: it has a URL only once started, which is the
/// command's job (`commands::connect`), not the gateway's.
pub fn connect(settings: &StripeSettings) -> Result<Gateway, GatewayError> {
    let StripeTarget::Remote { api_key, api_base, .. } = &settings.target else {
        let message = "the in-process sandbox is not running; start it and connect to its URL";
        return Err(GatewayError::new("connect", GatewayErrorKind::Setup(message.to_string())));
    };
    Gateway::new(settings, api_key, api_base)
}

impl Gateway {
    /// A gateway for `api_base` with `api_key`, with the retry and rate settings given.
    fn new(settings: &StripeSettings, api_key: &Secret, api_base: &str) -> Result<Gateway, GatewayError> {
        let transport = Transport::new(api_base, api_key, settings)
            .map_err(|message| GatewayError::new("connect", GatewayErrorKind::Setup(message)))?;
        Ok(Gateway {
            inner: Arc::new(GatewayInner {
                transport,
                mode: settings.mode(),
                api_base: api_base.trim_end_matches('/').to_string(),
            }),
        })
    }

    /// Test or live, from the key.
    #[must_use]
    pub fn mode(&self) -> Mode {
        self.inner.mode
    }

    /// The base URL requests go to (no trailing slash).
    #[must_use]
    pub fn api_base(&self) -> &str {
        &self.inner.api_base
    }

    /// Whether requests go to Stripe itself rather than a sandbox or another server.
    #[must_use]
    pub fn is_real_stripe(&self) -> bool {
        self.inner.api_base == STRIPE_API_BASE
    }

    /// Requests made so far (attempts, retries, per endpoint).
    #[must_use]
    pub fn stats(&self) -> RequestStats {
        self.inner.transport.stats()
    }

    /// Requests the client-side rate limiter has held back so far ([`RequestStats::throttled`]).
    #[must_use]
    pub fn throttled(&self) -> u64 {
        self.inner.transport.throttled()
    }

    /// The client-side rate limit, requests per second ([`crate::settings::UNLIMITED_RPS`]
    /// for none).
    #[must_use]
    pub fn max_rps(&self) -> u32 {
        self.inner.transport.max_rps()
    }

    /// Reserves the next slot of `endpoint` when a write to it would leave at once (the next
    /// write there uses it), or says how long until a slot comes, reserving nothing. For
    /// `apply`'s scheduler, which starts the write whose endpoint has a slot rather than hold
    /// a worker waiting on a busy one.
    ///
    /// # Errors
    /// The wait, when the endpoint's bucket or the global one has no slot now.
    pub fn try_reserve(&self, endpoint: WriteEndpoint) -> Result<(), std::time::Duration> {
        self.inner.transport.try_reserve(endpoint.name())
    }

    /// The account the key belongs to (`GET /v1/account`).
    ///
    /// # Errors
    /// When Stripe refuses (a bad key) or cannot be reached.
    pub async fn account(&self) -> Result<Account, GatewayError> {
        #[derive(Deserialize)]
        struct WireAccount {
            id: String,
            settings: Option<WireSettings>,
            business_profile: Option<WireProfile>,
        }
        #[derive(Deserialize)]
        struct WireSettings {
            dashboard: Option<WireDashboard>,
        }
        #[derive(Deserialize)]
        struct WireDashboard {
            display_name: Option<String>,
        }
        #[derive(Deserialize)]
        struct WireProfile {
            name: Option<String>,
        }
        // Read with serde: async-stripe's `Account` requires fields a restricted key may
        // not be allowed to see, and only the id and name matter here.
        let account: WireAccount = self.get_json("read the account", "/account", &Vec::new()).await?;
        let display_name = account
            .settings
            .and_then(|settings| settings.dashboard)
            .and_then(|dashboard| dashboard.display_name)
            .or_else(|| account.business_profile.and_then(|profile| profile.name))
            .filter(|name| !name.is_empty());
        Ok(Account { id: account.id, display_name })
    }

    /// All products and all prices, active and archived, with tiers and currency options, and
    /// all Billing Meters: products, active prices, archived prices and meters are listed
    /// concurrently in pages of 100, so the cost is the minimum number of list requests. Never
    /// the Search API (it lags).
    ///
    /// # Errors
    /// When a list request fails, or an object cannot be represented.
    pub async fn read_state(&self) -> Result<RemoteState, GatewayError> {
        let (state, unreadable) = self.read_state_tolerant().await?;
        if let Some(problem) = unreadable.meters {
            return Err(GatewayError::new("list meters", GatewayErrorKind::Unexpected(problem)));
        }
        match unreadable.prices.into_iter().next() {
            Some(price) => Err(GatewayError::new("read prices", GatewayErrorKind::Unexpected(price.problem))),
            None => Ok(state),
        }
    }

    /// Like [`Gateway::read_state`], but a price the project's types cannot represent is set
    /// aside and returned beside the state instead of failing the read (for `import`, which
    /// reports such prices and writes the rest), and so is a meter list the key may not read.
    ///
    /// # Errors
    /// When a list request fails (other than the meter list's permission refusal).
    pub async fn read_state_tolerant(&self) -> Result<(RemoteState, Unreadable), GatewayError> {
        self.read_lists(true).await
    }

    /// [`Gateway::read_state_tolerant`] without the archived prices: the products, the active
    /// prices and the meters, listed side by side in pages of 100. What `plan` reads first: the
    /// archived prices are the account's history, which grows with every replace and which
    /// the catalog mostly no longer names (issue #13); `plan` looks up the few it needs with
    /// [`Gateway::archived_prices_by_lookup_keys`] and [`Gateway::archived_prices_of`].
    ///
    /// # Errors
    /// When a list request fails (other than the meter list's permission refusal).
    pub async fn read_active_state(&self) -> Result<(RemoteState, Unreadable), GatewayError> {
        self.read_lists(false).await
    }

    async fn read_lists(&self, with_archived: bool) -> Result<(RemoteState, Unreadable), GatewayError> {
        let transport = &self.inner.transport;
        let expand = vec!["data.tiers".to_string(), "data.currency_options".to_string()];
        // `GET /v1/products` without `active` lists both; `GET /v1/prices` without it lists
        // only active prices (stripe-api.md §1.1), hence two price lists.
        let listed = |operation: &'static str| move |err| GatewayError::from_transport(operation, err);
        let products = ListProduct::new()
            .limit(100)
            .paginate()
            .stream(transport)
            .try_collect::<Vec<_>>()
            .map_err(listed("list products"));
        let active_prices = ListPrice::new()
            .active(true)
            .limit(100)
            .expand(expand.clone())
            .paginate()
            .stream(transport)
            .try_collect::<Vec<_>>()
            .map_err(listed("list active prices"));
        let archived_prices = async {
            if !with_archived {
                return Ok(Vec::new());
            }
            ListPrice::new()
                .active(false)
                .limit(100)
                .expand(expand)
                .paginate()
                .stream(transport)
                .try_collect::<Vec<_>>()
                .map_err(listed("list archived prices"))
                .await
        };
        // Without `status`, the meter list has active and inactive meters alike. A restricted
        // key made for Products and Prices before meters mattered may not list them (403): that
        // only matters to a catalog with meters, which `plan` decides, so it is set aside.
        let meters = async {
            match self.list_meters().await {
                Ok(meters) => Ok((meters, None)),
                Err(err) if err.status() == Some(403) => Ok((Vec::new(), Some(err.to_string()))),
                Err(err) => Err(err),
            }
        };
        // The first failure ends the read; the other lists are dropped mid-way.
        let (products, active_prices, archived_prices, (meters, meters_unreadable)) =
            tokio::try_join!(products, active_prices, archived_prices, meters)?;

        let products = products.iter().map(mapping::remote_product).collect();
        let (prices, unreadable) = history::sort_readable(active_prices.iter().chain(&archived_prices));
        Ok((RemoteState { products, prices, meters }, Unreadable { prices: unreadable, meters: meters_unreadable }))
    }

    /// Creates a product with the caller's id, marked as managed.
    ///
    /// # Errors
    /// Stripe's refusal (e.g. the id is taken) or a transport failure.
    pub async fn create_product(
        &self,
        new: &NewProduct,
        idempotency_key: &str,
    ) -> Result<Written<RemoteProduct>, GatewayError> {
        let operation = format!("create product `{}`", new.id);
        let request = mapping::create_product_request(new);
        self.write_product(&operation, request, idempotency_key).await
    }

    /// Changes a product as `patch` says and, with `default_price` (a price id), points its
    /// default price there.
    ///
    /// # Errors
    /// Stripe's refusal (e.g. a default price that is archived or another product's) or a
    /// transport failure.
    pub async fn update_product(
        &self,
        id: &str,
        patch: &ProductPatch,
        default_price: Option<&str>,
        idempotency_key: &str,
    ) -> Result<Written<RemoteProduct>, GatewayError> {
        let operation = format!("update product `{id}`");
        let request = mapping::update_product_request(id, patch, default_price);
        self.write_product(&operation, request, idempotency_key).await
    }

    /// Creates a price with `lookup_key` = `new.key`, marked as managed.
    ///
    /// # Errors
    /// Stripe's refusal (e.g. the lookup key is taken) or a transport failure.
    pub async fn create_price(
        &self,
        new: &NewPrice,
        idempotency_key: &str,
    ) -> Result<Written<RemotePrice>, GatewayError> {
        let operation = format!("create price `{}` of product `{}`", new.key, new.product);
        let request = mapping::create_price_request(new);
        self.write_price(&operation, request, idempotency_key).await
    }

    /// Changes what Stripe lets change on a price.
    ///
    /// # Errors
    /// Stripe's refusal (e.g. archiving a default price) or a transport failure.
    pub async fn update_price(
        &self,
        id: &str,
        patch: &PricePatch,
        idempotency_key: &str,
    ) -> Result<Written<RemotePrice>, GatewayError> {
        let operation = format!("update price `{id}`");
        let request = mapping::update_price_request(id, patch);
        self.write_price(&operation, request, idempotency_key).await
    }

    /// A revert: reactivates the archived price `id` with `patch` (which sets `active: true`)
    /// and moves the lookup key `key` to it from whichever price holds it
    /// (`transfer_lookup_key`, docs.stripe.com/api/prices/update).
    ///
    /// # Errors
    /// Stripe's refusal or a transport failure.
    pub async fn reactivate_price(
        &self,
        id: &str,
        key: &str,
        patch: &PricePatch,
        idempotency_key: &str,
    ) -> Result<Written<RemotePrice>, GatewayError> {
        let operation = format!("reactivate price `{id}` as `{key}`");
        let mut request = mapping::update_price_request(id, patch);
        mapping::append_form(&mut request, "lookup_key", key);
        mapping::append_form(&mut request, "transfer_lookup_key", "true");
        self.write_price(&operation, request, idempotency_key).await
    }

    async fn write_product(
        &self,
        operation: &str,
        request: RequestBuilder,
        idempotency_key: &str,
    ) -> Result<Written<RemoteProduct>, GatewayError> {
        let (product, reply) = self.write::<stripe_product::Product>(operation, request, idempotency_key).await?;
        Ok(Written {
            object: mapping::remote_product(&product),
            request_id: reply.request_id,
            replayed: reply.replayed,
        })
    }

    async fn write_price(
        &self,
        operation: &str,
        request: RequestBuilder,
        idempotency_key: &str,
    ) -> Result<Written<RemotePrice>, GatewayError> {
        let (price, reply) = self.write::<stripe_product::Price>(operation, request, idempotency_key).await?;
        let object = mapping::remote_price(&price)
            .map_err(|message| GatewayError::new(operation, GatewayErrorKind::Unexpected(message)))?;
        Ok(Written { object, request_id: reply.request_id, replayed: reply.replayed })
    }

    async fn write<T: miniserde::Deserialize>(
        &self,
        operation: &str,
        request: RequestBuilder,
        idempotency_key: &str,
    ) -> Result<(T, ReplyMeta), GatewayError> {
        let reply = self
            .inner
            .transport
            .send(request, Some(idempotency_key))
            .await
            .map_err(|err| GatewayError::from_transport(operation, err))?;
        let text = std::str::from_utf8(&reply.body).map_err(|_| {
            GatewayError::new(operation, GatewayErrorKind::Unexpected("the response is not UTF-8".into()))
        })?;
        let object: T = miniserde::json::from_str(text).map_err(|_| {
            GatewayError::new(
                operation,
                GatewayErrorKind::Unexpected(format!(
                    "the response does not have the shape of Stripe API {} (request id {})",
                    stripe_version(),
                    reply.request_id.as_deref().unwrap_or("unknown")
                )),
            )
        })?;
        Ok((object, ReplyMeta { request_id: reply.request_id, replayed: reply.replayed }))
    }
}

/// What a write's response says besides its body.
struct ReplyMeta {
    request_id: Option<String>,
    replayed: bool,
}
