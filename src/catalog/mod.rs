//! The catalog file: loading `catalog.yaml`, checking it, and turning it into the normalised
//! desired state the planner compares with Stripe.

use serde::{Deserialize, Serialize};

use crate::objects::DesiredProduct;

/// A loaded, valid catalog in normalised form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    /// The file format version (always 1 for now).
    pub version: u32,
    /// When set, plan and apply refuse to touch any other Stripe account.
    pub account: Option<String>,
    /// Defaults for the checkout commands.
    pub checkout: CheckoutDefaults,
    pub products: Vec<DesiredProduct>,
}

/// The catalog's `checkout:` section.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutDefaults {
    pub success_url: Option<String>,
    pub cancel_url: Option<String>,
}
