//! Human-readable output, rustc style, via codespan-reporting.
//!
//! Excerpts are drawn from the run's [`SourceDb`](crate::source::SourceDb),
//! which implements codespan's `Files` over the same decoded text the checks
//! read: stored-byte spans are turned into decoded offsets here.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::term::{self, termcolor::Buffer, Config, Styles, StylesWriter};

use crate::diagnostic::{Diagnostic, Report, Resolved, Severity};
use crate::output::counts_by_rule;
use crate::source::FileId;

#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    pub color: bool,
    pub quiet: bool,
}

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// Writes every diagnostic, then a one-line summary (unless quiet).
pub fn write_text(w: &mut dyn Write, report: &Report, opts: TextOptions) -> io::Result<()> {
    let config = Config::default();
    let styles = Styles::default();
    for (d, r) in report.iter() {
        let cs = to_codespan(report, d, r);
        let mut buffer = if opts.color { Buffer::ansi() } else { Buffer::no_color() };
        let rendered = if cs.labels.is_empty() {
            Err(())
        } else {
            let mut writer = StylesWriter::new(&mut buffer, &styles);
            term::emit_to_write_style(&mut writer, &config, &report.db, &cs).map_err(|_| ())
        };
        match rendered {
            Ok(()) => w.write_all(buffer.as_slice())?,
            Err(()) => write_plain(w, report, d, r)?,
        }
    }
    if !opts.quiet {
        writeln!(w, "{}", summary_line(report))?;
    }
    Ok(())
}

/// A diagnostic with no source to show (unreadable files, file-level notes).
fn write_plain(w: &mut dyn Write, report: &Report, d: &Diagnostic, r: &Resolved) -> io::Result<()> {
    let label = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    writeln!(w, "{label}[{}]: {}", d.rule, d.message)?;
    let path = report.path(d.file);
    if !path.is_empty() {
        writeln!(w, "  ┌─ {path}:{}:{}", r.start.line, r.start.column)?;
    }
    for n in &d.notes {
        writeln!(w, "  = {n}")?;
    }
    writeln!(w)
}

/// The decoded range of a stored span of `file`, if its text can be shown.
fn decoded(report: &Report, file: FileId, span: crate::diagnostic::Span) -> Option<std::ops::Range<usize>> {
    let source = report.db.source(file)?;
    let range = source.decoded_span(span.start..span.end);
    (range.end <= source.text().len() && span.end >= span.start).then_some(range)
}

fn to_codespan(report: &Report, d: &Diagnostic, r: &Resolved) -> CsDiagnostic<FileId> {
    let mut labels = Vec::new();
    if let Some(span) = d.span.filter(|s| s.end > s.start || !r.snippet.is_empty()) {
        if let Some(range) = decoded(report, d.file, span) {
            labels.push(Label::primary(d.file, range));
        }
    }
    if !labels.is_empty() {
        for rel in &d.related {
            if let Some(range) = decoded(report, rel.file, rel.span) {
                labels.push(Label::secondary(rel.file, range).with_message(rel.message.clone()));
            }
        }
    }
    let mut notes: Vec<String> = d.notes.clone();
    for (rel, place) in d.related.iter().zip(&r.related) {
        let shown = labels.iter().any(|l| {
            l.file_id == rel.file
                && l.message == rel.message
                && Some(l.range.clone()) == decoded(report, rel.file, rel.span)
        });
        if !shown {
            notes.push(format!(
                "{}: {}:{}:{}",
                rel.message,
                report.path(rel.file),
                place.start.line,
                place.start.column
            ));
        }
    }
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    if let Some(fix) = &d.fix {
        notes.push(format!("suggestion: {} → `{}`", fix.message, fix.replacement));
    }
    CsDiagnostic::new(severity(d.severity))
        .with_code(d.rule.id())
        .with_message(d.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}

/// "Found 3 problems (1 error, 2 warnings) in 5 files." and the like.
pub fn summary_line(report: &Report) -> String {
    let count = |s: Severity| report.diagnostics.iter().filter(|d| d.severity == s).count();
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let files = plural(report.files_scanned, "file");
    let mut skipped =
        if report.files_skipped > 0 { format!(", {} skipped", report.files_skipped) } else { String::new() };
    if report.baselined > 0 {
        skipped.push_str(&format!("; {} known from the baseline", report.baselined));
    }
    if report.diagnostics.is_empty() {
        return format!("No problems found in {files}{skipped}.");
    }
    let parts: Vec<String> = [(Severity::Error, "error"), (Severity::Warning, "warning"), (Severity::Info, "info")]
        .into_iter()
        .filter(|(s, _)| count(*s) > 0)
        .map(|(s, w)| plural(count(s), w))
        .collect();
    format!("Found {} ({}) in {files}{skipped}.", plural(report.diagnostics.len(), "problem"), parts.join(", "))
}

/// `--statistics`: one line per rule with its count.
pub fn write_statistics(w: &mut dyn Write, report: &Report) -> io::Result<()> {
    let counts = counts_by_rule(&report.diagnostics);
    let width = counts.iter().map(|(r, _, _)| r.len()).max().unwrap_or(4);
    for (rule, sev, n) in counts {
        writeln!(w, "{n:>6}  {rule:<width$}  {sev}")?;
    }
    for e in &report.fixed {
        writeln!(w, "fixed, remove from baseline: {} × {} in {}: {}", e.count, e.rule, e.path, e.snippet)?;
    }
    writeln!(w, "{}", summary_line(report))
}
