//! The Search API and its query language (https://docs.stripe.com/search; stripe-api.md §4).

use std::time::Duration;

use stripe_sandbox::SandboxBuilder;

use super::{Api, Reply, id, start};

fn query(path: &str, query: &str) -> String {
    format!("{path}?query={}", form_urlencoded::byte_serialize(query.as_bytes()).collect::<String>())
}

async fn search(api: &Api, path: &str, text: &str) -> Reply {
    api.get(&query(path, text)).await
}

/// The IDs a search must answer, checking the answer's envelope on the way.
async fn found(api: &Api, path: &str, text: &str) -> Vec<String> {
    let reply = search(api, path, text).await;
    assert_eq!(reply.status, 200, "{text}: {}", reply.body);
    assert_eq!(reply.body["object"], "search_result");
    assert_eq!(reply.body["url"], path);
    assert!(reply.body.get("total_count").is_none(), "total_count only when expanded");
    reply.ids()
}

// "Query fields for customers": email and name are string fields (exact words or ~ substring,
// case insensitive), created is numeric, metadata a token.
#[tokio::test]
async fn customers_by_email_name_and_metadata() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let amy = id(&api.create("/v1/customers", "email=Amy%40RocketRides.io&name=Amy+Rocket&metadata[tier]=gold").await);
    let bob = id(&api.create("/v1/customers", "email=bob%40example.com&name=Bob&phone=%2B15555550100").await);
    let path = "/v1/customers/search";
    assert_eq!(found(&api, path, "email:\"amy@rocketrides.io\"").await, vec![amy.clone()]);
    assert_eq!(found(&api, path, "email:'AMY@ROCKETRIDES.IO'").await, vec![amy.clone()]);
    assert_eq!(found(&api, path, "email~\"rocket\"").await, vec![amy.clone()]);
    assert_eq!(found(&api, path, "name:\"amy\"").await, vec![amy.clone()], "all the words, in order");
    assert_eq!(found(&api, path, "name:\"rocket amy\"").await, Vec::<String>::new());
    assert_eq!(found(&api, path, "metadata[\"tier\"]:\"GOLD\"").await, vec![amy.clone()]);
    assert_eq!(found(&api, path, "-metadata[\"tier\"]:null").await, vec![amy.clone()], "has the key");
    assert_eq!(found(&api, path, "phone:null").await, vec![amy.clone()]);
    assert_eq!(found(&api, path, "created>0").await, vec![bob.clone(), amy.clone()], "newest first");
    assert_eq!(found(&api, path, "email~\"example\" OR name:\"amy\"").await, vec![bob.clone(), amy]);
    assert_eq!(found(&api, path, "-email~\"rocket\"").await, vec![bob]);

    let short = search(&api, path, "email~\"am\"").await;
    assert_eq!((short.status, short.body["error"]["param"].as_str()), (400, Some("query")));
    assert!(short.message().contains("at least 3 characters"), "{}", short.message());
}

// "Query fields for payment intents": amount and created are numeric (>, <, >=, <=, =),
// currency/customer/status tokens.
#[tokio::test]
async fn payment_intents_by_amount_currency_and_status() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    let small = id(&api.create("/v1/payment_intents", "amount=500&currency=usd").await);
    let middle = id(&api.create("/v1/payment_intents", "amount=1500&currency=eur&metadata[order]=A-1").await);
    let large = id(&api
        .create("/v1/payment_intents", "amount=2500&currency=usd&confirm=true&payment_method=pm_card_visa")
        .await);
    let path = "/v1/payment_intents/search";
    assert_eq!(found(&api, path, "amount>1000").await, vec![large.clone(), middle.clone()]);
    assert_eq!(found(&api, path, "amount>=1500 AND amount<=1500").await, vec![middle.clone()]);
    assert_eq!(found(&api, path, "amount<1000").await, vec![small.clone()]);
    assert_eq!(found(&api, path, "amount=\"2500\"").await, vec![large.clone()]);
    assert_eq!(found(&api, path, "amount:500").await, vec![small.clone()]);
    assert_eq!(found(&api, path, "-currency:\"usd\"").await, vec![middle.clone()]);
    assert_eq!(found(&api, path, "currency:\"USD\" status:\"succeeded\"").await, vec![large.clone()]);
    assert_eq!(found(&api, path, "metadata['order']:'a-1'").await, vec![middle.clone()]);
    assert_eq!(found(&api, path, "customer:null and currency:'usd'").await, vec![large, small]);

    let mixed = search(&api, path, "amount>1000 AND currency:'usd' OR status:'succeeded'").await;
    assert_eq!((mixed.status, mixed.body["error"]["type"].as_str()), (400, Some("invalid_request_error")));
    assert!(mixed.message().contains("position 31"), "{}", mixed.message());
    let on_token = search(&api, path, "currency>\"usd\"").await;
    assert_eq!(on_token.status, 400, "> is for numeric fields only");
    let unknown = search(&api, path, "payment_method:\"pm_1\"").await;
    assert!(
        unknown
            .message()
            .starts_with("Field `payment_method` is an unsupported search field for resource `payment_intents`."),
        "{}",
        unknown.message()
    );
}

// "Query fields for prices" and "for products"; paging with `page`/`next_page`; `total_count`
// only when expanded; `data.` expansions.
#[tokio::test]
async fn prices_and_products_page_and_expand() {
    let sandbox = start().await;
    let api = Api::new(&sandbox);
    api.create("/v1/products", "id=gold&name=Gold+plan&description=For+teams&url=https://example.com/gold").await;
    api.create("/v1/products", "id=free&name=Free&active=false").await;
    let mut prices = Vec::new();
    for n in 0..3 {
        let price = api
            .create(
                "/v1/prices",
                &format!(
                    "product=gold&currency=usd&unit_amount={}&lookup_key=gold_{n}&metadata[order_id]=6735",
                    100 + n
                ),
            )
            .await;
        prices.push(id(&price));
    }
    let monthly =
        id(&api.create("/v1/prices", "product=gold&currency=eur&unit_amount=900&recurring[interval]=month").await);

    let products = "/v1/products/search";
    assert_eq!(found(&api, products, "active:\"true\"").await, vec!["gold".to_string()]);
    assert_eq!(found(&api, products, "name~\"old pl\"").await, vec!["gold".to_string()]);
    assert_eq!(found(&api, products, "url:null").await, vec!["free".to_string()]);
    assert_eq!(found(&api, products, "description:\"teams\" AND shippable:null").await, vec!["gold".to_string()]);

    let path = "/v1/prices/search";
    assert_eq!(found(&api, path, "type:\"recurring\"").await, vec![monthly.clone()]);
    assert_eq!(found(&api, path, "lookup_key:\"gold_1\"").await, vec![prices[1].clone()]);
    assert_eq!(found(&api, path, "active:'true' AND metadata['order_id']:'6735'").await.len(), 3);
    assert_eq!(found(&api, path, "product:\"gold\" -currency:\"usd\"").await, vec![monthly]);

    let first =
        api.get(&format!("{}&limit=2&expand[]=total_count&expand[]=data.product", query(path, "currency:'usd'"))).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(first.ids(), vec![prices[2].clone(), prices[1].clone()]);
    assert_eq!((first.body["has_more"].as_bool(), first.body["total_count"].as_i64()), (Some(true), Some(3)));
    assert_eq!(first.body["data"][0]["product"]["name"], "Gold plan");
    let next = first.body["next_page"].as_str().expect("a next_page").to_string();
    let second = api.get(&format!("{}&limit=2&page={next}", query(path, "currency:'usd'"))).await;
    assert_eq!(second.ids(), vec![prices[0].clone()]);
    assert_eq!((second.body["has_more"].as_bool(), second.body["next_page"].is_null()), (Some(false), true));
    let bad_page = api.get(&format!("{}&page=nonsense", query(path, "currency:'usd'"))).await;
    assert_eq!((bad_page.status, bad_page.body["error"]["param"].as_str()), (400, Some("page")));
    let bad_expand = api.get(&format!("{}&expand[]=product", query(path, "currency:'usd'"))).await;
    assert_eq!(bad_expand.status, 400, "lists expand with data.");

    let missing = api.get(path).await;
    assert_eq!((missing.status, missing.code()), (400, "parameter_missing"));
    let unparsable = search(&api, path, "asdf").await;
    assert!(unparsable.message().starts_with("We were unable to parse your search query"), "{}", unparsable.message());
    let unquoted = search(&api, path, "currency:usd").await;
    assert!(unquoted.message().contains("position 9"), "{}", unquoted.message());
    let unknown = search(&api, path, "foo:\"bar\"").await;
    assert!(unknown.message().starts_with("Field `foo` is an unsupported search field for resource `prices`."));
}

// stripe-api.md §4 ("data is searchable in under 1 minute"): with a search lag, a new object is
// listed at once but found by search only later.
#[tokio::test]
async fn search_can_trail_writes() {
    let sandbox = SandboxBuilder::new().search_lag(Duration::from_millis(400)).start().await.unwrap();
    let api = Api::new(&sandbox);
    api.create("/v1/products", "id=fresh&name=Fresh").await;
    assert_eq!(api.get("/v1/products").await.ids(), vec!["fresh".to_string()]);
    assert_eq!(found(&api, "/v1/products/search", "name:\"fresh\"").await, Vec::<String>::new());
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(found(&api, "/v1/products/search", "name:\"fresh\"").await, vec!["fresh".to_string()]);
    let default = start().await;
    let api = Api::new(&default);
    api.create("/v1/products", "id=fresh&name=Fresh").await;
    assert_eq!(found(&api, "/v1/products/search", "name:\"fresh\"").await.len(), 1, "no lag by default");
}
