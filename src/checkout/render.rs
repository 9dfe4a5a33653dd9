//! What a support person sees: the summary of a new session or link (stderr), the QR code of
//! its URL, and the table of payment links.

use crate::escape::shown;
use crate::listing::{self, Column};
use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;

use super::cart::interval_words;
use super::{Cart, CartItem, PaymentLink};

/// The human summary of a cart: a title line, one line per item, the total, then `details`
/// (label, value) lines such as the customer and the expiry.
#[must_use]
pub fn session_summary(title: &str, cart: &Cart, details: &[(&str, String)]) -> String {
    let label_width = cart
        .items
        .iter()
        .map(|item| item.label.chars().count())
        .chain(details.iter().map(|(label, _)| label.chars().count()))
        .chain(std::iter::once("Total".len()))
        .max()
        .unwrap_or(0);
    let quantity_width = cart
        .items
        .iter()
        .filter_map(|item| item.quantity)
        .map(|quantity| quantity.to_string().len())
        .max()
        .unwrap_or(0);
    let mut lines = vec![title.to_string()];
    for item in &cart.items {
        lines.push(format!("  {:<label_width$}  {}", item.label, item_words(cart, item, quantity_width)));
    }
    let every = cart
        .items
        .iter()
        .find_map(|item| item.recurring.as_ref())
        .map(|recurring| format!(" / {}", interval_words(recurring)))
        .unwrap_or_default();
    let total = match cart.total() {
        Some(total) if cart.items.iter().all(|item| item.recurring.is_some()) => {
            format!("{}{every}", cart.money(total))
        }
        Some(total) if every.is_empty() => cart.money(total),
        Some(total) => format!("{} first payment", cart.money(total)),
        None => {
            let known: i64 = cart.items.iter().filter_map(|item| item.amount).fold(0, i64::saturating_add);
            let open =
                if cart.items.iter().any(|item| item.customer_chooses) { "what the customer chooses" } else { "usage" };
            if cart.items.iter().any(|item| item.amount.is_some()) {
                format!("{}{every} + {open}", cart.money(known))
            } else {
                format!("{open}, decided at checkout")
            }
        }
    };
    lines.push(format!("  {:<label_width$}  {total}", "Total"));
    for (label, value) in details {
        lines.push(format!("  {label:<label_width$}  {value}"));
    }
    // No colour here, and names and emails are catalog, Stripe or customer text: every line
    // is escaped whole.
    lines.iter().map(|line| shown(line)).collect::<Vec<_>>().join("\n")
}

fn item_words(cart: &Cart, item: &CartItem, quantity_width: usize) -> String {
    let every =
        item.recurring.as_ref().map(|recurring| format!(" / {}", interval_words(recurring))).unwrap_or_default();
    let quantity = match item.quantity {
        Some(quantity) => format!("× {quantity:<quantity_width$}  "),
        None if quantity_width > 0 => " ".repeat(quantity_width + 4),
        None => String::new(),
    };
    let amount = match item.amount {
        Some(amount) => cart.money(amount),
        None if item.customer_chooses => "customer chooses the amount".to_string(),
        None if item.quantity.is_none() => "billed by usage".to_string(),
        None => "tiered".to_string(),
    };
    format!("{quantity}{amount}{every}")
}

/// The URL as a QR code in Unicode half blocks, dark on light, with the quiet zone scanners need.
///
/// # Errors
/// When the URL is too long for a QR code.
pub fn qr_code(url: &str) -> anyhow::Result<String> {
    let code = QrCode::new(url.as_bytes()).map_err(|err| anyhow::anyhow!("cannot draw a QR code of the URL: {err}"))?;
    Ok(code.render::<Dense1x2>().dark_color(Dense1x2::Light).light_color(Dense1x2::Dark).quiet_zone(true).build())
}

/// The payment links as a table that fits `width` (the terminal's when `None`): what each
/// sells and when the tool made it, never wrapping an id or a URL.
#[must_use]
pub fn link_rows_table(links: &[PaymentLink], width: Option<u16>) -> String {
    let rows = links
        .iter()
        .map(|link| {
            let sells: Vec<String> =
                link.sells.iter().map(|(price, quantity)| format!("{price} × {quantity}")).collect();
            let metadata: Vec<String> = link
                .metadata
                .iter()
                .filter(|(key, _)| !key.starts_with("stripe-catalog/"))
                .map(|(key, value)| format!("{key}={value}"))
                .collect();
            vec![
                shown(&link.id).into_owned(),
                if link.active { "yes".to_string() } else { "no".to_string() },
                shown(link.created.as_deref().unwrap_or("-")).into_owned(),
                shown(&link.url).into_owned(),
                shown(&sells.join(", ")).into_owned(),
                shown(&metadata.join(", ")).into_owned(),
            ]
        })
        .collect();
    let header = [
        ("ID", Column::Whole),
        ("Active", Column::Whole),
        ("Created", Column::Optional(0)),
        ("URL", Column::Whole),
        ("Sells", Column::FreeText),
        ("Metadata", Column::FreeText),
    ];
    match listing::table(&header, rows, width) {
        (table, Some(hidden)) => format!("{table}\n{hidden}"),
        (table, None) => table,
    }
}

#[cfg(test)]
mod tests {
    use super::session_summary;
    use crate::checkout::{Cart, CartItem, CheckoutMode};
    use crate::money::Currency;
    use crate::objects::{Interval, Recurring, UsageType};

    fn item(label: &str, quantity: Option<u64>, amount: Option<i64>) -> CartItem {
        CartItem {
            label: label.into(),
            price_id: format!("price_{label}"),
            quantity,
            amount,
            recurring: Some(Recurring {
                interval: Interval::Month,
                interval_count: 1,
                usage_type: UsageType::Licensed,
            }),
            customer_chooses: false,
        }
    }

    #[test]
    fn usage_priced_items_leave_the_total_open() {
        let Ok(usd) = Currency::parse("usd") else { panic!("usd is a currency") };
        let cart = Cart {
            mode: CheckoutMode::Subscription,
            currency: usd,
            items: vec![
                item("pro", Some(1), Some(2900)),
                item("seats", Some(12), Some(6800)),
                item("calls", None, None),
            ],
        };
        let text = session_summary("Title", &cart, &[("Customer", "jane@example.com".into())]);
        assert_eq!(
            text,
            "Title\n  pro       × 1   $29.00 USD / month\n  seats     × 12  $68.00 USD / month\n  \
             calls           billed by usage / month\n  Total     $97.00 USD / month + usage\n  \
             Customer  jane@example.com"
        );
    }
}
