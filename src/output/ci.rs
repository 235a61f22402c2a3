//! Formats for CI systems and review tools: SARIF 2.1.0 (code scanning),
//! GitHub Actions workflow commands, JUnit XML and reviewdog's rdjson.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::engine::Report;
use crate::rules::RuleInfo;

const INFORMATION_URI: &str = "https://github.com/corpuslint/corpuslint";

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn first_line(doc: &str) -> String {
    doc.lines().find(|l| !l.trim().is_empty() && !l.starts_with('#')).unwrap_or("").to_string()
}

fn sarif_location(l: &Location) -> Value {
    let mut region = json!({
        "startLine": l.start.line.max(1),
        "startColumn": l.start.column.max(1),
        "endLine": l.end.line.max(1),
        "endColumn": l.end.column.max(1),
    });
    if l.span.end > l.span.start {
        region["byteOffset"] = json!(l.span.start);
        region["byteLength"] = json!(l.span.end - l.span.start);
    }
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": l.path.replace('\\', "/").trim_start_matches("./") },
            "region": region,
        }
    })
}

/// SARIF 2.1.0: one `reportingDescriptor` per rule, one result per diagnostic.
pub fn write_sarif(w: &mut dyn Write, report: &Report, rules: &[&RuleInfo]) -> io::Result<()> {
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id.replace('/', "-"),
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": first_line(r.doc) },
                "help": { "text": r.doc, "markdown": r.doc },
                "defaultConfiguration": { "level": sarif_level(r.severity), "enabled": r.default_enabled },
                "properties": { "tags": [r.family.as_str()] },
            })
        })
        .collect();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            for n in &d.notes {
                text.push_str(&format!("\n{n}"));
            }
            let mut result = json!({
                "ruleId": d.rule,
                "level": sarif_level(d.severity),
                "message": { "text": text },
                "locations": [sarif_location(&d.location)],
                "partialFingerprints": { "corpuslint/v1": d.fingerprint },
            });
            if let Some(i) = rules.iter().position(|r| r.id == d.rule) {
                result["ruleIndex"] = json!(i);
            }
            if !d.snippet.is_empty() {
                result["locations"][0]["physicalLocation"]["region"]["snippet"] = json!({ "text": d.snippet });
            }
            if !d.related.is_empty() {
                result["relatedLocations"] = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let mut loc = sarif_location(&r.location);
                        loc["id"] = json!(i + 1);
                        loc["message"] = json!({ "text": r.message });
                        loc
                    })
                    .collect();
            }
            if let Some(fix) = &d.fix {
                result["fixes"] = json!([{
                    "description": { "text": fix.message },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": d.location.path.replace('\\', "/").trim_start_matches("./") },
                        "replacements": [{
                            "deletedRegion": { "byteOffset": fix.span.start, "byteLength": fix.span.end - fix.span.start },
                            "insertedContent": { "text": fix.replacement },
                        }],
                    }],
                }]);
            }
            result
        })
        .collect();
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "corpuslint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *w, &sarif).map_err(io::Error::other)?;
    writeln!(w)
}

/// Escapes a workflow command's message.
fn gh_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands: one annotation per diagnostic.
pub fn write_github(w: &mut dyn Write, report: &Report) -> io::Result<()> {
    for d in &report.diagnostics {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let l = &d.location;
        writeln!(
            w,
            "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            gh_property(&l.path),
            l.start.line.max(1),
            l.start.column.max(1),
            l.end.line.max(1),
            l.end.column.max(1),
            gh_property(&d.rule),
            gh_data(&d.message)
        )?;
    }
    Ok(())
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// JUnit XML: one test case per file, one failure per diagnostic.
pub fn write_junit(w: &mut dyn Write, report: &Report) -> io::Result<()> {
    let mut files: Vec<&str> = report.files.iter().map(String::as_str).collect();
    for d in &report.diagnostics {
        if !files.contains(&d.location.path.as_str()) {
            files.push(&d.location.path);
        }
    }
    files.sort_unstable();
    files.dedup();
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(w, r#"<testsuites name="corpuslint" tests="{}" failures="{}">"#, files.len(), report.diagnostics.len())?;
    writeln!(w, r#"  <testsuite name="corpuslint" tests="{}" failures="{}">"#, files.len(), report.diagnostics.len())?;
    for f in files {
        let diags: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.location.path == f).collect();
        if diags.is_empty() {
            writeln!(w, r#"    <testcase classname="corpuslint" name="{}"/>"#, xml(f))?;
            continue;
        }
        writeln!(w, r#"    <testcase classname="corpuslint" name="{}">"#, xml(f))?;
        for d in diags {
            writeln!(
                w,
                r#"      <failure type="{}" message="{}">{}:{}:{}: {} [{}]</failure>"#,
                xml(&d.rule),
                xml(&d.message),
                xml(f),
                d.location.start.line,
                d.location.start.column,
                xml(&d.message),
                d.severity
            )?;
        }
        writeln!(w, "    </testcase>")?;
    }
    writeln!(w, "  </testsuite>")?;
    writeln!(w, "</testsuites>")
}

fn rd_location(l: &Location) -> Value {
    json!({
        "path": l.path,
        "range": {
            "start": { "line": l.start.line.max(1), "column": l.start.column.max(1) },
            "end": { "line": l.end.line.max(1), "column": l.end.column.max(1) },
        }
    })
}

/// reviewdog's Diagnostic Format (rdjson).
pub fn write_rdjson(w: &mut dyn Write, report: &Report) -> io::Result<()> {
    let diagnostics: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let mut v = json!({
                "message": d.message,
                "location": rd_location(&d.location),
                "severity": match d.severity { Severity::Error => "ERROR", Severity::Warning => "WARNING", Severity::Info => "INFO" },
                "code": { "value": d.rule },
                "original_output": format!("{}:{}:{}: {}: {}", d.location.path, d.location.start.line, d.location.start.column, d.rule, d.message),
            });
            if !d.related.is_empty() {
                v["related_locations"] = d.related.iter().map(|r| json!({ "message": r.message, "location": rd_location(&r.location) })).collect();
            }
            if let Some(fix) = &d.fix {
                v["suggestions"] = json!([{ "range": rd_location(&d.location)["range"].clone(), "text": fix.replacement }]);
            }
            v
        })
        .collect();
    let doc = json!({ "source": { "name": "corpuslint", "url": INFORMATION_URI }, "diagnostics": diagnostics });
    serde_json::to_writer(&mut *w, &doc).map_err(io::Error::other)?;
    writeln!(w)
}
