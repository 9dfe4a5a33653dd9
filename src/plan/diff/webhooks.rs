//! The webhook-endpoint part of the diff.
//!
//! Identity: Stripe endpoints have no custom id, so `apply` writes the catalog key and the
//! managed marker into each endpoint's metadata (`stripe-catalog/webhook`,
//! `stripe-catalog/managed`), as products carry the marker. A catalog webhook is the managed
//! endpoint with its key; a managed endpoint whose key left the catalog is deleted (Stripe
//! deletes endpoints, unlike products and prices); an endpoint without the marker was made
//! elsewhere (the Dashboard, `stripe listen`, another tool) and is left alone and listed in
//! the plan's notes, so nobody wonders why the plan ignores it.
//!
//! Everything the catalog sets can change in place (docs.stripe.com/api/webhook_endpoints/update:
//! url, enabled_events, description, disabled, metadata), so there is no replace.

use std::collections::BTreeMap;

use crate::webhooks::{DesiredWebhook, RemoteWebhook, WebhookFields};

use super::super::{Action, Change, FieldChange};

/// What the plan does to webhook endpoints, and what it notes about the others.
#[derive(Debug, Default, PartialEq)]
pub struct WebhookPlan {
    pub actions: Vec<Action>,
    pub notes: Vec<String>,
}

/// `webhook/{key}/create`.
#[must_use]
pub fn create_webhook_id(key: &str) -> String {
    format!("webhook/{key}/create")
}

/// Diffs the catalog's webhooks with the account's endpoints.
#[must_use]
pub fn plan(desired: &[DesiredWebhook], remote: &[RemoteWebhook]) -> WebhookPlan {
    let mut plan = WebhookPlan::default();
    // Managed endpoints by key; a second one with the same key (left by a create whose answer
    // was lost before idempotency keys, or made by hand) is deleted as a duplicate.
    let mut managed: BTreeMap<&str, &RemoteWebhook> = BTreeMap::new();
    let mut duplicates: Vec<&RemoteWebhook> = Vec::new();
    let mut sorted: Vec<&RemoteWebhook> = remote.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    for endpoint in &sorted {
        match endpoint.key.as_deref().filter(|_| endpoint.managed) {
            Some(key) if managed.contains_key(key) => duplicates.push(endpoint),
            Some(key) => {
                managed.insert(key, endpoint);
            }
            None => {}
        }
    }
    let mut wanted: Vec<&DesiredWebhook> = desired.iter().collect();
    wanted.sort_by(|a, b| a.key.cmp(&b.key));
    for webhook in &wanted {
        match managed.get(webhook.key.as_str()) {
            None => {
                plan.actions.push(Action {
                    id: create_webhook_id(&webhook.key),
                    depends_on: Vec::new(),
                    changes: changes(None, &webhook.fields),
                    change: Change::CreateWebhook { key: webhook.key.clone(), fields: webhook.fields.clone() },
                });
            }
            Some(found) if found.fields != webhook.fields => {
                let unset_metadata =
                    found.fields.metadata.keys().filter(|name| !webhook.fields.metadata.contains_key(*name)).cloned();
                plan.actions.push(Action {
                    id: format!("webhook/{}/update", webhook.key),
                    depends_on: Vec::new(),
                    changes: changes(Some(&found.fields), &webhook.fields),
                    change: Change::UpdateWebhook {
                        key: webhook.key.clone(),
                        webhook: found.id.clone(),
                        fields: webhook.fields.clone(),
                        unset_metadata: unset_metadata.collect(),
                    },
                });
            }
            Some(_) => {}
        }
    }
    let kept = |key: &str| desired.iter().any(|webhook| webhook.key == key);
    let removed = managed.iter().filter(|(key, _)| !kept(key)).map(|(_, endpoint)| (*endpoint, false));
    for (endpoint, duplicate) in removed.chain(duplicates.into_iter().map(|endpoint| (endpoint, true))) {
        plan.actions.push(Action {
            id: format!("webhook/{}/delete", endpoint.id),
            depends_on: Vec::new(),
            changes: Vec::new(),
            change: Change::DeleteWebhook {
                key: endpoint.key.clone(),
                webhook: endpoint.id.clone(),
                url: endpoint.fields.url.clone(),
                duplicate,
            },
        });
    }
    for endpoint in sorted.iter().filter(|endpoint| !endpoint.managed) {
        let mut note = format!(
            "webhook endpoint {} ({}) is not managed by stripe-catalog and is left alone",
            endpoint.id, endpoint.fields.url
        );
        if let Some(twin) = wanted.iter().find(|webhook| webhook.fields.url == endpoint.fields.url) {
            note.push_str(&format!(
                "; it has the same url as the catalog's webhook \"{}\", so events both enable are delivered there twice",
                twin.key
            ));
        }
        plan.notes.push(note);
    }
    plan
}

/// The field lines of a create (`old` = `None`) or an update (only what differs).
fn changes(old: Option<&WebhookFields>, new: &WebhookFields) -> Vec<FieldChange> {
    let WebhookFields { url, events, description, disabled, metadata } = new;
    let quoted = |text: &str| format!("\"{text}\"");
    let mut lines = Vec::new();
    let mut line = |field: &str, before: Option<String>, after: Option<String>| {
        let unchanged = old.is_some() && before == after;
        if !unchanged {
            lines.push(FieldChange { field: field.to_string(), old: before, new: after });
        }
    };
    line("url", old.map(|old| quoted(&old.url)), Some(quoted(url)));
    line("events", old.map(|old| old.events.join(", ")), Some(events.join(", ")));
    let description_of = |fields: &WebhookFields| fields.description.as_deref().map(quoted);
    if old.is_some() || description.is_some() {
        line("description", old.and_then(description_of), description_of(new));
    }
    if old.is_some() || *disabled {
        line("disabled", old.map(|old| old.disabled.to_string()), Some(disabled.to_string()));
    }
    let metadata_of = |map: &BTreeMap<String, String>| {
        (!map.is_empty())
            .then(|| map.iter().map(|(name, value)| format!("{name}={value}")).collect::<Vec<_>>().join(", "))
    };
    if old.is_some() || !metadata.is_empty() {
        line("metadata", old.and_then(|old| metadata_of(&old.metadata)), metadata_of(metadata));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(url: &str, events: &[&str]) -> WebhookFields {
        WebhookFields {
            url: url.to_string(),
            events: events.iter().map(ToString::to_string).collect(),
            ..WebhookFields::default()
        }
    }

    fn desired(key: &str, fields: WebhookFields) -> DesiredWebhook {
        DesiredWebhook { key: key.to_string(), fields }
    }

    fn remote(id: &str, key: Option<&str>, managed: bool, fields: WebhookFields) -> RemoteWebhook {
        RemoteWebhook { id: id.to_string(), key: key.map(str::to_string), managed, fields }
    }

    const URL: &str = "https://api.example.com/webhook/stripe";

    #[test]
    fn a_new_webhook_is_created_with_its_fields() {
        let plan = plan(&[desired("fulfilment", fields(URL, &["checkout.session.completed"]))], &[]);
        assert_eq!(plan.actions.len(), 1);
        let action = &plan.actions[0];
        assert_eq!(action.id, "webhook/fulfilment/create");
        assert!(action.change.creates());
        let shown: Vec<String> = action
            .changes
            .iter()
            .map(|change| format!("{}={}", change.field, change.new.clone().unwrap_or_default()))
            .collect();
        assert_eq!(shown, vec![format!("url=\"{URL}\""), "events=checkout.session.completed".to_string()]);
    }

    #[test]
    fn a_changed_webhook_is_updated_with_only_what_differs() {
        let mut now = fields(URL, &["checkout.session.completed"]);
        now.metadata.insert("team".to_string(), "growth".to_string());
        let mut wanted = fields(URL, &["checkout.session.completed", "invoice.payment_failed"]);
        wanted.disabled = true;
        let plan = plan(&[desired("fulfilment", wanted.clone())], &[remote("we_1", Some("fulfilment"), true, now)]);
        assert_eq!(plan.actions.len(), 1);
        let Change::UpdateWebhook { webhook, fields, unset_metadata, .. } = &plan.actions[0].change else {
            panic!("update expected: {plan:?}");
        };
        assert_eq!((webhook.as_str(), fields, unset_metadata.as_slice()), ("we_1", &wanted, &["team".to_string()][..]));
        let names: Vec<&str> = plan.actions[0].changes.iter().map(|change| change.field.as_str()).collect();
        assert_eq!(names, vec!["events", "disabled", "metadata"]);
    }

    #[test]
    fn an_unchanged_webhook_plans_nothing() {
        let same = fields(URL, &["*"]);
        let plan = plan(&[desired("all", same.clone())], &[remote("we_1", Some("all"), true, same)]);
        assert_eq!(plan, WebhookPlan::default());
    }

    #[test]
    fn managed_endpoints_that_left_the_catalog_are_deleted_and_unmanaged_ones_noted() {
        let plan = plan(
            &[],
            &[
                remote("we_old", Some("old"), true, fields(URL, &["*"])),
                remote("we_mine", None, false, fields("https://dashboard.example.com/hook", &["*"])),
            ],
        );
        assert_eq!(plan.actions.len(), 1);
        assert_eq!(plan.actions[0].id, "webhook/we_old/delete");
        assert!(matches!(&plan.actions[0].change, Change::DeleteWebhook { webhook, .. } if webhook == "we_old"));
        assert_eq!(
            plan.notes,
            vec![
                "webhook endpoint we_mine (https://dashboard.example.com/hook) is not managed by stripe-catalog and is left alone"
                    .to_string()
            ]
        );
    }

    #[test]
    fn an_unmanaged_twin_of_a_catalog_url_is_pointed_out() {
        let plan = plan(
            &[desired("fulfilment", fields(URL, &["*"]))],
            &[remote("we_dash", Some("fulfilment"), false, fields(URL, &["*"]))],
        );
        assert_eq!(plan.actions[0].id, "webhook/fulfilment/create");
        assert!(plan.notes[0].ends_with("so events both enable are delivered there twice"), "{:?}", plan.notes);
    }

    #[test]
    fn a_duplicate_managed_endpoint_is_deleted() {
        let same = fields(URL, &["*"]);
        let plan = plan(
            &[desired("all", same.clone())],
            &[remote("we_2", Some("all"), true, same.clone()), remote("we_1", Some("all"), true, same)],
        );
        let ids: Vec<&str> = plan.actions.iter().map(|action| action.id.as_str()).collect();
        assert_eq!(ids, vec!["webhook/we_2/delete"]);
    }
}
