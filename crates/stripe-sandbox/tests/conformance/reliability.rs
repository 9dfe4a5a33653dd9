//! The sandbox as a server that loses nothing and never wedges (issue 16, section 6): no state
//! file of another format read.

use stripe_sandbox::{SandboxBuilder, reset_state};

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
