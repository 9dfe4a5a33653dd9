//! The sandbox as a server that loses nothing and never wedges: one process per state file, no
//! idempotency key stuck by a client that went away, no state file of another format read, no
//! connection held open by a client that sends half a request (issue 16, section 6).
//! The same with separate processes (`sandbox serve`) is in the CLI's `tests/it/sandbox_lock.rs`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use stripe_sandbox::{SANDBOX_API_KEY, SandboxBuilder, StateFileLocked, reset_state};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::{Api, id};

/// A raw connection to the sandbox, for requests no HTTP client would send.
async fn connect(base_url: &str) -> TcpStream {
    TcpStream::connect(base_url.trim_start_matches("http://")).await.expect("connect")
}

/// Reads until the server closes the connection (or 10 s pass, so a bug fails instead of
/// hanging); returns what was read and whether it was closed.
async fn read_until_closed(stream: &mut TcpStream) -> (String, bool) {
    let mut received = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(10), async {
        let mut buffer = [0u8; 1024];
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(read) => received.extend_from_slice(&buffer[..read]),
            }
        }
    })
    .await
    .is_ok();
    (String::from_utf8_lossy(&received).into_owned(), closed)
}

// A second sandbox on a state file in use is refused, naming the holder, and leaves it alone
#[tokio::test]
async fn a_second_sandbox_on_one_state_file_is_refused() {
    let directory = tempfile::tempdir().unwrap();
    let state = directory.path().join("sandbox.json");
    let first = SandboxBuilder::new().state_file(state.clone()).start().await.unwrap();
    Api::new(&first).create("/v1/products", "name=Kept").await;

    let error = SandboxBuilder::new().state_file(state.clone()).start().await.err().expect("refused");
    let locked = error.downcast_ref::<StateFileLocked>().expect("a StateFileLocked error");
    assert_eq!(locked.holder_pid, Some(std::process::id()));
    assert_eq!(locked.state_file, state);
    let message = error.to_string();
    assert!(message.contains(&format!("is in use by pid {}", std::process::id())), "{message}");
    assert!(message.contains("sandbox.json"), "{message}");

    let reset = reset_state(&state).expect_err("reset refused while a sandbox runs");
    assert!(reset.downcast_ref::<StateFileLocked>().is_some(), "{reset}");
    assert!(state.exists());
    assert_eq!(first.object_count("products"), 1);

    first.shutdown().await;
    assert!(reset_state(&state).unwrap(), "free once the sandbox stopped");
}

// A sandbox told to wait starts once the holder stops, on the holder's writes
#[tokio::test]
async fn a_sandbox_told_to_wait_starts_when_the_holder_stops() {
    let directory = tempfile::tempdir().unwrap();
    let state = directory.path().join("sandbox.json");
    let first = SandboxBuilder::new().state_file(state.clone()).start().await.unwrap();
    let product = id(&Api::new(&first).create("/v1/products", "name=First").await);

    let notices = Arc::new(Mutex::new(Vec::<String>::new()));
    let waiting = tokio::spawn({
        let (state, notices) = (state.clone(), notices.clone());
        SandboxBuilder::new()
            .state_file(state)
            .wait_for_lock(move |line| notices.lock().unwrap().push(line.to_string()))
            .start()
    });
    // Until the notice comes (bounded, so a bug fails rather than hangs), the second waits.
    for _ in 0..200 {
        if !notices.lock().unwrap().is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let noticed = notices.lock().unwrap().clone();
    assert_eq!(noticed.len(), 1, "{noticed:?}");
    assert!(noticed[0].starts_with("waiting for the sandbox state file "), "{noticed:?}");
    assert!(noticed[0].ends_with(&format!("held by pid {}…", std::process::id())), "{noticed:?}");
    // Still waiting while the first one writes: nothing of the first's is lost.
    Api::new(&first).create("/v1/products", "name=Second").await;
    assert!(!waiting.is_finished(), "waits while the first runs");

    first.shutdown().await;
    let second = waiting.await.expect("join").expect("starts once the first stopped");
    assert_eq!(second.object_count("products"), 2);
    assert_eq!(Api::new(&second).get(&format!("/v1/products/{product}")).await.status, 200);
    assert_eq!(notices.lock().unwrap().len(), 1, "one notice, however long the wait");
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

// A connection that sends half a request and goes quiet is closed; slow answers are not cut
#[tokio::test]
async fn a_half_sent_request_is_closed_after_the_header_timeout() {
    let sandbox = SandboxBuilder::new()
        .header_read_timeout(Some(Duration::from_millis(200)))
        .latency(Duration::from_millis(400))
        .start()
        .await
        .unwrap();
    let mut half = connect(&sandbox.base_url()).await;
    half.write_all(b"POST /v1/products HTTP/1.1\r\nHost: sandbox\r\nContent-Ty").await.unwrap();
    let (received, closed) = read_until_closed(&mut half).await;
    assert!(closed, "the server closed the connection (received {received:?})");
    assert!(!received.contains("200 OK"), "{received}");

    let mut silent = connect(&sandbox.base_url()).await;
    let (_, closed) = read_until_closed(&mut silent).await;
    assert!(closed, "a connection that never sends a byte is closed too");

    // The timeout is for reading a request's head, not for the answer: a request that takes
    // longer than it (the injected latency) is answered.
    let slow = Api::new(&sandbox).post("/v1/products", "name=Slow").await;
    assert_eq!(slow.status, 200, "{}", slow.body);
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
    // The refused start let go of the file.
    assert!(reset_state(&state).unwrap());
}
