//! Planning against Stripe: read the account and Stripe's state, refuse what cannot be planned
//! safely (another account than the catalog pins, prices the catalog could touch but the tool
//! cannot represent), then diff. The diff itself is pure ([`super::diff`]).

use anyhow::Result;

use std::collections::BTreeSet;

use super::{Change, DiffOptions, IN_PROCESS_SANDBOX, Plan, PlanHeader, diff};
use crate::catalog::Catalog;
use crate::error::Hinted;
use crate::gateway::Gateway;
use crate::objects::{RemoteState, UnreadablePrice};

/// What to plan with, besides the catalog.
#[derive(Clone, Debug)]
pub struct PlanInputs {
    /// SHA-256 of the catalog file.
    pub catalog_sha256: String,
    /// Take over unmanaged objects in the catalog's way.
    pub adopt: bool,
    /// Running against the in-process `--sandbox`: its made-up account can never be the
    /// catalog's pinned one (and holds no money), so the pin is not enforced; and its port
    /// changes every run, so the plan names it [`IN_PROCESS_SANDBOX`] instead of a URL (or a
    /// saved plan could never be applied).
    pub in_process_sandbox: bool,
}

/// Reads the account and Stripe's state and diffs them with `catalog`. Refuses a catalog
/// pinned to another account before anything else happens.
///
/// What is read: the account, the products, the active prices and the meters, side by side;
/// then only the archived prices the catalog needs (issue #13), so a plan costs the same
/// however much history the account holds:
/// - catalog keys no active price holds, looked up among the archived prices by `lookup_keys`
///   (10 per request): a catalog price archived in the Dashboard is reactivated, one archived
///   but unmanaged is adopted or refused, one the catalog keeps archived stays so. Past
///   [`MOST_KEYS_LOOKED_UP`] such keys, every archived price is listed instead (alongside the
///   other lists when the catalog itself archives that many);
/// - the archived prices of each product whose plan replaces a price (one paged list per such
///   product), which may hold a price with the new terms to reuse rather than create again;
///   the plan is then made again with them.
///
/// Archived prices the catalog does not name are left unread: they are archived already, so
/// no removal or lost key concerns them.
///
/// # Errors
/// Stripe cannot be read, the account pin does not match, or unmanaged objects are in the way.
pub async fn plan_for(gateway: &Gateway, catalog: &Catalog, inputs: PlanInputs) -> Result<Plan> {
    let PlanInputs { catalog_sha256, adopt, in_process_sandbox } = inputs;
    // A catalog naming many archived prices would cost a lookup per 10 of them: then the
    // whole history is listed (100 a page), alongside the other lists, as before issue #13.
    let archived_in_catalog =
        catalog.products.iter().flat_map(|product| &product.prices).filter(|price| !price.settings.active).count();
    let mut whole_history = archived_in_catalog > MOST_KEYS_LOOKED_UP;
    let state =
        async { if whole_history { gateway.read_state_tolerant().await } else { gateway.read_active_state().await } };
    // One round trip less: the account and the catalog state are read together.
    // Webhook endpoints are read whatever the catalog says: a managed endpoint whose key left
    // the catalog (or a catalog that dropped `webhooks:` altogether) must still be deleted.
    // One list request (100 endpoints a page; Stripe allows 16 per account).
    let endpoints = async {
        match gateway.list_webhook_endpoints().await {
            Ok(endpoints) => Ok((endpoints, None)),
            Err(err) if err.status() == Some(403) => Ok((Vec::new(), Some(err.to_string()))),
            Err(err) => Err(err),
        }
    };
    let (account, (mut remote, mut unreadable), (endpoints, endpoints_unreadable)) =
        tokio::try_join!(gateway.account(), state, endpoints)?;
    if !in_process_sandbox {
        check_account_pin(catalog.account.as_deref(), &account.id)?;
    }
    let missing =
        if whole_history { Vec::new() } else { keys_without_active_price(catalog, &remote, &unreadable.prices) };
    if !missing.is_empty() {
        whole_history = missing.len() > MOST_KEYS_LOOKED_UP;
        let (found, set_aside) = if whole_history {
            gateway.archived_prices().await?
        } else {
            gateway.archived_prices_by_lookup_keys(&missing).await?
        };
        remote.prices.extend(found);
        unreadable.prices.extend(set_aside);
    }
    let mut ignored = check_unreadable_prices(catalog, &unreadable.prices)?;
    ignored.extend(check_meters_read(catalog, unreadable.meters.as_deref())?);
    let api_base = if in_process_sandbox {
        Some(IN_PROCESS_SANDBOX.to_string())
    } else {
        (!gateway.is_real_stripe()).then(|| gateway.api_base().to_string())
    };
    let header = PlanHeader { account, mode: gateway.mode(), api_base, catalog_sha256 };
    ignored.extend(check_webhooks_read(catalog, endpoints_unreadable.as_deref())?);
    let options = DiffOptions { adopt, header };
    let mut plan = diff(catalog, &remote, &options)?;
    let replacing = if whole_history { Vec::new() } else { products_replacing_a_price(&plan) };
    if !replacing.is_empty() {
        let (found, set_aside) = gateway.archived_prices_of(&replacing).await?;
        ignored.extend(check_unreadable_prices(catalog, &set_aside)?);
        let known: BTreeSet<String> = remote.prices.iter().map(|price| price.id.clone()).collect();
        let before = remote.prices.len();
        remote.prices.extend(found.into_iter().filter(|price| !known.contains(&price.id)));
        if remote.prices.len() > before {
            plan = diff(catalog, &remote, &options)?;
        }
    }
    // Added once, after the last diff: the webhook actions do not depend on prices.
    let webhooks = super::diff::webhooks::plan(&catalog.webhooks, &endpoints);
    plan.actions.extend(webhooks.actions);
    plan.notes.extend(webhooks.notes);
    plan.notes.extend(ignored);
    Ok(plan)
}

/// Catalog keys looked up by `lookup_keys` at most (10 requests of 10): past that, listing
/// every archived price (100 a page) is likely cheaper, and never costs more than before
/// issue #13.
const MOST_KEYS_LOOKED_UP: usize = 100;

/// The catalog's price keys that no active price holds (nor an active price set aside as
/// unreadable), in catalog order.
fn keys_without_active_price(catalog: &Catalog, remote: &RemoteState, unreadable: &[UnreadablePrice]) -> Vec<String> {
    let held: BTreeSet<&str> = remote
        .prices
        .iter()
        .filter_map(|price| price.lookup_key.as_deref())
        .chain(unreadable.iter().filter_map(|price| price.lookup_key.as_deref()))
        .collect();
    catalog
        .products
        .iter()
        .flat_map(|product| &product.prices)
        .map(|price| price.key.as_str())
        .filter(|key| !held.contains(key))
        .map(str::to_string)
        .collect()
}

/// The products a plan creates a replacement price for.
fn products_replacing_a_price(plan: &Plan) -> Vec<String> {
    let products: BTreeSet<&str> = plan
        .actions
        .iter()
        .filter_map(|action| match &action.change {
            Change::CreatePrice { product, replaces: Some(_), .. } => Some(product.as_str()),
            _ => None,
        })
        .collect();
    products.into_iter().map(str::to_string).collect()
}

/// Prices the project's types cannot represent (currencies Stripe added since, an amount
/// outside what Stripe documents) may be found in old accounts. One that the catalog could touch (it holds a
/// catalog key or belongs to a catalog product) stops the plan: planning around it could
/// archive or duplicate blindly. Any other is outside the catalog and only noted.
fn check_unreadable_prices(catalog: &Catalog, unreadable: &[UnreadablePrice]) -> Result<Vec<String>> {
    let mut notes = Vec::new();
    for price in unreadable {
        let holds_catalog_key = price.lookup_key.as_deref().is_some_and(|key| catalog.price(key).is_some());
        let on_catalog_product = catalog.products.iter().any(|product| product.id == price.product);
        if holds_catalog_key || on_catalog_product {
            return Err(Hinted::new(
                format!("cannot plan around {}", price.problem),
                format!(
                    "archive price `{}` in the Stripe Dashboard (or move it to another product) and plan again",
                    price.id
                ),
            )
            .into());
        }
        notes.push(format!("price `{}` of product `{}` is left alone: {}", price.id, price.product, price.problem));
    }
    Ok(notes)
}

/// A key that may not list Billing Meters (403) plans a catalog without meters as before,
/// with a note; a catalog that has meters, or metered prices, cannot be planned without them.
fn check_meters_read(catalog: &Catalog, problem: Option<&str>) -> Result<Option<String>> {
    let Some(problem) = problem else { return Ok(None) };
    let metered = catalog
        .products
        .iter()
        .flat_map(|product| &product.prices)
        .any(|price| price.terms.recurring.as_ref().is_some_and(|recurring| recurring.meter.is_some()));
    if !catalog.meters.is_empty() || metered {
        return Err(Hinted::new(
            format!("cannot read the account's Billing Meters, which the catalog uses: {problem}"),
            "give the key read and write access to Billing Meters (Dashboard: Developers → API keys), or use a secret key",
        )
        .into());
    }
    Ok(Some(
        "the account's Billing Meters were not read (the key may not list them); the catalog has none, and meters are left alone"
            .to_string(),
    ))
}

/// Like [`check_meters_read`], for a key that may not list webhook endpoints.
fn check_webhooks_read(catalog: &Catalog, problem: Option<&str>) -> Result<Option<String>> {
    let Some(problem) = problem else { return Ok(None) };
    if !catalog.webhooks.is_empty() {
        return Err(Hinted::new(
            format!("cannot read the account's webhook endpoints, which the catalog lists: {problem}"),
            "give the key read and write access to Webhook Endpoints (Dashboard: Developers → API keys), or use a secret key",
        )
        .into());
    }
    Ok(Some(
        "the account's webhook endpoints were not read (the key may not list them); the catalog has none, and endpoints are left alone"
            .to_string(),
    ))
}

/// Refuses to work on an account other than the one the catalog pins.
fn check_account_pin(pinned: Option<&str>, actual: &str) -> Result<()> {
    match pinned {
        Some(pinned) if pinned != actual => Err(Hinted::new(
            format!("the catalog is pinned to account `{pinned}`, but the API key belongs to `{actual}`"),
            format!("use a key for `{pinned}`, or change `account:` in the catalog if `{actual}` is really meant"),
        )
        .into()),
        _ => Ok(()),
    }
}
