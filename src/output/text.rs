//! Human-readable output, rustc style, via codespan-reporting.
//!
//! Excerpts are drawn from the run's [`SourceDb`](crate::source::SourceDb),
//! which implements codespan's `Files` over the same decoded text the checks
//! read: stored-byte spans are turned into decoded offsets here.

use std::collections::HashSet;
use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::term::{self, termcolor::Buffer, Config, Styles, StylesWriter};

use crate::diagnostic::{Diagnostic, Family, Report, Resolved, Severity, Span};
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
///
/// A related place already drawn for an earlier finding (the first copy of
/// a sentence that 300 files repeat) is named in a note, not drawn again.
pub fn write_text(w: &mut dyn Write, report: &Report, opts: TextOptions) -> io::Result<()> {
    let config = Config::default();
    let styles = Styles::default();
    let mut drawn: HashSet<(FileId, Span)> = HashSet::new();
    for (d, r) in report.iter() {
        let cs = to_codespan(report, d, r, &mut drawn);
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

fn to_codespan(
    report: &Report,
    d: &Diagnostic,
    r: &Resolved,
    drawn: &mut HashSet<(FileId, Span)>,
) -> CsDiagnostic<FileId> {
    let mut labels = Vec::new();
    if let Some(span) = d.span.filter(|s| s.end > s.start || !r.snippet.is_empty()) {
        if let Some(range) = decoded(report, d.file, span) {
            labels.push(Label::primary(d.file, range));
        }
    }
    let mut seen_before = vec![false; d.related.len()];
    if !labels.is_empty() {
        for (rel, before) in d.related.iter().zip(&mut seen_before) {
            // A place in another file drawn for an earlier finding.
            if rel.file != d.file && !drawn.insert((rel.file, rel.span)) {
                *before = true;
                continue;
            }
            if let Some(range) = decoded(report, rel.file, rel.span) {
                labels.push(Label::secondary(rel.file, range).with_message(rel.message.clone()));
            }
        }
    }
    let mut notes: Vec<String> = d.notes.clone();
    for ((rel, place), before) in d.related.iter().zip(&r.related).zip(seen_before) {
        let shown = labels.iter().any(|l| {
            l.file_id == rel.file
                && l.message == rel.message
                && Some(l.range.clone()) == decoded(report, rel.file, rel.span)
        });
        if !shown {
            notes.push(format!(
                "{}: {}:{}:{}{}",
                rel.message,
                report.path(rel.file),
                place.start.line,
                place.start.column,
                if before { " (shown above)" } else { "" }
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

/// `--statistics`: one line per rule with its count, then the largest
/// clusters of repeated text (a sentence and every later copy of it).
pub fn write_statistics(w: &mut dyn Write, report: &Report) -> io::Result<()> {
    let counts = counts_by_rule(&report.diagnostics);
    let width = counts.iter().map(|(r, _, _)| r.len()).max().unwrap_or(4);
    for (rule, sev, n) in counts {
        writeln!(w, "{n:>6}  {rule:<width$}  {sev}")?;
    }
    let clusters = repeat_clusters(report);
    if !clusters.is_empty() {
        writeln!(w, "Largest clusters of repeated text:")?;
        for c in clusters.iter().take(CLUSTERS_LISTED) {
            writeln!(
                w,
                "{:>6}  copies in {} {}; first at {}:{}:{}",
                c.copies,
                c.files,
                if c.files == 1 { "file" } else { "files" },
                report.path(c.file),
                c.line,
                c.column
            )?;
        }
        if clusters.len() > CLUSTERS_LISTED {
            writeln!(w, "        … and {} more", clusters.len() - CLUSTERS_LISTED)?;
        }
    }
    for e in &report.fixed {
        writeln!(w, "fixed, remove from baseline: {} × {} in {}: {}", e.count, e.rule, e.path, e.snippet)?;
    }
    writeln!(w, "{}", summary_line(report))
}

/// How many clusters `--statistics` lists.
const CLUSTERS_LISTED: usize = 10;

/// Clusters smaller than this (a sentence and one copy) are not listed.
const CLUSTER_MIN_COPIES: usize = 3;

/// Repeated text that occurs `copies` times, first at `file:line:column`.
#[derive(Debug, PartialEq, Eq)]
struct Cluster {
    copies: usize,
    files: usize,
    file: FileId,
    line: u32,
    column: u32,
}

/// Repetition findings grouped by the first occurrence they point at,
/// largest first (ties in path order).
fn repeat_clusters(report: &Report) -> Vec<Cluster> {
    type Members = (Cluster, HashSet<FileId>);
    let mut groups: std::collections::HashMap<(FileId, Span), Members> = std::collections::HashMap::new();
    for (d, r) in report.iter() {
        let (Some(first), Some(place)) = (d.related.first(), r.related.first()) else { continue };
        if d.family() != Family::Repetition {
            continue;
        }
        let (cluster, files) = groups.entry((first.file, first.span)).or_insert_with(|| {
            let c =
                Cluster { copies: 1, files: 1, file: first.file, line: place.start.line, column: place.start.column };
            (c, HashSet::from([first.file]))
        });
        cluster.copies += 1;
        files.insert(d.file);
        cluster.files = files.len();
    }
    let mut clusters: Vec<Cluster> =
        groups.into_values().map(|(c, _)| c).filter(|c| c.copies >= CLUSTER_MIN_COPIES).collect();
    clusters.sort_by(|a, b| {
        b.copies
            .cmp(&a.copies)
            .then_with(|| report.path(a.file).cmp(report.path(b.file)))
            .then_with(|| (a.line, a.column).cmp(&(b.line, b.column)))
    });
    clusters
}
