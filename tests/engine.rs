//! Library-level tests of the engine: the check framework's guarantees
//! (panics contained, rules registered, embedded data valid), pathological
//! input, and whole-document snapshots of how the sample corpus is parsed.

use std::fmt::Write as _;

use corpuslint::diagnostic::{Family, Severity};
use corpuslint::document::{BlockKind, Document, Format};
use corpuslint::rules::{style, Registry};
use corpuslint::session::{Overrides, Session};
use corpuslint::source::Source;

fn session() -> Session {
    Session::from_config(None, &Overrides::default()).unwrap()
}

fn boom(doc: &Document) {
    if doc.prose.contains("boom") {
        panic!("exploded on purpose");
    }
}

#[test]
fn a_panicking_check_becomes_an_internal_error_and_other_checks_still_run() {
    let session = session().with_probe(boom);
    let mut report = session.check_text("x.txt", "boom and the café too.\n".replace("é", "Ã©").as_str(), None);
    report.resolve(false);
    // In the output order: the file-level internal error first (offset 0).
    let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.id()).collect();
    assert_eq!(rules, ["io/internal-error", "style/mojibake"]);
    assert!(report.diagnostics[0].message.contains("exploded on purpose"));
    assert_eq!(report.diagnostics[0].severity, Severity::Error);
}

#[test]
fn every_rule_id_is_well_formed_and_documented() {
    let registry = Registry::builtin();
    for &r in registry.rules() {
        let (family, name) = r.id().split_once('/').expect("family/name");
        assert!(!family.is_empty());
        assert_eq!(Family::of_rule(r.id()), Some(r.family()), "{}", r.id());
        assert!(
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{}",
            r.id()
        );
        assert!(!r.summary().is_empty());
        let doc = r.doc();
        for h in ["## What it does", "## Why is this bad?", "## Example"] {
            assert!(doc.contains(h), "{} lacks {h}", r.id());
        }
        // Options: every documented option has a default, and the defaults
        // parse back into the rule's options.
        let spec = r.options();
        let defaults = (spec.defaults)();
        let mut names: Vec<String> = spec.docs.iter().map(|o| o.name()).collect();
        names.sort();
        let keys: Vec<&String> = defaults.keys().collect();
        assert_eq!(keys, names.iter().collect::<Vec<_>>(), "{}: options documented and defaulted", r.id());
        assert!((spec.parse)(defaults).is_ok(), "{}", r.id());
    }
}

#[test]
fn embedded_rule_pack_is_valid_and_its_examples_behave() {
    let pack = style::default_packs();
    assert!(!pack.is_empty());
    let session = session();
    // Each rule's `bad` example triggers it and its `good` example does not.
    let text = style::DEFAULT_PACK;
    let table: toml::Table = toml::from_str(text).unwrap();
    for rule in table["rule"].as_array().unwrap() {
        let id = rule["id"].as_str().unwrap();
        let fired = |s: &str| session.check_text("t.txt", s, None).diagnostics.iter().any(|d| d.rule.id() == id);
        assert!(fired(rule["bad"].as_str().unwrap()), "{id}: bad example must fire");
        assert!(!fired(rule["good"].as_str().unwrap()), "{id}: good example must not fire");
    }
}

#[test]
fn pathological_inputs_finish() {
    // Sizes are kept moderate for debug builds; `benches/throughput.sh`
    // runs the full-size versions (20 MB line and so on) in release mode.
    let long_line = "Word word word word word word word word word sentence. ".repeat(40_000);
    let doc = Document::from_text("l.txt", Format::Plain, &long_line);
    assert_eq!(doc.sentences.len(), 40_000);

    let quotes = format!("{}deep text.\n", "> ".repeat(50_000));
    let doc = Document::from_text("q.md", Format::Markdown, &quotes);
    assert!(doc.prose.contains("deep text."));

    let mut notes = String::new();
    for i in 0..20_000 {
        writeln!(notes, "Claim {i}.[^{i}]").unwrap();
    }
    notes.push('\n');
    for i in 0..20_000 {
        writeln!(notes, "[^{i}]: Note {i}.").unwrap();
    }
    let doc = Document::from_text("n.md", Format::Markdown, &notes);
    assert_eq!(doc.note_refs.len(), 20_000);
    assert_eq!(doc.blocks.iter().filter(|b| b.kind == BlockKind::Note).count(), 20_000);

    let html = format!("{}text", "<p><b><i><div>".repeat(20_000));
    let doc = Document::from_text("u.html", Format::Html, &html);
    assert_eq!(doc.sentences.len(), 1);
}

/// How a document is parsed, one line per block and sentence.
fn outline(path: &str) -> String {
    let bytes = std::fs::read(path).unwrap();
    let doc = Document::parse(path, Format::from_path(std::path::Path::new(path)).unwrap(), Source::decode(bytes));
    let mut out = String::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        let line = doc.source.line_col(b.src.start).line;
        let label = b.label.as_deref().map(|l| format!(" [{l}]")).unwrap_or_default();
        writeln!(out, "{line:>4} {:?}{label} {:?}", b.kind, b.section).unwrap();
        for s in doc.sentences.iter().filter(|s| s.block == i) {
            let (a, z) = (doc.source.line_col(s.src.start), doc.source.line_col(s.src.end));
            writeln!(out, "     {}:{}-{}:{} {}", a.line, a.column, z.line, z.column, doc.reading_text(s.prose.clone()))
                .unwrap();
        }
    }
    for l in &doc.links {
        writeln!(out, "link {} {}", doc.source.line_col(l.src.start).line, l.url).unwrap();
    }
    out
}

#[test]
fn sample_corpus_is_parsed_as_snapshotted() {
    let mut paths: Vec<_> = std::fs::read_dir("corpus").unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    assert_eq!(paths.len(), 5);
    for p in paths {
        let name = p.file_stem().unwrap().to_string_lossy().to_string();
        insta::assert_snapshot!(format!("corpus_outline_{name}"), outline(&p.to_string_lossy()));
    }
}

/// Markers are recognised once, for every family: a note number glued to a
/// word is a glued marker for the footnote family and the citation of the
/// sentence's figure for the figure family (it was both a glued marker and
/// an "unsupported" figure).
#[test]
fn a_glued_marker_cites_the_figure_of_its_sentence() {
    let text = "Exports rose 12% in 2021, between them1.\n\n1 Statistical Office, Annual Report (2022).\n";
    let mut report = session().check_text("paper.txt", text, None);
    report.resolve(false);
    let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.id()).collect();
    assert_eq!(rules, ["footnote/glued-marker"]);
    // The same sentence without its note: the number is not a marker, and
    // the figure has no source.
    let mut report = session().check_text("paper.txt", "Exports rose 12% in 2021, between them1.\n", None);
    report.resolve(false);
    let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.id()).collect();
    assert_eq!(rules, ["figure/unsupported"]);
}

/// A `<sup>` whose markup runs past its block's end (pretty-printed HTML)
/// once panicked in the sentence splitter.
#[test]
fn a_note_reference_closed_after_its_block_is_still_a_reference() {
    for text in ["<p>Sales rose.<sup>1\n</sup></p>\n", ".<sup>*\n</sup>"] {
        let mut report = session().check_text("page.html", text, None);
        report.resolve(false);
        assert!(
            report.diagnostics.iter().all(|d| d.rule.id() != "io/internal-error"),
            "{text:?}: {:?}",
            report.diagnostics
        );
    }
}

/// An editor checks the buffer it holds against the facts of the rest of the
/// corpus: a sentence repeated from another document is found, pointing at
/// that document; a document of the index with the buffer's path is
/// replaced by the buffer.
#[test]
fn in_memory_text_is_checked_against_the_corpus_index() {
    let session = session();
    let index = session.index(&["tests/fixtures/repetition/exact-sentence.cross".into()]).unwrap();
    assert_eq!(index.len(), 3);
    let text = "Ringers practise on the second Tuesday of every month in the tower room.\n";
    let mut report = session.check_text("tests/fixtures/repetition/exact-sentence.cross/new.md", text, Some(&index));
    report.resolve(false);
    let found: Vec<(String, String)> = report
        .iter()
        .map(|(d, r)| {
            (d.rule.id().to_string(), format!("{}:{}", report.path(d.related[0].file), r.related[0].start.line))
        })
        .collect();
    assert_eq!(
        found,
        [(
            "repetition/exact-sentence".to_string(),
            "tests/fixtures/repetition/exact-sentence.cross/a.md:1".to_string()
        )]
    );
    // The buffer of a.md itself: it replaces the indexed a.md (else it would
    // repeat itself), and as the first in path order it repeats nothing.
    let a = "tests/fixtures/repetition/exact-sentence.cross/a.md";
    let mut report = session.check_text(a, &std::fs::read_to_string(a).unwrap(), Some(&index));
    report.resolve(false);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    // Without the index, the buffer alone has nothing to repeat.
    assert!(session.check_text("new.md", text, None).diagnostics.is_empty());
}
