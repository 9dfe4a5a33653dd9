//! Webhook endpoints (issue 12): Stripe's object, a secret shown only at creation
//! (https://docs.stripe.com/api/webhook_endpoints/object: "Only returned at creation"),
//! `enabled_events` from the spec's enum, URLs, updates, deletion and paged lists.

use serde_json::{Value, json};

use super::{Api, id, start};

#[tokio::test]
async fn an_endpoint_is_created_with_its_secret_which_no_other_answer_shows() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let created = api
        .create(
            "/v1/webhook_endpoints",
            "url=https://api.example.com/webhook/stripe&enabled_events[]=checkout.session.completed\
             &enabled_events[]=invoice.payment_failed&description=provisions+accounts&metadata[managed_by]=catalog",
        )
        .await;
    let endpoint = id(&created);
    assert!(endpoint.starts_with("we_"), "{endpoint}");
    assert_eq!(created["object"], "webhook_endpoint");
    assert_eq!(created["url"], "https://api.example.com/webhook/stripe");
    assert_eq!(created["enabled_events"], json!(["checkout.session.completed", "invoice.payment_failed"]));
    assert_eq!(created["description"], "provisions accounts");
    assert_eq!(created["metadata"], json!({"managed_by": "catalog"}));
    assert_eq!(created["status"], "enabled");
    assert_eq!((created["livemode"].clone(), created["api_version"].clone()), (json!(false), Value::Null));
    assert_eq!(created["application"], Value::Null);
    let secret = created["secret"].as_str().expect("a secret at creation");
    assert!(secret.starts_with("whsec_") && secret.len() > 30, "{secret}");

    let retrieved = api.get(&format!("/v1/webhook_endpoints/{endpoint}")).await.body;
    assert_eq!(retrieved.get("secret"), None, "{retrieved}");
    let mut without_secret = created.clone();
    without_secret.as_object_mut().unwrap().shift_remove("secret");
    assert_eq!(retrieved, without_secret);
    let listed = api.get("/v1/webhook_endpoints").await.body;
    assert_eq!(listed["data"][0].get("secret"), None);
    assert_eq!(listed["data"][0]["id"], json!(endpoint));

    let updated = api
        .create(
            &format!("/v1/webhook_endpoints/{endpoint}"),
            "url=http://localhost:4242/webhook&enabled_events[]=*&description=&metadata[managed_by]=&disabled=true",
        )
        .await;
    assert_eq!(updated.get("secret"), None);
    assert_eq!(updated["url"], "http://localhost:4242/webhook");
    assert_eq!(updated["enabled_events"], json!(["*"]));
    assert_eq!(updated["description"], Value::Null);
    assert_eq!(updated["metadata"], json!({}));
    assert_eq!(updated["status"], "disabled");
    let enabled = api.create(&format!("/v1/webhook_endpoints/{endpoint}"), "disabled=false").await;
    assert_eq!(enabled["status"], "enabled");

    let deleted = api.delete(&format!("/v1/webhook_endpoints/{endpoint}")).await;
    assert_eq!(deleted.body, json!({"id": endpoint, "object": "webhook_endpoint", "deleted": true}));
    let gone = api.get(&format!("/v1/webhook_endpoints/{endpoint}")).await;
    assert_eq!((gone.status, gone.code()), (404, "resource_missing"));
    assert_eq!(gone.message(), format!("No such webhook endpoint: '{endpoint}'"));
    let again = api.delete(&format!("/v1/webhook_endpoints/{endpoint}")).await;
    assert_eq!(again.status, 404);
}

#[tokio::test]
async fn enabled_events_and_urls_are_checked() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let typo =
        api.post("/v1/webhook_endpoints", "url=https://x.example/h&enabled_events[]=checkout.session.complete").await;
    assert_eq!(typo.status, 400);
    assert_eq!(typo.body["error"]["param"], "enabled_events[0]");
    assert!(typo.message().starts_with("Invalid enabled_events[0]: must be one of"), "{}", typo.message());
    assert!(typo.message().contains("checkout.session.completed"), "{}", typo.message());

    let missing = api.post("/v1/webhook_endpoints", "url=https://x.example/h").await;
    assert_eq!((missing.status, missing.code()), (400, "parameter_missing"));
    assert_eq!(missing.body["error"]["param"], "enabled_events");

    for url in ["http://api.example.com/h", "ftp://localhost/h", "not a url"] {
        let refused = api.post("/v1/webhook_endpoints", &format!("url={url}&enabled_events[]=*")).await;
        assert_eq!((refused.status, refused.code()), (400, "url_invalid"), "{url}");
        assert_eq!(refused.body["error"]["param"], "url");
    }
    for url in ["http://127.0.0.1:9/h", "http://[::1]:9/h", "https://api.example.com/h"] {
        api.create("/v1/webhook_endpoints", &format!("url={url}&enabled_events[]=*")).await;
    }
    // Events added since the 2023 spec that the sandbox records are accepted too.
    api.create("/v1/webhook_endpoints", "url=https://x.example/h&enabled_events[]=billing.meter.created").await;
    let unknown = api.post("/v1/webhook_endpoints", "url=https://x.example/h&enabled_events[]=*&colour=red").await;
    assert_eq!(unknown.code(), "parameter_unknown");
}

#[tokio::test]
async fn endpoints_list_in_pages_newest_first() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let mut ids = Vec::new();
    for index in 0..3 {
        ids.push(id(&api
            .create("/v1/webhook_endpoints", &format!("url=https://x.example/{index}&enabled_events[]=*"))
            .await));
    }
    let first = api.get("/v1/webhook_endpoints?limit=2").await.body;
    assert_eq!(first["has_more"], true);
    assert_eq!(first["url"], "/v1/webhook_endpoints");
    let first_ids: Vec<&str> = first["data"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(first_ids, vec![ids[2].as_str(), ids[1].as_str()]);
    let next = api.get(&format!("/v1/webhook_endpoints?limit=2&starting_after={}", ids[1])).await.body;
    assert_eq!(next["has_more"], false);
    assert_eq!(next["data"][0]["id"], json!(ids[0]));
}
