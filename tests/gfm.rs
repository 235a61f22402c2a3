//! GitHub's footnote rules, differentially: `tests/gfm/expected.json` is
//! what the reference implementation (micromark with the GFM footnote
//! extension, run by `tests/gfm/reference.mjs`; CI checks the file is still
//! what it says) makes of each case in `tests/gfm/cases/`. corpuslint must
//! agree on every case: the same references resolve to the same
//! definitions, and a finding is raised exactly where GitHub would render
//! something other than what the writer meant.
//!
//! - a reference GitHub resolves is a marker with that definition as its
//!   note, and never `undefined-reference`;
//! - `[^label]` GitHub leaves as text is `undefined-reference`;
//! - a definition nothing cites is `unused-note`; one defined again (after
//!   case folding) is `duplicate-note`; one with no content is `empty-note`;
//! - nothing else in the family fires, except `malformed-definition` on a
//!   line that starts like a definition GitHub does not read as one.

mod common;

use std::collections::BTreeMap;

use corpuslint::document::{Document, Format};
use serde_json::Value;

fn expected() -> BTreeMap<String, Value> {
    let text = std::fs::read_to_string("tests/gfm/expected.json").unwrap();
    serde_json::from_str(&text).unwrap()
}

fn cases() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir("tests/gfm/cases")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    names
}

#[test]
fn every_case_has_a_reference_answer() {
    let want = expected();
    let have = cases();
    assert_eq!(have, want.keys().cloned().collect::<Vec<_>>(), "run node tests/gfm/reference.mjs");
    assert!(have.len() >= 40);
}

#[test]
fn references_resolve_as_github_resolves_them() {
    let mut wrong = Vec::new();
    for (name, facts) in expected() {
        let text = std::fs::read_to_string(format!("tests/gfm/cases/{name}")).unwrap();
        let doc = Document::from_text(&name, Format::Markdown, &text);
        let line = |at: usize| doc.source.line_col(at).line as usize;
        let mut have: Vec<(usize, String, usize)> = doc
            .markers
            .iter()
            .filter_map(|m| {
                let note = &doc.notes[m.note?];
                Some((line(m.src.start), m.label.clone(), line(note.label_src.start)))
            })
            .collect();
        have.sort();
        let mut want: Vec<(usize, String, usize)> = facts["refs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (r[0].as_u64().unwrap() as usize, r[1].as_str().unwrap().to_string(), r[2].as_u64().unwrap() as usize)
            })
            .collect();
        want.sort();
        if have != want {
            wrong.push(format!("{name}: corpuslint {have:?}, GitHub {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{} cases disagree:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn findings_are_where_github_renders_something_else() {
    let (_, v) = common::check(&["--select", "footnote", "tests/gfm/cases"], true);
    let mut found: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
    for d in v["diagnostics"].as_array().unwrap() {
        let file = d["path"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
        let rule = d["rule"].as_str().unwrap().trim_start_matches("footnote/").to_string();
        found.entry(file).or_default().push((rule, d["start"]["line"].as_u64().unwrap() as usize));
    }
    let mut wrong = Vec::new();
    for (name, facts) in expected() {
        let text = std::fs::read_to_string(format!("tests/gfm/cases/{name}")).unwrap();
        let mut want = Vec::new();
        // `[^x]` left as text is an undefined reference; at the start of a
        // line it may be a definition missing its colon instead.
        let lines: Vec<&str> = text.lines().collect();
        let mut definition_like = Vec::new();
        for l in facts["literal"].as_array().unwrap() {
            let line = l[0].as_u64().unwrap() as usize;
            let label = l[1].as_str().unwrap();
            if lines[line - 1].trim_start().starts_with(&format!("[^{label}]")) {
                definition_like.push(line);
            } else {
                want.push(("undefined-reference".to_string(), line));
            }
        }
        let mut definition_lines = Vec::new();
        for d in facts["defs"].as_array().unwrap() {
            let line = d[0].as_u64().unwrap() as usize;
            definition_lines.push(line);
            let (cited, duplicate, empty) = (d[2].as_bool().unwrap(), d[3].as_bool().unwrap(), d[4].as_bool().unwrap());
            if duplicate {
                want.push(("duplicate-note".to_string(), line));
            } else if !cited {
                want.push(("unused-note".to_string(), line));
            }
            if empty {
                want.push(("empty-note".to_string(), line));
            }
        }
        want.sort();
        let mut have = found.remove(&name).unwrap_or_default();
        // A line GitHub reads as neither a definition nor a resolving
        // reference may be reported as a definition gone wrong.
        let refs: Vec<usize> =
            facts["refs"].as_array().unwrap().iter().map(|r| r[0].as_u64().unwrap() as usize).collect();
        have.retain(|(rule, line)| {
            if rule == "undefined-reference" && definition_like.contains(line) {
                return false;
            }
            if rule != "malformed-definition" {
                return true;
            }
            if definition_like.contains(line) {
                definition_like.retain(|l| l != line);
                return false;
            }
            if definition_lines.contains(line) || refs.contains(line) {
                wrong.push(format!("{name}: malformed-definition on line {line}, which GitHub reads"));
            }
            false
        });
        have.sort();
        for line in definition_like {
            wrong.push(format!("{name}: `[^x]` on line {line} stays text on GitHub and nothing says so"));
        }
        if have != want {
            wrong.push(format!("{name}: corpuslint {have:?}, expected {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{} cases disagree:\n{}", wrong.len(), wrong.join("\n"));
}
