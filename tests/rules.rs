//! One fixture per rule, run in-process: every rule of the registry has
//! fixtures under `tests/fixtures/<family>/` named after it (`<rule>.md`,
//! `<rule>.<case>.txt`, or a folder `<rule>/` or `<rule>.<case>/` for rules
//! that compare documents), with the places that must fire and near misses
//! that must not. Each rule runs alone on its fixtures; its findings must not
//! be empty, and are snapshotted as the rendered text a user reads
//! (`tests/snapshots/rules/`). Adding a rule adds its fixture and snapshot
//! here without touching this file.
//!
//! `io/*` rules are the exception: they are about files that cannot be
//! fixtures (FIFOs, unreadable or binary files, broken links), so
//! `tests/cli.rs` makes those files and asserts each one.

use std::path::{Path, PathBuf};

use corpuslint::diagnostic::{Family, Rule};
use corpuslint::output::{write_text, TextOptions};
use corpuslint::rules::Registry;
use corpuslint::session::{Overrides, Session};

/// The fixtures of `rule`, sorted.
fn fixtures_of(rule: Rule) -> Vec<PathBuf> {
    let (family, name) = rule.id().split_once('/').unwrap();
    let dir = Path::new("tests/fixtures").join(family);
    let mut found: Vec<PathBuf> =
        std::fs::read_dir(&dir).map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect()).unwrap_or_default();
    found.retain(|p| {
        let file = p.file_name().unwrap().to_string_lossy();
        let stem = file.split('.').next().unwrap();
        stem == name
    });
    found.sort();
    found
}

/// The rendered findings of `rule` alone on its fixtures, and how many.
fn run(rule: Rule, fixtures: &[PathBuf]) -> (String, usize) {
    // Suppression rules reason about the findings of other rules: those run
    // too, and only the suppression rule's findings are kept.
    let overrides = match rule.family() {
        Family::Config => Overrides::default(),
        _ => Overrides { select: vec![rule.id().to_string()], ..Overrides::default() },
    };
    let session = Session::from_config(None, &overrides).unwrap();
    let mut out = String::new();
    let mut count = 0;
    for path in fixtures {
        let mut report = session.check_paths(std::slice::from_ref(path)).unwrap();
        report.retain(|d, _| d.rule == rule);
        report.resolve(false);
        count += report.diagnostics.len();
        let mut text = Vec::new();
        write_text(&mut text, &report, TextOptions { color: false, quiet: true }).unwrap();
        out.push_str(&format!("── {}\n", path.display()));
        out.push_str(&String::from_utf8(text).unwrap());
    }
    (out, count)
}

#[test]
fn every_rule_fires_on_its_fixtures_as_snapshotted() {
    let registry = Registry::builtin();
    let mut missing = Vec::new();
    let mut silent = Vec::new();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/rules");
    settings.set_prepend_module_to_snapshot(false);
    for &rule in registry.rules() {
        if rule.family() == Family::Io {
            continue;
        }
        let fixtures = fixtures_of(rule);
        if fixtures.is_empty() {
            missing.push(rule.id());
            continue;
        }
        let (out, count) = run(rule, &fixtures);
        if count == 0 {
            silent.push(rule.id());
        }
        settings.bind(|| insta::assert_snapshot!(rule.id().replace('/', "__"), out));
    }
    assert!(missing.is_empty(), "rules without a fixture under tests/fixtures/<family>/: {missing:?}");
    assert!(silent.is_empty(), "rules that do not fire on their fixtures: {silent:?}");
}

/// Every fixture belongs to a rule (or is a family's traps file), so none
/// is left behind when a rule is renamed.
#[test]
fn every_fixture_names_a_rule() {
    let registry = Registry::builtin();
    for family in ["footnote", "date", "figure", "repetition", "suppression", "style"] {
        for entry in std::fs::read_dir(Path::new("tests/fixtures").join(family)).unwrap() {
            let file = entry.unwrap().file_name().to_string_lossy().to_string();
            let stem = file.split('.').next().unwrap().to_string();
            let id = format!("{family}/{stem}");
            assert!(stem == "traps" || registry.get(&id).is_some(), "tests/fixtures/{family}/{file} names no rule");
        }
    }
}
