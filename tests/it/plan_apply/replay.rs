//! A replayed answer is verified, never trusted (issue #16, item 1). Stripe answers a repeated
//! idempotency key with the key's first response for 24 hours, whatever happened to the object
//! since (docs.stripe.com/api/idempotent_requests); the sandbox replays the same way. A
//! create's key is a hash of the desired values, so recreating what was changed outside the
//! tool repeats an old key.

use super::{World, catalog, holder, price, product};
use crate::sandbox::Api;
use stripe_catalog::objects::Interval;
use stripe_sandbox::{Faults, SandboxBuilder};

#[tokio::test]
async fn a_price_whose_lookup_key_was_moved_away_is_created_anew_not_taken_from_the_replay() {
    let mut world = World::new().await;
    let wanted = catalog(vec![product(
        "sp001",
        Some("sp001-1"),
        vec![price("sp001-1", 1000, Interval::Month), price("sp001-2", 2000, Interval::Month)],
    )]);
    world.apply(&wanted).await;
    let old = holder(&world.state().await, "sp001-2").id.clone();
    // Outside the tool, the lookup key moves away from the price the tool created.
    Api::new(&world.sandbox).create(&format!("/v1/prices/{old}"), "lookup_key=sp001-2-old").await;

    let plan = world.plan(&wanted).await;
    let outcome = world.execute(&plan).await;
    assert!(outcome.succeeded(), "{outcome:?}");
    assert_eq!(outcome.stale_replays.len(), 1, "{outcome:?}");
    let (action, reason) = &outcome.stale_replays[0];
    assert_eq!(action, "price/sp001-2/create");
    assert!(reason.contains(&old) && reason.contains("`sp001-2-old`"), "{reason}");
    assert!(outcome.replayed.is_empty(), "a stale replay is not counted as a verified one");

    let state = world.state().await;
    let new = holder(&state, "sp001-2");
    assert_ne!(new.id, old, "the key is held by a new price, not by the replayed old one");
    assert!(new.settings.active);
    let done_id = outcome.done.iter().find(|(id, _)| id == action).map(|(_, object)| object.clone());
    assert_eq!(done_id.as_deref(), Some(new.id.as_str()), "the outcome names the price really written");
    let renamed = state.prices.iter().find(|price| price.id == old).expect("the renamed price is kept");
    assert_eq!(renamed.lookup_key.as_deref(), Some("sp001-2-old"));
    assert!(!renamed.settings.active, "the managed price outside the catalog is archived, and only it");
    assert!(world.plan(&wanted).await.is_empty(), "one apply converges");

    let audit = std::fs::read_to_string(world.dir.path().join("audit.jsonl")).expect("audit log");
    let line = audit
        .lines()
        .rfind(|line| line.contains("price/sp001-2/create"))
        .map(|line| serde_json::from_str::<serde_json::Value>(line).expect("JSON line"))
        .expect("the create is audited");
    assert_eq!(line["object_id"], new.id.as_str());
    assert_eq!(line["replayed"], false);
    assert!(line["stale_replay"].as_str().is_some_and(|why| why.contains("sp001-2-old")), "{line}");
}

#[tokio::test]
async fn a_deleted_product_is_created_again_not_reported_from_the_replay() {
    let mut world = World::new().await;
    let solo = catalog(vec![product("solo", None, Vec::new())]);
    world.apply(&solo).await;
    let api = Api::new(&world.sandbox);
    assert_eq!(api.delete("/v1/products/solo").await.status, 200);
    assert_eq!(api.get("/v1/products/solo").await.status, 404);

    let plan = world.plan(&solo).await;
    let outcome = world.execute(&plan).await;
    assert!(outcome.succeeded(), "{outcome:?}");
    assert_eq!(outcome.stale_replays.len(), 1, "{outcome:?}");
    assert!(outcome.stale_replays[0].1.contains("no longer exists"), "{:?}", outcome.stale_replays);
    let reply = api.get("/v1/products/solo").await;
    assert_eq!(reply.status, 200, "the product exists again: {}", reply.body);
    assert_eq!(reply.body["active"], true);
    assert!(world.plan(&solo).await.is_empty());
}

#[tokio::test]
async fn a_replay_of_this_runs_own_lost_response_is_verified_and_reported_as_a_replay() {
    // Half the responses are lost after the write commits: the transport retries with the
    // same key and gets the replay, which does describe Stripe as it is.
    let faults = Faults { drop_after_commit: 0.5, seed: 3, ..Faults::default() };
    let mut world = World::on(SandboxBuilder::new().faults(faults)).await;
    let wanted = catalog(vec![product(
        "pro",
        Some("pro-monthly"),
        vec![price("pro-monthly", 2900, Interval::Month), price("pro-yearly", 29000, Interval::Year)],
    )]);
    let plan = world.plan(&wanted).await;
    let outcome = world.execute(&plan).await;
    assert!(outcome.succeeded(), "{outcome:?}");
    assert!(outcome.stale_replays.is_empty(), "{outcome:?}");
    assert!(!outcome.replayed.is_empty(), "seed 3 loses at least one response: {outcome:?}");
    for action in &outcome.replayed {
        assert!(outcome.done.iter().any(|(done, _)| done == action), "{action} is done too");
    }
    let audit = std::fs::read_to_string(world.dir.path().join("audit.jsonl")).expect("audit log");
    let replayed_lines = audit.lines().filter(|line| line.contains("\"replayed\":true")).count();
    assert_eq!(replayed_lines, outcome.replayed.len(), "the audit log says which writes were replays");
    assert!(world.plan(&wanted).await.is_empty());
}

/// Issue #16 item 7: concurrent applies of one plan create each object once, and the runs that
/// did not create it say so: their creates are verified replays, counted in the outcome and
/// marked in the audit log.
#[tokio::test]
async fn concurrent_applies_report_which_writes_were_replays() {
    let world = World::new().await;
    let products: Vec<_> = (0..5)
        .map(|index| {
            let id = format!("p{index}");
            let key = format!("p{index}-monthly");
            product(&id, Some(&key), vec![price(&key, 1000 + index, Interval::Month)])
        })
        .collect();
    let wanted = catalog(products);
    let plan = world.plan(&wanted).await;
    let creates = plan.actions.iter().filter(|action| action.change.creates()).count();
    assert_eq!(creates, 10);
    let run = |run_id: &str| {
        let options = stripe_catalog::apply::ApplyOptions {
            parallelism: 4,
            audit_log: world.dir.path().join("audit.jsonl"),
            run_id: run_id.to_string(),
            webhook_secrets: None,
        };
        let plan = &plan;
        let gateway = world.gateway().clone();
        async move { stripe_catalog::apply::execute(plan, &gateway, &options, &super::printer()).await.expect("audit log") }
    };
    let outcomes = tokio::join!(run("a"), run("b"), run("c"));
    let outcomes = [outcomes.0, outcomes.1, outcomes.2];
    for outcome in &outcomes {
        assert!(outcome.succeeded(), "{outcome:?}");
        assert!(outcome.stale_replays.is_empty(), "{outcome:?}");
    }
    let replayed: usize = outcomes.iter().map(|outcome| outcome.replayed.len()).sum();
    assert_eq!(replayed, 2 * creates, "of three runs, two got each create as a replay");
    let state = world.state().await;
    assert_eq!(state.products.len(), 5, "each product once");
    assert_eq!(state.prices.len(), 5, "each price once");
    let audit = std::fs::read_to_string(world.dir.path().join("audit.jsonl")).expect("audit log");
    assert_eq!(audit.lines().filter(|line| line.contains("\"replayed\":true")).count(), 2 * creates);
}
