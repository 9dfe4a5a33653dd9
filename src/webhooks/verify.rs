//! Checks a webhook delivery's `Stripe-Signature` the way Stripe's SDKs do, and when it fails,
//! says why in terms a developer can act on.
//!
//! Stripe's scheme (docs.stripe.com/webhooks#verify-manually): the header is
//! `t=TIMESTAMP,v1=HEX[,v1=HEX…][,v0=…]`; each `v1` is the hex HMAC-SHA256 of
//! `"{t}.{raw body}"` keyed with the endpoint's signing secret (`whsec_…`, used as the literal
//! key bytes); a delivery is genuine when any `v1` matches, and fresh when `t` is at most the
//! tolerance (300 s by default) in the past. The SDKs check the signature first and then the
//! age, and accept a timestamp in the future: so does this module, which reports a future one
//! as a note (a clock behind the sender's) rather than a failure.
//!
//! The usual cause of a mismatch is a framework that parsed the JSON and handed the handler a
//! re-serialised body. Stripe sends the event as indented JSON (two spaces, `\n` line ends,
//! `"id"` first), so a mismatch is followed by the transformations that are cheap to undo,
//! each signed and compared: when one matches, the report names exactly what changed the
//! bytes; when none does, what about the body looks re-serialised, or else that the body
//! looks as Stripe sends it and the secret is the likely culprit.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::secret::Secret;

/// Stripe's SDKs' default tolerance, in seconds.
pub const DEFAULT_TOLERANCE_SECS: i64 = 300;

/// The parsed `Stripe-Signature` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureHeader {
    /// `t`, seconds since the Unix epoch.
    pub timestamp: i64,
    /// Every `v1` value, as written (hex).
    pub v1: Vec<String>,
    /// Other schemes present (`v0` is Stripe's test-only scheme), by name.
    pub other_schemes: Vec<String>,
}

/// Why a header cannot be used at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HeaderProblem {
    /// Not `key=value` pairs separated by commas, or no usable `t`.
    #[error("malformed Stripe-Signature header: {0}")]
    Malformed(String),
    /// A well-formed header without any `v1` signature.
    #[error("the Stripe-Signature header has no `v1` signature{}", schemes_note(.0))]
    NoV1(Vec<String>),
}

fn schemes_note(schemes: &[String]) -> String {
    if schemes.is_empty() {
        String::new()
    } else {
        format!(" (it has only {})", schemes.iter().map(|scheme| format!("`{scheme}`")).collect::<Vec<_>>().join(", "))
    }
}

/// Parses `t=…,v1=…` as Stripe's SDKs do: pairs split on `,` and the first `=`, unknown
/// schemes kept aside, whitespace around pairs ignored.
///
/// # Errors
/// [`HeaderProblem::Malformed`] without a numeric `t` or with a pair lacking `=`;
/// [`HeaderProblem::NoV1`] when no `v1` is present.
pub fn parse_header(text: &str) -> Result<SignatureHeader, HeaderProblem> {
    let text = text.trim();
    // Pasted from a log, the header often keeps its name.
    let text = text
        .strip_prefix("Stripe-Signature:")
        .or_else(|| text.strip_prefix("stripe-signature:"))
        .map_or(text, str::trim);
    if text.is_empty() {
        return Err(HeaderProblem::Malformed("it is empty".to_string()));
    }
    let mut timestamp = None;
    let mut v1 = Vec::new();
    let mut other_schemes: Vec<String> = Vec::new();
    for pair in text.split(',').map(str::trim).filter(|pair| !pair.is_empty()) {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(HeaderProblem::Malformed(format!(
                "`{}` is not `key=value` (expected `t=TIMESTAMP,v1=SIGNATURE`)",
                shorten(pair)
            )));
        };
        match key {
            "t" => {
                let parsed = value.parse::<i64>().map_err(|_| {
                    HeaderProblem::Malformed(format!("`t={}` is not a Unix timestamp in seconds", shorten(value)))
                })?;
                timestamp = Some(parsed);
            }
            "v1" => v1.push(value.to_string()),
            other => {
                if !other_schemes.iter().any(|known| known == other) {
                    other_schemes.push(other.to_string());
                }
            }
        }
    }
    let Some(timestamp) = timestamp else {
        return Err(HeaderProblem::Malformed("it has no `t=TIMESTAMP`".to_string()));
    };
    if v1.is_empty() {
        return Err(HeaderProblem::NoV1(other_schemes));
    }
    Ok(SignatureHeader { timestamp, v1, other_schemes })
}

fn shorten(text: &str) -> String {
    const SHOWN: usize = 24;
    let shown: String = text.chars().take(SHOWN).collect();
    if text.chars().count() > SHOWN { format!("{shown}…") } else { shown }
}

/// The hex HMAC-SHA256 of `"{timestamp}.{payload}"` under `secret`: what Stripe puts in `v1`.
#[must_use]
pub fn sign(secret: &Secret, timestamp: i64, payload: &[u8]) -> String {
    hex::encode(mac(secret, timestamp, payload).finalize().into_bytes())
}

fn mac(secret: &Secret, timestamp: i64, payload: &[u8]) -> Hmac<Sha256> {
    // HMAC takes a key of any length; `new_from_slice` cannot fail for it.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.expose().as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(payload);
    mac
}

/// Whether any of `signatures` is the signature of `payload` (compared in constant time).
fn matches_any(secret: &Secret, timestamp: i64, payload: &[u8], signatures: &[String]) -> bool {
    signatures.iter().any(|signature| {
        hex::decode(signature).is_ok_and(|bytes| mac(secret, timestamp, payload).verify_slice(&bytes).is_ok())
    })
}

/// The outcome of a verification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub verdict: Verdict,
    /// Further facts worth knowing either way (a future timestamp, a secret that does not look
    /// like a signing secret), one sentence each.
    pub notes: Vec<String>,
}

/// Valid, or the first reason a Stripe SDK would refuse the delivery.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    /// The header cannot be used.
    Header(HeaderProblem),
    /// The signature matches, but the timestamp is older than the tolerance allows.
    Stale {
        age_secs: i64,
        tolerance_secs: i64,
    },
    /// No `v1` matches the body as given.
    Mismatch(Mismatch),
}

/// What was learnt about a body whose signature does not match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// The signature matches the body once this change is undone: the bytes were altered
    /// between Stripe and the handler.
    Transformed(Transformation),
    /// No variant matched; these signs say the body is not the raw bytes Stripe sent.
    LooksReserialised { tried: Vec<Transformation>, signs: Vec<String> },
    /// No variant matched, and the body looks as Stripe sends it: the secret is the likely
    /// cause (another endpoint's, the Stripe CLI's, or a rolled one).
    WrongSecretLikely { tried: Vec<Transformation> },
}

/// A change a framework or a copy-paste makes to a body, which verification tries to undo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transformation {
    /// A trailing newline was added (editors, `echo`, some loggers).
    TrailingNewlineAdded,
    /// `\n` line ends became `\r\n`.
    CrlfLineEnds,
    /// The JSON was parsed and written back compactly (`JSON.stringify(req.body)`).
    Compacted,
    /// The JSON was parsed and written back with another indentation.
    Reindented,
}

impl Transformation {
    /// What the transformation did, as a sentence fragment.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Transformation::TrailingNewlineAdded => "a trailing newline was added to the body",
            Transformation::CrlfLineEnds => "the body's line ends were converted from `\\n` to `\\r\\n`",
            Transformation::Compacted => {
                "the JSON was parsed and re-serialised compactly (e.g. `JSON.stringify(req.body)`, `json.dumps(request.json)`)"
            }
            Transformation::Reindented => "the JSON was parsed and re-serialised with different indentation",
        }
    }

    /// How the variant that undoes it was made.
    #[must_use]
    pub fn undone_by(self) -> &'static str {
        match self {
            Transformation::TrailingNewlineAdded => "without the trailing newline",
            Transformation::CrlfLineEnds => "with `\\r\\n` turned back into `\\n`",
            Transformation::Compacted | Transformation::Reindented => "re-indented with two spaces",
        }
    }
}

/// Verifies `payload` against `header` with `secret`, at Unix time `now`.
#[must_use]
pub fn verify(payload: &[u8], header: &str, secret: &Secret, tolerance_secs: i64, now: i64) -> Report {
    let mut notes = Vec::new();
    if secret.prefix() != Some("whsec_") {
        notes.push(
            "the secret does not start with `whsec_`: an endpoint's signing secret does (an API key `sk_…` is not it)"
                .to_string(),
        );
    }
    let header = match parse_header(header) {
        Ok(header) => header,
        Err(problem) => return Report { verdict: Verdict::Header(problem), notes },
    };
    if !matches_any(secret, header.timestamp, payload, &header.v1) {
        return Report { verdict: Verdict::Mismatch(explain_mismatch(payload, &header, secret)), notes };
    }
    let age = now - header.timestamp;
    if age > tolerance_secs {
        return Report { verdict: Verdict::Stale { age_secs: age, tolerance_secs }, notes };
    }
    if -age > tolerance_secs {
        notes.push(format!(
            "the timestamp is {}s in the future: this machine's clock is behind the sender's by about that much; Stripe's SDKs accept it",
            -age
        ));
    }
    Report { verdict: Verdict::Valid, notes }
}

fn explain_mismatch(payload: &[u8], header: &SignatureHeader, secret: &Secret) -> Mismatch {
    let variants = variants(payload);
    for (transformation, variant) in &variants {
        if matches_any(secret, header.timestamp, variant, &header.v1) {
            return Mismatch::Transformed(*transformation);
        }
    }
    let tried = variants.iter().map(|(transformation, _)| *transformation).collect();
    let signs = reserialised_signs(payload);
    if signs.is_empty() { Mismatch::WrongSecretLikely { tried } } else { Mismatch::LooksReserialised { tried, signs } }
}

/// The body with each cheap-to-undo transformation undone, when that changes it.
fn variants(payload: &[u8]) -> Vec<(Transformation, Vec<u8>)> {
    let mut variants = Vec::new();
    if let Some(stripped) = payload.strip_suffix(b"\r\n").or_else(|| payload.strip_suffix(b"\n")) {
        variants.push((Transformation::TrailingNewlineAdded, stripped.to_vec()));
    }
    if payload.windows(2).any(|pair| pair == b"\r\n") {
        let text = String::from_utf8_lossy(payload).replace("\r\n", "\n");
        variants.push((Transformation::CrlfLineEnds, text.into_bytes()));
    }
    // serde_json keeps the key order (the crate's `preserve_order`), so a body re-serialised
    // without reordering gets Stripe's two-space layout back.
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(payload)
        && let Ok(pretty) = serde_json::to_vec_pretty(&value)
        && pretty != payload
    {
        let transformation =
            if payload.contains(&b'\n') { Transformation::Reindented } else { Transformation::Compacted };
        variants.push((transformation, pretty));
    }
    variants
}

/// What about a body says it is not the bytes Stripe sent.
fn reserialised_signs(payload: &[u8]) -> Vec<String> {
    let mut signs = Vec::new();
    let Ok(text) = std::str::from_utf8(payload) else {
        signs.push("the body is not UTF-8 text, and Stripe sends UTF-8 JSON".to_string());
        return signs;
    };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        signs.push("the body is not JSON, and Stripe sends the event as JSON".to_string());
        return signs;
    };
    if !text.trim().contains('\n') {
        signs.push("the body is JSON on one line, while Stripe sends it indented over many lines".to_string());
    } else if text.lines().nth(1).is_some_and(|line| !line.starts_with("  \"") || line.starts_with("   ")) {
        signs.push("the body is indented other than by two spaces, as Stripe indents it".to_string());
    }
    if text.contains("\r\n") {
        signs.push("the body has `\\r\\n` line ends; Stripe sends `\\n`".to_string());
    }
    if text.ends_with('\n') {
        signs.push("the body ends with a newline; Stripe's ends with `}`".to_string());
    }
    if text.contains("\\/") {
        signs.push("the body escapes `/` as `\\/` (PHP's `json_encode`), which Stripe does not".to_string());
    }
    if let Some(object) = value.as_object()
        && object.contains_key("object")
        && object.keys().next().is_some_and(|first| first != "id")
    {
        signs.push(format!(
            "its first key is `{}`, while Stripe's events start with `id`: the keys were reordered (sorted?)",
            object.keys().next().map_or("", String::as_str)
        ));
    }
    signs
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_764_500_000;

    fn secret() -> Secret {
        Secret::new("whsec_test_secret_for_unit_tests")
    }

    /// A body laid out as Stripe sends it: indented by two spaces, `id` first.
    fn body() -> Vec<u8> {
        let value = serde_json::json!({"id": "evt_1", "object": "event", "type": "checkout.session.completed",
            "data": {"object": {"id": "cs_test_1", "object": "checkout.session"}}});
        serde_json::to_vec_pretty(&value).expect("json")
    }

    fn header_for(payload: &[u8], timestamp: i64) -> String {
        format!("t={timestamp},v1={},v0=deadbeef", sign(&secret(), timestamp, payload))
    }

    #[test]
    fn a_genuine_delivery_is_valid() {
        let payload = body();
        let report = verify(&payload, &header_for(&payload, NOW - 10), &secret(), 300, NOW);
        assert_eq!(report, Report { verdict: Verdict::Valid, notes: vec![] });
    }

    /// The signature is Stripe's documented HMAC: checked against a value computed
    /// independently (`printf '1.{}' | openssl dgst -sha256 -hmac whsec_x`).
    #[test]
    fn the_signature_is_hmac_sha256_of_timestamp_dot_body() {
        assert_eq!(
            sign(&Secret::new("whsec_x"), 1, b"{}"),
            "36ee2f7498f0c1777d1312b2a7361947fe5ad31223be30d0c62421f4ca753401"
        );
    }

    #[test]
    fn any_v1_may_match_while_secrets_roll() {
        let payload = body();
        let header = format!("t={NOW},v1={},v1={}", "00".repeat(32), sign(&secret(), NOW, &payload));
        assert_eq!(verify(&payload, &header, &secret(), 300, NOW).verdict, Verdict::Valid);
    }

    #[test]
    fn a_stale_timestamp_says_by_how_much() {
        let payload = body();
        let report = verify(&payload, &header_for(&payload, NOW - 1000), &secret(), 300, NOW);
        assert_eq!(report.verdict, Verdict::Stale { age_secs: 1000, tolerance_secs: 300 });
    }

    #[test]
    fn a_future_timestamp_is_a_note_as_in_stripes_sdks() {
        let payload = body();
        let report = verify(&payload, &header_for(&payload, NOW + 900), &secret(), 300, NOW);
        assert_eq!(report.verdict, Verdict::Valid);
        assert!(report.notes[0].starts_with("the timestamp is 900s in the future"), "{:?}", report.notes);
    }

    #[test]
    fn no_v1_and_malformed_headers() {
        let payload = body();
        assert_eq!(
            verify(&payload, &format!("t={NOW},v0=abc"), &secret(), 300, NOW).verdict,
            Verdict::Header(HeaderProblem::NoV1(vec!["v0".to_string()]))
        );
        let Verdict::Header(HeaderProblem::Malformed(why)) = verify(&payload, "v1=abc", &secret(), 300, NOW).verdict
        else {
            panic!("no t");
        };
        assert_eq!(why, "it has no `t=TIMESTAMP`");
        let Verdict::Header(HeaderProblem::Malformed(why)) =
            verify(&payload, "t=yesterday,v1=abc", &secret(), 300, NOW).verdict
        else {
            panic!("bad t");
        };
        assert_eq!(why, "`t=yesterday` is not a Unix timestamp in seconds");
    }

    #[test]
    fn a_compacted_body_is_recognised_exactly() {
        let payload = body();
        let header = header_for(&payload, NOW);
        let value: serde_json::Value = serde_json::from_slice(&payload).expect("json");
        let compact = serde_json::to_vec(&value).expect("json");
        assert_eq!(
            verify(&compact, &header, &secret(), 300, NOW).verdict,
            Verdict::Mismatch(Mismatch::Transformed(Transformation::Compacted))
        );
    }

    #[test]
    fn trailing_newline_and_crlf_are_recognised() {
        let payload = body();
        let header = header_for(&payload, NOW);
        let mut newline = payload.clone();
        newline.push(b'\n');
        assert_eq!(
            verify(&newline, &header, &secret(), 300, NOW).verdict,
            Verdict::Mismatch(Mismatch::Transformed(Transformation::TrailingNewlineAdded))
        );
        let crlf = String::from_utf8(payload).expect("utf8").replace('\n', "\r\n");
        assert_eq!(
            verify(crlf.as_bytes(), &header, &secret(), 300, NOW).verdict,
            Verdict::Mismatch(Mismatch::Transformed(Transformation::CrlfLineEnds))
        );
    }

    #[test]
    fn sorted_keys_cannot_be_undone_but_are_named() {
        let payload = body();
        let header = header_for(&payload, NOW);
        let sorted = br#"{"data":{"object":{"id":"cs_test_1","object":"checkout.session"}},"id":"evt_1","object":"event","type":"checkout.session.completed"}"#;
        let Verdict::Mismatch(Mismatch::LooksReserialised { signs, tried }) =
            verify(sorted, &header, &secret(), 300, NOW).verdict
        else {
            panic!("re-serialised");
        };
        assert_eq!(tried, vec![Transformation::Compacted]);
        assert!(signs[0].starts_with("the body is JSON on one line"), "{signs:?}");
        assert!(signs[1].starts_with("its first key is `data`"), "{signs:?}");
    }

    #[test]
    fn a_pristine_body_with_the_wrong_secret_blames_the_secret() {
        let payload = body();
        let header = header_for(&payload, NOW);
        let report = verify(&payload, &header, &Secret::new("whsec_another_endpoint"), 300, NOW);
        assert_eq!(report.verdict, Verdict::Mismatch(Mismatch::WrongSecretLikely { tried: vec![] }));
        let report = verify(&payload, &header, &Secret::new("sk_test_123"), 300, NOW);
        assert!(report.notes[0].contains("does not start with `whsec_`"), "{:?}", report.notes);
    }
}
