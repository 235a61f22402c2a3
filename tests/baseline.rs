//! Baselines and --changed-since: only new problems fail a build.

use std::path::Path;
use std::process::Command;

fn corpuslint(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_corpuslint"))
        .current_dir(dir)
        .env_remove("CI")
        .args(["check", "--no-config"])
        .args(args)
        .output()
        .unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

const DOC: &str = "# Review\n\nBus patronage grew by 6 per cent over the year.\n\nThe farm shop took £212,000 in sales.\n\nThe farm shop took £212,000 in sales.\n\nOther news: the roof was repaired.\n";

#[test]
fn baseline_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.md"), DOC).unwrap();
    let (code, _, err) = corpuslint(d, &["--write-baseline", "base.json", "."]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(d.join("base.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let findings = v["findings"].as_array().unwrap();
    // Sorted, with a count: the repeated sentence's two figure findings are one entry of 2 when their context matches,
    // or two entries otherwise — never a lost finding.
    let total: u64 = findings.iter().map(|f| f["count"].as_u64().unwrap()).sum();
    let (_, json, _) = corpuslint(d, &["--format", "json", "."]);
    let now: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(total, now["summary"]["diagnostics"].as_u64().unwrap());
    let mut sorted = findings.clone();
    sorted.sort_by_key(|f| {
        (f["path"].to_string(), f["rule"].to_string(), f["fingerprint"].to_string(), f["context"].to_string())
    });
    assert_eq!(&sorted, findings);
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(d).unwrap().count(), 2);

    // Unchanged: nothing new, exit 0.
    let (code, out, _) = corpuslint(d, &["--baseline", "base.json", "."]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("known from the baseline"), "{out}");

    // Edit elsewhere and move a paragraph: still nothing new.
    let moved = "# Review\n\nA new introduction sits here now.\n\nOther news: the roof was repaired.\n\nThe farm shop took £212,000 in sales.\n\nBus patronage grew by 6 per cent over the year.\n\nThe farm shop took £212,000 in sales.\n";
    std::fs::write(d.join("a.md"), moved).unwrap();
    let (code, out, _) = corpuslint(d, &["--baseline", "base.json", "--format", "jsonl", "."]);
    assert_eq!((code, out.as_str()), (0, ""));

    // A new defect: exactly one new finding, exit 1.
    std::fs::write(d.join("a.md"), format!("{moved}\nThe waiting list now stands at 96.\n")).unwrap();
    let (code, out, _) = corpuslint(d, &["--baseline", "base.json", "--format", "jsonl", "."]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 1);
    assert!(out.contains("`96`"));

    // Fixed findings are listed with --statistics.
    std::fs::write(d.join("a.md"), "# Review\n\nNothing to report.\n").unwrap();
    let (code, out, _) = corpuslint(d, &["--baseline", "base.json", "--statistics", "."]);
    assert_eq!(code, 0);
    assert!(out.contains("fixed, remove from baseline: 1 × figure/unsupported in a.md"), "{out}");
}

#[test]
fn a_bad_baseline_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("base.json"), "not json").unwrap();
    let (code, _, err) = corpuslint(dir.path(), &["--baseline", "base.json", "."]);
    assert_eq!(code, 2);
    assert!(err.contains("not a corpuslint baseline"), "{err}");
}

#[test]
fn changed_since_reports_only_changed_files_but_compares_with_all() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .current_dir(d)
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .output()
            .unwrap()
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    let shared = "Ringers practise on the second Tuesday of every month in the tower room.";
    std::fs::write(d.join("a-old.md"), format!("{shared}\n\nPatronage grew by 6 per cent.\n")).unwrap();
    git(&["add", "."]);
    git(&["commit", "-qm", "first"]);
    std::fs::write(d.join("b-new.md"), format!("{shared}\n")).unwrap();
    let (code, out, err) = corpuslint(d, &["--changed-since", "HEAD", "--format", "jsonl", "."]);
    assert_eq!(code, 1, "{err}");
    let rules: Vec<String> =
        out.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["path"].to_string()).collect();
    // a-old.md's unsupported figure is not reported; b-new.md's repeat of it is.
    assert_eq!(rules, ["\"b-new.md\""]);
    assert!(out.contains("repetition/exact-sentence"));
    let (code, _, err) = corpuslint(d, &["--changed-since", "no-such-ref", "."]);
    assert_eq!(code, 2, "{err}");
}
