//! The archived prices `plan` reads on purpose, instead of the account's whole history: those
//! holding a catalog key that no active price holds (a catalog price archived in the
//! Dashboard, to reactivate), and those of a product whose plan replaces a price (one with the
//! same terms may be reused instead of creating another). Every replace leaves an archived
//! price behind, so listing them all made each plan cost more than the last (issue #13).

use futures_util::{StreamExt, TryStreamExt, stream};
use stripe_product::price::ListPrice;

use super::{Gateway, GatewayError, LOOKUP_KEYS_PER_REQUEST, mapping};
use crate::objects::{RemotePrice, UnreadablePrice};

/// Lookups or product lists read side by side at most: they share the `GET /v1/prices` rate
/// limit, so more would only wait for it.
const CONCURRENT_LISTS: usize = 4;

impl Gateway {
    /// The archived prices holding any of `keys`: `GET /v1/prices?active=false&lookup_keys[]=…`
    /// with 10 keys per request (what Stripe takes; stripe-api.md §2.2), a few side by side,
    /// each key held by one price at most. A price the project's types cannot represent is
    /// set aside beside them.
    ///
    /// # Errors
    /// When a request fails.
    pub async fn archived_prices_by_lookup_keys(
        &self,
        keys: &[String],
    ) -> Result<(Vec<RemotePrice>, Vec<UnreadablePrice>), GatewayError> {
        let lists = keys.chunks(LOOKUP_KEYS_PER_REQUEST).map(|chunk| ListPrice::new().lookup_keys(chunk.to_vec()));
        self.archived_lists(lists, "look up archived prices by key").await
    }

    /// Every archived price of the account, in pages of 100: for a catalog that names so
    /// many archived prices that looking them up by key would cost more.
    ///
    /// # Errors
    /// When a request fails.
    pub async fn archived_prices(&self) -> Result<(Vec<RemotePrice>, Vec<UnreadablePrice>), GatewayError> {
        self.archived_lists(std::iter::once(ListPrice::new()), "list archived prices").await
    }

    /// The archived prices of each of `products`: one `GET /v1/prices?product=…&active=false`
    /// list per product, paged at 100, a few side by side.
    ///
    /// # Errors
    /// When a request fails.
    pub async fn archived_prices_of(
        &self,
        products: &[String],
    ) -> Result<(Vec<RemotePrice>, Vec<UnreadablePrice>), GatewayError> {
        let lists = products.iter().map(|product| ListPrice::new().product(product.as_str()));
        self.archived_lists(lists, "list a product's archived prices").await
    }

    /// Runs each list with `active=false`, paged at 100 with tiers and currency options
    /// (without them a price cannot be represented), [`CONCURRENT_LISTS`] side by side.
    async fn archived_lists(
        &self,
        lists: impl Iterator<Item = ListPrice>,
        operation: &str,
    ) -> Result<(Vec<RemotePrice>, Vec<UnreadablePrice>), GatewayError> {
        let transport = &self.inner.transport;
        let expand = vec!["data.tiers".to_string(), "data.currency_options".to_string()];
        let listed: Vec<Vec<stripe_product::Price>> = stream::iter(lists)
            .map(|list| {
                list.active(false)
                    .limit(100)
                    .expand(expand.clone())
                    .paginate()
                    .stream(transport)
                    .try_collect::<Vec<_>>()
            })
            .buffered(CONCURRENT_LISTS)
            .try_collect()
            .await
            .map_err(|err| GatewayError::from_transport(operation, err))?;
        Ok(sort_readable(listed.iter().flatten()))
    }
}

/// Maps listed prices, setting aside those the project's types cannot represent.
pub(super) fn sort_readable<'a>(
    listed: impl IntoIterator<Item = &'a stripe_product::Price>,
) -> (Vec<RemotePrice>, Vec<UnreadablePrice>) {
    let mut prices = Vec::new();
    let mut unreadable = Vec::new();
    for price in listed {
        match mapping::remote_price(price) {
            Ok(remote) => prices.push(remote),
            Err(problem) => unreadable.push(UnreadablePrice {
                id: price.id.as_str().to_string(),
                product: price.product.id().as_str().to_string(),
                lookup_key: price.lookup_key.clone().filter(|key| !key.is_empty()),
                active: price.active,
                problem,
            }),
        }
    }
    (prices, unreadable)
}
