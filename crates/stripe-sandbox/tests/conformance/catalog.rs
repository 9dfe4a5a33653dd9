//! Products and prices: fields, mutability, lookup keys, default prices, deletion, lists, expand.

use serde_json::{Value, json};

use super::{Api, id, start};

// stripe-api.md §2.4, §1.1
#[tokio::test]
async fn product_create_retrieve_update_with_stripe_fields() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let product = api
        .create(
            "/v1/products",
            "id=prod_custom&name=Pro&description=Best&images[]=https://x.test/a.png&marketing_features[0][name]=Fast\
             &metadata[tier]=gold&tax_code=txcd_10000000&statement_descriptor=PRO&unit_label=seat&url=https://x.test",
        )
        .await;
    assert_eq!(product["id"], "prod_custom");
    assert_eq!(product["object"], "product");
    assert_eq!(product["livemode"], false);
    assert_eq!(product["active"], true);
    assert_eq!(product["default_price"], Value::Null);
    assert_eq!(product["images"], json!(["https://x.test/a.png"]));
    assert_eq!(product["marketing_features"], json!([{"name": "Fast"}]));
    assert_eq!(product["metadata"], json!({"tier": "gold"}));
    for field in ["tax_code", "statement_descriptor", "unit_label", "url", "updated", "created", "type"] {
        assert!(!product[field].is_null(), "{field} is set");
    }
    let again = api.get("/v1/products/prod_custom").await;
    assert_eq!(again.body, product);

    let updated =
        api.create("/v1/products/prod_custom", "name=Pro+2&description=&metadata[tier]=&metadata[new]=1").await;
    assert_eq!(updated["name"], "Pro 2");
    assert_eq!(updated["description"], Value::Null);
    assert_eq!(updated["metadata"], json!({"new": "1"}));

    let duplicate = api.post("/v1/products", "id=prod_custom&name=Again").await;
    assert_eq!((duplicate.status, duplicate.code()), (400, "resource_already_exists"));
    assert_eq!(duplicate.body["error"]["param"], "id");

    let missing = api.get("/v1/products/prod_nope").await;
    assert_eq!((missing.status, missing.code()), (404, "resource_missing"));
    assert_eq!(missing.message(), "No such product: 'prod_nope'");
}

// stripe-api.md §2.3
#[tokio::test]
async fn product_delete_only_without_prices_even_archived_ones() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let product = id(&api.create("/v1/products", "name=A").await);
    let price = id(&api.create("/v1/prices", &format!("product={product}&currency=usd&unit_amount=100")).await);
    api.create(&format!("/v1/prices/{price}"), "active=false").await;
    let refused = api.delete(&format!("/v1/products/{product}")).await;
    assert_eq!(refused.status, 400);
    assert_eq!(refused.message(), "This product cannot be deleted because it has one or more user-created prices.");

    let lonely = id(&api.create("/v1/products", "name=B").await);
    let deleted = api.delete(&format!("/v1/products/{lonely}")).await;
    assert_eq!(deleted.body, json!({"id": lonely, "object": "product", "deleted": true}));
    assert_eq!(api.get(&format!("/v1/products/{lonely}")).await.status, 404);
}

// stripe-api.md §2.3, §13.4
#[tokio::test]
async fn default_price_rules() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let product =
        api.create("/v1/products", "name=A&default_price_data[currency]=eur&default_price_data[unit_amount]=900").await;
    let product_id = id(&product);
    let first = product["default_price"].as_str().expect("default price set").to_string();
    let price = api.get(&format!("/v1/prices/{first}")).await.body;
    assert_eq!((price["product"].as_str(), price["unit_amount"].as_i64()), (Some(product_id.as_str()), Some(900)));

    let archive = api.post(&format!("/v1/prices/{first}"), "active=false").await;
    assert_eq!(archive.status, 400);
    assert_eq!(archive.message(), "This price cannot be archived because it is the default price of its product.");

    let other_product = id(&api.create("/v1/products", "name=B").await);
    let foreign = id(&api.create("/v1/prices", &format!("product={other_product}&currency=usd&unit_amount=1")).await);
    let refused = api.post(&format!("/v1/products/{product_id}"), &format!("default_price={foreign}")).await;
    assert_eq!((refused.status, refused.body["error"]["param"].as_str()), (400, Some("default_price")));
    let unknown = api.post(&format!("/v1/products/{product_id}"), "default_price=price_nope").await;
    assert_eq!((unknown.status, unknown.code()), (400, "resource_missing"));

    let second = id(&api.create("/v1/prices", &format!("product={product_id}&currency=eur&unit_amount=1000")).await);
    let moved = api.create(&format!("/v1/products/{product_id}"), &format!("default_price={second}")).await;
    assert_eq!(moved["default_price"], json!(second));
    let archived = api.create(&format!("/v1/prices/{first}"), "active=false").await;
    assert_eq!(archived["active"], false);
    let expanded = api.get(&format!("/v1/products/{product_id}?expand[]=default_price")).await.body;
    assert_eq!(expanded["default_price"]["id"], json!(second));
}

// stripe-api.md §1.1, §13.3
#[tokio::test]
async fn price_amount_rules_and_derived_fields() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let product = id(&api.create("/v1/products", "name=A").await);
    let create = |body: String| {
        let api = &api;
        async move { api.post("/v1/prices", &body).await }
    };
    let one_time = create(format!("product={product}&currency=USD&unit_amount=1999")).await.body;
    assert_eq!(one_time["type"], "one_time");
    assert_eq!(one_time["currency"], "usd");
    assert_eq!(one_time["unit_amount_decimal"], "1999");
    assert_eq!(one_time["billing_scheme"], "per_unit");
    assert_eq!(one_time["tax_behavior"], "unspecified");
    assert_eq!(one_time["livemode"], false);
    assert!(one_time.get("tiers").is_none() && one_time.get("currency_options").is_none());

    let recurring = create(format!("product={product}&currency=usd&unit_amount=500&recurring[interval]=month")).await;
    assert_eq!(recurring.body["type"], "recurring");
    assert_eq!(recurring.body["recurring"]["interval_count"], 1);
    assert_eq!(recurring.body["recurring"]["usage_type"], "licensed");

    let fractional = create(format!("product={product}&currency=usd&unit_amount_decimal=12.5")).await.body;
    assert_eq!(
        (fractional["unit_amount"].clone(), fractional["unit_amount_decimal"].clone()),
        (Value::Null, json!("12.5"))
    );

    let both = create(format!("product={product}&currency=usd&unit_amount=1&unit_amount_decimal=1")).await;
    assert_eq!(both.status, 400);
    let none = create(format!("product={product}&currency=usd")).await;
    assert_eq!((none.status, none.code()), (400, "parameter_missing"));
    let too_long = create(format!(
        "product={product}&currency=usd&unit_amount=1&recurring[interval]=month&recurring[interval_count]=37"
    ))
    .await;
    assert_eq!(too_long.status, 400);
    let no_product = create("currency=usd&unit_amount=1".to_string()).await;
    assert_eq!(no_product.status, 400);
    let bad_currency = create(format!("product={product}&currency=xyz&unit_amount=1")).await;
    assert_eq!((bad_currency.status, bad_currency.body["error"]["param"].as_str()), (400, Some("currency")));

    let tiered_without_tiers =
        create(format!("product={product}&currency=usd&billing_scheme=tiered&tiers_mode=graduated")).await;
    assert_eq!((tiered_without_tiers.status, tiered_without_tiers.code()), (400, "parameter_missing"));
    let tiers = "tiers[0][up_to]=10&tiers[0][unit_amount]=100&tiers[1][up_to]=inf&tiers[1][unit_amount]=80";
    let with_transform = create(format!(
        "product={product}&currency=usd&billing_scheme=tiered&tiers_mode=volume&{tiers}&transform_quantity[divide_by]=2&transform_quantity[round]=up"
    ))
    .await;
    assert_eq!(with_transform.status, 400);
    let tiered =
        create(format!("product={product}&currency=usd&billing_scheme=tiered&tiers_mode=volume&{tiers}")).await;
    assert_eq!(tiered.status, 200, "{}", tiered.body);
    assert_eq!((tiered.body["unit_amount"].clone(), tiered.body.get("tiers")), (Value::Null, None));
    let tiered_id = id(&tiered.body);
    let expanded = api.get(&format!("/v1/prices/{tiered_id}?expand[]=tiers")).await.body;
    assert_eq!(expanded["tiers"][0]["up_to"], 10);
    assert_eq!(expanded["tiers"][1]["up_to"], Value::Null);
    assert_eq!(expanded["tiers"][1]["unit_amount_decimal"], "80");

    let custom = create(format!(
        "product={product}&currency=usd&custom_unit_amount[enabled]=true&custom_unit_amount[minimum]=500"
    ))
    .await
    .body;
    assert_eq!(custom["custom_unit_amount"], json!({"maximum": null, "minimum": 500, "preset": null}));

    let via_product_data =
        create("currency=usd&unit_amount=5&product_data[name]=Inline&product_data[id]=prod_inline".to_string()).await;
    assert_eq!(via_product_data.body["product"], "prod_inline");
    assert_eq!(api.get("/v1/products/prod_inline").await.body["name"], "Inline");
}

// stripe-api.md §2.1
#[tokio::test]
async fn price_update_accepts_only_mutable_fields() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let product = id(&api.create("/v1/products", "name=A").await);
    let price = id(&api.create("/v1/prices", &format!("product={product}&currency=usd&unit_amount=100")).await);
    let path = format!("/v1/prices/{price}");
    for immutable in ["unit_amount=200", "currency=eur", "recurring[interval]=month", "product=prod_x"] {
        let refused = api.post(&path, immutable).await;
        let name = immutable.split('=').next().unwrap().split('[').next().unwrap();
        assert_eq!((refused.status, refused.code()), (400, "parameter_unknown"), "{immutable}");
        assert_eq!(refused.message(), format!("Received unknown parameter: {name}"));
    }
    let updated = api.create(&path, "nickname=Monthly&metadata[a]=b&tax_behavior=exclusive").await;
    assert_eq!((updated["nickname"].as_str(), updated["tax_behavior"].as_str()), (Some("Monthly"), Some("exclusive")));
    let changed_again = api.post(&path, "tax_behavior=inclusive").await;
    assert_eq!(changed_again.status, 400);
    assert_eq!(api.post(&path, "tax_behavior=exclusive").await.status, 200);

    let with_options = api.create(&path, "currency_options[eur][unit_amount]=90&expand[]=currency_options").await;
    assert_eq!(with_options["currency_options"]["eur"]["unit_amount"], 90);
    assert_eq!(with_options["currency_options"]["usd"]["unit_amount"], 100);
    let without = api.get(&path).await.body;
    assert!(without.get("currency_options").is_none());
}

// stripe-api.md §2.2
#[tokio::test]
async fn lookup_keys_are_unique_across_all_prices_and_transfer() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let product = id(&api.create("/v1/products", "name=A").await);
    let body = |extra: &str| format!("product={product}&currency=usd&unit_amount=100{extra}");
    let first = id(&api.create("/v1/prices", &body("&lookup_key=pro_monthly")).await);
    api.create(&format!("/v1/prices/{first}"), "active=false").await;

    let taken = api.post("/v1/prices", &body("&lookup_key=pro_monthly")).await;
    assert_eq!(taken.status, 400);
    assert_eq!(taken.message(), format!("A price (`{first}`) already uses that lookup key."));
    assert_eq!(taken.body["error"]["param"], "lookup_key");
    let too_long = api.post("/v1/prices", &body(&format!("&lookup_key={}", "k".repeat(201)))).await;
    assert_eq!(too_long.status, 400);

    let second = api.create("/v1/prices", &body("&lookup_key=pro_monthly&transfer_lookup_key=true")).await;
    assert_eq!(second["lookup_key"], "pro_monthly");
    let old = api.get(&format!("/v1/prices/{first}")).await.body;
    assert_eq!((old["lookup_key"].clone(), old["active"].clone()), (Value::Null, json!(false)));

    let third = id(&api.create("/v1/prices", &body("")).await);
    let refused = api.post(&format!("/v1/prices/{third}"), "lookup_key=pro_monthly").await;
    assert_eq!(refused.status, 400);
    let moved = api.create(&format!("/v1/prices/{third}"), "lookup_key=pro_monthly&transfer_lookup_key=true").await;
    assert_eq!(moved["lookup_key"], "pro_monthly");
    let found = api.get("/v1/prices?lookup_keys[]=pro_monthly").await;
    assert_eq!(found.ids(), vec![third.clone()]);
    assert_eq!(api.get(&format!("/v1/prices/{}", id(&second))).await.body["active"], true);
}

// stripe-api.md §1.1 (GET /v1/prices), §13.5
#[tokio::test]
async fn price_list_filters() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let a = id(&api.create("/v1/products", "name=A").await);
    let b = id(&api.create("/v1/products", "name=B").await);
    let monthly = id(&api
        .create("/v1/prices", &format!("product={a}&currency=usd&unit_amount=1&recurring[interval]=month&lookup_key=m"))
        .await);
    let yearly = id(&api
        .create("/v1/prices", &format!("product={a}&currency=usd&unit_amount=1&recurring[interval]=year&lookup_key=y"))
        .await);
    let euro = id(&api.create("/v1/prices", &format!("product={b}&currency=eur&unit_amount=1")).await);
    let archived = id(&api.create("/v1/prices", &format!("product={b}&currency=eur&unit_amount=2&active=false")).await);

    assert_eq!(api.get("/v1/prices").await.ids(), vec![euro.clone(), yearly.clone(), monthly.clone()]);
    assert_eq!(api.get("/v1/prices?active=false").await.ids(), vec![archived.clone()]);
    assert_eq!(api.get(&format!("/v1/prices?product={a}")).await.ids(), vec![yearly.clone(), monthly.clone()]);
    assert_eq!(api.get("/v1/prices?type=one_time").await.ids(), vec![euro.clone()]);
    assert_eq!(api.get("/v1/prices?currency=eur").await.ids(), vec![euro.clone()]);
    assert_eq!(api.get("/v1/prices?recurring[interval]=year").await.ids(), vec![yearly.clone()]);
    assert_eq!(api.get("/v1/prices?lookup_keys[0]=m&lookup_keys[1]=y").await.ids(), vec![yearly, monthly]);
    let eleven: String = (0..11).map(|n| format!("lookup_keys[]=k{n}&")).collect();
    let refused = api.get(&format!("/v1/prices?{eleven}")).await;
    assert_eq!((refused.status, refused.body["error"]["param"].as_str()), (400, Some("lookup_keys")));
}

// stripe-api.md §4 (expand, includable fields)
#[tokio::test]
async fn includable_fields_only_when_expanded() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let product = id(&api.create("/v1/products", "name=A").await);
    let price = api
        .create(
            "/v1/prices",
            &format!("product={product}&currency=usd&unit_amount=100&currency_options[eur][unit_amount]=95"),
        )
        .await;
    assert!(price.get("currency_options").is_none());
    let plain = api.get("/v1/prices").await.body;
    assert!(plain["data"][0].get("currency_options").is_none() && plain["data"][0].get("tiers").is_none());
    assert_eq!(plain["data"][0]["product"], json!(product));

    let expanded = api.get("/v1/prices?expand[]=data.currency_options&expand[]=data.tiers&expand[]=data.product").await;
    let first = &expanded.body["data"][0];
    assert_eq!(first["currency_options"]["eur"]["unit_amount"], 95);
    assert_eq!(first["product"]["id"], json!(product));
    assert_eq!(first["product"]["object"], "product");
    let retrieved = api.get(&format!("/v1/prices/{}?expand[]=currency_options", id(&price))).await.body;
    assert_eq!(retrieved["currency_options"]["usd"]["unit_amount"], 100);

    let wrong_prefix = api.get("/v1/prices?expand[]=currency_options").await;
    assert_eq!(wrong_prefix.status, 400);
    let before = sandbox.object_count("prices");
    let bad_write =
        api.post("/v1/prices", &format!("product={product}&currency=usd&unit_amount=1&expand[]=nickname")).await;
    assert_eq!(bad_write.status, 400);
    assert_eq!(sandbox.object_count("prices"), before, "a write with a bad expand is refused before it runs");
    let good_write =
        api.create("/v1/prices", &format!("product={product}&currency=usd&unit_amount=1&expand[]=product")).await;
    assert_eq!(good_write["product"]["id"], json!(product));
    let not_expandable = api.get(&format!("/v1/prices/{}?expand[]=nickname", id(&price))).await;
    assert_eq!(not_expandable.status, 400);
    assert_eq!(not_expandable.message(), "This property cannot be expanded (nickname).");
}

// stripe-api.md §4 (pagination), §13.5
#[tokio::test]
async fn lists_page_newest_first_over_250_objects() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let mut created = Vec::new();
    for n in 0..250 {
        created.push(id(&sandbox.seed("POST", "/v1/products", &format!("name=P{n}")).unwrap()));
    }
    created.reverse(); // newest first, though they share a second
    let first = api.get("/v1/products").await;
    assert_eq!(first.ids(), created[..10].to_vec());
    assert_eq!((first.body["object"].as_str(), first.body["url"].as_str()), (Some("list"), Some("/v1/products")));

    let mut walked = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let query = cursor.as_ref().map(|after| format!("&starting_after={after}")).unwrap_or_default();
        let page = api.get(&format!("/v1/products?limit=100{query}")).await;
        pages += 1;
        walked.extend(page.ids());
        cursor = walked.last().cloned();
        if page.body["has_more"] != true {
            break;
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(walked, created);

    let backwards = api.get(&format!("/v1/products?limit=5&ending_before={}", created[20])).await;
    assert_eq!(backwards.ids(), created[15..20].to_vec());
    assert_eq!(backwards.body["has_more"], true);
    let top = api.get(&format!("/v1/products?limit=5&ending_before={}", created[3])).await;
    assert_eq!((top.ids(), top.body["has_more"].clone()), (created[..3].to_vec(), json!(false)));

    let both = api.get(&format!("/v1/products?starting_after={}&ending_before={}", created[1], created[5])).await;
    assert_eq!(both.status, 400);
    for limit in ["0", "101"] {
        assert_eq!(api.get(&format!("/v1/products?limit={limit}")).await.status, 400, "limit={limit}");
    }
    let unknown_cursor = api.get("/v1/products?starting_after=prod_nope").await;
    assert_eq!((unknown_cursor.status, unknown_cursor.code()), (400, "resource_missing"));
    let by_ids = api.get(&format!("/v1/products?ids[]={}&ids[]={}", created[7], created[2])).await;
    assert_eq!(by_ids.ids(), vec![created[2].clone(), created[7].clone()]);
    assert_eq!(api.get("/v1/products?active=false").await.ids().len(), 0);
}

// stripe-api.md §13.10 (product.* and price.* events)
#[tokio::test]
async fn catalog_changes_are_recorded_as_events() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let product = id(&api.create("/v1/products", "name=A").await);
    let price = id(&api
        .create(
            "/v1/prices",
            &format!("product={product}&currency=usd&unit_amount=1&currency_options[eur][unit_amount]=1"),
        )
        .await);
    api.create(&format!("/v1/prices/{price}"), "nickname=N").await;
    let lonely = id(&api.create("/v1/products", "name=B").await);
    api.delete(&format!("/v1/products/{lonely}")).await;

    let events = api.get("/v1/events?type=price.*").await.body;
    let types: Vec<&str> =
        events["data"].as_array().unwrap().iter().filter_map(|event| event["type"].as_str()).collect();
    assert_eq!(types, ["price.updated", "price.created"]);
    let updated = &events["data"][0]["data"]["object"];
    assert_eq!((updated["id"].as_str(), updated["nickname"].as_str()), (Some(price.as_str()), Some("N")));
    assert!(updated.get("currency_options").is_none(), "snapshots show the object as a retrieve does");
    let deleted = api.get("/v1/events?type=product.deleted").await.body;
    assert_eq!(deleted["data"][0]["data"]["object"]["id"], json!(lonely));
    assert_eq!(api.get("/v1/events?type=product.created").await.body["data"].as_array().map(Vec::len), Some(2));
}
