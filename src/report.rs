//! The report of a failed run: `error:` with the message, a `caused by:` line per cause, and a
//! `hint:` line for every hint an error in the chain carries ([`Hints`]).
//!
//! This is the one place that knows every error type with hints, so no layer has to know the
//! others' errors (the printer does not know the gateway's, the gateway not the printer).

use std::error::Error;

use crate::error::{AlreadyReported, Hinted, Hints};
use crate::escape::shown_lines;
use crate::gateway::GatewayError;
use crate::output::Printer;
use crate::plan::PlanError;
use crate::plan::file::Stale;

/// Prints a failed run on stderr: the message, its causes, then the hints. An
/// [`AlreadyReported`] error prints only its summary (its details are on screen already).
pub fn failure(printer: &Printer, err: &anyhow::Error) {
    if let Some(reported) = err.downcast_ref::<AlreadyReported>() {
        printer.error(&reported.0);
        return;
    }
    printer.error(&err.to_string());
    for cause in err.chain().skip(1) {
        printer.stderr_line(&format!("  caused by: {}", shown_lines(&cause.to_string())));
    }
    for hint in hints(err) {
        printer.hint(&hint);
    }
}

/// Every hint the errors in `err`'s chain carry, outermost first: the `hint:` lines
/// [`failure`] prints.
#[must_use]
pub fn hints(err: &anyhow::Error) -> Vec<String> {
    err.chain().filter_map(hints_of).flat_map(|cause| cause.hints()).collect()
}

/// The cause as an error with hints, when its type has them.
fn hints_of<'a>(cause: &'a (dyn Error + 'static)) -> Option<&'a dyn Hints> {
    if let Some(hinted) = cause.downcast_ref::<Hinted>() {
        return Some(hinted);
    }
    if let Some(gateway) = cause.downcast_ref::<GatewayError>() {
        return Some(gateway);
    }
    if let Some(plan) = cause.downcast_ref::<PlanError>() {
        return Some(plan);
    }
    cause.downcast_ref::<Stale>().map(|stale| stale as &dyn Hints)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gateway::GatewayErrorKind;
    use crate::plan::diff::Conflict;

    /// Each error type with hints is found in a chain, wrapped in context or not.
    #[test]
    fn every_error_type_with_hints_is_found() {
        let errors: Vec<anyhow::Error> = vec![
            Hinted::new("no key", "pass a key").into(),
            GatewayError::new("list prices", GatewayErrorKind::Network { message: "refused".into(), attempts: 1 })
                .into(),
            PlanError::Unmanaged(vec![Conflict::Product { id: "pro".into() }]).into(),
            Stale::Catalog.into(),
        ];
        for err in errors {
            let expected = hints_of(err.chain().next().unwrap()).map(Hints::hints).unwrap_or_default();
            assert!(!expected.is_empty(), "{err}");
            let wrapped = err.context("while doing something");
            assert_eq!(hints(&wrapped), expected, "{wrapped:#}");
        }
    }
}
