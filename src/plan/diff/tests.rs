//! One test per diff rule, on hand-built catalogs and Stripe states.

use std::collections::BTreeMap;

use super::*;
use crate::objects::{Interval, Mode, Recurring, UsageType};
use crate::plan::fixtures::{applied, catalog, eur, header, monthly, product, usd};
use crate::plan::{ArchiveReason, Change, DefaultPriceTarget, DefaultReason, Symbol, idempotency_key};

fn options(adopt: bool) -> DiffOptions {
    DiffOptions { adopt, header: header() }
}

fn plan(catalog: &Catalog, remote: &RemoteState) -> Plan {
    diff(catalog, remote, &options(false)).unwrap()
}

fn ids(plan: &Plan) -> Vec<&str> {
    plan.actions.iter().map(|action| action.id.as_str()).collect()
}

fn deps<'a>(plan: &'a Plan, id: &str) -> Vec<&'a str> {
    plan.action(id).unwrap().depends_on.iter().map(String::as_str).collect()
}

fn pro() -> Catalog {
    catalog(vec![product("pro", Some("pro_monthly"), vec![monthly("pro_monthly", 2900), monthly("pro_yearly", 29000)])])
}

#[test]
fn from_empty_creates_products_then_prices_then_the_default() {
    let plan = plan(&pro(), &RemoteState::default());
    assert_eq!(
        ids(&plan),
        ["product/pro/create", "price/pro_monthly/create", "price/pro_yearly/create", "product/pro/default_price"]
    );
    assert_eq!(deps(&plan, "price/pro_monthly/create"), ["product/pro/create"]);
    assert_eq!(deps(&plan, "product/pro/default_price"), ["product/pro/create", "price/pro_monthly/create"]);
    let default = &plan.action("product/pro/default_price").unwrap().change;
    assert_eq!(
        default,
        &Change::SetDefaultPrice {
            product: "pro".to_string(),
            price: DefaultPriceTarget::Created { key: "pro_monthly".to_string() },
            reason: DefaultReason::Catalog
        }
    );
    assert_eq!(plan.summary().create, 3);
}

#[test]
fn a_state_matching_the_catalog_gives_an_empty_plan() {
    let catalog = pro();
    assert!(plan(&catalog, &applied(&catalog)).is_empty());
}

#[test]
fn stripes_own_currency_entry_in_currency_options_is_not_a_difference() {
    let mut price = monthly("pro_monthly", 2900);
    price.settings.currency_options.insert(
        eur(),
        CurrencyOption {
            pricing: Pricing::PerUnit { unit_amount: 2700.into() },
            tax_behavior: TaxBehavior::Unspecified,
        },
    );
    let catalog = catalog(vec![product("pro", None, vec![price])]);
    let mut remote = applied(&catalog);
    remote.prices[0].settings.currency_options.insert(
        usd(),
        CurrencyOption {
            pricing: Pricing::PerUnit { unit_amount: 2900.into() },
            tax_behavior: TaxBehavior::Unspecified,
        },
    );
    assert!(plan(&catalog, &remote).is_empty());
}

#[test]
fn a_rename_updates_only_the_name() {
    let before = pro();
    let mut after = pro();
    after.products[0].fields.name = "Pro plan".to_string();
    let plan = plan(&after, &applied(&before));
    assert_eq!(ids(&plan), ["product/pro/update"]);
    let Change::UpdateProduct { patch, .. } = &plan.actions[0].change else { panic!("not an update") };
    assert_eq!(patch, &ProductPatch { name: Some("Pro plan".to_string()), ..ProductPatch::default() });
    assert_eq!(plan.actions[0].changes[0].old.as_deref(), Some("\"PRO\""));
    assert_eq!(plan.actions[0].changes[0].new.as_deref(), Some("\"Pro plan\""));
    assert!(plan.drift.is_empty(), "a catalog edit is not drift");
}

#[test]
fn metadata_changes_set_and_unset_keys() {
    let mut before = pro();
    before.products[0].fields.metadata.insert("tier".to_string(), "gold".to_string());
    before.products[0].fields.metadata.insert("old".to_string(), "x".to_string());
    let mut after = pro();
    after.products[0].fields.metadata.insert("tier".to_string(), "platinum".to_string());
    let plan = plan(&after, &applied(&before));
    let Change::UpdateProduct { patch, .. } = &plan.actions[0].change else { panic!("not an update") };
    assert_eq!(patch.metadata.set.get("tier").map(String::as_str), Some("platinum"));
    assert_eq!(patch.metadata.unset, ["old"]);
}

#[test]
fn a_change_made_outside_the_catalog_is_reported_as_drift() {
    let catalog = pro();
    let mut remote = applied(&catalog);
    remote.products[0].fields.name = "Edited in the dashboard".to_string();
    remote.prices[0].settings.metadata.insert("edited".to_string(), "yes".to_string());
    let plan = plan(&catalog, &remote);
    let drifted: Vec<&str> = plan.drift.iter().map(|drift| drift.object.as_str()).collect();
    assert_eq!(drifted, ["price \"pro_monthly\"", "product \"pro\""]);
    assert_eq!(ids(&plan), ["product/pro/update", "price/pro_monthly/update"]);
}

#[test]
fn an_amount_change_replaces_the_price_moving_key_and_default_before_archiving() {
    let before = pro();
    let mut after = pro();
    after.products[0].prices[0] = monthly("pro_monthly", 3500);
    let plan = plan(&after, &applied(&before));
    assert_eq!(
        ids(&plan),
        ["price/pro_monthly/create", "product/pro/default_price", "price/price_pro_monthly/archive"]
    );
    let Change::CreatePrice { replaces: Some(replaced), .. } = &plan.actions[0].change else { panic!("no replace") };
    assert_eq!(replaced.price, "price_pro_monthly");
    assert_eq!(replaced.reasons, ["unit_amount cannot change"]);
    let Change::SetDefaultPrice { reason, price, .. } = &plan.actions[1].change else { panic!("no default move") };
    assert_eq!(*reason, DefaultReason::Replace);
    assert_eq!(price, &DefaultPriceTarget::Created { key: "pro_monthly".to_string() });
    assert_eq!(deps(&plan, "product/pro/default_price"), ["price/pro_monthly/create"]);
    assert_eq!(
        deps(&plan, "price/price_pro_monthly/archive"),
        ["price/pro_monthly/create", "product/pro/default_price"]
    );
    let Change::ArchivePrice { reason, .. } = &plan.actions[2].change else { panic!("no archive") };
    assert_eq!(*reason, ArchiveReason::Replaced);
    let summary = plan.summary();
    assert_eq!((summary.replace, summary.update, summary.archive, summary.create), (1, 0, 0, 0));
}

#[test]
fn a_non_default_price_replace_does_not_touch_the_default() {
    let before = pro();
    let mut after = pro();
    after.products[0].prices[1] = monthly("pro_yearly", 30000);
    let plan = plan(&after, &applied(&before));
    assert_eq!(ids(&plan), ["price/pro_yearly/create", "price/price_pro_yearly/archive"]);
    assert_eq!(deps(&plan, "price/price_pro_yearly/archive"), ["price/pro_yearly/create"]);
}

#[test]
fn every_immutable_field_forces_a_replace() {
    let base = monthly("k", 100);
    let mut currency = base.clone();
    currency.terms.currency = eur();
    let mut interval = base.clone();
    interval.terms.recurring =
        Some(Recurring { interval: Interval::Year, interval_count: 1, usage_type: UsageType::Licensed, meter: None });
    let mut one_time = base.clone();
    one_time.terms.recurring = None;
    let mut tiered = base.clone();
    tiered.terms.pricing = Pricing::Tiered {
        tiers_mode: crate::objects::TiersMode::Volume,
        tiers: vec![crate::objects::Tier { up_to: None, unit_amount: Some(100.into()), flat_amount: None }],
    };
    let mut transform = base.clone();
    transform.terms.transform_quantity =
        Some(crate::objects::TransformQuantity { divide_by: 10, round: crate::objects::Round::Up });
    for (changed, reason) in [
        (currency, "currency cannot change"),
        (interval, "recurring cannot change"),
        (one_time, "recurring cannot change"),
        (tiered, "billing scheme cannot change"),
        (transform, "transform_quantity cannot change"),
    ] {
        let plan = plan(
            &catalog(vec![product("p", None, vec![changed])]),
            &applied(&catalog(vec![product("p", None, vec![base.clone()])])),
        );
        let Change::CreatePrice { replaces: Some(replaced), .. } = &plan.actions[0].change else {
            panic!("{reason}: no replace")
        };
        assert_eq!(replaced.reasons, [reason]);
    }
}

#[test]
fn a_price_moving_to_another_product_is_replaced() {
    let before = catalog(vec![product("a", None, vec![monthly("k", 100)]), product("b", None, vec![])]);
    let after = catalog(vec![product("a", None, vec![]), product("b", None, vec![monthly("k", 100)])]);
    let plan = plan(&after, &applied(&before));
    let Change::CreatePrice { replaces: Some(replaced), product, .. } = &plan.action("price/k/create").unwrap().change
    else {
        panic!("no replace")
    };
    assert_eq!(product, "b");
    assert_eq!(replaced.reasons, ["it moves from product \"a\" to \"b\""]);
    assert!(plan.action("price/price_k/archive").is_some());
}

#[test]
fn currency_options_added_or_changed_update_in_place() {
    let option = |amount: i64| CurrencyOption {
        pricing: Pricing::PerUnit { unit_amount: amount.into() },
        tax_behavior: TaxBehavior::Unspecified,
    };
    let mut before = pro();
    before.products[0].prices[0].settings.currency_options.insert(eur(), option(2700));
    let mut after = pro();
    after.products[0].prices[0].settings.currency_options.insert(eur(), option(2800));
    after.products[0].prices[0].settings.currency_options.insert(Currency::parse("gbp").unwrap(), option(2400));
    let plan = plan(&after, &applied(&before));
    assert_eq!(ids(&plan), ["price/pro_monthly/update"]);
    let Change::UpdatePrice { patch, .. } = &plan.actions[0].change else { panic!("not an update") };
    assert_eq!(patch.currency_options.as_ref().map(BTreeMap::len), Some(2));
    let fields: Vec<&str> = plan.actions[0].changes.iter().map(|change| change.field.as_str()).collect();
    assert_eq!(fields, ["currency_options.eur", "currency_options.gbp"]);
    assert_eq!(plan.actions[0].changes[0].new.as_deref(), Some("€28.00 EUR"));
}

#[test]
fn a_removed_currency_option_replaces_the_price() {
    let mut before = pro();
    before.products[0].prices[1].settings.currency_options.insert(
        eur(),
        CurrencyOption {
            pricing: Pricing::PerUnit { unit_amount: 27000.into() },
            tax_behavior: TaxBehavior::Unspecified,
        },
    );
    let plan = plan(&pro(), &applied(&before));
    let Change::CreatePrice { replaces: Some(replaced), .. } = &plan.actions[0].change else { panic!("no replace") };
    assert!(replaced.reasons[0].starts_with("currency option EUR is removed"), "{:?}", replaced.reasons);
}

#[test]
fn tax_behavior_changes_in_place_only_from_unspecified() {
    let before = pro();
    let mut after = pro();
    after.products[0].prices[0].settings.tax_behavior = TaxBehavior::Exclusive;
    let in_place = plan(&after, &applied(&before));
    let Change::UpdatePrice { patch, .. } = &in_place.actions[0].change else { panic!("not an update") };
    assert_eq!(patch.tax_behavior, Some(TaxBehavior::Exclusive));

    let mut inclusive = pro();
    inclusive.products[0].prices[0].settings.tax_behavior = TaxBehavior::Inclusive;
    let replaced = plan(&inclusive, &applied(&after));
    assert!(matches!(&replaced.actions[0].change, Change::CreatePrice { replaces: Some(_), .. }));
    let back = plan(&before, &applied(&after));
    assert!(matches!(&back.actions[0].change, Change::CreatePrice { replaces: Some(_), .. }));
}

#[test]
fn a_removed_price_is_archived() {
    let before = pro();
    let mut after = pro();
    after.products[0].prices.pop();
    let plan = plan(&after, &applied(&before));
    assert_eq!(ids(&plan), ["price/price_pro_yearly/archive"]);
    let Change::ArchivePrice { reason, key, .. } = &plan.actions[0].change else { panic!("not an archive") };
    assert_eq!((*reason, key.as_deref()), (ArchiveReason::RemovedFromCatalog, Some("pro_yearly")));
    assert_eq!(plan.summary().archive, 1);
}

#[test]
fn a_removed_default_price_moves_the_default_first() {
    let before = pro();
    let mut after = catalog(vec![product("pro", None, vec![monthly("pro_yearly", 29000)])]);
    after.products[0].fields.name = "PRO".to_string();
    let plan = plan(&after, &applied(&before));
    assert_eq!(ids(&plan), ["product/pro/default_price", "price/price_pro_monthly/archive"]);
    let Change::SetDefaultPrice { price, reason, .. } = &plan.actions[0].change else { panic!("no move") };
    assert_eq!(
        price,
        &DefaultPriceTarget::Existing { id: "price_pro_yearly".to_string(), key: Some("pro_yearly".to_string()) }
    );
    assert_eq!(*reason, DefaultReason::Archive);
    assert_eq!(deps(&plan, "price/price_pro_monthly/archive"), ["product/pro/default_price"]);
}

#[test]
fn a_default_price_with_nowhere_to_move_stays_active_with_a_note() {
    let before = pro();
    let after = catalog(vec![product("pro", None, vec![])]);
    let plan = plan(&after, &applied(&before));
    assert_eq!(ids(&plan), ["price/price_pro_yearly/archive"]);
    assert_eq!(plan.notes.len(), 1);
    assert!(plan.notes[0].contains("\"pro_monthly\" (price_pro_monthly) stays active"), "{}", plan.notes[0]);
}

#[test]
fn a_removed_product_is_archived_with_its_prices_except_the_default() {
    let before = catalog(vec![
        product("pro", Some("pro_monthly"), vec![monthly("pro_monthly", 2900), monthly("pro_yearly", 29000)]),
        product("team", None, vec![monthly("team_monthly", 9900)]),
    ]);
    let after = catalog(vec![product("team", None, vec![monthly("team_monthly", 9900)])]);
    let plan = plan(&after, &applied(&before));
    assert_eq!(ids(&plan), ["price/price_pro_yearly/archive", "product/pro/archive"]);
    let Change::ArchivePrice { reason, .. } = &plan.actions[0].change else { panic!("not an archive") };
    assert_eq!(*reason, ArchiveReason::ProductRemoved);
    assert!(plan.notes[0].contains("leaving the catalog"));
    assert_eq!(plan.summary().archive, 2);
    // Archived already: nothing more to do, and the kept default does not come back.
    let mut archived = applied(&before);
    archived.products[0].fields.active = false;
    archived.prices[1].settings.active = false;
    let again = super::diff(&after, &archived, &options(false)).unwrap();
    assert!(again.is_empty(), "{:?}", again.actions);
}

#[test]
fn a_returning_product_and_price_are_reactivated() {
    let catalog = pro();
    let mut remote = applied(&catalog);
    // Archived by the tool: the archive stored the archived fingerprint.
    remote.products[0].fields.active = false;
    remote.products[0].applied_fingerprint = Some(product_fingerprint(&remote.products[0].fields));
    remote.prices[1].settings.active = false;
    remote.prices[1].applied_fingerprint = Some(price_fingerprint(&remote.prices[1].settings));
    let plan = plan(&catalog, &remote);
    assert_eq!(ids(&plan), ["product/pro/update", "price/pro_yearly/update"]);
    let Change::UpdateProduct { patch, .. } = &plan.actions[0].change else { panic!("not an update") };
    assert_eq!(patch, &ProductPatch { active: Some(true), ..ProductPatch::default() });
    let Change::UpdatePrice { patch, .. } = &plan.actions[1].change else { panic!("not an update") };
    assert_eq!(patch, &PricePatch { active: Some(true), ..PricePatch::default() });
    assert!(plan.drift.is_empty(), "the tool's own archive is not drift");
    // How the plan reads: `render`'s test `a_returning_product_reads_as_reactivated`.
}

/// Issue #14 item 3: every drifted object is listed with the fields that drifted, and an
/// archive made in the Dashboard is drift (the stored fingerprint says active).
#[test]
fn drift_names_every_object_and_field_including_a_dashboard_archive() {
    let catalog = pro();
    let mut remote = applied(&catalog);
    remote.products[0].fields.name = "Renamed in the Dashboard".to_string();
    remote.prices[0].settings.nickname = Some("dash".to_string());
    remote.prices[0].settings.metadata.insert("x".to_string(), "1".to_string());
    remote.prices[1].settings.active = false;
    let plan = plan(&catalog, &remote);
    let drift: Vec<(String, Vec<String>)> =
        plan.drift.iter().map(|drift| (drift.object.clone(), drift.fields.clone())).collect();
    assert_eq!(
        drift,
        [
            ("price \"pro_monthly\"".to_string(), vec!["nickname".to_string(), "metadata.x".to_string()]),
            ("price \"pro_yearly\"".to_string(), vec!["active".to_string()]),
            ("product \"pro\"".to_string(), vec!["name".to_string()]),
        ]
    );
}

#[test]
fn unmanaged_objects_in_the_way_stop_the_plan_naming_them() {
    let catalog = pro();
    let mut remote = applied(&catalog);
    remote.products[0].managed = false;
    remote.prices[1].managed = false;
    let err = diff(&catalog, &remote, &options(false)).unwrap_err();
    assert_eq!(
        err,
        PlanError::Unmanaged(vec![
            Conflict::Product { id: "pro".to_string() },
            Conflict::Price {
                key: "pro_yearly".to_string(),
                id: "price_pro_yearly".to_string(),
                product: "pro".to_string()
            },
        ])
    );
    let message = err.to_string();
    assert!(message.contains("product `pro` exists in Stripe but is not managed"), "{message}");
    assert!(err.hints()[0].contains("--adopt"));
}

#[test]
fn adopt_tags_unmanaged_objects_then_reconciles_them() {
    let mut catalog = pro();
    catalog.products[0].prices[1].settings.nickname = Some("Yearly".to_string());
    let mut remote = applied(&pro());
    remote.products[0].managed = false;
    remote.products[0].applied_fingerprint = None;
    remote.prices[1].managed = false;
    remote.prices[1].settings.nickname = Some("legacy".to_string());
    let plan = diff(&catalog, &remote, &options(true)).unwrap();
    assert_eq!(ids(&plan), ["product/pro/update", "price/pro_yearly/update"]);
    let Change::UpdateProduct { patch, .. } = &plan.actions[0].change else { panic!("not an update") };
    assert_eq!(patch, &ProductPatch { mark_managed: true, ..ProductPatch::default() });
    let Change::UpdatePrice { patch, .. } = &plan.actions[1].change else { panic!("not an update") };
    assert_eq!(
        patch,
        &PricePatch { mark_managed: true, nickname: Some(Some("Yearly".to_string())), ..PricePatch::default() }
    );
    assert_eq!(plan.actions[0].changes[0].field, "managed");
}

#[test]
fn unmanaged_objects_outside_the_catalog_are_never_touched() {
    let catalog = pro();
    let mut remote = applied(&catalog);
    let mut foreign = applied(&crate::plan::fixtures::catalog(vec![product(
        "legacy",
        Some("legacy_key"),
        vec![monthly("legacy_key", 500)],
    )]));
    foreign.products[0].managed = false;
    foreign.prices[0].managed = false;
    remote.products.append(&mut foreign.products);
    remote.prices.append(&mut foreign.prices);
    // An unmanaged price on a managed product, keyless: still not ours.
    let mut stray = remote.prices[0].clone();
    stray.id = "price_stray".to_string();
    stray.lookup_key = None;
    stray.managed = false;
    remote.prices.push(stray);
    assert!(plan(&catalog, &remote).is_empty());
}

#[test]
fn a_managed_price_that_lost_its_key_is_archived() {
    let catalog = pro();
    let mut remote = applied(&catalog);
    let mut leftover = remote.prices[1].clone();
    leftover.id = "price_leftover".to_string();
    leftover.lookup_key = None;
    remote.prices.push(leftover);
    let plan = plan(&catalog, &remote);
    assert_eq!(ids(&plan), ["price/price_leftover/archive"]);
    let Change::ArchivePrice { reason, .. } = &plan.actions[0].change else { panic!("not an archive") };
    assert_eq!(*reason, ArchiveReason::LostKey);
}

#[test]
fn a_crashed_replace_leaving_the_old_default_is_finished() {
    // The new price took the key, the crash came before the default move and the archive.
    let before = pro();
    let mut after = pro();
    after.products[0].prices[0] = monthly("pro_monthly", 3500);
    let mut remote = applied(&before);
    remote.prices[0].lookup_key = None;
    let mut new_price = remote.prices[0].clone();
    new_price.id = "price_new".to_string();
    new_price.lookup_key = Some("pro_monthly".to_string());
    new_price.terms = after.products[0].prices[0].terms.clone();
    remote.prices.push(new_price);
    let plan = plan(&after, &remote);
    assert_eq!(ids(&plan), ["product/pro/default_price", "price/price_pro_monthly/archive"]);
    assert_eq!(deps(&plan, "price/price_pro_monthly/archive"), ["product/pro/default_price"]);
}

#[test]
fn the_catalog_default_moves_in_place() {
    let before = pro();
    let mut after = pro();
    after.products[0].default_price = Some("pro_yearly".to_string());
    let plan = plan(&after, &applied(&before));
    assert_eq!(ids(&plan), ["product/pro/default_price"]);
    assert_eq!(plan.summary().update, 1);
    assert_eq!(plan.actions[0].changes[0].old.as_deref(), Some("\"pro_monthly\" (price_pro_monthly)"));
}

#[test]
fn the_plan_does_not_depend_on_the_order_stripe_lists_objects() {
    let before = catalog(vec![
        product("a", Some("a1"), vec![monthly("a1", 100), monthly("a2", 200)]),
        product("b", None, vec![monthly("b1", 100)]),
    ]);
    let after = catalog(vec![product("b", None, vec![monthly("b1", 150), monthly("b2", 100)])]);
    let remote = applied(&before);
    let mut reversed = remote.clone();
    reversed.products.reverse();
    reversed.prices.reverse();
    let mut shuffled_catalog = after.clone();
    shuffled_catalog.products[0].prices.reverse();
    assert_eq!(plan(&after, &remote), plan(&shuffled_catalog, &reversed));
}

#[test]
fn idempotency_keys_are_stable_for_creates_and_per_run_for_other_writes() {
    let created = plan(&pro(), &RemoteState::default());
    let create = &created.actions[0];
    assert_eq!(idempotency_key(&created.header, create, "run1"), idempotency_key(&created.header, create, "run2"));
    let mut live = created.header.clone();
    live.mode = Mode::Live;
    assert_ne!(idempotency_key(&created.header, create, "run1"), idempotency_key(&live, create, "run1"));
    let mut other_account = created.header.clone();
    other_account.account.id = "acct_other".to_string();
    assert_ne!(idempotency_key(&created.header, create, "run1"), idempotency_key(&other_account, create, "run1"));
    let default = created.action("product/pro/default_price").unwrap();
    assert_ne!(idempotency_key(&created.header, default, "run1"), idempotency_key(&created.header, default, "run2"));
    assert!(idempotency_key(&created.header, create, "run1").len() <= 255);
}

#[test]
fn a_second_replace_back_to_the_same_terms_gets_a_fresh_create_key() {
    let at_29 = pro();
    let mut at_35 = pro();
    at_35.products[0].prices[0] = monthly("pro_monthly", 3500);
    let first = plan(&at_35, &applied(&at_29));
    let mut later = applied(&at_29);
    later.prices[0].id = "price_second_29".to_string();
    later.products[0].default_price = Some("price_second_29".to_string());
    let second = plan(&at_35, &later);
    assert_ne!(
        idempotency_key(&first.header, &first.actions[0], "r"),
        idempotency_key(&second.header, &second.actions[0], "r")
    );
}

#[test]
fn creating_a_product_lists_its_fields_and_the_summary_counts_objects() {
    let plan = plan(&pro(), &RemoteState::default());
    let Symbol::Create = crate::plan::blocks::blocks(&plan)[0].symbol else { panic!("not a create") };
    assert_eq!(plan.actions[0].changes[0].new.as_deref(), Some("\"PRO\""));
    assert_eq!(plan.actions[1].changes[0].new.as_deref(), Some("$29.00 USD / month"));
}

/// Issue #14 item 2: a field Stripe cannot unset is kept with a note, never a reason to
/// replace a price (which would strand its subscribers), and never seen as drift afterwards.
#[test]
fn fields_stripe_cannot_unset_are_kept_with_a_note_not_replaced() {
    let mut before = pro();
    before.products[0].prices[0].settings.nickname = Some("Monthly".to_string());
    before.products[0].fields.statement_descriptor = Some("ACME PRO".to_string());
    let kept = plan(&pro(), &applied(&before));
    assert_eq!(ids(&kept), Vec::<String>::new(), "no replace, no update: {:?}", kept.actions);
    assert!(kept.notes.iter().any(|note| note.contains("keeps statement_descriptor \"ACME PRO\"")), "{:?}", kept.notes);
    assert!(
        kept.notes.iter().any(|note| note
            == "price \"pro_monthly\" keeps nickname \"Monthly\": Stripe cannot unset a price's nickname (set the one you want in the catalog)"),
        "{:?}",
        kept.notes
    );

    // With another change to make, the update carries the kept values, so the stored
    // fingerprint matches the object and the next plan sees no drift.
    let mut renamed = pro();
    renamed.products[0].fields.name = "Pro plan".to_string();
    renamed.products[0].prices[0].settings.metadata.insert("tier".to_string(), "1".to_string());
    let updated = plan(&renamed, &applied(&before));
    assert!(updated.drift.is_empty(), "{:?}", updated.drift);
    assert_eq!(updated.actions.len(), 2, "{:?}", updated.actions);
    for action in &updated.actions {
        match &action.change {
            Change::UpdatePrice { patch, fingerprint, .. } => {
                assert_eq!(patch.nickname, None, "the nickname is not touched");
                let mut expected = renamed.products[0].prices[0].settings.clone();
                expected.nickname = Some("Monthly".to_string());
                assert_eq!(*fingerprint, price_fingerprint(&expected));
            }
            Change::UpdateProduct { patch, fingerprint, .. } => {
                assert_eq!(patch.statement_descriptor, None);
                let mut expected = renamed.products[0].fields.clone();
                expected.statement_descriptor = Some("ACME PRO".to_string());
                assert_eq!(*fingerprint, product_fingerprint(&expected));
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}

/// `pro` with the monthly price at `amount` and `on_replace` set on it.
fn pro_monthly_at(amount: i64, on_replace: OnReplace) -> Catalog {
    let mut catalog = pro();
    catalog.products[0].prices[0] = DesiredPrice { on_replace, ..monthly("pro_monthly", amount) };
    catalog
}

#[test]
fn on_replace_migrate_moves_subscribers_after_the_create_and_before_the_archive() {
    let plan = plan(&pro_monthly_at(3500, OnReplace::Migrate), &applied(&pro()));
    assert_eq!(
        ids(&plan),
        [
            "price/pro_monthly/create",
            "price/pro_monthly/migrate",
            "product/pro/default_price",
            "price/price_pro_monthly/archive"
        ]
    );
    assert_eq!(deps(&plan, "price/pro_monthly/migrate"), ["price/pro_monthly/create"]);
    assert_eq!(
        deps(&plan, "price/price_pro_monthly/archive"),
        ["price/pro_monthly/create", "price/pro_monthly/migrate", "product/pro/default_price"]
    );
    assert_eq!(
        plan.action("price/pro_monthly/migrate").unwrap().change,
        Change::MigrateSubscriptions {
            product: "pro".to_string(),
            key: "pro_monthly".to_string(),
            from: "price_pro_monthly".to_string(),
            to: DefaultPriceTarget::Created { key: "pro_monthly".to_string() },
            subscriptions: None,
        }
    );
    let Change::CreatePrice { replaces: Some(replaced), .. } = &plan.actions[0].change else { panic!("no replace") };
    assert_eq!(replaced.on_replace, OnReplace::Migrate);
    // Still one replaced object for the reader.
    assert_eq!(plan.summary().replace, 1);
    assert_eq!(crate::plan::blocks::blocks(&plan).len(), 1);
}

#[test]
fn on_replace_keep_plans_no_migration() {
    let plan = plan(&pro_monthly_at(3500, OnReplace::Keep), &applied(&pro()));
    assert!(plan.action("price/pro_monthly/migrate").is_none(), "{:?}", ids(&plan));
}

#[test]
fn a_migration_across_interval_currency_or_usage_type_is_refused_with_the_reason() {
    let cases: Vec<(Box<dyn Fn(&mut DesiredPrice)>, &str)> = vec![
        (
            Box::new(|price| price.terms.recurring.as_mut().unwrap().interval = Interval::Year),
            "the billing interval changes (every 1 month → every 1 year)",
        ),
        (
            Box::new(|price| price.terms.recurring.as_mut().unwrap().interval_count = 3),
            "the billing interval changes (every 1 month → every 3 month)",
        ),
        (Box::new(|price| price.terms.currency = eur()), "the currency changes (USD → EUR)"),
        (Box::new(|price| price.terms.recurring = None), "the new price is one-time"),
    ];
    for (change, reason) in cases {
        let mut after = pro_monthly_at(2900, OnReplace::Migrate);
        change(&mut after.products[0].prices[0]);
        let err = diff(&after, &applied(&pro()), &options(false)).expect_err(reason);
        let PlanError::Migration(problems) = &err else { panic!("{err:?}") };
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("price \"pro_monthly\" (price_pro_monthly): "), "{problems:?}");
        assert!(problems[0].contains(reason), "{reason}: {problems:?}");
        assert!(err.to_string().starts_with("on_replace: migrate cannot move the subscribers of a replaced price"));
    }
    let mut metered = pro_monthly_at(2900, OnReplace::Migrate);
    metered.products[0].prices[0].terms.recurring.as_mut().unwrap().usage_type = UsageType::Metered;
    let problem = subscribers::migration_problem(&monthly("a", 2900).terms, &metered.products[0].prices[0].terms);
    assert_eq!(
        problem.as_deref(),
        Some("the usage type changes (licensed → metered): customers would be charged another way")
    );
    let mut one_time = monthly("a", 2900).terms;
    one_time.recurring = None;
    assert!(subscribers::migration_problem(&one_time, &one_time).unwrap().contains("nothing to move"));
}

#[test]
fn an_interrupted_migration_is_finished_by_the_next_plan() {
    // The new price exists and holds the key, naming the old one; the old one is still active
    // and keyless (the run stopped mid-migration).
    let after = pro_monthly_at(3500, OnReplace::Migrate);
    let mut remote = applied(&after);
    let mut old = remote.prices.iter().find(|price| price.id == "price_pro_monthly").unwrap().clone();
    old.id = "price_old".to_string();
    old.lookup_key = None;
    old.terms = monthly("pro_monthly", 2900).terms;
    remote.prices.push(old);
    remote.prices.iter_mut().find(|price| price.id == "price_pro_monthly").unwrap().replaces =
        Some("price_old".to_string());
    let plan = plan(&after, &remote);
    assert_eq!(ids(&plan), ["price/pro_monthly/migrate", "price/price_old/archive"]);
    assert_eq!(deps(&plan, "price/price_old/archive"), ["price/pro_monthly/migrate"]);
    let Change::MigrateSubscriptions { from, to, .. } = &plan.actions[0].change else { panic!() };
    assert_eq!(
        (from.as_str(), to),
        (
            "price_old",
            &DefaultPriceTarget::Existing { id: "price_pro_monthly".to_string(), key: Some("pro_monthly".to_string()) }
        )
    );
    // With `keep` now, the old price is only archived.
    let kept = plan_of(&pro_monthly_at(3500, OnReplace::Keep), &remote);
    assert_eq!(ids(&kept), ["price/price_old/archive"]);
}

fn plan_of(catalog: &Catalog, remote: &RemoteState) -> Plan {
    plan(catalog, remote)
}

/// The state after `before` was applied, then replaced by `after` (the old price archived,
/// keyless, created earlier).
fn replaced_state(before: &Catalog, after: &Catalog) -> RemoteState {
    let mut remote = applied(after);
    let mut old = applied(before).prices.into_iter().find(|price| price.id == "price_pro_monthly").unwrap();
    old.id = "price_old".to_string();
    old.lookup_key = None;
    old.settings.active = false;
    old.created = 0;
    remote.prices.push(old);
    remote
}

#[test]
fn a_revert_reactivates_the_archived_price_with_equal_terms_instead_of_creating_one() {
    let (before, after) = (pro(), pro_monthly_at(3500, OnReplace::Keep));
    let remote = replaced_state(&before, &after);
    let plan = plan(&before, &remote);
    assert_eq!(
        ids(&plan),
        ["price/pro_monthly/reactivate", "product/pro/default_price", "price/price_pro_monthly/archive"]
    );
    let Change::ReactivatePrice { price, key, patch, replaces: Some(replaced), .. } = &plan.actions[0].change else {
        panic!("{:?}", plan.actions[0])
    };
    assert_eq!((price.as_str(), key.as_str(), patch.active), ("price_old", "pro_monthly", Some(true)));
    assert_eq!(replaced.price, "price_pro_monthly");
    let Change::SetDefaultPrice { price: target, .. } = &plan.actions[1].change else { panic!() };
    assert_eq!(
        target,
        &DefaultPriceTarget::Existing { id: "price_old".to_string(), key: Some("pro_monthly".to_string()) }
    );
    assert_eq!(deps(&plan, "product/pro/default_price"), ["price/pro_monthly/reactivate"]);
    assert_eq!(
        deps(&plan, "price/price_pro_monthly/archive"),
        ["price/pro_monthly/reactivate", "product/pro/default_price"]
    );
    assert!(!plan.actions.iter().any(|action| matches!(action.change, Change::CreatePrice { .. })));
    assert_eq!(crate::plan::blocks::blocks(&plan)[0].symbol, Symbol::Replace);
}

#[test]
fn a_revert_with_migrate_moves_the_subscribers_back_once_reactivated() {
    let (before, after) = (pro(), pro_monthly_at(3500, OnReplace::Keep));
    let remote = replaced_state(&before, &after);
    let plan = plan(&pro_monthly_at(2900, OnReplace::Migrate), &remote);
    assert_eq!(deps(&plan, "price/pro_monthly/migrate"), ["price/pro_monthly/reactivate"]);
    let Change::MigrateSubscriptions { from, to, .. } = &plan.action("price/pro_monthly/migrate").unwrap().change
    else {
        panic!()
    };
    assert_eq!(from, "price_pro_monthly");
    assert_eq!(to, &DefaultPriceTarget::Existing { id: "price_old".to_string(), key: Some("pro_monthly".to_string()) });
}

#[test]
fn the_revert_rule_wants_equal_terms_a_managed_price_and_the_same_product() {
    let desired = monthly("pro_monthly", 2900);
    let mut candidate = applied(&pro()).prices.into_iter().find(|price| price.id == "price_pro_monthly").unwrap();
    candidate.settings.active = false;
    let pick =
        |candidates: &[&RemotePrice]| subscribers::revert_target(candidates, "pro", &desired).map(|p| p.id.clone());
    assert_eq!(pick(&[&candidate]), Some("price_pro_monthly".to_string()));
    let active =
        RemotePrice { settings: PriceSettings { active: true, ..candidate.settings.clone() }, ..candidate.clone() };
    assert_eq!(pick(&[&active]), None, "an active price is no revert target");
    let unmanaged = RemotePrice { managed: false, ..candidate.clone() };
    assert_eq!(pick(&[&unmanaged]), None, "only the tool's own prices");
    let other_product = RemotePrice { product: "team".to_string(), ..candidate.clone() };
    assert_eq!(pick(&[&other_product]), None, "same product only");
    let other_amount = RemotePrice { terms: monthly("x", 2800).terms, ..candidate.clone() };
    assert_eq!(pick(&[&other_amount]), None, "equal terms only");
    let taxed = RemotePrice {
        settings: PriceSettings { tax_behavior: TaxBehavior::Inclusive, ..candidate.settings.clone() },
        ..candidate.clone()
    };
    assert_eq!(pick(&[&taxed]), None, "equal tax behaviour only");
    let newer = RemotePrice { id: "price_newer".to_string(), created: 5, ..candidate.clone() };
    assert_eq!(pick(&[&candidate, &newer]), Some("price_newer".to_string()), "the newest wins");
}
