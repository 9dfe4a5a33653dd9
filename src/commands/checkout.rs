//! `checkout session`, `checkout link`, `checkout link list`, `checkout link deactivate`: a way
//! to pay for prices named by catalog key. Every request Stripe would refuse is refused here
//! first, before anything is created; creates carry a fresh idempotency key per invocation.

use anyhow::{Result, bail};
use jiff::{SignedDuration, Timestamp};
use serde_json::json;

use crate::catalog::{self, CheckoutDefaults};
use crate::checkout::{
    self, Cart, CheckoutMode, CustomerRef, LinkRequest, PriceRef, PriceSpec, Purchase, SessionRequest,
};
use crate::error::Hinted;
use crate::escape::{csv_cell, shown};
use crate::exit_status::ExitStatus;
use crate::gateway::Gateway;
use crate::listing::RowLimit;
use crate::output::Printer;
use crate::settings::{CheckoutLinkSettings, CheckoutSessionSettings, GlobalSettings, OutputFormat};
use crate::when;

/// What the catalog file contributes, when there is one: URL defaults and its active keys.
#[derive(Debug, Default)]
struct CatalogContext {
    defaults: CheckoutDefaults,
    keys: Vec<String>,
}

/// Loads the catalog if the file exists; the checkout commands work without one.
fn catalog_context(global: &GlobalSettings, printer: &Printer) -> Result<CatalogContext> {
    if !global.catalog_path.exists() {
        return Ok(CatalogContext::default());
    }
    let loaded = crate::catalog::load_reporting(&global.catalog_path, printer)?;
    // Only active prices are worth suggesting: an archived one would be refused in turn.
    let keys =
        loaded.catalog.products.iter().flat_map(|product| {
            product.prices.iter().filter(|price| price.settings.active).map(|price| price.key.clone())
        });
    Ok(CatalogContext { defaults: loaded.catalog.checkout.clone(), keys: keys.collect() })
}

/// A random idempotency key: each invocation is one intent to create, and a retry inside it
/// (the gateway's) reuses the key.
pub(super) fn idempotency_key(what: &str) -> String {
    let bytes: [u8; 16] = rand::random();
    format!("stripe-catalog-{what}-{}", hex::encode(bytes))
}

pub(super) fn session(
    settings: CheckoutSessionSettings,
    global: &GlobalSettings,
    printer: &Printer,
) -> Result<ExitStatus> {
    let context = catalog_context(global, printer)?;
    let success_url =
        settings.success_url.clone().or_else(|| context.defaults.success_url.clone()).ok_or_else(|| {
            Hinted::new(
                "no success URL: Stripe needs to know where to send the customer after paying",
                "pass `--success-url https://example.com/thanks?session={CHECKOUT_SESSION_ID}`, or set \
             `checkout.success_url` in the catalog",
            )
        })?;
    check_url(&success_url, "--success-url")?;
    // The catalog's URL was checked (and warned about) when the catalog loaded.
    if settings.success_url.is_some() {
        for problem in catalog::validate::success_url_placeholder_problems(&success_url) {
            printer.warn(&format!("--success-url: {problem}"));
        }
    }
    let cancel_url = settings.cancel_url.clone().or_else(|| context.defaults.cancel_url.clone());
    if let Some(url) = &cancel_url {
        check_url(url, "--cancel-url")?;
    }
    super::with_stripe(global, printer, async |stripe| {
        let gateway = &stripe.gateway;
        let cart = resolve_cart(gateway, &settings.prices, Purchase::Session, &context.keys).await?;
        if settings.trial_days.is_some() && cart.mode == CheckoutMode::Payment {
            bail!(Hinted::new(
                "`--trial-days` needs a subscription, but every price is one-time",
                "add a recurring price, or leave `--trial-days` out"
            ));
        }
        let now = Timestamp::now();
        let request = SessionRequest {
            mode: cart.mode,
            line_items: cart.line_items(None),
            customer: settings.customer.clone(),
            success_url,
            cancel_url,
            expires_at: settings.expires_in.map(|duration| expiry_at(now, duration)),
            allow_promotion_codes: settings.allow_promotion_codes,
            trial_period_days: settings.trial_days,
            client_reference_id: settings.client_reference_id.clone(),
            metadata: settings.metadata.clone(),
            description: description(&cart),
        };
        let session = gateway.create_checkout_session(&request, &idempotency_key("session")).await?;
        let Some(url) = session.url.clone() else {
            bail!("Stripe created session `{}` but returned no URL (status {:?})", session.id, session.status);
        };
        match printer.format() {
            OutputFormat::Json => printer.json(&json!({
                "id": session.id,
                "url": url,
                "mode": session.mode,
                "amount_total": session.amount_total,
                "currency": session.currency,
                "expires_at": session.expires_at,
            })),
            _ => {
                printer.data(&shown(&url));
                let customer = match &settings.customer {
                    Some(CustomerRef::Email(email)) => email.clone(),
                    Some(CustomerRef::Id(id)) => id.clone(),
                    None => "entered by the customer at checkout".to_string(),
                };
                let expires = format!(
                    "{} ({})",
                    when::local_minutes(session.expires_at, &settings.time_zone),
                    when::relative(session.expires_at, Timestamp::now())
                );
                let title = format!(
                    "Checkout session {} ({}, {})",
                    session.id,
                    cart.mode.as_str(),
                    gateway.mode().in_summary()
                );
                printer.status_lines(&checkout::session_summary(
                    &title,
                    &cart,
                    &[("Customer", customer), ("Expires", expires)],
                ));
            }
        }
        if settings.qr {
            printer.stderr_line(&checkout::qr_code(&url)?);
        }
        Ok(ExitStatus::Success)
    })
}

pub(super) fn link(settings: CheckoutLinkSettings, global: &GlobalSettings, printer: &Printer) -> Result<ExitStatus> {
    let context = catalog_context(global, printer)?;
    if let Some(url) = &settings.after_completion_url {
        check_url(url, "--after-completion-url")?;
    }
    super::with_stripe(global, printer, async |stripe| {
        let gateway = &stripe.gateway;
        let cart = resolve_cart(gateway, &settings.prices, Purchase::Link, &context.keys).await?;
        if let Some(range) = settings.adjustable_quantity
            && let Some(item) = cart
                .items
                .iter()
                .find(|item| item.quantity.is_some_and(|quantity| !(range.minimum..=range.maximum).contains(&quantity)))
        {
            bail!(Hinted::new(
                format!(
                    "`{}` has quantity {} outside `--adjustable-quantity {}..{}`",
                    item.label,
                    item.quantity.unwrap_or(1),
                    range.minimum,
                    range.maximum
                ),
                "the starting quantity must lie within the range the customer may choose from"
            ));
        }
        let request = LinkRequest {
            line_items: cart.line_items(settings.adjustable_quantity),
            after_completion_url: settings.after_completion_url.clone(),
            allow_promotion_codes: settings.allow_promotion_codes,
            metadata: settings.metadata.clone(),
        };
        let link = gateway.create_payment_link(&request, &idempotency_key("link")).await?;
        match printer.format() {
            OutputFormat::Json => printer.json(&json!({
                "id": link.id,
                "url": link.url,
                "active": link.active,
                "mode": cart.mode,
                "amount_total": cart.total(),
                "currency": cart.currency.code(),
            })),
            _ => {
                printer.data(&shown(&link.url));
                let title =
                    format!("Payment link {} ({}, {})", link.id, cart.mode.as_str(), gateway.mode().in_summary());
                printer.status_lines(&checkout::session_summary(&title, &cart, &[]));
            }
        }
        if settings.qr {
            printer.stderr_line(&checkout::qr_code(&link.url)?);
        }
        Ok(ExitStatus::Success)
    })
}

pub(super) fn link_list(
    active: Option<bool>,
    limit: RowLimit,
    global: &GlobalSettings,
    printer: &Printer,
) -> Result<ExitStatus> {
    super::with_stripe(global, printer, async |stripe| {
        let links = stripe.gateway.list_payment_links(active, limit).await?;
        match printer.format() {
            OutputFormat::Text if links.is_empty() => printer.status("No payment links"),
            OutputFormat::Text => printer.data(&checkout::link_rows_table(&links, None)),
            OutputFormat::Json => printer.json(&links),
            OutputFormat::Ndjson => {
                for link in &links {
                    printer.data(&serde_json::to_string(link)?);
                }
            }
            OutputFormat::Csv => {
                let mut writer = csv::Writer::from_writer(Vec::new());
                writer.write_record(["id", "active", "url"])?;
                for link in &links {
                    let active = if link.active { "true" } else { "false" };
                    writer.write_record(
                        [csv_cell(&link.id), active.into(), csv_cell(&link.url)].iter().map(|cell| cell.as_bytes()),
                    )?;
                }
                let bytes = writer.into_inner().map_err(|err| anyhow::anyhow!("could not write CSV: {err}"))?;
                printer.data(String::from_utf8_lossy(&bytes).trim_end());
            }
        }
        Ok(ExitStatus::Success)
    })
}

pub(super) fn link_deactivate(id: &str, global: &GlobalSettings, printer: &Printer) -> Result<ExitStatus> {
    super::with_stripe(global, printer, async |stripe| {
        let link = stripe.gateway.deactivate_payment_link(id, &idempotency_key("deactivate")).await?;
        match printer.format() {
            OutputFormat::Json => printer.json(&link),
            _ => printer.status(&format!(
                "Deactivated {} ({}): {} now shows a \"link deactivated\" page",
                link.id,
                stripe.gateway.mode().in_summary(),
                link.url
            )),
        }
        Ok(ExitStatus::Success)
    })
}

/// Looks the prices up (active ones by key, 10 keys per request; ids one by one), then the
/// missing keys among archived prices, and checks the cart. Nothing is created here.
async fn resolve_cart(
    gateway: &Gateway,
    specs: &[PriceSpec],
    purchase: Purchase,
    catalog_keys: &[String],
) -> Result<Cart> {
    let mut keys: Vec<String> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for spec in specs {
        match &spec.price {
            PriceRef::LookupKey(key) if !keys.contains(key) => keys.push(key.clone()),
            PriceRef::Id(id) if !ids.contains(id) => ids.push(id.clone()),
            _ => {}
        }
    }
    let mut found = gateway.prices_by_lookup_keys(&keys, true).await?;
    for id in &ids {
        if let Some(price) = gateway.price_by_id(id).await? {
            found.push(price);
        }
    }
    let missing_keys: Vec<String> = checkout::missing_prices(specs, &found)
        .into_iter()
        .filter_map(|price| match price {
            PriceRef::LookupKey(key) => Some(key.clone()),
            PriceRef::Id(_) => None,
        })
        .collect();
    if !missing_keys.is_empty() {
        found.extend(gateway.prices_by_lookup_keys(&missing_keys, false).await?);
    }
    let mut products: Vec<String> =
        found.iter().filter(|price| price.settings.active).map(|price| price.product.clone()).collect();
    products.sort();
    products.dedup();
    if !products.is_empty() {
        let archived = gateway.archived_products(&products).await?;
        checkout::refuse_archived_products(specs, &found, &archived)?;
    }
    let needs_suggestions =
        !checkout::missing_prices(specs, &found).is_empty() || found.iter().any(|price| !price.settings.active);
    let mut known = Vec::new();
    if needs_suggestions {
        known = gateway.active_lookup_keys().await?;
        known.extend(catalog_keys.iter().cloned());
        known.sort();
        known.dedup();
    }
    checkout::build_cart(specs, &found, purchase, &known)
}

/// What the cart buys, for the payment's description: `pro-monthly × 1, seats × 5`.
fn description(cart: &Cart) -> String {
    let items: Vec<String> = cart
        .items
        .iter()
        .map(|item| match item.quantity {
            Some(quantity) => format!("{} × {quantity}", item.label),
            None => item.label.clone(),
        })
        .collect();
    items.join(", ")
}

/// `now + duration`, kept a minute inside Stripe's 30 min..24 h window at either edge: Stripe
/// measures from when it creates the session, a moment after this clock was read.
fn expiry_at(now: Timestamp, duration: SignedDuration) -> i64 {
    let margin = SignedDuration::from_secs(60);
    let duration = duration.clamp(checkout::MIN_EXPIRY + margin, checkout::MAX_EXPIRY - margin);
    when::after(now, duration)
}

fn check_url(url: &str, flag: &str) -> Result<()> {
    match reqwest::Url::parse(url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => Ok(()),
        _ => bail!(Hinted::new(
            format!("`{flag} {url}` is not an http(s) URL"),
            "give a full URL such as `https://example.com/thanks`"
        )),
    }
}
