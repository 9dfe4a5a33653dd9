//! The API version the sandbox emulates, 2026-09-30.endive (stripe-api.md §1.2, §8): the
//! `Stripe-Version` header, the `api_version` of events, and the fields of each object.

use serde_json::Value;

use super::{Api, id, start};

/// The fields of each object in the emulated version: those of Stripe's current example objects
/// (Stripe's OpenAPI fixtures) and of async-stripe's types for 2026-09-30.endive, less the
/// includable ones. Space-separated, sorted.
const FIELDS: [(&str, &str); 8] = [
    (
        "product",
        "active created default_price description id images livemode marketing_features metadata name object \
         package_dimensions shippable statement_descriptor tax_code tax_details type unit_label updated url",
    ),
    (
        "price",
        "active billing_scheme created currency custom_unit_amount id livemode lookup_key metadata nickname object \
         product recurring tax_behavior tiers_mode transform_quantity type unit_amount unit_amount_decimal",
    ),
    (
        "checkout.session",
        "adaptive_pricing after_expiration allow_promotion_codes allowed_payment_method_types amount_subtotal \
         amount_total automatic_tax billing_address_collection branding_settings cancel_url client_reference_id \
         client_secret collected_information consent consent_collection created currency currency_conversion \
         custom_fields custom_text customer customer_account customer_creation customer_details customer_email \
         discounts excluded_payment_method_types expires_at id integration_identifier invoice invoice_creation \
         livemode locale managed_payments metadata mode name_collection object optional_items origin_context \
         payment_intent payment_link payment_method_collection payment_method_configuration_details \
         payment_method_options payment_method_types payment_status permissions phone_number_collection \
         presentment_details recovered_from redirect_on_completion return_url saved_payment_method_options \
         setup_intent shipping_address_collection shipping_cost shipping_options status submit_type subscription \
         success_url tax_id_collection total_details ui_mode url wallet_options",
    ),
    (
        "payment_link",
        "active after_completion allow_promotion_codes application application_fee_amount application_fee_percent \
         automatic_tax billing_address_collection consent_collection currency custom_fields custom_text \
         customer_creation id inactive_message invoice_creation livemode managed_payments metadata name_collection \
         object on_behalf_of optional_items payment_intent_data payment_method_collection payment_method_options \
         payment_method_types phone_number_collection restrictions shipping_address_collection shipping_options \
         submit_type subscription_data tax_id_collection transfer_data url",
    ),
    (
        "payment_intent",
        "allowed_payment_method_types amount amount_capturable amount_details amount_received application \
         application_fee_amount automatic_payment_methods canceled_at cancellation_reason capture_method \
         client_secret confirmation_method created currency customer customer_account description \
         excluded_payment_method_types hooks id last_payment_error latest_charge livemode managed_payments metadata \
         next_action object on_behalf_of payment_details payment_method payment_method_configuration_details \
         payment_method_options payment_method_types payment_record presentment_details processing receipt_email \
         review setup_future_usage shipping source statement_descriptor statement_descriptor_suffix status \
         transfer_data transfer_group",
    ),
    (
        "customer",
        "address balance business_name created currency customer_account default_source delinquent description \
         discount email id individual_name invoice_prefix invoice_settings livemode metadata name \
         next_invoice_sequence object phone preferred_locales shipping tax_exempt test_clock",
    ),
    ("event", "api_version created data id livemode object pending_webhooks request type"),
    (
        "item",
        "adjustable_quantity amount_discount amount_subtotal amount_tax amount_total currency description id \
         metadata object price quantity",
    ),
];

fn keys(object: &Value) -> String {
    let mut keys: Vec<&str> =
        object.as_object().map(|fields| fields.keys().map(String::as_str).collect()).unwrap_or_default();
    keys.sort_unstable();
    keys.join(" ")
}

fn expected(object: &str) -> String {
    let fields = FIELDS.iter().find(|(name, _)| *name == object).map(|(_, fields)| *fields).unwrap_or_default();
    fields.split_whitespace().collect::<Vec<_>>().join(" ")
}

// Issue #10: "Every field those carry for product, price, checkout.session, payment_link,
// payment_intent, customer, event is present in the sandbox's responses, null or empty where it
// does not apply", and what the version removed is gone (product `features`, `recurring[aggregate_usage]`).
#[tokio::test]
async fn objects_have_the_fields_of_the_emulated_version() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let product = api.create("/v1/products", "id=pro&name=Pro").await;
    let price = api.create("/v1/prices", "product=pro&currency=usd&unit_amount=2000&recurring[interval]=month").await;
    let one_time = api.create("/v1/prices", "product=pro&currency=usd&unit_amount=2000").await;
    let session = api
        .create(
            "/v1/checkout/sessions",
            &format!("mode=payment&line_items[0][price]={}&payment_intent_data[description]=Order+7", id(&one_time)),
        )
        .await;
    let link = api
        .create("/v1/payment_links", &format!("line_items[0][price]={}&line_items[0][quantity]=1", id(&price)))
        .await;
    let intent = api.create("/v1/payment_intents", "amount=700&currency=usd").await;
    let customer = api.create("/v1/customers", "email=a@example.com").await;
    let event = api.get("/v1/events?limit=1").await.body["data"][0].clone();
    let item = api.get(&format!("/v1/checkout/sessions/{}/line_items", id(&session))).await.body["data"][0].clone();
    for (name, object) in [
        ("product", &product),
        ("price", &price),
        ("checkout.session", &session),
        ("payment_link", &link),
        ("payment_intent", &intent),
        ("customer", &customer),
        ("event", &event),
        ("item", &item),
    ] {
        assert_eq!(keys(object), expected(name), "{name}: {object}");
    }
    // Values the version defines where the sandbox has nothing to say.
    assert_eq!(session["ui_mode"], "hosted_page");
    assert_eq!(session["payment_method_types"], serde_json::json!(["card"]));
    assert_eq!(session["total_details"]["amount_discount"], 0);
    assert_eq!(link["submit_type"], "auto");
    assert_eq!(link["subscription_data"]["trial_period_days"], Value::Null);
    assert_eq!(customer["tax_exempt"], "none");
    assert!(price["recurring"].get("aggregate_usage").is_none());

    // The sandbox's own bookkeeping of a session never shows, yet paying uses it.
    let paid =
        api.create(&format!("/v1/test_helpers/checkout/sessions/{}/pay", id(&session)), "email=a@example.com").await;
    assert_eq!(paid["payment_intent"]["description"], "Order 7");
    assert_eq!(
        keys(&api.get(&format!("/v1/checkout/sessions/{}", id(&session))).await.body),
        expected("checkout.session")
    );
    let listed = api.get("/v1/checkout/sessions").await;
    assert_eq!(keys(&listed.body["data"][0]), expected("checkout.session"));
}

// stripe-api.md §8: versions are dates, `YYYY-MM-DD` or, since 2024-09-30.acacia,
// `YYYY-MM-DD.name`; anything else is refused with "Invalid Stripe API version: …" (Stripe's
// words, stripe/stripe-java#682).
#[tokio::test]
async fn stripe_version_must_be_one_stripe_could_release() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let with_version =
        |version: &str| api.request(reqwest::Method::GET, "/v1/products").header("Stripe-Version", version);
    for bogus in ["bogus-version", "2026-13-45", "2019-2-19", "2026-09-30.ENDIVE"] {
        let refused = Api::send(with_version(bogus)).await;
        assert_eq!(
            (refused.status, refused.body["error"]["type"].as_str()),
            (400, Some("invalid_request_error")),
            "{bogus}"
        );
        assert_eq!(refused.message(), format!("Invalid Stripe API version: {bogus}"));
    }
    for good in ["2026-09-30.endive", "2023-08-16", "2025-03-31.basil", "2027-01-15.future"] {
        let accepted = Api::send(with_version(good)).await;
        assert_eq!(accepted.status, 200, "{good}");
        assert_eq!(accepted.header("stripe-version"), Some(good));
    }
    let unversioned = api.get("/v1/products").await;
    assert_eq!(unversioned.header("stripe-version"), Some("2026-09-30.endive"), "the emulated version");
    api.create("/v1/products", "name=A").await;
    let event = api.get("/v1/events").await;
    assert_eq!(event.body["data"][0]["api_version"], "2026-09-30.endive");
}
