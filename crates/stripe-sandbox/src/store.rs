//! The sandbox's state: one data world per account (the platform account, or the value of a
//! `Stripe-Account` header), each holding named collections of Stripe-shaped JSON objects plus
//! the idempotency records. Kept in memory and, when a state file is set, written after every
//! mutation with write-to-temp-then-rename so a killed process never leaves a torn file.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use rand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Everything the sandbox knows, as persisted.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Store {
    /// The state file's format, for later migrations.
    pub(crate) version: u32,
    /// The platform account's ID (stable for the life of the state).
    pub(crate) platform_account: String,
    pub(crate) accounts: BTreeMap<String, AccountData>,
}

/// One account's objects, in test mode (the only mode the sandbox serves).
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct AccountData {
    pub(crate) created: i64,
    /// Orders objects across collections: newest first means highest sequence first, which
    /// breaks ties between objects created in the same second deterministically.
    pub(crate) next_sequence: u64,
    pub(crate) collections: BTreeMap<String, Collection>,
    pub(crate) idempotency: BTreeMap<String, IdempotentRecord>,
}

/// The objects of one kind (`products`, `prices`, ...).
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Collection {
    objects: BTreeMap<String, Stored>,
    /// Sequence number → ID, rebuilt on load.
    #[serde(skip)]
    order: BTreeMap<u64, String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    sequence: u64,
    object: Value,
    /// This entry as saved JSON, kept until the object changes: saving after every mutation
    /// then re-encodes only what changed.
    #[serde(skip)]
    encoded: Option<String>,
}

/// The saved outcome of a POST with an `Idempotency-Key` (stripe-api.md §6).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct IdempotentRecord {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) params: Value,
    pub(crate) status: u16,
    pub(crate) body: Value,
    pub(crate) created: i64,
    /// The first response's `Request-Id`, sent back as `Original-Request` on replays.
    #[serde(default)]
    pub(crate) request_id: String,
    /// The record as saved JSON (records never change once stored).
    #[serde(skip)]
    pub(crate) encoded: Option<String>,
}

/// The state file format this sandbox reads and writes.
pub(crate) const STATE_VERSION: u32 = 1;

/// Just the format version of a state file, read before the rest so that a file in another
/// format is refused by its version rather than by whatever field first fails to parse.
#[derive(Deserialize)]
struct VersionOnly {
    version: Option<Value>,
}

impl Store {
    /// An empty state with a fresh platform account ID.
    pub(crate) fn new() -> Store {
        Store {
            version: STATE_VERSION,
            platform_account: format!("acct_sandbox{}", random_suffix(8)),
            accounts: BTreeMap::new(),
        }
    }

    /// Loads the state file, or starts empty when it does not exist.
    pub(crate) fn load(path: &Path) -> Result<Store> {
        let text = match std::fs::read(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Store::new()),
            Err(err) => return Err(err).with_context(|| format!("could not read sandbox state {}", path.display())),
        };
        let invalid = || {
            format!("sandbox state {} is not valid; delete it or run `stripe-catalog sandbox reset`", path.display())
        };
        let version = serde_json::from_slice::<VersionOnly>(&text).with_context(invalid)?.version;
        if version.as_ref().and_then(Value::as_u64) != Some(u64::from(STATE_VERSION)) {
            // Another format (a newer sandbox's, or a file that is not a state file at all):
            // reading it as ours would drop what we do not know, and the next save would
            // overwrite it for good.
            let found = version.map_or_else(|| "no version".to_string(), |version| format!("version {version}"));
            anyhow::bail!(
                "sandbox state {} has {found}, and this sandbox reads only version {STATE_VERSION}; it was not \
                 changed. Use the stripe-catalog that wrote it, move it aside, or run `stripe-catalog sandbox reset` \
                 to start afresh",
                path.display()
            );
        }
        let mut store: Store = serde_json::from_slice(&text).with_context(invalid)?;
        for account in store.accounts.values_mut() {
            for collection in account.collections.values_mut() {
                collection.order =
                    collection.objects.iter().map(|(id, stored)| (stored.sequence, id.clone())).collect();
            }
        }
        Ok(store)
    }

    /// Writes the state atomically: a temporary file in the same directory, then a rename.
    pub(crate) fn save(&mut self, path: &Path) -> Result<()> {
        let directory = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(directory)
            .with_context(|| format!("could not create directory {}", directory.display()))?;
        let mut temporary = tempfile::NamedTempFile::new_in(directory)
            .with_context(|| format!("could not create a temporary file in {}", directory.display()))?;
        // One buffer, one write: the file is replaced after every mutation, so this is hot.
        let encoded = self.encode().context("could not encode the sandbox state")?;
        temporary.write_all(encoded.as_bytes()).context("could not write the sandbox state")?;
        temporary.flush().context("could not write the sandbox state")?;
        temporary.persist(path).with_context(|| format!("could not replace {}", path.display()))?;
        Ok(())
    }

    /// The state as JSON, the same document `serde_json` would write, reusing each object's
    /// cached encoding.
    fn encode(&mut self) -> serde_json::Result<String> {
        let Store { version, platform_account, accounts } = self;
        let mut out = String::new();
        out.push_str(&format!(
            "{{\"version\":{version},\"platform_account\":{},\"accounts\":{{",
            serde_json::to_string(platform_account)?
        ));
        for (index, (id, account)) in accounts.iter_mut().enumerate() {
            push_key(&mut out, index, id)?;
            account.encode_into(&mut out)?;
        }
        out.push_str("}}");
        Ok(out)
    }

    /// The data of `account`, created on first use.
    pub(crate) fn account(&mut self, account: &str, now: i64) -> &mut AccountData {
        self.accounts
            .entry(account.to_string())
            .or_insert_with(|| AccountData { created: now, ..AccountData::default() })
    }
}

impl AccountData {
    fn encode_into(&mut self, out: &mut String) -> serde_json::Result<()> {
        let AccountData { created, next_sequence, collections, idempotency } = self;
        out.push_str(&format!("{{\"created\":{created},\"next_sequence\":{next_sequence},\"collections\":{{"));
        for (index, (name, collection)) in collections.iter_mut().enumerate() {
            push_key(out, index, name)?;
            out.push_str("{\"objects\":{");
            for (index, (id, stored)) in collection.objects.iter_mut().enumerate() {
                push_key(out, index, id)?;
                push_cached(out, stored)?;
            }
            out.push_str("}}");
        }
        out.push_str("},\"idempotency\":{");
        for (index, (key, record)) in idempotency.iter_mut().enumerate() {
            push_key(out, index, key)?;
            push_cached(out, record)?;
        }
        out.push_str("}}");
        Ok(())
    }

    /// The object `id` of `collection`.
    pub(crate) fn get(&self, collection: &str, id: &str) -> Option<&Value> {
        self.collections.get(collection)?.objects.get(id).map(|stored| &stored.object)
    }

    /// The object `id` of `collection`, mutably.
    pub(crate) fn get_mut(&mut self, collection: &str, id: &str) -> Option<&mut Value> {
        let stored = self.collections.get_mut(collection)?.objects.get_mut(id)?;
        stored.encoded = None;
        Some(&mut stored.object)
    }

    /// Whether `collection` holds `id`.
    pub(crate) fn contains(&self, collection: &str, id: &str) -> bool {
        self.get(collection, id).is_some()
    }

    /// Adds a new object (the newest of its collection).
    pub(crate) fn insert(&mut self, collection: &str, id: &str, object: Value) {
        let sequence = self.next_sequence;
        self.next_sequence += 1;
        let collection = self.collections.entry(collection.to_string()).or_default();
        if let Some(previous) = collection.objects.insert(id.to_string(), Stored { sequence, object, encoded: None }) {
            collection.order.remove(&previous.sequence);
        }
        collection.order.insert(sequence, id.to_string());
    }

    /// Removes an object, returning it.
    pub(crate) fn remove(&mut self, collection: &str, id: &str) -> Option<Value> {
        let collection = self.collections.get_mut(collection)?;
        let stored = collection.objects.remove(id)?;
        collection.order.remove(&stored.sequence);
        Some(stored.object)
    }

    /// The objects of `collection`, newest first.
    pub(crate) fn newest_first(&self, collection: &str) -> impl Iterator<Item = (u64, &Value)> {
        self.collections.get(collection).into_iter().flat_map(|collection| {
            collection
                .order
                .iter()
                .rev()
                .filter_map(|(sequence, id)| collection.objects.get(id).map(|stored| (*sequence, &stored.object)))
        })
    }

    /// The objects of `collection` older than `sequence` (list order after a `starting_after`
    /// cursor), newest first: starts at the cursor instead of walking every newer object, so
    /// paging through a long history costs a page per page, not the whole list per page.
    pub(crate) fn newest_first_before(&self, collection: &str, sequence: u64) -> impl Iterator<Item = (u64, &Value)> {
        self.collections.get(collection).into_iter().flat_map(move |collection| {
            collection
                .order
                .range(..sequence)
                .rev()
                .filter_map(|(sequence, id)| collection.objects.get(id).map(|stored| (*sequence, &stored.object)))
        })
    }

    /// The objects of `collection` newer than `sequence` (before an `ending_before` cursor),
    /// oldest first.
    pub(crate) fn oldest_first_after(&self, collection: &str, sequence: u64) -> impl Iterator<Item = (u64, &Value)> {
        self.collections.get(collection).into_iter().flat_map(move |collection| {
            collection
                .order
                .range(sequence.saturating_add(1)..)
                .filter_map(|(sequence, id)| collection.objects.get(id).map(|stored| (*sequence, &stored.object)))
        })
    }

    /// The objects of `collection` in no particular order: for searches that need no order,
    /// and cheaper than [`AccountData::newest_first`], which looks each object up by id.
    pub(crate) fn unordered(&self, collection: &str) -> impl Iterator<Item = &Value> {
        self.collections
            .get(collection)
            .into_iter()
            .flat_map(|collection| collection.objects.values())
            .map(|stored| &stored.object)
    }

    /// The sequence number of an object (its position in list order).
    pub(crate) fn sequence_of(&self, collection: &str, id: &str) -> Option<u64> {
        self.collections.get(collection)?.objects.get(id).map(|stored| stored.sequence)
    }
}

/// An entry that keeps its own saved JSON until it changes.
trait CachedJson: Serialize {
    fn cache(&mut self) -> &mut Option<String>;
}

impl CachedJson for Stored {
    fn cache(&mut self) -> &mut Option<String> {
        &mut self.encoded
    }
}

impl CachedJson for IdempotentRecord {
    fn cache(&mut self) -> &mut Option<String> {
        &mut self.encoded
    }
}

/// Appends an entry's JSON, encoding it only when it has no cached copy.
fn push_cached(out: &mut String, entry: &mut impl CachedJson) -> serde_json::Result<()> {
    let encoded = match entry.cache().take() {
        Some(encoded) => encoded,
        None => serde_json::to_string(&*entry)?,
    };
    out.push_str(&encoded);
    *entry.cache() = Some(encoded);
    Ok(())
}

/// `,"key":` (without the comma before the first entry).
fn push_key(out: &mut String, index: usize, key: &str) -> serde_json::Result<()> {
    if index > 0 {
        out.push(',');
    }
    out.push_str(&serde_json::to_string(key)?);
    out.push(':');
    Ok(())
}

/// `len` random characters from `[0-9A-Za-z]`, as in Stripe IDs.
pub(crate) fn random_suffix(len: usize) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut rng = rand::rng();
    (0..len).map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())])).collect()
}

/// A new object ID such as `prod_Qx3...` (14 random characters, as Stripe's are).
pub(crate) fn new_id(prefix: &str) -> String {
    format!("{prefix}_{}", random_suffix(14))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{IdempotentRecord, Store};

    #[test]
    fn saves_and_loads_with_list_order() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("nested/sandbox.json");
        let mut store = Store::new();
        let account = store.account("acct_1", 10);
        account.idempotency.insert(
            "key \"1\"".into(),
            IdempotentRecord {
                method: "POST".into(),
                path: "/v1/products".into(),
                params: json!({"name": "A"}),
                status: 200,
                body: json!({"id": "prod_a"}),
                created: 10,
                request_id: "req_1".into(),
                encoded: None,
            },
        );
        account.insert("products", "prod_a", json!({"id": "prod_a"}));
        account.insert("products", "prod_b", json!({"id": "prod_b"}));
        store.account("acct_2", 11).insert("prices", "price_\u{e9}", json!({"nested": {"a": [1, null]}}));
        store.save(&path).unwrap();
        // The hand-assembled document is exactly what serde would write, so no field is lost.
        let written: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(written, serde_json::to_value(&store).unwrap());
        store.account("acct_1", 0).get_mut("products", "prod_a").unwrap()["name"] = json!("changed");
        store.save(&path).unwrap();
        let written: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(
            written["accounts"]["acct_1"]["collections"]["products"]["objects"]["prod_a"]["object"]["name"],
            "changed"
        );
        let mut loaded = Store::load(&path).unwrap();
        assert_eq!(loaded.platform_account, store.platform_account);
        let ids: Vec<_> =
            loaded.account("acct_1", 0).newest_first("products").map(|(_, object)| object["id"].clone()).collect();
        assert_eq!(ids, vec![json!("prod_b"), json!("prod_a")]);
    }

    #[test]
    fn a_state_file_of_another_version_is_refused_and_left_alone() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("sandbox.json");
        for (text, found) in [
            (r#"{"version":2,"platform_account":"acct_x","accounts":{},"new_field":[]}"#, "has version 2"),
            (r#"{"version":"1","platform_account":"acct_x","accounts":{}}"#, "has version \"1\""),
            (r#"{"platform_account":"acct_x","accounts":{}}"#, "has no version"),
        ] {
            std::fs::write(&path, text).unwrap();
            let error = format!("{:#}", Store::load(&path).unwrap_err());
            assert!(error.contains(found), "{error}");
            assert!(error.contains("reads only version 1"), "{error}");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "not rewritten");
        }
        std::fs::write(&path, "[1, 2]").unwrap();
        let error = format!("{:#}", Store::load(&path).unwrap_err());
        assert!(error.contains("is not valid"), "{error}");
    }
}
