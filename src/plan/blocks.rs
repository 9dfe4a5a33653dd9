//! Actions grouped into one block per Stripe object, so a replace (new price, default move,
//! archive of the old price: three writes) reads as one `-/+` block and counts once, in the
//! rendered plan and in its [`Summary`](super::Summary) alike.

use super::{Action, Change, DefaultReason, Plan, Symbol};

/// One object's block: its symbol and the actions that touch it, in plan order.
#[derive(Debug)]
pub struct Block<'a> {
    pub symbol: Symbol,
    /// `product "pro"`, `price "pro_monthly"`, `price price_123` (no key).
    pub object: String,
    pub actions: Vec<&'a Action>,
}

/// Groups the plan's actions by the object a reader thinks of.
#[must_use]
pub fn blocks(plan: &Plan) -> Vec<Block<'_>> {
    let mut blocks: Vec<Block<'_>> = Vec::new();
    for action in &plan.actions {
        let object = object_of(&action.change);
        match blocks.iter_mut().find(|block| block.object == object) {
            Some(block) => block.actions.push(action),
            None => blocks.push(Block { symbol: Symbol::Update, object, actions: vec![action] }),
        }
    }
    for block in &mut blocks {
        block.symbol = symbol_of(&block.actions);
    }
    blocks
}

fn object_of(change: &Change) -> String {
    match change {
        Change::CreateProduct { product, .. }
        | Change::UpdateProduct { product, .. }
        | Change::ArchiveProduct { product, .. }
        | Change::SetDefaultPrice { product, reason: DefaultReason::Catalog | DefaultReason::Archive, .. } => {
            format!("product \"{product}\"")
        }
        Change::SetDefaultPrice { price, reason: DefaultReason::Replace, product } => match price.key() {
            Some(key) => format!("price \"{key}\""),
            None => format!("product \"{product}\""),
        },
        Change::CreatePrice { key, .. }
        | Change::UpdatePrice { key, .. }
        | Change::ReactivatePrice { key, .. }
        | Change::MigrateSubscriptions { key, .. } => format!("price \"{key}\""),
        Change::ArchivePrice { key: Some(key), .. } => format!("price \"{key}\""),
        Change::ArchivePrice { price, key: None, .. } => format!("price {price}"),
        Change::CreateMeter { key, .. }
        | Change::UpdateMeter { key, .. }
        | Change::ReactivateMeter { key, .. }
        | Change::DeactivateMeter { key: Some(key), .. } => format!("meter \"{key}\""),
        Change::DeactivateMeter { meter, key: None, .. } => format!("meter {}", meter.as_deref().unwrap_or("(new)")),
    }
}

fn symbol_of(actions: &[&Action]) -> Symbol {
    let has = |test: fn(&Change) -> bool| actions.iter().any(|action| test(&action.change));
    if has(|change| {
        matches!(
            change,
            Change::CreatePrice { replaces: Some(_), .. } | Change::ReactivatePrice { replaces: Some(_), .. }
        )
    }) {
        Symbol::Replace
    } else if has(|change| {
        matches!(change, Change::CreateProduct { .. } | Change::CreatePrice { .. } | Change::CreateMeter { .. })
    }) {
        Symbol::Create
    } else if has(|change| {
        matches!(change, Change::ArchiveProduct { .. } | Change::ArchivePrice { .. } | Change::DeactivateMeter { .. })
    }) {
        Symbol::Archive
    } else {
        Symbol::Update
    }
}
