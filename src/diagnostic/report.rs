//! The result of a run, and the one place where spans become positions.
//!
//! [`Report::resolve`] walks the files that findings point into, in file
//! order, loading each once from the [`SourceDb`] (kept text, or the file
//! read again), and works out for every finding and related place its line
//! and column, its snippet and its fingerprint (and, for baselines, a hash of
//! the words around it). Renderers read [`Report::resolved`]; nothing else
//! turns offsets into lines.

use std::collections::HashMap;

use rayon::prelude::*;

use super::{fingerprint, Diagnostic, Fnv};
use crate::source::{FileId, LineCol, Source, SourceDb};

/// How many characters a snippet shows at most.
pub const SNIPPET_CHARS: usize = 200;

/// How many words on each side make a finding's baseline context.
const CONTEXT_WORDS: usize = 6;

/// Positions of a place, resolved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResolvedPlace {
    pub start: LineCol,
    pub end: LineCol,
}

/// What rendering needs of a diagnostic beyond its data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolved {
    pub start: LineCol,
    pub end: LineCol,
    pub snippet: String,
    pub fingerprint: String,
    /// Hash of the words around the flagged text (only when asked for).
    pub context: Option<String>,
    pub related: Vec<ResolvedPlace>,
}

/// A baseline entry no finding matches any more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedFinding {
    pub path: String,
    pub rule: String,
    pub count: u32,
    pub snippet: String,
}

/// The result of a run: the files, the findings, and (once resolved) their
/// positions.
#[derive(Debug, Default)]
pub struct Report {
    pub db: SourceDb,
    pub diagnostics: Vec<Diagnostic>,
    resolved: Option<Vec<Resolved>>,
    pub files_scanned: usize,
    pub files_skipped: usize,
    /// Findings left out because the baseline knows them.
    pub baselined: usize,
    /// Baseline entries no finding matched any more (fixed since).
    pub fixed: Vec<FixedFinding>,
}

impl Report {
    pub fn new(db: SourceDb) -> Report {
        Report { db, ..Report::default() }
    }

    /// Sorts into the contract's order (path, start offset, rule, end,
    /// message) and drops exact duplicates.
    pub fn sort(&mut self) {
        let db = &self.db;
        let key = |d: &Diagnostic| (db.path(d.file), d.start(), d.rule, d.span.map_or(0, |s| s.end));
        self.diagnostics.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message)));
        self.diagnostics.dedup_by(|a, b| key(a) == key(b) && a.message == b.message);
        self.resolved = None;
    }

    /// Works out positions, snippets and fingerprints (and baseline
    /// contexts when `contexts`); does nothing if done already.
    pub fn resolve(&mut self, contexts: bool) {
        let done = self.resolved.as_ref().is_some_and(|r| !contexts || r.iter().all(|x| x.context.is_some()));
        if !done {
            self.resolved = Some(resolve(&self.db, &self.diagnostics, contexts));
        }
    }

    /// The resolved positions, one per diagnostic.
    ///
    /// # Panics
    /// If [`Report::resolve`] has not been called since the diagnostics changed.
    pub fn resolved(&self) -> &[Resolved] {
        let r = self.resolved.as_deref().expect("Report::resolve must run before rendering");
        assert_eq!(r.len(), self.diagnostics.len(), "diagnostics changed after Report::resolve");
        r
    }

    /// Diagnostics with their resolved positions.
    pub fn iter(&self) -> impl Iterator<Item = (&Diagnostic, &Resolved)> {
        self.diagnostics.iter().zip(self.resolved())
    }

    /// Keeps the diagnostics for which `keep` says so (resolved ones keep
    /// their positions).
    pub fn retain(&mut self, mut keep: impl FnMut(&Diagnostic, Option<&Resolved>) -> bool) {
        let diags = std::mem::take(&mut self.diagnostics);
        match self.resolved.take() {
            Some(res) => {
                let (d, r): (Vec<_>, Vec<_>) = diags.into_iter().zip(res).filter(|(d, r)| keep(d, Some(r))).unzip();
                self.diagnostics = d;
                self.resolved = Some(r);
            }
            None => self.diagnostics = diags.into_iter().filter(|d| keep(d, None)).collect(),
        }
    }

    /// The path of a file of the run.
    pub fn path(&self, file: FileId) -> &str {
        self.db.path(file)
    }

    /// Every file checked or skipped, in id order.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.db.ids().map(|id| self.db.path(id))
    }
}

/// One place to resolve: diagnostic `diag`, primary (`None`) or related `k`.
#[derive(Clone, Copy)]
struct Task {
    file: FileId,
    diag: usize,
    related: Option<usize>,
}

enum Done {
    Primary(Resolved),
    Related(ResolvedPlace),
}

fn resolve(db: &SourceDb, diags: &[Diagnostic], contexts: bool) -> Vec<Resolved> {
    let mut tasks: Vec<Task> = Vec::with_capacity(diags.len());
    for (i, d) in diags.iter().enumerate() {
        tasks.push(Task { file: d.file, diag: i, related: None });
        for (k, r) in d.related.iter().enumerate() {
            tasks.push(Task { file: r.file, diag: i, related: Some(k) });
        }
    }
    tasks.sort_by_key(|t| t.file);
    let groups: Vec<&[Task]> = tasks.chunk_by(|a, b| a.file == b.file).collect();
    // Files are independent: resolved in parallel, each loaded once and
    // dropped after (unless the database keeps it).
    let done: Vec<Vec<(Task, Done)>> = groups
        .par_iter()
        .map(|group| {
            // A file-level finding needs no text (its file may be a FIFO).
            let needs_text = group.iter().any(|t| t.related.is_some() || diags[t.diag].span.is_some());
            let source = if needs_text { db.load(group[0].file) } else { None };
            group.iter().map(|&t| (t, resolve_one(db, diags, t, source.as_deref(), contexts))).collect()
        })
        .collect();
    let mut out: Vec<Resolved> = vec![Resolved::default(); diags.len()];
    let mut related: HashMap<(usize, usize), ResolvedPlace> = HashMap::new();
    for (t, r) in done.into_iter().flatten() {
        match r {
            Done::Primary(p) => out[t.diag] = p,
            Done::Related(p) => {
                related.insert((t.diag, t.related.unwrap_or(0)), p);
            }
        }
    }
    for (i, d) in diags.iter().enumerate() {
        out[i].related = (0..d.related.len()).map(|k| related.get(&(i, k)).copied().unwrap_or_default()).collect();
    }
    out
}

fn place(source: Option<&Source>, span: super::Span) -> ResolvedPlace {
    match source {
        Some(s) => ResolvedPlace { start: s.line_col_stored(span.start), end: s.line_col_stored(span.end) },
        None => ResolvedPlace::default(),
    }
}

fn resolve_one(db: &SourceDb, diags: &[Diagnostic], t: Task, source: Option<&Source>, contexts: bool) -> Done {
    let d = &diags[t.diag];
    if let Some(k) = t.related {
        return Done::Related(place(source, d.related[k].span));
    }
    let path = db.path(d.file);
    let origin = LineCol { line: 1, column: 1 };
    let (start, end, snippet) = match d.span {
        None => (origin, origin, String::new()),
        Some(span) => {
            let p = place(source, span);
            let snippet = match (&d.shown, source) {
                (Some(shown), _) => shown.to_string(),
                (None, Some(s)) => s.snippet(s.decoded_span(span.start..span.end), SNIPPET_CHARS),
                (None, None) => String::new(),
            };
            (p.start, p.end, snippet)
        }
    };
    let fp = match d.span {
        None => fingerprint(d.rule.id(), path, &d.message),
        Some(_) => fingerprint(d.rule.id(), path, &snippet),
    };
    let context = contexts.then(|| {
        let mut h = Fnv::default();
        if let Some(src) = source {
            let span = d.span.unwrap_or_default();
            let range = src.decoded_span(span.start..span.end);
            let text = src.text();
            let before: Vec<&str> = text[..range.start].split_whitespace().rev().take(CONTEXT_WORDS).collect();
            let after: Vec<&str> = text[range.end..].split_whitespace().take(CONTEXT_WORDS).collect();
            for w in before.iter().rev().chain(std::iter::once(&"\u{0}")).chain(after.iter()) {
                h.write(w.to_lowercase().as_bytes());
                h.write(b" ");
            }
        }
        format!("{:016x}", h.finish())
    });
    Done::Primary(Resolved { start, end, snippet, fingerprint: fp, context, related: Vec::new() })
}
