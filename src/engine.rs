//! The run: find files, load and check each in parallel, join the corpus.
//!
//! ```text
//! paths ──walk──▶ inputs ──ids──▶ SourceDb
//!                   │
//!                   └──rayon map──▶ (diagnostics, facts, text) per file
//!                                              │
//!                 corpus phase (families join facts) ◀──┘
//!                                              │
//!                   suppressions, sort ──▶ Report (positions resolved later)
//! ```
//!
//! Per file: special files are never opened; reading errors, binary content
//! and invalid UTF-8 become `io/*` diagnostics; a panic while parsing or in a
//! family becomes `io/internal-error` for that file while the rest still
//! runs. The report's order is deterministic whatever the thread count.

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;

use crate::diagnostic::{sort_file_diagnostics, Diagnostic, Report, Rule, RuleDef};
use crate::document::{Document, Format};
use crate::rules::io::{BinaryFile, BrokenSymlink, InternalError, InvalidUtf8, SpecialFile, SymlinkLoop, Unreadable};
use crate::rules::{internal_error, suppression, DocFacts, Families, RuleSet, Sink};
use crate::source::{FileId, Source, SourceDb, Stamp};

/// A file to check, or an input problem found while walking.
#[derive(Debug, Clone)]
pub enum Input {
    File { path: PathBuf, display: String, format: Format },
    Problem { display: String, rule: Rule, message: String },
}

impl Input {
    /// The path as shown in diagnostics.
    pub fn display(&self) -> &str {
        match self {
            Input::File { display, .. } | Input::Problem { display, .. } => display,
        }
    }
}

/// Options of a run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// Decoded text kept in memory after the check phase, so that rendering
    /// reads no file twice; files beyond it are read again when a finding
    /// points into them.
    pub keep_bytes: usize,
}

impl Default for RunOptions {
    fn default() -> RunOptions {
        RunOptions { include: Vec::new(), exclude: Vec::new(), keep_bytes: 64 << 20 }
    }
}

/// A missing input path: the run cannot go on as asked (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{0}: no such file or directory")]
    Missing(String),
    #[error("invalid glob `{0}`: {1}")]
    Glob(String, String),
}

fn globset(patterns: &[String]) -> Result<Option<GlobSet>, InputError> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let glob = Glob::new(p).map_err(|e| InputError::Glob(p.clone(), e.to_string()))?;
        b.add(glob);
        // "drafts" also matches everything below drafts/.
        if !p.contains('*') && !p.ends_with('/') {
            if let Ok(g) = Glob::new(&format!("{}/**", p.trim_end_matches('/'))) {
                b.add(g);
            }
        }
    }
    b.build().map(Some).map_err(|e| InputError::Glob(patterns.join(", "), e.to_string()))
}

fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

/// Walks `paths` (files and folders) into the inputs to check, sorted.
pub fn discover(paths: &[PathBuf], opts: &RunOptions) -> Result<Vec<Input>, InputError> {
    let include = globset(&opts.include)?;
    let exclude = globset(&opts.exclude)?;
    let mut inputs = Vec::new();
    for root in paths {
        let meta = fs::symlink_metadata(root).map_err(|_| InputError::Missing(root.display().to_string()))?;
        if !(meta.is_dir() || (meta.file_type().is_symlink() && root.is_dir())) {
            // Named explicitly: checked whatever its extension.
            let display = display_path(root);
            let format = Format::from_path(root).unwrap_or(Format::Plain);
            inputs.push(Input::File { path: root.clone(), display, format });
            continue;
        }
        let walker = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter();
        let walker = walker.filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            let name = e.file_name().to_string_lossy();
            !(name.starts_with('.') || (e.file_type().is_dir() && (name == "target" || name == "node_modules")))
        });
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    let display = err.path().map(display_path).unwrap_or_else(|| display_path(root));
                    let (rule, message) = if err.loop_ancestor().is_some() {
                        (SymlinkLoop::RULE, "symbolic link loops back to a folder above it; not followed".to_string())
                    } else if err.path().is_some_and(|p| {
                        fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()) && fs::metadata(p).is_err()
                    }) {
                        (BrokenSymlink::RULE, "symbolic link points to a file that does not exist".to_string())
                    } else {
                        (Unreadable::RULE, format!("cannot read: {}", io_reason(&err.to_string())))
                    };
                    inputs.push(Input::Problem { display, rule, message });
                    continue;
                }
            };
            if entry.file_type().is_dir() {
                continue;
            }
            let path = entry.path();
            let rel = path.strip_prefix(root).unwrap_or(path);
            if exclude.as_ref().is_some_and(|g| g.is_match(rel) || g.is_match(path)) {
                continue;
            }
            let Some(format) = Format::from_path(path) else {
                continue;
            };
            if include.as_ref().is_some_and(|g| !g.is_match(rel) && !g.is_match(path)) {
                continue;
            }
            inputs.push(Input::File { path: path.to_path_buf(), display: display_path(path), format });
        }
    }
    Ok(inputs)
}

fn io_reason(s: &str) -> String {
    // walkdir prefixes errors with the path; keep the OS reason.
    s.rsplit(": ").next().unwrap_or(s).to_string()
}

/// Everything one file produced.
struct FileResult {
    diagnostics: Vec<Diagnostic>,
    facts: Option<DocFacts>,
    skipped: bool,
    /// What the file held when checked.
    stamp: Option<Stamp>,
    /// Its text, while it may still be kept for rendering.
    source: Option<Arc<Source>>,
}

/// Registers every input in a new database (ids in input order).
pub fn database(inputs: &[Input]) -> SourceDb {
    let mut db = SourceDb::new();
    for input in inputs {
        let disk = match input {
            Input::File { path, .. } => Some(path.clone()),
            Input::Problem { .. } => None,
        };
        db.add(input.display(), disk);
    }
    db
}

/// Runs `families` over `inputs`. `progress` is called once per file, from
/// any thread.
pub fn run(families: &Families, opts: &RunOptions, inputs: &[Input], progress: &(dyn Fn() + Sync)) -> Report {
    let db = database(inputs);
    // Texts are kept as files finish, while the budget lasts: which ones
    // depends on scheduling, which changes memory, never the output.
    let kept = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<FileResult> = inputs
        .par_iter()
        .enumerate()
        .map(|(i, input)| {
            let mut r = check_input(families, FileId(i as u32), input);
            if let Some(len) = r.source.as_ref().map(|s| s.text().len()) {
                let before = kept.fetch_add(len, std::sync::atomic::Ordering::Relaxed);
                if before + len > opts.keep_bytes {
                    kept.fetch_sub(len, std::sync::atomic::Ordering::Relaxed);
                    r.source = None; // read again if a finding points into it
                }
            }
            progress();
            r
        })
        .collect();
    join(families, db, results)
}

/// Records stamps, keeps the texts the budget allowed, and hands the rest
/// to [`finish`].
fn join(families: &Families, mut db: SourceDb, results: Vec<FileResult>) -> Report {
    let mut diagnostics: Vec<Diagnostic> = Vec::with_capacity(results.iter().map(|r| r.diagnostics.len()).sum());
    let mut all_facts = Vec::new();
    let (mut scanned, mut skipped) = (0, 0);
    for r in results {
        diagnostics.extend(r.diagnostics);
        if r.skipped {
            skipped += 1;
        } else {
            scanned += 1;
        }
        if let Some(f) = r.facts {
            if let Some(stamp) = r.stamp {
                db.set_stamp(f.file, stamp);
            }
            if let Some(source) = r.source {
                db.keep(f.file, source);
            }
            all_facts.push(f);
        }
    }
    let mut report = finish(families, db, diagnostics, &mut all_facts, None);
    report.files_scanned = scanned;
    report.files_skipped = skipped;
    report
}

/// The corpus phase and what follows it: facts joined, suppressions applied
/// to corpus findings, unused suppressions reported, sorted. With `only`,
/// findings in other files are left out.
fn finish(
    families: &Families,
    mut db: SourceDb,
    mut diagnostics: Vec<Diagnostic>,
    all_facts: &mut [DocFacts],
    only: Option<FileId>,
) -> Report {
    let set = families.rule_set();
    let mut corpus = families.check_corpus(all_facts, &db);
    // A panic in the corpus phase belongs to no file: an entry with no path.
    if corpus.iter().any(|d| d.file == FileId::NONE) {
        let nowhere = db.add("", None);
        for d in corpus.iter_mut().filter(|d| d.file == FileId::NONE) {
            d.file = nowhere;
        }
    }
    // Suppressions cover corpus-phase findings in their file too; then the
    // directives that covered nothing, or name unknown rules, are reported.
    // Grouped by file once: a scan of every corpus finding per file would
    // grow with files × findings.
    let mut by_file: std::collections::HashMap<FileId, Vec<Diagnostic>> = std::collections::HashMap::new();
    for d in corpus {
        by_file.entry(d.file).or_default().push(d);
    }
    for facts in all_facts.iter_mut().filter(|f| only.is_none_or(|o| o == f.file)) {
        let mut mine = by_file.remove(&facts.file).unwrap_or_default();
        suppression::apply(&mut mine, &mut facts.suppressions);
        diagnostics.extend(mine);
        diagnostics.extend(suppression::report(set, facts.file, &facts.suppressions));
    }
    // Findings in files that have no facts (a panic in the corpus phase).
    diagnostics.extend(by_file.into_iter().filter(|(f, _)| only.is_none_or(|o| o == *f)).flat_map(|(_, d)| d));
    let mut report = Report::new(db);
    report.diagnostics = diagnostics;
    report.sort();
    report
}

/// The per-document phase alone, for the facts: what a corpus index holds.
pub fn run_facts(families: &Families, inputs: &[Input]) -> (SourceDb, Vec<DocFacts>) {
    let mut db = database(inputs);
    let results: Vec<FileResult> =
        inputs.par_iter().enumerate().map(|(i, input)| check_input(families, FileId(i as u32), input)).collect();
    let mut facts = Vec::new();
    for r in results {
        if let Some(f) = r.facts {
            if let Some(stamp) = r.stamp {
                db.set_stamp(f.file, stamp);
            }
            facts.push(f);
        }
    }
    (db, facts)
}

/// Checks one document (`file` of `db`, whose text is `source`) with the
/// corpus phase over `facts` and its own; reports only its findings.
pub fn check_one(
    families: &Families,
    _opts: &RunOptions,
    db: SourceDb,
    facts: &mut Vec<DocFacts>,
    file: FileId,
    format: Format,
    source: Source,
) -> Report {
    let display = db.path(file).to_string();
    let (diagnostics, doc_facts, _) = check_source(families, file, &display, format, source);
    facts.push(doc_facts);
    let mut report = finish(families, db, diagnostics, facts, Some(file));
    report.files_scanned = 1;
    report
}

/// An `io/*` finding about a whole file, at the configured severity, unless
/// the rule is disabled (internal errors are never hidden).
fn io_finding(set: &RuleSet, rule: Rule, file: FileId, message: impl Into<String>) -> Vec<Diagnostic> {
    if !set.enabled(rule) && rule != InternalError::RULE {
        return Vec::new();
    }
    vec![Diagnostic::file_level(rule, set.severity(rule), file, message)]
}

fn check_input(families: &Families, file: FileId, input: &Input) -> FileResult {
    let set = families.rule_set();
    let skip =
        |d: Vec<Diagnostic>| FileResult { diagnostics: d, facts: None, skipped: true, stamp: None, source: None };
    let (path, format) = match input {
        Input::Problem { rule, message, .. } => return skip(io_finding(set, *rule, file, message.clone())),
        Input::File { path, format, .. } => (path, *format),
    };
    let unreadable = |e: std::io::Error| skip(io_finding(set, Unreadable::RULE, file, format!("cannot read: {e}")));
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() && fs::metadata(path).is_err() => {
            return skip(io_finding(
                set,
                BrokenSymlink::RULE,
                file,
                "symbolic link points to a file that does not exist",
            ));
        }
        Err(e) => return unreadable(e),
        Ok(_) => {}
    }
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return unreadable(e),
    };
    if !meta.is_file() {
        return skip(io_finding(
            set,
            SpecialFile::RULE,
            file,
            "not a regular file (FIFO, socket or device); not opened",
        ));
    }
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => return unreadable(e),
    };
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        return skip(io_finding(
            set,
            BinaryFile::RULE,
            file,
            format!("binary file (NUL byte at offset {nul}); skipped"),
        ));
    }
    let stamp = Stamp::of(&bytes);
    let (diagnostics, facts, source) = check_source(families, file, input.display(), format, Source::decode(bytes));
    FileResult { diagnostics, facts: Some(facts), skipped: false, stamp: Some(stamp), source: source.map(Arc::new) }
}

/// Parses and checks one decoded source (also the entry point for text that
/// does not come from a file). Returns the source back (for keeping) unless
/// parsing panicked.
pub fn check_source(
    families: &Families,
    file: FileId,
    display: &str,
    format: Format,
    source: Source,
) -> (Vec<Diagnostic>, DocFacts, Option<Source>) {
    let set = families.rule_set();
    let invalid = source.first_invalid_byte().zip(source.first_invalid_decoded());
    let parsed = catch_unwind(AssertUnwindSafe(|| Document::parse_with(display, format, source, families.lexicon())));
    let doc = match parsed {
        Ok(doc) => doc,
        Err(panic) => {
            let d = internal_error(set, file, "parsing", None, &panic);
            return (vec![d], DocFacts { file, ..DocFacts::default() }, None);
        }
    };
    let mut diagnostics = Vec::new();
    if let Some((at, decoded)) = invalid.filter(|_| set.enabled(InvalidUtf8::RULE)) {
        Sink::new(&doc, file, set, &mut diagnostics)
            .report(
                InvalidUtf8::RULE,
                decoded,
                format!("invalid UTF-8 at byte {at}; the file was decoded with replacement characters"),
            )
            .note("save the file as UTF-8; the rest of it was still checked");
    }
    let (found, mut facts) = families.check(&doc, file);
    diagnostics.extend(found);
    facts.suppressions = suppression::directives(&doc);
    suppression::apply(&mut diagnostics, &mut facts.suppressions);
    // Sorted here, in parallel: the final sort then meets long sorted runs.
    sort_file_diagnostics(&mut diagnostics);
    (diagnostics, facts, Some(doc.into_source()))
}
