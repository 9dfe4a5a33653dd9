//! The meter rules of the diff (issue #14 item 4), on hand-built catalogs and Stripe states.

use crate::catalog::Catalog;
use crate::objects::{Aggregation, RemoteState};
use crate::plan::fixtures::{applied, catalog, header, meter, metered, monthly, product};
use crate::plan::{ArchiveReason, Change, DeactivateReason, DiffOptions, MeterTarget, Plan, PlanError, Symbol, diff};

use super::MeterProblem;

fn plan(catalog: &Catalog, remote: &RemoteState) -> Result<Plan, PlanError> {
    diff(catalog, remote, &DiffOptions { adopt: false, header: header() })
}

fn ids(plan: &Plan) -> Vec<&str> {
    plan.actions.iter().map(|action| action.id.as_str()).collect()
}

fn deps<'a>(plan: &'a Plan, id: &str) -> Vec<&'a str> {
    plan.action(id).unwrap().depends_on.iter().map(String::as_str).collect()
}

/// A meter `api` (event `api_call`) and a product whose price charges for it.
fn usage() -> Catalog {
    let mut catalog = catalog(vec![product("api", None, vec![metered("api_calls", 25, "api")])]);
    catalog.meters.push(meter("api", "api_call"));
    catalog
}

#[test]
fn a_new_meter_is_created_before_the_prices_that_charge_for_it() {
    let plan = plan(&usage(), &RemoteState::default()).unwrap();
    assert_eq!(ids(&plan), ["meter/api/create", "product/api/create", "price/api_calls/create"]);
    assert_eq!(deps(&plan, "price/api_calls/create"), ["product/api/create", "meter/api/create"]);
    let Change::CreatePrice { meter, terms, .. } = &plan.action("price/api_calls/create").unwrap().change else {
        panic!("a price create")
    };
    assert_eq!(meter, &Some(MeterTarget::Created { key: "api".to_string() }));
    assert_eq!(terms.recurring.as_ref().and_then(|recurring| recurring.meter.as_deref()), Some("api"));
    assert_eq!(plan.action("meter/api/create").unwrap().change.needs_created(), None);
    assert_eq!(
        plan.action("price/api_calls/create").unwrap().change.needs_created().as_deref(),
        Some("meter/api/create")
    );
    assert_eq!(plan.summary().create, 3);
}

#[test]
fn an_applied_meter_and_its_price_give_an_empty_plan() {
    let catalog = usage();
    let plan = plan(&catalog, &applied(&catalog)).unwrap();
    assert!(plan.is_empty(), "{:?}", plan.actions);
}

#[test]
fn a_price_on_an_existing_meter_names_its_id() {
    let catalog = usage();
    let mut remote = applied(&catalog);
    remote.prices.clear();
    let plan = plan(&catalog, &remote).unwrap();
    let Change::CreatePrice { meter, .. } = &plan.action("price/api_calls/create").unwrap().change else {
        panic!("a price create")
    };
    assert_eq!(meter, &Some(MeterTarget::Existing { id: "mtr_api".to_string(), key: "api".to_string() }));
    assert_eq!(deps(&plan, "price/api_calls/create"), Vec::<&str>::new());
}

#[test]
fn a_display_name_change_is_an_update_in_place() {
    let before = usage();
    let mut after = usage();
    after.meters[0].display_name = "API requests".to_string();
    let plan = plan(&after, &applied(&before)).unwrap();
    assert_eq!(ids(&plan), ["meter/api/update"]);
    assert_eq!(
        plan.actions[0].change,
        Change::UpdateMeter { key: "api".into(), meter: "mtr_api".into(), display_name: "API requests".into() }
    );
    assert_eq!(plan.summary().update, 1);
}

#[test]
fn what_a_meter_measures_cannot_change() {
    let before = usage();
    let mut after = usage();
    after.meters[0].terms.aggregation = Aggregation::Count;
    after.meters[0].terms.value_key = "calls".to_string();
    let err = plan(&after, &applied(&before)).unwrap_err();
    let PlanError::Meters(problems) = &err else { panic!("{err:?}") };
    assert_eq!(
        problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            "meter `api` (mtr_api): aggregation cannot change from `sum` to `count`",
            "meter `api` (mtr_api): value_key cannot change from `value` to `calls`",
        ]
    );
    let hints = crate::error::Hints::hints(&err);
    assert!(hints.iter().any(|hint| hint.contains("add a meter with a new key and a new event_name")), "{hints:?}");
}

#[test]
fn an_event_name_edited_in_place_is_refused_with_what_to_do() {
    let before = usage();
    let mut after = usage();
    after.meters[0].terms.event_name = "api_request".to_string();
    let err = plan(&after, &applied(&before)).unwrap_err();
    assert_eq!(
        err,
        PlanError::Meters(vec![MeterProblem::EventNameChanged {
            key: "api".into(),
            id: "mtr_api".into(),
            old: "api_call".into(),
            new: "api_request".into(),
            prices: vec!["api_calls".into()],
        }])
    );
    assert!(
        err.to_string().contains(
            "meter `api`: event_name cannot change from `api_call` to `api_request` (prices `api_calls` charge for mtr_api, event `api_call`)"
        ),
        "{err}"
    );
}

/// What the refusal says to do instead: a new meter key beside the old meter, the price
/// pointed at it (a replace), and the old meter deactivated.
#[test]
fn a_new_meter_key_with_the_old_meter_kept_inactive_replaces_the_price() {
    let before = usage();
    let mut after = catalog(vec![product("api", None, vec![metered("api_calls", 25, "api-v2")])]);
    let mut old = meter("api", "api_call");
    old.active = false;
    after.meters = vec![old, meter("api-v2", "api_request")];
    let plan = plan(&after, &applied(&before)).unwrap();
    assert_eq!(
        ids(&plan),
        ["meter/api-v2/create", "price/api_calls/create", "price/price_api_calls/archive", "meter/api/deactivate"]
    );
    let Change::CreatePrice { replaces: Some(replaced), meter, .. } =
        &plan.action("price/api_calls/create").unwrap().change
    else {
        panic!("a replace")
    };
    assert_eq!(replaced.reasons, ["its meter changes from \"api\" to \"api-v2\" (recurring cannot change)"]);
    assert_eq!(meter, &Some(MeterTarget::Created { key: "api-v2".to_string() }));
    assert_eq!(
        plan.action("meter/api/deactivate").unwrap().change,
        Change::DeactivateMeter {
            key: Some("api".into()),
            meter: Some("mtr_api".into()),
            event_name: "api_call".into(),
            reason: DeactivateReason::SetInactive
        }
    );
    assert_eq!((plan.summary().create, plan.summary().replace, plan.summary().archive), (1, 1, 1));
}

#[test]
fn a_meter_leaving_the_catalog_is_deactivated_never_deleted() {
    let before = usage();
    let after = catalog(vec![product("api", None, vec![])]);
    let mut remote = applied(&before);
    // A meter made in the Dashboard that no managed price uses is not the catalog's.
    let mut foreign = remote.meters[0].clone();
    foreign.id = "mtr_foreign".to_string();
    foreign.terms.event_name = "signup".to_string();
    remote.meters.push(foreign);
    let plan = plan(&after, &remote).unwrap();
    assert_eq!(ids(&plan), ["price/price_api_calls/archive", "meter/mtr_api/deactivate"]);
    assert!(matches!(
        plan.action("price/price_api_calls/archive").unwrap().change,
        Change::ArchivePrice { reason: ArchiveReason::RemovedFromCatalog, .. }
    ));
    assert_eq!(
        plan.action("meter/mtr_api/deactivate").unwrap().change,
        Change::DeactivateMeter {
            key: None,
            meter: Some("mtr_api".into()),
            event_name: "api_call".into(),
            reason: DeactivateReason::RemovedFromCatalog
        }
    );
}

#[test]
fn a_deactivated_meter_comes_back_before_its_new_prices() {
    let catalog = usage();
    let mut remote = applied(&catalog);
    remote.meters[0].active = false;
    remote.prices.clear();
    let plan = plan(&catalog, &remote).unwrap();
    assert_eq!(ids(&plan), ["meter/api/reactivate", "price/api_calls/create"]);
    assert_eq!(deps(&plan, "price/api_calls/create"), ["meter/api/reactivate"]);
}

/// A catalog meter that is new and inactive is created, used by its (archived) prices, and
/// deactivated last: Stripe refuses new prices on an inactive meter.
#[test]
fn a_new_inactive_meter_is_deactivated_after_its_prices_exist() {
    let mut catalog = usage();
    catalog.meters[0].active = false;
    catalog.products[0].prices[0].settings.active = false;
    catalog.products[0].prices.push(monthly("api_base", 900));
    let plan = plan(&catalog, &RemoteState::default()).unwrap();
    assert_eq!(deps(&plan, "meter/api/deactivate"), ["meter/api/create", "price/api_calls/create"]);
    assert_eq!(ids(&plan).last(), Some(&"meter/api/deactivate"));
    let deactivate = &plan.action("meter/api/deactivate").unwrap().change;
    assert_eq!(deactivate.needs_created().as_deref(), Some("meter/api/create"));
    let blocks = crate::plan::blocks::blocks(&plan);
    assert_eq!(blocks[0].object, "meter \"api\"");
    assert_eq!(blocks[0].symbol, Symbol::Create);
}
