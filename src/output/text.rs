//! Human-readable output, rustc style, via codespan-reporting.
//!
//! Diagnostics carry on-disk byte spans; to draw source excerpts the renderer
//! re-reads each file it needs once. Invalid UTF-8 bytes are shown as `?`,
//! one per byte, so stored offsets stay valid in the rendered text.

use std::collections::HashMap;
use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::Buffer, Config, Styles, StylesWriter};

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::Report;
use crate::output::counts_by_rule;

#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    pub color: bool,
    pub quiet: bool,
}

struct Sources {
    files: SimpleFiles<String, String>,
    ids: HashMap<String, Option<usize>>,
}

impl Sources {
    fn id(&mut self, path: &str) -> Option<usize> {
        if let Some(id) = self.ids.get(path) {
            return *id;
        }
        let id = std::fs::read(path).ok().map(|bytes| self.files.add(path.to_string(), render_source(&bytes)));
        self.ids.insert(path.to_string(), id);
        id
    }
}

fn render_source(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        s.push_str(chunk.valid());
        s.extend(std::iter::repeat_n('?', chunk.invalid().len()));
    }
    s
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
    let mut sources = Sources { files: SimpleFiles::new(), ids: HashMap::new() };
    let config = Config::default();
    let styles = Styles::default();
    for d in &report.diagnostics {
        let cs = to_codespan(d, &mut sources);
        let mut buffer = if opts.color { Buffer::ansi() } else { Buffer::no_color() };
        let rendered = if cs.labels.is_empty() {
            Err(())
        } else {
            let mut writer = StylesWriter::new(&mut buffer, &styles);
            term::emit_to_write_style(&mut writer, &config, &sources.files, &cs).map_err(|_| ())
        };
        match rendered {
            Ok(()) => w.write_all(buffer.as_slice())?,
            Err(()) => write_plain(w, d)?,
        }
    }
    if !opts.quiet {
        writeln!(w, "{}", summary_line(report))?;
    }
    Ok(())
}

/// A diagnostic with no source to show (unreadable files, file-level notes).
fn write_plain(w: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
    let label = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    writeln!(w, "{label}[{}]: {}", d.rule, d.message)?;
    if !d.location.path.is_empty() {
        writeln!(w, "  ┌─ {}:{}:{}", d.location.path, d.location.start.line, d.location.start.column)?;
    }
    for n in &d.notes {
        writeln!(w, "  = {n}")?;
    }
    writeln!(w)
}

fn to_codespan(d: &Diagnostic, sources: &mut Sources) -> CsDiagnostic<usize> {
    let mut labels = Vec::new();
    let has_span = d.location.span.end > d.location.span.start || !d.snippet.is_empty();
    if has_span {
        if let Some(id) = sources.id(&d.location.path) {
            let span = d.location.span.start..d.location.span.end;
            let text = sources.files.get(id).map(|f| f.source().len()).unwrap_or(0);
            if span.end <= text {
                labels.push(Label::primary(id, span));
            }
        }
    }
    if !labels.is_empty() {
        for r in &d.related {
            if let Some(id) = sources.id(&r.location.path) {
                let len = sources.files.get(id).map(|f| f.source().len()).unwrap_or(0);
                if r.location.span.end <= len {
                    labels.push(
                        Label::secondary(id, r.location.span.start..r.location.span.end)
                            .with_message(r.message.clone()),
                    );
                }
            }
        }
    }
    let mut notes: Vec<String> = d.notes.clone();
    for r in &d.related {
        if !labels.iter().any(|l| l.range == (r.location.span.start..r.location.span.end) && l.message == r.message) {
            notes.push(format!(
                "{}: {}:{}:{}",
                r.message, r.location.path, r.location.start.line, r.location.start.column
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
        .with_code(d.rule.clone())
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
