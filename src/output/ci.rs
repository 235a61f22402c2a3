//! Formats for CI systems and review tools: SARIF 2.1.0 (code scanning),
//! GitHub Actions workflow commands, JUnit XML and reviewdog's rdjson.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::diagnostic::{Report, ResolvedPlace, Rule, Severity, Span};

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

fn sarif_location(path: &str, span: Span, p: ResolvedPlace) -> Value {
    let mut region = json!({
        "startLine": p.start.line.max(1),
        "startColumn": p.start.column.max(1),
        "endLine": p.end.line.max(1),
        "endColumn": p.end.column.max(1),
    });
    if span.end > span.start {
        region["byteOffset"] = json!(span.start);
        region["byteLength"] = json!(span.end - span.start);
    }
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": path.replace('\\', "/").trim_start_matches("./") },
            "region": region,
        }
    })
}

/// SARIF 2.1.0: one `reportingDescriptor` per rule, one result per diagnostic.
pub fn write_sarif(w: &mut dyn Write, report: &Report, rules: &[Rule]) -> io::Result<()> {
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|r| {
            let doc = r.doc();
            let doc = doc.trim_end_matches('\n');
            json!({
                "id": r.id(),
                "name": r.id().replace('/', "-"),
                "shortDescription": { "text": r.summary() },
                "fullDescription": { "text": first_line(doc) },
                "help": { "text": doc, "markdown": doc },
                "defaultConfiguration": { "level": sarif_level(r.default_severity()), "enabled": r.default_enabled() },
                "properties": { "tags": [r.family().as_str()] },
            })
        })
        .collect();
    let results: Vec<Value> = report
        .iter()
        .map(|(d, res)| {
            let path = report.path(d.file);
            let here = ResolvedPlace { start: res.start, end: res.end };
            let mut text = d.message.clone();
            for n in &d.notes {
                text.push_str(&format!("\n{n}"));
            }
            let mut result = json!({
                "ruleId": d.rule,
                "level": sarif_level(d.severity),
                "message": { "text": text },
                "locations": [sarif_location(path, d.span.unwrap_or_default(), here)],
                "partialFingerprints": { "corpuslint/v1": res.fingerprint },
            });
            if let Some(i) = rules.iter().position(|r| *r == d.rule) {
                result["ruleIndex"] = json!(i);
            }
            if !res.snippet.is_empty() {
                result["locations"][0]["physicalLocation"]["region"]["snippet"] = json!({ "text": res.snippet });
            }
            if !d.related.is_empty() {
                result["relatedLocations"] = d
                    .related
                    .iter()
                    .zip(&res.related)
                    .enumerate()
                    .map(|(i, (r, p))| {
                        let mut loc = sarif_location(report.path(r.file), r.span, *p);
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
                        "artifactLocation": { "uri": path.replace('\\', "/").trim_start_matches("./") },
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
    for (d, r) in report.iter() {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        writeln!(
            w,
            "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            gh_property(report.path(d.file)),
            r.start.line.max(1),
            r.start.column.max(1),
            r.end.line.max(1),
            r.end.column.max(1),
            gh_property(d.rule.id()),
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
    let files = crate::output::all_paths(report);
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(w, r#"<testsuites name="corpuslint" tests="{}" failures="{}">"#, files.len(), report.diagnostics.len())?;
    writeln!(w, r#"  <testsuite name="corpuslint" tests="{}" failures="{}">"#, files.len(), report.diagnostics.len())?;
    for f in files {
        let diags: Vec<_> = report.iter().filter(|(d, _)| report.path(d.file) == f).collect();
        if diags.is_empty() {
            writeln!(w, r#"    <testcase classname="corpuslint" name="{}"/>"#, xml(f))?;
            continue;
        }
        writeln!(w, r#"    <testcase classname="corpuslint" name="{}">"#, xml(f))?;
        for (d, r) in diags {
            writeln!(
                w,
                r#"      <failure type="{}" message="{}">{}:{}:{}: {} [{}]</failure>"#,
                xml(d.rule.id()),
                xml(&d.message),
                xml(f),
                r.start.line,
                r.start.column,
                xml(&d.message),
                d.severity
            )?;
        }
        writeln!(w, "    </testcase>")?;
    }
    writeln!(w, "  </testsuite>")?;
    writeln!(w, "</testsuites>")
}

fn rd_location(path: &str, p: ResolvedPlace) -> Value {
    json!({
        "path": path,
        "range": {
            "start": { "line": p.start.line.max(1), "column": p.start.column.max(1) },
            "end": { "line": p.end.line.max(1), "column": p.end.column.max(1) },
        }
    })
}

/// reviewdog's Diagnostic Format (rdjson).
pub fn write_rdjson(w: &mut dyn Write, report: &Report) -> io::Result<()> {
    let diagnostics: Vec<Value> = report
        .iter()
        .map(|(d, r)| {
            let path = report.path(d.file);
            let here = ResolvedPlace { start: r.start, end: r.end };
            let mut v = json!({
                "message": d.message,
                "location": rd_location(path, here),
                "severity": match d.severity { Severity::Error => "ERROR", Severity::Warning => "WARNING", Severity::Info => "INFO" },
                "code": { "value": d.rule.id() },
                "original_output": format!("{}:{}:{}: {}: {}", path, r.start.line, r.start.column, d.rule, d.message),
            });
            if !d.related.is_empty() {
                v["related_locations"] = d.related.iter().zip(&r.related).map(|(rel, p)| json!({ "message": rel.message, "location": rd_location(report.path(rel.file), *p) })).collect();
            }
            if let Some(fix) = &d.fix {
                v["suggestions"] = json!([{ "range": rd_location(path, here)["range"].clone(), "text": fix.replacement }]);
            }
            v
        })
        .collect();
    let doc = json!({ "source": { "name": "corpuslint", "url": INFORMATION_URI }, "diagnostics": diagnostics });
    serde_json::to_writer(&mut *w, &doc).map_err(io::Error::other)?;
    writeln!(w)
}
