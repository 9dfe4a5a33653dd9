//! An API key that cannot leak by accident: its `Debug` and `Display` show only the key's kind
//! (`sk_test_…(redacted)`), and it has no `Serialize`. The one way to the raw text is
//! [`Secret::expose`], which only the gateway's transport calls to build the auth header.

use std::fmt;

/// A Stripe API key (or anything else that must never be printed).
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

/// Key prefixes shown in redacted output: they say what kind of key it is, not which one.
const KNOWN_PREFIXES: &[&str] =
    &["sk_test_", "sk_live_", "rk_test_", "rk_live_", "pk_test_", "pk_live_", "whsec_", "sk_", "rk_", "pk_"];

impl Secret {
    /// Wraps a key. Surrounding whitespace (a trailing newline from a file) is dropped.
    #[must_use]
    pub fn new(text: &str) -> Secret {
        Secret(text.trim().to_string())
    }

    /// The raw key, for the `Authorization` header and nothing else.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The kind prefix (`sk_test_`), if the key starts with a known one.
    #[must_use]
    pub fn prefix(&self) -> Option<&'static str> {
        KNOWN_PREFIXES.iter().copied().find(|prefix| self.0.starts_with(prefix))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}…(redacted)", self.prefix().unwrap_or(""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_show_only_the_kind() {
        let secret = Secret::new("sk_test_51Habcdefghijklmnop\n");
        assert_eq!(format!("{secret:?}"), "sk_test_…(redacted)");
        assert_eq!(secret.to_string(), "sk_test_…(redacted)");
        assert_eq!(format!("{:?}", Some(&secret)), "Some(sk_test_…(redacted))");
        assert_eq!(secret.expose(), "sk_test_51Habcdefghijklmnop");
    }

    #[test]
    fn unknown_kinds_show_nothing_of_the_key() {
        assert_eq!(Secret::new("hunter2").to_string(), "…(redacted)");
    }
}
