//! Inline suppressions: every directive form, unused ones, unknown rule ids.

mod common;

use common::findings;

#[test]
fn markdown_and_html_comment_directives() {
    // Line 4 (next-line), lines 7–8 (disable … enable) are suppressed; line 11
    // is after the enable; line 13 suppresses nothing; line 16 misspells a rule.
    assert_eq!(
        findings("suppression/unused.md", "all"),
        [
            "figure/unsupported:11:96",
            "suppression/unused:13:<!-- corpuslint-disable-next-line date/weekday-mismatch -->",
            "suppression/unknown-rule:16:<!-- corpuslint-disable figure/unsuported -->",
        ]
    );
}

#[test]
fn plain_text_directives() {
    assert_eq!(
        findings("suppression/unused.notes.txt", "all"),
        [
            "figure/unsupported:3:14 coaches",
            "suppression/unused:4:corpuslint: disable-next-line repetition/exact-sentence"
        ]
    );
}

#[test]
fn an_unused_verdict_needs_the_rule_to_have_run() {
    // With only figures selected, the weekday suppression cannot be judged.
    let found = findings("suppression/unused.md", "figure");
    assert_eq!(found, ["figure/unsupported:11:96"]);
}

#[test]
fn suppressions_cover_corpus_phase_findings() {
    let dir = tempfile::tempdir().unwrap();
    let sentence = "Ringers practise on the second Tuesday of every month in the tower room.";
    std::fs::write(dir.path().join("a.md"), format!("{sentence}\n")).unwrap();
    std::fs::write(dir.path().join("b.md"), format!("<!-- corpuslint-disable-next-line repetition -->\n{sentence}\n"))
        .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_corpuslint"))
        .current_dir(dir.path())
        .args(["check", "--no-config", "--format", "jsonl", "."])
        .output()
        .unwrap();
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn suppression_findings_are_config_and_selectable_by_prefix() {
    let (_, v) = common::check(&["--select", "suppression", "tests/fixtures/suppression/unused.md"], true);
    let diags = v["diagnostics"].as_array().unwrap();
    // Only the unknown id: with just suppression rules selected, the
    // weekday suppression cannot be judged unused.
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0]["rule"], "suppression/unknown-rule");
    assert_eq!(diags[0]["family"], "config");
    let (_, v) = common::check(&["--ignore", "suppression", "tests/fixtures/suppression/unused.md"], true);
    assert!(v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| !d["rule"].as_str().unwrap().starts_with("suppression/")));
}
