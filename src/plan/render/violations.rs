//! The policy findings in the text plan: each under the block of the action it concerns, and
//! the rest (catalog prices the plan does not touch) in a `Policy:` section above the summary.

use crate::escape::Shown;
use crate::output::{Printer, styles};

use super::super::Plan;
use super::super::blocks::Block;

const INDENT: &str = "      ";

/// Under a block: every violation and warning attached to one of its actions.
pub(super) fn block_lines(plan: &Plan, block: &Block<'_>, printer: &Printer, out: &mut Vec<String>) {
    let report = &plan.policy;
    for action in &block.actions {
        for violation in report.for_action(&action.id) {
            let allowed = report.allowed.contains(&violation.rule);
            out.push(violation_line(violation, allowed, INDENT, printer));
            if !allowed {
                for hint in &violation.hints {
                    out.push(format!("{INDENT}  {}: {}", printer.paint(styles::HINT, "hint"), Shown(hint)));
                }
            }
        }
        for warning in report.warnings.iter().filter(|warning| warning.action.as_deref() == Some(action.id.as_str())) {
            out.push(format!(
                "{INDENT}{}: policy {}: {}",
                printer.paint(styles::WARNING, "warning"),
                warning.rule,
                Shown(&warning.message)
            ));
        }
    }
}

fn violation_line(
    violation: &super::super::policy::Violation,
    allowed: bool,
    indent: &str,
    printer: &Printer,
) -> String {
    if allowed {
        format!(
            "{indent}{} policy {} (allowed by `--allow {}`): {}",
            printer.paint(styles::WARNING, "!"),
            violation.rule,
            violation.rule,
            Shown(&violation.message)
        )
    } else {
        format!(
            "{indent}{} blocked by policy {}: {}",
            printer.paint(styles::ERROR, "✗"),
            violation.rule,
            Shown(&violation.message)
        )
    }
}

/// The `Policy:` section: violations on catalog prices no action touches, and a line saying
/// whether the plan is blocked. Nothing when the policies found nothing.
pub(super) fn section(plan: &Plan, printer: &Printer, out: &mut Vec<String>) {
    let report = &plan.policy;
    if report.violations.is_empty() {
        return;
    }
    out.push(printer.paint(styles::BOLD, "Policy:"));
    for violation in report.violations.iter().filter(|violation| violation.action.is_none()) {
        let allowed = report.allowed.contains(&violation.rule);
        out.push(violation_line(violation, allowed, "  ", printer));
        if !allowed {
            for hint in &violation.hints {
                out.push(format!("    {}: {}", printer.paint(styles::HINT, "hint"), Shown(hint)));
            }
        }
    }
    let blocking = report.blocking();
    if blocking.is_empty() {
        let count = report.violations.len();
        let noun = if count == 1 { "violation" } else { "violations" };
        let all = if count == 1 { "allowed" } else { "all allowed" };
        out.push(format!("  {count} {noun}, {all} by `--allow`: the plan may be applied"));
    } else {
        let noun = if blocking.len() == 1 { "violation blocks" } else { "violations block" };
        out.push(printer.paint(
            styles::ERROR,
            &format!(
                "  {} {noun} this plan: apply refuses it (exit 3) unless each rule is allowed with `--allow RULE`",
                blocking.len()
            ),
        ));
    }
    out.push(String::new());
}
