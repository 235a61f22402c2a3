//! JSON and JSON Lines, per `docs/diagnostics-json.md` (the contract).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::engine::Report;

#[derive(Serialize)]
struct Envelope<'a> {
    version: u32,
    tool: Tool,
    summary: Summary,
    diagnostics: &'a [Diagnostic],
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    files_scanned: usize,
    files_skipped: usize,
    diagnostics: usize,
    by_severity: BTreeMap<&'static str, usize>,
    by_family: BTreeMap<&'static str, usize>,
    by_rule: BTreeMap<String, usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baselined: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<usize>,
}

fn summary(report: &Report) -> Summary {
    let mut by_severity = BTreeMap::from([("error", 0), ("warning", 0), ("info", 0)]);
    let mut by_family = BTreeMap::new();
    let mut by_rule = BTreeMap::new();
    for d in &report.diagnostics {
        *by_severity.entry(d.severity.as_str()).or_insert(0) += 1;
        *by_family.entry(d.family.as_str()).or_insert(0) += 1;
        *by_rule.entry(d.rule.clone()).or_insert(0) += 1;
    }
    Summary {
        files_scanned: report.files_scanned,
        files_skipped: report.files_skipped,
        diagnostics: report.diagnostics.len(),
        by_severity,
        by_family,
        by_rule,
        baselined: (report.baselined > 0 || !report.fixed.is_empty()).then_some(report.baselined),
        fixed: (report.baselined > 0 || !report.fixed.is_empty())
            .then(|| report.fixed.iter().map(|e| e.count as usize).sum()),
    }
}

/// One JSON document: version, tool, summary, diagnostics.
pub fn write_json(w: &mut dyn Write, report: &Report) -> io::Result<()> {
    let env = Envelope {
        version: 1,
        tool: Tool { name: "corpuslint", version: env!("CARGO_PKG_VERSION") },
        summary: summary(report),
        diagnostics: &report.diagnostics,
    };
    serde_json::to_writer_pretty(&mut *w, &env).map_err(json_io)?;
    writeln!(w)
}

/// One diagnostic object per line, no envelope.
pub fn write_jsonl(w: &mut dyn Write, report: &Report) -> io::Result<()> {
    for d in &report.diagnostics {
        serde_json::to_writer(&mut *w, d).map_err(json_io)?;
        writeln!(w)?;
    }
    Ok(())
}

/// Keeps the kind of an I/O error (a broken pipe must stay one).
fn json_io(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    }
}
