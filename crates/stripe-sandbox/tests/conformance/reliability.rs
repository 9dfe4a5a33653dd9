//! The sandbox as a server that loses nothing and never wedges (issue 16, section 6): no
//! idempotency key stuck by a client that went away, no state file of another format read.

use std::time::Duration;

use stripe_sandbox::{SANDBOX_API_KEY, SandboxBuilder, reset_state};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

use super::{Api, id};

/// A raw connection to the sandbox, for requests no HTTP client would send.
async fn connect(base_url: &str) -> TcpStream {
    TcpStream::connect(base_url.trim_start_matches("http://")).await.expect("connect")
}

// stripe-api.md §6: a request abandoned before execution began stores nothing, so its key is
// free again and a retry runs it, once
#[tokio::test]
async fn a_client_that_disconnects_mid_request_does_not_hold_its_key() {
    let latency = Duration::from_millis(400);
    let sandbox = SandboxBuilder::new().latency(latency).start().await.unwrap();
    let body = "name=Abandoned";
    let mut client = connect(&sandbox.base_url()).await;
    let request = format!(
        "POST /v1/products HTTP/1.1\r\nHost: sandbox\r\nAuthorization: Bearer {SANDBOX_API_KEY}\r\n\
         Idempotency-Key: dropped-1\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    client.write_all(request.as_bytes()).await.unwrap();
    // Gone during the injected latency, before the write would execute.
    tokio::time::sleep(Duration::from_millis(100)).await;
    drop(client);
    tokio::time::sleep(latency).await;
    assert_eq!(sandbox.object_count("products"), 0, "the abandoned request never executed");

    let api = Api::new(&sandbox);
    let retry = || Api::send(api.post_request("/v1/products", body).header("Idempotency-Key", "dropped-1"));
    let first = retry().await;
    assert_eq!(first.status, 200, "the key was released: {}", first.body);
    assert_eq!(first.header("idempotent-replayed"), None, "run anew, not replayed");
    assert_eq!(sandbox.object_count("products"), 1);
    let again = retry().await;
    assert_eq!((again.status, again.header("idempotent-replayed")), (200, Some("true")));
    assert_eq!(id(&again.body), id(&first.body), "the write was done exactly once");
    assert_eq!(sandbox.object_count("products"), 1);
}

// A state file of another format version is refused at start, not read and overwritten
#[tokio::test]
async fn a_state_file_of_an_unknown_version_is_refused_at_start() {
    let directory = tempfile::tempdir().unwrap();
    let state = directory.path().join("sandbox.json");
    let newer = r#"{"version":7,"platform_account":"acct_sandboxNEWER","accounts":{},"shards":[]}"#;
    std::fs::write(&state, newer).unwrap();
    let error = SandboxBuilder::new().state_file(state.clone()).start().await.err().expect("refused");
    let message = format!("{error:#}");
    assert!(message.contains("has version 7"), "{message}");
    assert!(message.contains("reads only version 1"), "{message}");
    assert!(message.contains("sandbox reset"), "{message}");
    assert_eq!(std::fs::read_to_string(&state).unwrap(), newer, "left as it was");
    assert!(reset_state(&state).unwrap());
}
