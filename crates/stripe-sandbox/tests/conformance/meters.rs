//! Billing Meters and metered prices as API version 2025-03-31.basil and later have them
//! (https://docs.stripe.com/changelog/basil/2025-03-31/deprecate-legacy-usage-based-billing).

use serde_json::{Value, json};

use super::{Api, id, start};

// https://docs.stripe.com/api/billing/meter (create, retrieve, list, update, deactivate,
// reactivate); the object's fields are those of Stripe's `billing.meter` example.
#[tokio::test]
async fn meters_are_created_listed_updated_and_deactivated() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let meter = api
        .create(
            "/v1/billing/meters",
            "display_name=API+calls&event_name=api_call&default_aggregation[formula]=sum\
             &customer_mapping[event_payload_key]=customer&customer_mapping[type]=by_id\
             &value_settings[event_payload_key]=calls",
        )
        .await;
    assert!(id(&meter).starts_with("mtr_test_"), "{meter}");
    let mut keys: Vec<&str> = meter.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "created",
            "customer_mapping",
            "default_aggregation",
            "display_name",
            "event_name",
            "event_time_window",
            "id",
            "livemode",
            "object",
            "status",
            "status_transitions",
            "updated",
            "value_settings"
        ]
    );
    assert_eq!(meter["object"], "billing.meter");
    assert_eq!(meter["customer_mapping"], json!({"event_payload_key": "customer", "type": "by_id"}));
    assert_eq!(meter["value_settings"], json!({"event_payload_key": "calls"}));
    assert_eq!(
        (meter["status"].as_str(), &meter["status_transitions"]["deactivated_at"]),
        (Some("active"), &Value::Null)
    );

    let counted = api
        .create("/v1/billing/meters", "display_name=Logins&event_name=login&default_aggregation[formula]=count")
        .await;
    // Stripe's defaults for the payload keys.
    assert_eq!(counted["customer_mapping"]["event_payload_key"], "stripe_customer_id");
    assert_eq!(counted["value_settings"]["event_payload_key"], "value");
    api.create("/v1/billing/meters", "display_name=Seats&event_name=seats&default_aggregation[formula]=last").await;
    let bad_formula =
        api.post("/v1/billing/meters", "display_name=X&event_name=x&default_aggregation[formula]=max").await;
    assert_eq!(
        (bad_formula.status, bad_formula.body["error"]["param"].as_str()),
        (400, Some("default_aggregation[formula]"))
    );
    let missing = api.post("/v1/billing/meters", "display_name=X&default_aggregation[formula]=sum").await;
    assert_eq!((missing.code(), missing.body["error"]["param"].as_str()), ("parameter_missing", Some("event_name")));

    let path = format!("/v1/billing/meters/{}", id(&meter));
    let renamed = api.create(&path, "display_name=API+requests").await;
    assert_eq!(renamed["display_name"], "API requests");
    let immutable = api.post(&path, "event_name=other").await;
    assert_eq!((immutable.status, immutable.code()), (400, "parameter_unknown"));

    let off = api.create(&format!("{path}/deactivate"), "").await;
    assert_eq!(off["status"], "inactive");
    assert!(off["status_transitions"]["deactivated_at"].is_i64());
    assert_eq!(api.post(&format!("{path}/deactivate"), "").await.status, 400);
    assert_eq!(api.get("/v1/billing/meters?status=inactive").await.ids(), vec![id(&meter)]);
    assert_eq!(api.get("/v1/billing/meters?status=active").await.ids().len(), 2);
    let on = api.create(&format!("{path}/reactivate"), "").await;
    assert_eq!((on["status"].as_str(), &on["status_transitions"]["deactivated_at"]), (Some("active"), &Value::Null));
    assert_eq!(api.get(&path).await.body["display_name"], "API requests");
    assert_eq!(api.get("/v1/billing/meters/mtr_nope").await.status, 404);
    assert_eq!(api.get("/v1/billing/meters").await.ids().len(), 3);
    let kinds: Vec<String> = api.get("/v1/events?type=billing.meter.*").await.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|event| event["type"].as_str().map(str::to_string))
        .collect();
    assert_eq!(kinds[..3], ["billing.meter.reactivated", "billing.meter.deactivated", "billing.meter.updated"]);
}

// Issue #10: "a price with usage_type: metered must name a Billing Meter (recurring[meter]), and
// aggregate_usage no longer exists".
#[tokio::test]
async fn metered_prices_need_an_active_meter() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    api.create("/v1/products", "id=calls&name=Calls").await;
    let metered = "product=calls&currency=usd&unit_amount=2&recurring[interval]=month&recurring[usage_type]=metered";

    let meterless = api.post("/v1/prices", metered).await;
    assert_eq!(meterless.status, 400);
    assert_eq!(meterless.body["error"]["param"], "recurring[meter]");
    assert_eq!(meterless.code(), "parameter_missing");
    let legacy = api.post("/v1/prices", &format!("{metered}&recurring[aggregate_usage]=sum")).await;
    assert_eq!(
        (legacy.status, legacy.code(), legacy.message()),
        (400, "parameter_unknown", "Received unknown parameter: recurring[aggregate_usage]")
    );
    let unknown = api.post("/v1/prices", &format!("{metered}&recurring[meter]=mtr_nope")).await;
    assert_eq!((unknown.status, unknown.code()), (400, "resource_missing"));
    assert_eq!(unknown.body["error"]["param"], "recurring[meter]");

    let meter = id(&api
        .create("/v1/billing/meters", "display_name=Calls&event_name=call&default_aggregation[formula]=sum")
        .await);
    let price = api.create("/v1/prices", &format!("{metered}&recurring[meter]={meter}")).await;
    assert_eq!(
        price["recurring"],
        json!({"interval": "month", "interval_count": 1, "meter": meter, "trial_period_days": null, "usage_type": "metered"})
    );
    let licensed = api
        .post(
            "/v1/prices",
            &format!("product=calls&currency=usd&unit_amount=2&recurring[interval]=month&recurring[meter]={meter}"),
        )
        .await;
    assert_eq!((licensed.status, licensed.body["error"]["param"].as_str()), (400, Some("recurring[meter]")));

    api.create(&format!("/v1/billing/meters/{meter}/deactivate"), "").await;
    let inactive = api.post("/v1/prices", &format!("{metered}&recurring[meter]={meter}")).await;
    assert_eq!((inactive.status, inactive.body["error"]["param"].as_str()), (400, Some("recurring[meter]")));
    assert_eq!(
        api.get(&format!("/v1/prices/{}", id(&price))).await.body["active"],
        true,
        "existing prices keep working"
    );

    // Products lost `features` to `marketing_features`.
    let features = api.post("/v1/products", "name=A&features[0][name]=Fast").await;
    assert_eq!((features.status, features.code()), (400, "parameter_unknown"));
}
