//! The run: find files, load and check each in parallel, join the corpus.
//!
//! ```text
//! paths ──walk──▶ files ──rayon map──▶ (diagnostics, facts) per file
//!                                              │
//!                        corpus phase ◀── all facts (joined per check)
//!                                              │
//!                       select/ignore, severities, sort ──▶ Report
//! ```
//!
//! Per file: special files are never opened; reading errors, binary content
//! and invalid UTF-8 become `io/*` diagnostics; a panic inside a check becomes
//! `io/internal-error` for that file while the other checks still run.
//! The report's order is deterministic whatever the thread count.

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;

use crate::diagnostic::{sort_diagnostics, Diagnostic, Severity};
use crate::document::{Document, Format};
use crate::facts::DocFacts;
use crate::rules::{io, selector_matches, Context, Registry, Settings};
use crate::source::Source;

/// A file to check (or an input problem found while walking).
#[derive(Debug, Clone)]
pub enum Input {
    File { path: PathBuf, display: String, format: Format },
    Problem(Box<Diagnostic>),
}

/// Options of a run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
}

/// The result of a run.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// Every file checked or skipped, as shown in diagnostics.
    pub files: Vec<String>,
    pub files_scanned: usize,
    pub files_skipped: usize,
    /// Findings left out because the baseline knows them.
    pub baselined: usize,
    /// Baseline entries no finding matched any more (fixed since).
    pub fixed: Vec<crate::baseline::Entry>,
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
                    let path = err.path().map(display_path).unwrap_or_else(|| display_path(root));
                    let d = if err.loop_ancestor().is_some() {
                        Diagnostic::file_level(
                            io::SYMLINK_LOOP,
                            Severity::Warning,
                            &path,
                            "symbolic link loops back to a folder above it; not followed",
                        )
                    } else if err.path().is_some_and(|p| {
                        fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()) && fs::metadata(p).is_err()
                    }) {
                        Diagnostic::file_level(
                            io::BROKEN_SYMLINK,
                            Severity::Error,
                            &path,
                            "symbolic link points to a file that does not exist",
                        )
                    } else {
                        Diagnostic::file_level(
                            io::UNREADABLE,
                            Severity::Error,
                            &path,
                            format!("cannot read: {}", io_reason(&err.to_string())),
                        )
                    };
                    inputs.push(Input::Problem(Box::new(d)));
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
    path: Option<String>,
    diagnostics: Vec<Diagnostic>,
    facts: Option<DocFacts>,
    skipped: bool,
}

/// Runs the checks of `registry` over `inputs`. `progress` is called once per
/// file, from any thread.
pub fn run(
    registry: &Registry,
    settings: &Settings,
    opts: &RunOptions,
    inputs: &[Input],
    progress: &(dyn Fn() + Sync),
) -> Report {
    // Rules left out by --select/--ignore are disabled, so checks whose rules
    // are all disabled do not run at all.
    let mut effective = settings.clone();
    for rule in registry.rules() {
        let selected = opts.select.as_ref().is_none_or(|sel| sel.iter().any(|s| selector_matches(s, rule.id)));
        if !selected || opts.ignore.iter().any(|s| selector_matches(s, rule.id)) {
            effective.disable(rule.id);
        } else if opts.select.as_ref().is_some_and(|sel| sel.iter().any(|s| s == rule.id)) {
            // Selected by name: runs even when off by default.
            effective.enable(rule.id);
        }
    }
    let settings = &effective;
    let cx = Context { settings };
    let results: Vec<FileResult> = inputs
        .par_iter()
        .map(|input| {
            let r = check_input(registry, &cx, input);
            progress();
            r
        })
        .collect();

    let mut report = Report::default();
    report.diagnostics.reserve(results.iter().map(|r| r.diagnostics.len()).sum());
    let mut all_facts = Vec::new();
    for r in results {
        report.files.extend(r.path);
        report.diagnostics.extend(r.diagnostics);
        if r.skipped {
            report.files_skipped += 1;
        } else {
            report.files_scanned += 1;
        }
        all_facts.extend(r.facts);
    }
    let mut corpus_diags = Vec::new();
    for check in registry.checks.iter().filter(|c| c.rules().iter().any(|r| cx.enabled(r.id))) {
        let mut out = Vec::new();
        let result = catch_unwind(AssertUnwindSafe(|| check.check_corpus(&all_facts, &cx, &mut out)));
        match result {
            Ok(()) => corpus_diags.extend(out),
            Err(panic) => {
                let rule = check.rules().first().map_or("?", |r| r.id);
                report.diagnostics.push(Diagnostic::file_level(
                    io::INTERNAL_ERROR,
                    Severity::Error,
                    "",
                    format!("internal error in rule {rule} (corpus phase): {}", panic_message(&panic)),
                ));
            }
        }
    }
    fill_snippets(&mut corpus_diags);
    let rules = registry.rules();
    // Suppressions cover corpus-phase findings in their file too; then the
    // directives that covered nothing, or name unknown rules, are reported.
    // Grouped by file once: a scan of every corpus finding per file would
    // grow with files × findings.
    let mut by_path: std::collections::HashMap<String, Vec<Diagnostic>> = std::collections::HashMap::new();
    for d in corpus_diags {
        by_path.entry(d.location.path.clone()).or_default().push(d);
    }
    for facts in &mut all_facts {
        let mut mine = by_path.remove(&facts.path).unwrap_or_default();
        crate::suppress::apply(&mut mine, &mut facts.suppressions);
        report.diagnostics.extend(mine);
        if cx.enabled(crate::suppress::UNUSED) || cx.enabled(crate::suppress::UNKNOWN_RULE) {
            let known = |r: &str| registry.matches_selector(r);
            let checkable = |s: &crate::suppress::Suppression| {
                if s.rules.is_empty() {
                    return opts.select.is_none() && opts.ignore.is_empty();
                }
                s.rules.iter().all(|sel| rules.iter().filter(|r| selector_matches(sel, r.id)).all(|r| cx.enabled(r.id)))
            };
            report.diagnostics.extend(crate::suppress::report(&facts.suppressions, &known, &checkable));
        }
    }
    // Findings in files that have no facts (none today) are kept as they are.
    report.diagnostics.extend(by_path.into_values().flatten());
    finalize(registry, settings, opts, &mut report.diagnostics);
    report
}

/// Corpus-phase diagnostics are built from facts, which hold no text: read
/// back the flagged text and the line/column of every place they name. Files
/// are read one at a time, only those such findings point into.
fn fill_snippets(diags: &mut [Diagnostic]) {
    // (path, diagnostic, None for the primary location or Some(related index))
    let mut todo: Vec<(String, usize, Option<usize>)> = Vec::new();
    for (i, d) in diags.iter().enumerate() {
        let needs_snippet = d.snippet.is_empty() && d.location.span.end > d.location.span.start;
        if needs_snippet || d.location.start.line == 0 {
            todo.push((d.location.path.clone(), i, None));
        }
        for (k, r) in d.related.iter().enumerate().filter(|(_, r)| r.location.start.line == 0) {
            todo.push((r.location.path.clone(), i, Some(k)));
        }
    }
    let paths: Vec<&str> = todo.iter().map(|t| t.0.as_str()).collect();
    for_each_source(&paths, |source, group| {
        let Some(source) = source else { return };
        for &t in group {
            let (_, i, which) = &todo[t];
            let d = &mut diags[*i];
            match which {
                Some(k) => {
                    resolve(source, &mut d.related[*k].location);
                }
                None => {
                    let range = resolve(source, &mut d.location);
                    if d.snippet.is_empty() {
                        d.snippet = source.snippet(range, 200);
                        d.fingerprint = crate::diagnostic::fingerprint(&d.rule, &d.location.path, &d.snippet);
                    }
                }
            }
        }
    });
}

/// Reads each distinct path of `paths` once, one file at a time (memory
/// holds one file), and calls `f` with its source (`None` when it cannot be
/// read) and the indices of `paths` that name it.
pub fn for_each_source(paths: &[&str], mut f: impl FnMut(Option<&Source>, &[usize])) {
    let mut order: Vec<usize> = (0..paths.len()).collect();
    order.sort_by_key(|&i| paths[i]);
    for group in order.chunk_by(|&a, &b| paths[a] == paths[b]) {
        let source = fs::read(paths[group[0]]).ok().map(Source::decode);
        f(source.as_ref(), group);
    }
}

/// Fills line and column of a location known by its stored span; returns
/// the decoded range.
fn resolve(source: &Source, loc: &mut crate::diagnostic::Location) -> std::ops::Range<usize> {
    let range = source.decoded_offset(loc.span.start)..source.decoded_offset(loc.span.end);
    loc.start = source.line_col(range.start);
    loc.end = source.line_col(range.end);
    range
}

/// Applies selection and severity overrides, then sorts.
fn finalize(registry: &Registry, settings: &Settings, opts: &RunOptions, diags: &mut Vec<Diagnostic>) {
    diags.retain(|d| {
        let selected = opts.select.as_ref().is_none_or(|sel| sel.iter().any(|s| selector_matches(s, &d.rule)));
        let ignored = opts.ignore.iter().any(|s| selector_matches(s, &d.rule));
        // Engine diagnostics about unreadable input are never hidden by a selection.
        let engine = d.rule == io::INTERNAL_ERROR;
        settings.enabled(&d.rule) && (engine || (selected && !ignored))
    });
    // Every finding names a registered rule (a check's bug otherwise).
    if cfg!(debug_assertions) {
        let known: std::collections::HashSet<&str> = registry.rules().into_iter().map(|r| r.id).collect();
        for d in diags.iter() {
            debug_assert!(known.contains(d.rule.as_str()), "rule {} is not registered", d.rule);
        }
    }
    for d in diags.iter_mut() {
        if let Some(sev) = settings.severity_override(&d.rule) {
            d.severity = sev;
        }
    }
    sort_diagnostics(diags);
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

fn check_input(registry: &Registry, cx: &Context<'_>, input: &Input) -> FileResult {
    let (path, display, format) = match input {
        Input::Problem(d) => {
            return FileResult {
                path: Some(d.location.path.clone()),
                diagnostics: vec![(**d).clone()],
                facts: None,
                skipped: true,
            }
        }
        Input::File { path, display, format } => (path, display, *format),
    };
    let skip =
        |d: Diagnostic| FileResult { path: Some(display.clone()), diagnostics: vec![d], facts: None, skipped: true };
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() && fs::metadata(path).is_err() => {
            return skip(Diagnostic::file_level(
                io::BROKEN_SYMLINK,
                Severity::Error,
                display,
                "symbolic link points to a file that does not exist",
            ));
        }
        Err(e) => {
            return skip(Diagnostic::file_level(io::UNREADABLE, Severity::Error, display, format!("cannot read: {e}")))
        }
        Ok(_) => {}
    }
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            return skip(Diagnostic::file_level(io::UNREADABLE, Severity::Error, display, format!("cannot read: {e}")))
        }
    };
    if !meta.is_file() {
        return skip(Diagnostic::file_level(
            io::SPECIAL_FILE,
            Severity::Info,
            display,
            "not a regular file (FIFO, socket or device); not opened",
        ));
    }
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return skip(Diagnostic::file_level(io::UNREADABLE, Severity::Error, display, format!("cannot read: {e}")))
        }
    };
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let d = Diagnostic::file_level(
            io::BINARY_FILE,
            Severity::Info,
            display,
            format!("binary file (NUL byte at offset {nul}); skipped"),
        );
        return skip(d);
    }
    let (diagnostics, facts) = check_source(registry, cx, display, format, Source::decode(bytes));
    FileResult { path: Some(display.clone()), diagnostics, facts: Some(facts), skipped: false }
}

/// Parses and checks one decoded source (also the entry point for text that
/// does not come from a file).
pub fn check_source(
    registry: &Registry,
    cx: &Context<'_>,
    display: &str,
    format: Format,
    source: Source,
) -> (Vec<Diagnostic>, DocFacts) {
    let mut diagnostics = Vec::new();
    let invalid = source.first_invalid_byte().zip(source.first_invalid_decoded());
    let doc = Document::parse(display, format, source);
    if let Some((at, decoded)) = invalid {
        let mut d = doc.report(
            io::INVALID_UTF8,
            Severity::Warning,
            decoded,
            format!("invalid UTF-8 at byte {at}; the file was decoded with replacement characters"),
        );
        d.notes.push("save the file as UTF-8; the rest of it was still checked".into());
        diagnostics.push(d);
    }
    let mut facts = DocFacts { path: display.to_string(), ..DocFacts::default() };
    facts.suppressions = crate::suppress::directives(&doc);
    for check in registry.checks.iter().filter(|c| c.rules().iter().any(|r| cx.enabled(r.id)) || c.rules().is_empty()) {
        let mut out = Vec::new();
        let result = catch_unwind(AssertUnwindSafe(|| check.check(&doc, cx, &mut out, &mut facts)));
        match result {
            Ok(()) => diagnostics.extend(out),
            Err(panic) => {
                let rule = check.rules().first().map_or("?", |r| r.id);
                diagnostics.push(Diagnostic::file_level(
                    io::INTERNAL_ERROR,
                    Severity::Error,
                    display,
                    format!("internal error in rule {rule}: {}", panic_message(&panic)),
                ));
            }
        }
    }
    crate::suppress::apply(&mut diagnostics, &mut facts.suppressions);
    // Sorted here, in parallel: the final sort then meets long sorted runs.
    sort_diagnostics(&mut diagnostics);
    (diagnostics, facts)
}
