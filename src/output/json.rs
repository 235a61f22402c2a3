//! JSON and JSON Lines, per `docs/diagnostics-json.md` (the contract).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Family, Fix, Report, Resolved, Rule, Severity, Span};
use crate::source::LineCol;

#[derive(Serialize)]
struct Envelope<'a> {
    version: u32,
    tool: Tool,
    summary: Summary,
    diagnostics: Vec<JsonDiagnostic<'a>>,
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
    by_rule: BTreeMap<&'static str, usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baselined: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<usize>,
}

/// A diagnostic as the contract writes it. Field order is the contract's.
#[derive(Serialize)]
pub(crate) struct JsonDiagnostic<'a> {
    rule: Rule,
    family: Family,
    severity: Severity,
    message: &'a str,
    path: &'a str,
    span: Span,
    start: LineCol,
    end: LineCol,
    snippet: &'a str,
    related: Vec<JsonRelated<'a>>,
    notes: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a Fix>,
    fingerprint: &'a str,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    path: &'a str,
    span: Span,
    start: LineCol,
    end: LineCol,
    message: &'a str,
}

impl<'a> JsonDiagnostic<'a> {
    pub(crate) fn new(report: &'a Report, d: &'a Diagnostic, r: &'a Resolved) -> JsonDiagnostic<'a> {
        JsonDiagnostic {
            rule: d.rule,
            family: d.family(),
            severity: d.severity,
            message: &d.message,
            path: report.path(d.file),
            span: d.span.unwrap_or_default(),
            start: r.start,
            end: r.end,
            snippet: &r.snippet,
            related: d
                .related
                .iter()
                .zip(&r.related)
                .map(|(rel, p)| JsonRelated {
                    path: report.path(rel.file),
                    span: rel.span,
                    start: p.start,
                    end: p.end,
                    message: &rel.message,
                })
                .collect(),
            notes: &d.notes,
            help: d.help.as_deref(),
            fix: d.fix.as_ref(),
            fingerprint: &r.fingerprint,
        }
    }
}

fn summary(report: &Report) -> Summary {
    let mut by_severity = BTreeMap::from([("error", 0), ("warning", 0), ("info", 0)]);
    let mut by_family = BTreeMap::new();
    let mut by_rule = BTreeMap::new();
    for d in &report.diagnostics {
        *by_severity.entry(d.severity.as_str()).or_insert(0) += 1;
        *by_family.entry(d.family().as_str()).or_insert(0) += 1;
        *by_rule.entry(d.rule.id()).or_insert(0) += 1;
    }
    let baseline_used = report.baselined > 0 || !report.fixed.is_empty();
    Summary {
        files_scanned: report.files_scanned,
        files_skipped: report.files_skipped,
        diagnostics: report.diagnostics.len(),
        by_severity,
        by_family,
        by_rule,
        baselined: baseline_used.then_some(report.baselined),
        fixed: baseline_used.then(|| report.fixed.iter().map(|e| e.count as usize).sum()),
    }
}

/// One JSON document: version, tool, summary, diagnostics.
pub fn write_json(w: &mut dyn Write, report: &Report) -> io::Result<()> {
    let env = Envelope {
        version: 1,
        tool: Tool { name: "corpuslint", version: env!("CARGO_PKG_VERSION") },
        summary: summary(report),
        diagnostics: report.iter().map(|(d, r)| JsonDiagnostic::new(report, d, r)).collect(),
    };
    serde_json::to_writer_pretty(&mut *w, &env).map_err(json_io)?;
    writeln!(w)
}

/// One diagnostic object per line, no envelope.
pub fn write_jsonl(w: &mut dyn Write, report: &Report) -> io::Result<()> {
    for (d, r) in report.iter() {
        serde_json::to_writer(&mut *w, &JsonDiagnostic::new(report, d, r)).map_err(json_io)?;
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
