//! Settings of the customer-support commands (`checkout …`, `payments …`, `sandbox pay`): their
//! flags parsed and checked, so a mistake is refused before anything is sent to Stripe.

use anyhow::{Result, bail};

use crate::checkout::{self, AdjustableQuantity, CustomerCreation, CustomerRef, PriceSpec};
use crate::cli::{
    AuthenticateArg, CheckoutLinkCreateArgs, CheckoutSessionArgs, CustomerCreationArg, PaymentStatusArg,
    PaymentsListArgs, SubscriptionStatusArg, SubscriptionsListArgs,
};
use crate::error::Hinted;
use crate::listing::RowLimit;
use crate::money::Currency;
use crate::objects::Metadata;
use crate::payments::{Authentication, StripeFilter};
use crate::when::{self, Bound};

/// `checkout session`, resolved and checked as far as possible without Stripe.
#[derive(Debug)]
pub struct CheckoutSessionSettings {
    pub prices: Vec<PriceSpec>,
    pub customer: Option<CustomerRef>,
    /// `None`: the catalog's `checkout.success_url`.
    pub success_url: Option<String>,
    /// `None`: the catalog's `checkout.cancel_url`.
    pub cancel_url: Option<String>,
    pub expires_in: Option<jiff::SignedDuration>,
    pub allow_promotion_codes: bool,
    pub trial_days: Option<u32>,
    pub client_reference_id: Option<String>,
    pub metadata: Metadata,
    pub qr: bool,
    pub time_zone: jiff::tz::TimeZone,
    /// `--customer-creation`; `None`: the catalog's, else `always`.
    pub customer_creation: Option<CustomerCreation>,
    /// `--currency`.
    pub currency: Option<Currency>,
}

/// `checkout link` (create), resolved.
#[derive(Debug)]
pub struct CheckoutLinkSettings {
    pub prices: Vec<PriceSpec>,
    pub after_completion_url: Option<String>,
    pub allow_promotion_codes: bool,
    pub adjustable_quantity: Option<AdjustableQuantity>,
    pub metadata: Metadata,
    pub qr: bool,
    /// As for a session.
    pub customer_creation: Option<CustomerCreation>,
    /// As for a session.
    pub currency: Option<Currency>,
}

/// `payments list`, resolved: what goes to Stripe and what is filtered here.
#[derive(Debug)]
pub struct PaymentsListSettings {
    pub filter: StripeFilter,
    /// Customers are looked up by this email first.
    pub email: Option<String>,
    /// Stripe status names; empty means any.
    pub statuses: Vec<&'static str>,
    pub limit: RowLimit,
    pub time_zone: jiff::tz::TimeZone,
}

fn parse_prices(texts: &[String]) -> Result<Vec<PriceSpec>> {
    texts.iter().map(|text| checkout::parse_price_spec(text)).collect()
}

pub(super) fn resolve_checkout_session(args: CheckoutSessionArgs) -> Result<CheckoutSessionSettings> {
    let customer = match (args.email, args.customer) {
        (Some(email), _) => Some(CustomerRef::Email(checked_email(&email)?)),
        (None, Some(id)) => Some(CustomerRef::Id(id)),
        (None, None) => None,
    };
    if let Some(reference) = &args.client_reference_id
        && (reference.is_empty() || reference.chars().count() > 200)
    {
        bail!("`--client-reference-id` must be 1 to 200 characters (Stripe's limit)");
    }
    if args.trial_days == Some(0) {
        bail!(Hinted::new("`--trial-days 0` is no trial", "leave `--trial-days` out, or give at least 1"));
    }
    Ok(CheckoutSessionSettings {
        prices: parse_prices(&args.prices)?,
        customer,
        success_url: args.success_url,
        cancel_url: args.cancel_url,
        expires_in: args.expires_in.as_deref().map(checkout::parse_expires_in).transpose()?,
        allow_promotion_codes: args.promotion_codes,
        trial_days: args.trial_days,
        client_reference_id: args.client_reference_id,
        metadata: checkout::parse_metadata(&args.metadata)?,
        qr: args.qr,
        time_zone: jiff::tz::TimeZone::system(),
        customer_creation: args.customer_creation.map(customer_creation),
        currency: args.currency.as_deref().map(currency).transpose()?,
    })
}

pub(super) fn resolve_checkout_link(args: CheckoutLinkCreateArgs) -> Result<CheckoutLinkSettings> {
    Ok(CheckoutLinkSettings {
        prices: parse_prices(&args.prices)?,
        after_completion_url: args.after_completion_url,
        allow_promotion_codes: args.promotion_codes,
        adjustable_quantity: args
            .adjustable_quantity
            .as_deref()
            .map(checkout::parse_adjustable_quantity)
            .transpose()?,
        metadata: checkout::parse_metadata(&args.metadata)?,
        qr: args.qr,
        customer_creation: args.customer_creation.map(customer_creation),
        currency: args.currency.as_deref().map(currency).transpose()?,
    })
}

fn customer_creation(arg: CustomerCreationArg) -> CustomerCreation {
    match arg {
        CustomerCreationArg::Always => CustomerCreation::Always,
        CustomerCreationArg::IfRequired => CustomerCreation::IfRequired,
    }
}

/// `--currency CODE`, refused before anything is sent when Stripe has no such currency.
fn currency(text: &str) -> Result<Currency> {
    Currency::parse(text).map_err(|_| {
        Hinted::new(
            format!("`--currency {text}` is not a currency Stripe charges in"),
            "give a three-letter ISO code such as `eur`, one of the prices' currency options",
        )
        .into()
    })
}

pub(super) fn authentication(arg: AuthenticateArg) -> Authentication {
    match arg {
        AuthenticateArg::Complete => Authentication::Complete,
        AuthenticateArg::Fail => Authentication::Fail,
    }
}

pub(super) fn resolve_payments_list(args: PaymentsListArgs) -> Result<PaymentsListSettings> {
    let time_zone = jiff::tz::TimeZone::system();
    let now = jiff::Timestamp::now();
    let created_gte =
        args.since.as_deref().map(|text| when::parse_when(text, Bound::Since, now, &time_zone)).transpose()?;
    let created_lt =
        args.until.as_deref().map(|text| when::parse_when(text, Bound::Until, now, &time_zone)).transpose()?;
    if let (Some(since), Some(until)) = (created_gte, created_lt)
        && since >= until
    {
        bail!(Hinted::new(
            format!("`--since` ({since}) is not before `--until` ({until}): no payment can match"),
            "`--since` is the earlier end of the range"
        ));
    }
    let mut statuses: Vec<&'static str> = args.status.iter().map(|status| status_name(*status)).collect();
    statuses.sort_unstable();
    statuses.dedup();
    Ok(PaymentsListSettings {
        filter: StripeFilter {
            customer: args.customer,
            created_gte: created_gte.map(jiff::Timestamp::as_second),
            created_lt: created_lt.map(jiff::Timestamp::as_second),
        },
        email: args.email.as_deref().map(checked_email).transpose()?,
        statuses,
        limit: row_limit(args.limit, args.all)?,
        time_zone,
    })
}

pub(super) fn row_limit(limit: usize, all: bool) -> Result<RowLimit> {
    if all {
        return Ok(RowLimit::All);
    }
    if limit == 0 {
        bail!(Hinted::new("`--limit 0` shows nothing", "give a positive `--limit`, or `--all` for everything"));
    }
    Ok(RowLimit::First(limit))
}

fn checked_email(email: &str) -> Result<String> {
    let email = email.trim();
    match email.split_once('@') {
        Some((local, domain)) if !local.is_empty() && !domain.is_empty() && !email.contains(char::is_whitespace) => {
            Ok(email.to_string())
        }
        _ => bail!("`{email}` is not an email address"),
    }
}

/// Stripe's spelling of a PaymentIntent status.
fn status_name(status: PaymentStatusArg) -> &'static str {
    match status {
        PaymentStatusArg::Succeeded => "succeeded",
        PaymentStatusArg::Processing => "processing",
        PaymentStatusArg::RequiresPaymentMethod => "requires_payment_method",
        PaymentStatusArg::RequiresConfirmation => "requires_confirmation",
        PaymentStatusArg::RequiresAction => "requires_action",
        PaymentStatusArg::RequiresCapture => "requires_capture",
        PaymentStatusArg::Canceled => "canceled",
    }
}

/// `subscriptions list`, resolved.
#[derive(Debug)]
pub struct SubscriptionsListSettings {
    /// A lookup key, resolved to price ids when the command runs.
    pub price_key: Option<String>,
    /// Customers are looked up by this email first.
    pub email: Option<String>,
    /// Stripe's `status` filter (`all`, `ended` included); `None`: Stripe's default.
    pub status: Option<&'static str>,
    pub limit: RowLimit,
    pub time_zone: jiff::tz::TimeZone,
}

pub(super) fn resolve_subscriptions_list(args: SubscriptionsListArgs) -> Result<SubscriptionsListSettings> {
    let status = args.status.map(|status| match status {
        SubscriptionStatusArg::Active => "active",
        SubscriptionStatusArg::PastDue => "past_due",
        SubscriptionStatusArg::Unpaid => "unpaid",
        SubscriptionStatusArg::Canceled => "canceled",
        SubscriptionStatusArg::Incomplete => "incomplete",
        SubscriptionStatusArg::IncompleteExpired => "incomplete_expired",
        SubscriptionStatusArg::Trialing => "trialing",
        SubscriptionStatusArg::Paused => "paused",
        SubscriptionStatusArg::Ended => "ended",
        SubscriptionStatusArg::All => "all",
    });
    Ok(SubscriptionsListSettings {
        price_key: args.price,
        email: args.email,
        status,
        limit: row_limit(args.limit, args.all)?,
        time_zone: jiff::tz::TimeZone::system(),
    })
}

/// How far `sandbox advance` moves the sandbox clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdvanceBy {
    /// Calendar months from the sandbox's time (Jan 31 + 1mo is Feb 28 or 29).
    Months(u32),
    /// A fixed number of seconds.
    Seconds(i64),
}

/// Reads `sandbox advance`'s duration: a positive number and one unit, `mo`, `w`, `d`, `h`,
/// `m` or `s` (`1mo`, `2w`, `3d`, `36h`).
pub(super) fn advance_by(text: &str) -> Result<AdvanceBy> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let hint = "write a number and a unit: `1mo` (calendar months), `2w`, `3d`, `36h`, `90m` or `30s`";
    let Ok(number) = number.parse::<u32>() else {
        bail!(Hinted::new(format!("`{text}` is not a duration"), hint));
    };
    if number == 0 {
        bail!(Hinted::new(format!("`{text}` does not move the clock: the sandbox clock only moves forward"), hint));
    }
    let seconds_per = match unit.trim() {
        "mo" => return Ok(AdvanceBy::Months(number)),
        "w" => 7 * 86_400,
        "d" => 86_400,
        "h" => 3_600,
        "m" => 60,
        "s" => 1,
        _ => bail!(Hinted::new(format!("`{text}` is not a duration"), hint)),
    };
    Ok(AdvanceBy::Seconds(i64::from(number) * seconds_per))
}

/// What `sandbox pay` pays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PayTarget {
    /// A checkout session id (from the id or its URL).
    Session(String),
    /// A payment link id.
    Link(String),
    /// A payment link's URL (its id is looked up).
    LinkUrl(String),
    /// A payment waiting for the customer to authenticate (`--authenticate` only).
    Payment(String),
}

/// Reads `sandbox pay`'s argument: a session id or URL, a payment link id or URL, or with
/// `--authenticate` (`authenticating`) a payment id.
pub(super) fn pay_target(text: &str, authenticating: bool) -> Result<PayTarget> {
    let text = text.trim();
    if text.starts_with("pi_") {
        if authenticating {
            return Ok(PayTarget::Payment(text.to_string()));
        }
        bail!(Hinted::new(
            format!("`{text}` is not a checkout session or payment link"),
            "a payment id is for answering its 3-D Secure challenge: add `--authenticate complete` (or `fail`)"
        ));
    }
    let last = text.split(['?', '#']).next().unwrap_or(text).trim_end_matches('/').rsplit('/').next().unwrap_or(text);
    if last.starts_with("cs_") {
        return Ok(PayTarget::Session(last.to_string()));
    }
    if text.starts_with("plink_") {
        return Ok(PayTarget::Link(text.to_string()));
    }
    let has_path = text
        .split_once("://")
        .and_then(|(_, rest)| rest.split_once('/'))
        .is_some_and(|(host, path)| !host.is_empty() && !path.trim_matches('/').is_empty());
    if (text.starts_with("https://") || text.starts_with("http://")) && has_path {
        return Ok(PayTarget::LinkUrl(text.to_string()));
    }
    bail!(Hinted::new(
        format!("`{text}` is not a checkout session or payment link"),
        "give what `checkout session` or `checkout link` printed (the URL), or a `cs_test_...` / `plink_...` id"
    ))
}

/// A payment link knows no customer: paying one needs the email the customer would enter, so
/// its absence is said before anything is sent.
pub(super) fn check_pay_email(target: &PayTarget, email: Option<&str>) -> Result<()> {
    if email.is_none() && matches!(target, PayTarget::Link(_) | PayTarget::LinkUrl(_)) {
        bail!(Hinted::new(
            "paying a payment link needs the customer's email, which a visitor enters on the page",
            "pass `--email ADDRESS`, e.g. `--email ann@example.com`"
        ));
    }
    if let Some(email) = email {
        checked_email(email)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn advance_durations_read_months_as_calendar_months_and_the_rest_as_seconds() {
        use super::{AdvanceBy, advance_by};
        assert_eq!(advance_by("1mo").unwrap(), AdvanceBy::Months(1));
        assert_eq!(advance_by("2w").unwrap(), AdvanceBy::Seconds(14 * 86_400));
        assert_eq!(advance_by("3d").unwrap(), AdvanceBy::Seconds(3 * 86_400));
        assert_eq!(advance_by("36h").unwrap(), AdvanceBy::Seconds(36 * 3_600));
        assert_eq!(advance_by("90m").unwrap(), AdvanceBy::Seconds(5_400));
        for wrong in ["", "mo", "0d", "-1d", "1y", "1.5d", "3 days"] {
            assert!(advance_by(wrong).is_err(), "{wrong}");
        }
    }

    use super::{PayTarget, check_pay_email, pay_target};

    #[test]
    fn paying_a_link_needs_an_email() {
        let link = PayTarget::Link("plink_1".into());
        let err = check_pay_email(&link, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "paying a payment link needs the customer's email, which a visitor enters on the page"
        );
        assert!(check_pay_email(&link, Some("ann@example.com")).is_ok());
        assert!(check_pay_email(&PayTarget::LinkUrl("https://buy.example/x".into()), None).is_err());
        assert!(check_pay_email(&PayTarget::Session("cs_test_1".into()), None).is_ok(), "a session may know one");
        assert!(check_pay_email(&link, Some("not an email")).is_err());
    }

    #[test]
    fn pay_targets_come_from_ids_or_urls() {
        for text in [
            "cs_test_abc",
            " cs_test_abc ",
            "https://checkout.sandbox.invalid/c/pay/cs_test_abc",
            "https://checkout.stripe.com/c/pay/cs_test_abc#fragment",
            "https://checkout.stripe.com/c/pay/cs_test_abc/?x=1",
        ] {
            assert_eq!(pay_target(text, false).ok(), Some(PayTarget::Session("cs_test_abc".into())), "{text}");
        }
        assert_eq!(pay_target("plink_123", false).ok(), Some(PayTarget::Link("plink_123".into())));
        assert_eq!(
            pay_target("https://buy.sandbox.invalid/test_123", false).ok(),
            Some(PayTarget::LinkUrl("https://buy.sandbox.invalid/test_123".into()))
        );
        for text in ["", "pi_123", "https://example.com", "not a url"] {
            assert!(pay_target(text, false).is_err(), "{text}");
        }
        assert_eq!(pay_target("pi_123", true).ok(), Some(PayTarget::Payment("pi_123".into())));
    }
}
