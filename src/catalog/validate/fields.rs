//! Checks on plain fields: metadata limits, keywords, URLs, tax codes, statement descriptors
//! and text lengths.

use serde_saphyr::Spanned;

use super::{
    MAX_METADATA_KEY_CHARS, MAX_METADATA_KEYS, MAX_METADATA_VALUE_CHARS, MAX_STATEMENT_DESCRIPTOR_CHARS, State,
};
use crate::catalog::model::{Keyword, Keywords, SpannedMap};
use crate::objects::{Metadata, RESERVED_METADATA_PREFIX};

impl State<'_, '_> {
    pub(super) fn metadata(&mut self, metadata: Option<&Spanned<SpannedMap<String>>>, path: &str) -> Metadata {
        let mut out = Metadata::new();
        let Some(metadata) = metadata else { return out };
        let entries = &metadata.value.entries;
        if entries.len() > MAX_METADATA_KEYS {
            self.error(
                metadata.referenced,
                path,
                format!("metadata has {} keys; at most {MAX_METADATA_KEYS} are allowed", entries.len()),
                "Stripe allows 50 keys per object and the tool keeps one for its own marker".to_string(),
            );
        }
        for (key, value) in entries {
            let key_path = format!("{path}.{}", key.value);
            let text = &key.value;
            if text.is_empty() {
                self.error(key.referenced, &key_path, "metadata key is empty", None);
            } else if text.starts_with(RESERVED_METADATA_PREFIX) {
                self.error(
                    key.referenced,
                    &key_path,
                    format!("metadata key `{text}` is reserved: keys starting with `{RESERVED_METADATA_PREFIX}` belong to the tool"),
                    "rename the key; the tool sets its own keys itself".to_string(),
                );
            } else if text.chars().count() > MAX_METADATA_KEY_CHARS {
                self.error(
                    key.referenced,
                    &key_path,
                    format!(
                        "metadata key `{text}` is {} characters; Stripe allows at most {MAX_METADATA_KEY_CHARS}",
                        text.chars().count()
                    ),
                    None,
                );
            } else if text.contains(['[', ']']) {
                self.error(
                    key.referenced,
                    &key_path,
                    format!("metadata key `{text}` contains `[` or `]`, which Stripe does not allow"),
                    None,
                );
            }
            let value_chars = value.value.chars().count();
            if value.value.is_empty() {
                self.error(
                    value.referenced,
                    &key_path,
                    format!("metadata value for `{text}` is empty"),
                    "Stripe treats an empty value as deleting the key; remove the key instead".to_string(),
                );
            } else if value_chars > MAX_METADATA_VALUE_CHARS {
                self.error(
                    value.referenced,
                    &key_path,
                    format!(
                        "metadata value is {value_chars} characters; Stripe allows at most {MAX_METADATA_VALUE_CHARS}"
                    ),
                    None,
                );
            }
            out.insert(text.clone(), value.value.clone());
        }
        out
    }

    pub(super) fn keyword<K: Keywords>(&mut self, keyword: Option<&Spanned<Keyword<K>>>, path: &str) -> Option<K> {
        let keyword = keyword?;
        if keyword.value.value.is_none() {
            let field = path.rsplit('.').next().unwrap_or(path);
            self.error(
                keyword.referenced,
                path,
                format!("`{}` is not a valid {field}", keyword.value.text),
                format!("use {}", Keyword::<K>::expected()),
            );
        }
        keyword.value.value
    }

    pub(super) fn url(&mut self, url: Option<&Spanned<String>>, path: &str) -> Option<String> {
        let url = url?;
        let text = url.value.trim();
        let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"));
        if rest.is_none_or(|rest| rest.is_empty() || rest.contains(char::is_whitespace)) {
            self.error(
                url.referenced,
                path,
                format!("`{}` is not a web address", url.value),
                "write a full URL starting with `https://`".to_string(),
            );
        }
        Some(url.value.clone())
    }

    pub(super) fn tax_code(&mut self, code: &Spanned<String>, path: &str) {
        let well_formed = code
            .value
            .strip_prefix("txcd_")
            .is_some_and(|digits| digits.len() == 8 && digits.bytes().all(|byte| byte.is_ascii_digit()));
        if !well_formed {
            self.error(
                code.referenced,
                path,
                format!("`{}` is not a Stripe tax code", code.value),
                "tax codes look like `txcd_10103001` (see https://stripe.com/docs/tax/tax-categories)".to_string(),
            );
        }
    }

    pub(super) fn statement_descriptor(&mut self, text: &Spanned<String>, path: &str) {
        let value = &text.value;
        let chars = value.chars().count();
        let hint = || "at most 22 characters, at least one letter, none of < > \\ \" '; e.g. `ACME PRO`".to_string();
        if chars > MAX_STATEMENT_DESCRIPTOR_CHARS {
            self.error(
                text.referenced,
                path,
                format!(
                    "statement_descriptor is {chars} characters; Stripe allows at most {MAX_STATEMENT_DESCRIPTOR_CHARS}"
                ),
                hint(),
            );
        } else if value.contains(['<', '>', '\\', '"', '\'']) {
            self.error(
                text.referenced,
                path,
                format!("statement_descriptor `{value}` contains a character Stripe refuses"),
                hint(),
            );
        } else if !value.chars().any(char::is_alphabetic) {
            self.error(text.referenced, path, "statement_descriptor needs at least one letter", hint());
        }
    }

    pub(super) fn not_empty(&mut self, text: &Spanned<String>, path: &str, field: &str) {
        if text.value.trim().is_empty() {
            self.error(text.referenced, path, format!("{field} is empty"), format!("remove `{field}` or give it text"));
        }
    }

    pub(super) fn max_chars(&mut self, text: &Spanned<String>, path: &str, max: usize, what: &str) {
        let chars = text.value.chars().count();
        if chars > max {
            self.error(
                text.referenced,
                path,
                format!("{what} is {chars} characters; Stripe allows at most {max}"),
                None,
            );
        }
    }
}
