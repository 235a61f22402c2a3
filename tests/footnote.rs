//! `footnote/*`: one fixture per rule with cases that must fire and near
//! misses that must not, each asserted by rule, line and flagged text; a
//! traps fixture that must stay silent (each rule's rendered findings are
//! snapshotted by `tests/rules.rs`); and
//! the sample corpus behaviour the family was built for.

mod common;

use common::{check, findings};
use corpuslint::session::{Overrides, Session};

#[test]
fn undefined_reference() {
    assert_eq!(findings("footnote/undefined-reference.md", "footnote"), ["footnote/undefined-reference:3:[^7]"]);
    // HTML: the <sup> with no note; ordinal suffixes and exponents are not markers.
    assert_eq!(
        findings("footnote/undefined-reference.html", "footnote"),
        ["footnote/undefined-reference:1:<sup><a href=\"#fn2\">2</a></sup>"]
    );
    // `^ …` entries are numbered by their place in the list: four entries,
    // so `[5]` cites nothing.
    assert_eq!(
        findings("footnote/undefined-reference.encyclopedia.txt", "footnote"),
        ["footnote/undefined-reference:4:[5]"]
    );
}

#[test]
fn unused_note() {
    assert_eq!(findings("footnote/unused-note.txt", "footnote"), ["footnote/unused-note:7:[3]"]);
    // DocBook: a marker names its note by the link (`#ftn.id41`), not by the
    // number it shows; the back-link inside each note is not a marker.
    assert_eq!(
        findings("footnote/unused-note.docbook.html", "footnote"),
        ["footnote/unused-note:6:<div id=\"ftn.id57\" class=\"footnote\">"]
    );
}

#[test]
fn duplicate_note() {
    assert_eq!(findings("footnote/duplicate-note.md", "footnote"), ["footnote/duplicate-note:4:[^3]:"]);
}

#[test]
fn out_of_sequence() {
    // 4 before 3 is one finding (not a second one when 3 comes); 5 → 7 skips 6.
    assert_eq!(
        findings("footnote/out-of-sequence.md", "footnote"),
        ["footnote/out-of-sequence:1:[4]", "footnote/out-of-sequence:2:[7]"]
    );
}

#[test]
fn replacement_char_marker() {
    // The U+FFFD inside "tea�s" is a mangled apostrophe, not a marker.
    assert_eq!(
        findings("footnote/replacement-char-marker.txt", "footnote"),
        ["footnote/replacement-char-marker:1:\u{fffd}", "footnote/replacement-char-marker:5:\u{fffd}"]
    );
}

#[test]
fn glued_marker() {
    assert_eq!(
        findings("footnote/glued-marker.txt", "footnote"),
        ["footnote/glued-marker:1:10", "footnote/glued-marker:3:11", "footnote/glued-marker:4:12"]
    );
}

/// Applying the glued-marker fix to one marker, or to all, leaves no new
/// finding: the raised number is a marker of the same notes.
#[test]
fn glued_marker_fixes_leave_nothing_behind() {
    let session = Session::from_config(None, &Overrides::default()).unwrap();
    let path = "tests/fixtures/footnote/glued-marker.txt";
    let text = std::fs::read_to_string(path).unwrap();
    let footnotes = |text: &str| {
        let mut report = session.check_text(path, text, None);
        report.resolve(false);
        report.diagnostics.into_iter().filter(|d| d.rule.id().starts_with("footnote/")).collect::<Vec<_>>()
    };
    let before = footnotes(&text);
    let fixes: Vec<_> = before.iter().filter_map(|d| d.fix.clone()).collect();
    assert_eq!(fixes.len(), 3);
    // One at a time: only that finding goes.
    for (k, fix) in fixes.iter().enumerate() {
        let mut fixed = text.clone();
        fixed.replace_range(fix.span.start..fix.span.end, &fix.replacement);
        let after = footnotes(&fixed);
        assert_eq!(after.len(), before.len() - 1, "fix {k} ({}) left {after:?}", fix.replacement);
    }
    // All at once, from the end: nothing is left.
    let mut fixed = text.clone();
    for fix in fixes.iter().rev() {
        fixed.replace_range(fix.span.start..fix.span.end, &fix.replacement);
    }
    assert!(fixed.contains("them¹⁰."));
    assert_eq!(footnotes(&fixed), []);
}

/// Notes numbered per page: each page's 1 is its own, not a duplicate,
/// and each marker points to the note on its page.
#[test]
fn numbering_per_page_is_not_duplication() {
    let session = Session::from_config(None, &Overrides::default()).unwrap();
    let text = "The first page makes a claim.1 It goes on.\n\n1 A. Evans, Forced Miracles (2002), p. 3.\n\n1\n\u{c}\
                The second page makes another.1 It goes on.\n\n1 B. Evans, Later Miracles (2004), p. 9.\n\n2\n\u{c}";
    let mut report = session.check_text("paper.txt", text, None);
    report.resolve(false);
    let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.id()).collect();
    assert_eq!(rules, ["footnote/glued-marker", "footnote/glued-marker"]);
    let related: Vec<usize> = report.diagnostics.iter().map(|d| d.related[0].span.start).collect();
    assert!(related[0] < text.find('\u{c}').unwrap() && related[1] > text.find('\u{c}').unwrap(), "{related:?}");
}

#[test]
fn dangling_ibid() {
    assert_eq!(
        findings("footnote/dangling-ibid.txt", "footnote/dangling-ibid"),
        ["footnote/dangling-ibid:5:[1]", "footnote/dangling-ibid:7:[4]"]
    );
}

#[test]
fn empty_note() {
    assert_eq!(findings("footnote/empty-note.md", "footnote"), ["footnote/empty-note:4:[^2]:"]);
    // An encyclopedia page as text: entries with no text (`2. ^`, `4.`) are
    // empty notes, `[2][3]` cites two entries, `^ a b` is back-links.
    assert_eq!(
        findings("footnote/empty-note.encyclopedia.txt", "footnote"),
        ["footnote/empty-note:10:2.", "footnote/empty-note:12:4."]
    );
    // The same as HTML: `[1]` markers, back-link superscripts `a`, `b`.
    assert_eq!(
        findings("footnote/empty-note.encyclopedia.html", "footnote"),
        ["footnote/empty-note:9:<li id=\"cite_note-2\">"]
    );
}

#[test]
fn malformed_definition() {
    // The references to the dropped notes are related places, not separate findings.
    assert_eq!(
        findings("footnote/malformed-definition.md", "footnote"),
        ["footnote/malformed-definition:3:[^4]", "footnote/malformed-definition:5:[^ 5]"]
    );
}

#[test]
fn numbers_that_are_not_markers_are_never_flagged() {
    assert_eq!(findings("footnote/traps.txt", "footnote"), Vec::<String>::new());
    // With numbered notes: a superscript after a letter with no note of its
    // number is a power; decision numbers, DOIs and section numbers are not
    // markers. Only the real glued marker is, and it has its note.
    assert_eq!(findings("footnote/traps.notes.txt", "footnote"), ["footnote/glued-marker:1:1"]);
}

#[test]
fn sample_corpus() {
    let (_, v) = check(&["--select", "footnote", "corpus"], true);
    let diags = v["diagnostics"].as_array().unwrap();
    let of = |file: &str, rule: &str| -> Vec<&serde_json::Value> {
        diags.iter().filter(|d| d["path"].as_str().unwrap().contains(file) && d["rule"] == rule).collect()
    };
    // All 18 U+FFFD markers of the PDF extraction: 9 in the body, 9 note numbers,
    // each paired with its counterpart.
    let fffd = of("000_", "footnote/replacement-char-marker");
    assert_eq!(fffd.len(), 18);
    assert!(fffd.iter().all(|d| d["related"].as_array().unwrap().len() == 1));
    // Glued markers 10–21 resolve to notes 10–21.
    let glued: Vec<&str> = of("000_", "footnote/glued-marker").iter().map(|d| d["snippet"].as_str().unwrap()).collect();
    assert_eq!(glued, ["10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21"]);
    assert!(of("000_", "footnote/undefined-reference").is_empty());
    assert!(of("000_", "footnote/unused-note").is_empty());
    // The [1]–[7] endnotes of 001 resolve cleanly; the other documents have no notes.
    for file in ["001_", "002_", "003_", "004_"] {
        assert!(diags.iter().all(|d| !d["path"].as_str().unwrap().contains(file)), "{file}");
    }
    assert_eq!(diags.len(), 30);
}
