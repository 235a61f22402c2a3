//! Renderers: the only code that turns diagnostics into output.
//!
//! Each renderer writes one resolved [`Report`] (see
//! [`Report::resolve`]) to a `Write`. Writing errors (a closed pipe) are
//! returned, and the binary treats a broken pipe as success.

mod ci;
mod json;
mod text;

pub use ci::{write_github, write_junit, write_rdjson, write_sarif};
pub use json::{write_json, write_jsonl};
pub use text::{write_statistics, write_text, TextOptions};

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Report, Severity};

/// Counts per rule, sorted by count (descending) then id.
pub fn counts_by_rule(diags: &[Diagnostic]) -> Vec<(String, Severity, usize)> {
    let mut map: BTreeMap<&str, (Severity, usize)> = BTreeMap::new();
    for d in diags {
        let e = map.entry(d.rule.id()).or_insert((d.severity, 0));
        e.0 = e.0.max(d.severity);
        e.1 += 1;
    }
    let mut v: Vec<(String, Severity, usize)> = map.into_iter().map(|(r, (s, n))| (r.to_string(), s, n)).collect();
    v.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    v
}

/// The report's files (checked or skipped) and every path a finding names, sorted.
pub(crate) fn all_paths(report: &Report) -> Vec<&str> {
    let mut files: Vec<&str> = report.files().collect();
    files.extend(report.diagnostics.iter().map(|d| report.path(d.file)));
    files.sort_unstable();
    files.dedup();
    files
}
