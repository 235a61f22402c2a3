//! End-to-end tests of the `corpuslint` binary: loading edge cases, exit
//! statuses, output formats and determinism, with insta snapshots of what a
//! user sees.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_corpuslint"));
    c.env_remove("CI").env("NO_COLOR", "1");
    c
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temp folder holding a copy of the engine fixtures.
fn fixtures() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in fs::read_dir(repo().join("tests/fixtures/engine")).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = bin().current_dir(dir).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let (code, out, err) = run(dir, args);
    (code, serde_json::from_str(&out).unwrap_or_else(|e| panic!("bad JSON ({e}): {out}\n{err}")))
}

#[test]
fn text_output_shows_spans_on_bom_crlf_markdown_and_html() {
    let dir = fixtures();
    let (code, out, _) = run(dir.path(), &["check", "--no-config", "."]);
    assert_eq!(code, 1, "warnings fail by default");
    insta::assert_snapshot!("text_fixtures", out);
}

#[test]
fn json_output_follows_the_contract() {
    let dir = fixtures();
    let (code, v) = json(dir.path(), &["check", "--no-config", "--format", "json", "."]);
    assert_eq!(code, 1);
    assert_eq!(v["version"], 1);
    assert_eq!(v["tool"]["name"], "corpuslint");
    assert_eq!(v["summary"]["files_scanned"], 4);
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(v["summary"]["diagnostics"], diags.len());
    // The BOM + CRLF file: the span is in stored bytes, columns in characters.
    let bom = fs::read(dir.path().join("bom-crlf.txt")).unwrap();
    let d = diags.iter().find(|d| d["path"] == "bom-crlf.txt").unwrap();
    let (start, end) = (d["span"]["start"].as_u64().unwrap() as usize, d["span"]["end"].as_u64().unwrap() as usize);
    assert_eq!(&bom[start..end], "â€œ".as_bytes());
    assert_eq!(d["start"]["line"], 2);
    assert_eq!(d["start"]["column"], 9);
    for d in diags {
        for key in [
            "rule",
            "family",
            "severity",
            "message",
            "path",
            "span",
            "start",
            "end",
            "snippet",
            "related",
            "notes",
            "fingerprint",
        ] {
            assert!(d.get(key).is_some(), "missing {key} in {d}");
        }
    }
    // Inline code is not prose: one finding in mojibake.md, not two.
    assert_eq!(diags.iter().filter(|d| d["path"] == "mojibake.md").count(), 1);
    insta::assert_json_snapshot!("json_fixtures", v);
}

#[test]
fn jsonl_has_one_object_per_line_in_the_same_order() {
    let dir = fixtures();
    let (_, v) = json(dir.path(), &["check", "--no-config", "--format", "json", "."]);
    let (_, out, _) = run(dir.path(), &["check", "--no-config", "--format", "jsonl", "."]);
    let lines: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(&lines, v["diagnostics"].as_array().unwrap());
}

#[test]
fn invalid_utf8_is_reported_and_the_rest_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("latin1.txt"), b"Caf\xe9 au lait.\nThe caf\xc3\x83\xc2\xa9 is open.\n").unwrap();
    let (code, v) = json(dir.path(), &["check", "--no-config", "--format", "json", "."]);
    assert_eq!(code, 1);
    let diags = v["diagnostics"].as_array().unwrap();
    let rules: Vec<&str> = diags.iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["io/invalid-utf8", "style/mojibake"]);
    assert_eq!(diags[0]["span"]["start"], 3);
    assert_eq!(diags[0]["span"]["end"], 4);
    // The later finding's span is in stored bytes, past the invalid byte.
    assert_eq!(diags[1]["span"]["start"], 21);
    assert_eq!(diags[1]["start"]["line"], 2);
}

#[test]
fn binary_and_special_files_are_skipped_with_info() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("doc.txt"), b"%PDF-1.4\0\0binary").unwrap();
    fs::write(dir.path().join("ok.txt"), "Fine text.\n").unwrap();
    #[cfg(unix)]
    {
        let status = std::process::Command::new("mkfifo").arg(dir.path().join("pipe.txt")).status().unwrap();
        assert!(status.success());
    }
    let (code, v) = json(dir.path(), &["check", "--no-config", "--format", "json", "."]);
    assert_eq!(code, 0, "info does not fail the run");
    let rules: Vec<&str> = v["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap()).collect();
    #[cfg(unix)]
    assert_eq!(rules, ["io/binary-file", "io/special-file"]);
    assert_eq!(v["summary"]["files_scanned"], 1);
    // Named explicitly, a FIFO is not opened either (this would hang).
    #[cfg(unix)]
    {
        let (_, out, _) = run(dir.path(), &["check", "--no-config", "pipe.txt"]);
        assert!(out.contains("io/special-file"), "{out}");
    }
}

#[cfg(unix)]
#[test]
fn broken_symlinks_loops_and_unreadable_files_are_diagnostics() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ok.txt"), "Fine text.\n").unwrap();
    symlink("missing.txt", dir.path().join("broken.txt")).unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    symlink("..", dir.path().join("sub/up")).unwrap();
    let locked = dir.path().join("locked.txt");
    fs::write(&locked, "secret").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let root_can_read = fs::read(&locked).is_ok();
    let (code, v) = json(dir.path(), &["check", "--no-config", "--format", "json", "."]);
    assert_eq!(code, 1);
    let found: Vec<(String, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap().to_string(), d["path"].as_str().unwrap().to_string()))
        .collect();
    assert!(found.contains(&("io/broken-symlink".into(), "broken.txt".into())), "{found:?}");
    assert!(found.contains(&("io/symlink-loop".into(), "sub/up".into())), "{found:?}");
    if !root_can_read {
        assert!(found.contains(&("io/unreadable".into(), "locked.txt".into())), "{found:?}");
    }
}

/// Root reads files whatever their mode; a read that fails for everyone
/// keeps the unreadable-file path tested in CI too.
#[cfg(target_os = "linux")]
#[test]
fn a_file_whose_read_fails_is_an_io_error_and_the_run_goes_on() {
    let dir = fixtures();
    let (code, v) = json(dir.path(), &["check", "--no-config", "--format", "json", "/proc/self/mem", "clean.txt"]);
    assert_eq!(code, 1);
    let d = &v["diagnostics"][0];
    assert_eq!(d["rule"], "io/unreadable");
    assert_eq!(d["path"], "/proc/self/mem");
    assert_eq!(v["summary"]["files_scanned"], 1, "clean.txt was still checked");
    assert_eq!(v["summary"]["files_skipped"], 1);
}

#[test]
fn missing_path_and_bad_arguments_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(dir.path(), &["check", "--no-config", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("nope: no such file or directory"), "{err}");
    let (code, _, err) = run(dir.path(), &["check", "--no-config", "--select", "nosuch", "."]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule or family `nosuch`"), "{err}");
    let (code, _, _) = run(dir.path(), &["check", "--format", "yaml"]);
    assert_eq!(code, 2);
}

#[test]
fn bad_config_exits_2_with_the_span_shown() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "Text.\n").unwrap();
    let cases = [
        ("unknown-key", "include = [\"*.txt\"]\nnot-a-key = 3\n"),
        ("wrong-type", "fail-on = 3\n"),
        ("unknown-rule", "[rules.\"figure/nonexistent\"]\nseverity = \"info\"\n"),
        ("unknown-option", "[rules.\"style/mojibake\"]\nthreshold = 0.5\n"),
        ("bad-severity", "[rules.\"style/mojibake\"]\nseverity = \"fatal\"\n"),
        ("bad-selector", "select = [\"footnote\", \"figures\"]\n"),
        ("syntax", "select = [\n"),
    ];
    for (name, toml) in cases {
        fs::write(dir.path().join("corpuslint.toml"), toml).unwrap();
        let (code, out, err) = run(dir.path(), &["check", "."]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(out.is_empty(), "{name}: nothing on stdout");
        insta::assert_snapshot!(format!("config_{name}"), err);
    }
}

#[test]
fn config_sets_severity_selection_and_user_rule_packs() {
    let dir = fixtures();
    fs::write(
        dir.path().join("pack.toml"),
        "[[rule]]\nid = \"style/shouting\"\npattern = '\\b[A-Z]{5,}\\b'\nmessage = \"`{match}` is shouted\"\nseverity = \"info\"\n",
    )
    .unwrap();
    fs::write(dir.path().join("clean.txt"), "We were WARNED so.\n").unwrap();
    fs::write(
        dir.path().join("corpuslint.toml"),
        "rule-packs = [\"pack.toml\"]\nexclude = [\"*.html\"]\n[rules.\"style/mojibake\"]\nseverity = \"error\"\n",
    )
    .unwrap();
    let (code, v) = json(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(code, 1);
    let diags = v["diagnostics"].as_array().unwrap();
    assert!(diags.iter().all(|d| d["path"] != "page.html"));
    assert!(diags.iter().filter(|d| d["rule"] == "style/mojibake").all(|d| d["severity"] == "error"));
    let shout = diags.iter().find(|d| d["rule"] == "style/shouting").unwrap();
    assert_eq!(shout["snippet"], "WARNED");
    // Selection by family and by id, and --fail-on.
    let (code, v) = json(dir.path(), &["check", "--format", "json", "--select", "style/shouting", "."]);
    assert_eq!(v["summary"]["diagnostics"], 1);
    assert_eq!(code, 0, "info is below the default fail-on level");
    let (code, _) =
        json(dir.path(), &["check", "--format", "json", "--select", "style/shouting", "--fail-on", "info", "."]);
    assert_eq!(code, 1);
    let (_, v) = json(dir.path(), &["check", "--format", "json", "--ignore", "style", "."]);
    assert_eq!(v["summary"]["diagnostics"], 0);
    // `rules` lists pack rules with the config's severity.
    let (_, out, _) = run(dir.path(), &["rules"]);
    assert!(out.lines().any(|l| l.starts_with("style/mojibake") && l.contains("error")), "{out}");
    assert!(out.contains("style/shouting"));
}

#[test]
fn empty_folder_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = run(dir.path(), &["check", "--no-config"]);
    assert_eq!(code, 0);
    assert_eq!(out, "No problems found in 0 files.\n");
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let dir = fixtures();
    for i in 0..40 {
        fs::write(dir.path().join(format!("gen{i:02}.md")), format!("Para {i}. The caf\u{c3}\u{a9} {i}.\n")).unwrap();
    }
    let (_, one, _) = run(dir.path(), &["check", "--no-config", "--format", "json", "--threads", "1", "."]);
    let (_, eight, _) = run(dir.path(), &["check", "--no-config", "--format", "json", "--threads", "8", "."]);
    assert_eq!(one, eight);
    let (_, corpus1, _) = run(&repo(), &["check", "--no-config", "--format", "json", "--threads", "1", "corpus"]);
    let (_, corpus8, _) = run(&repo(), &["check", "--no-config", "--format", "json", "--threads", "8", "corpus"]);
    assert_eq!(corpus1, corpus8);
}

#[cfg(unix)]
#[test]
fn closed_pipe_ends_quietly_with_success() {
    let dir = tempfile::tempdir().unwrap();
    let line = "The caf\u{c3}\u{a9} is open. ".repeat(50);
    fs::write(dir.path().join("many.txt"), format!("{line}\n").repeat(400)).unwrap();
    let script = format!(
        "'{}' check --no-config --format jsonl . | head -n 1 >/dev/null; echo ${{PIPESTATUS[0]}}",
        env!("CARGO_BIN_EXE_corpuslint")
    );
    let out = std::process::Command::new("bash").arg("-c").arg(script).current_dir(dir.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "0", "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn rules_and_explain_document_every_rule() {
    let dir = tempfile::tempdir().unwrap();
    let (code, v) = json(dir.path(), &["rules", "--format", "json"]);
    assert_eq!(code, 0);
    let rules = v.as_array().unwrap();
    assert!(rules.len() >= 8);
    for r in rules {
        let id = r["id"].as_str().unwrap();
        let (code, doc, _) = run(dir.path(), &["explain", id]);
        assert_eq!(code, 0);
        for heading in ["## What it does", "## Why is this bad?", "## Example"] {
            assert!(doc.contains(heading), "{id} lacks {heading}");
        }
    }
    let (code, _, err) = run(dir.path(), &["explain", "footnote/nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule"));
}

#[test]
fn statistics_counts_per_rule() {
    let dir = fixtures();
    let (_, out, _) = run(dir.path(), &["check", "--no-config", "--statistics", "."]);
    insta::assert_snapshot!("statistics", out);
}

#[test]
fn include_and_exclude_globs() {
    let dir = fixtures();
    let (_, v) = json(dir.path(), &["check", "--no-config", "--format", "json", "--include", "*.md", "."]);
    assert_eq!(v["summary"]["files_scanned"], 1);
    let (_, v) = json(dir.path(), &["check", "--no-config", "--format", "json", "--exclude", "*.md,*.html", "."]);
    assert_eq!(v["summary"]["files_scanned"], 2);
}

#[test]
fn user_lexicons_extend_the_word_lists() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "The fund holds 5 bitcoin.\n").unwrap();
    // Without the lexicon: no figure (bitcoin is no currency).
    let (_, v) = json(dir.path(), &["check", "--no-config", "--format", "json", "--select", "figure", "."]);
    assert_eq!(v["summary"]["diagnostics"], 0);
    fs::write(dir.path().join("ours.toml"), "[[currency]]\ncode = \"XBT\"\nnames = [\"bitcoin\"]\n").unwrap();
    fs::write(dir.path().join("corpuslint.toml"), "lexicons = [\"ours.toml\"]\n").unwrap();
    let (_, v) = json(dir.path(), &["check", "--format", "json", "--select", "figure", "."]);
    let d = &v["diagnostics"][0];
    assert_eq!(d["rule"], "figure/unsupported");
    assert!(d["message"].as_str().unwrap().starts_with("amount of money `5 bitcoin`"), "{d}");
    // A broken lexicon is reported at its place in the configuration.
    fs::write(dir.path().join("ours.toml"), "[[currency]]\ncode = \"btc\"\n").unwrap();
    let (code, _, err) = run(dir.path(), &["check", "."]);
    assert_eq!(code, 2);
    assert!(err.contains("ISO 4217") && err.contains("lexicons = [\"ours.toml\"]"), "{err}");
}

/// One sentence copied into five files: each later copy is a finding, the
/// first copy is drawn once, and `--statistics` names the cluster.
#[test]
fn copies_of_one_sentence_are_drawn_once_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let shared = "The night ferry to the outer islands stops running when the harbour ice is thicker than a hand.";
    for (i, own) in [
        "Gulls nest on the breakwater.",
        "Tickets are sold at the kiosk.",
        "The pier was rebuilt in stone.",
        "Fog delays the morning boats.",
        "A bell rings before departure.",
    ]
    .iter()
    .enumerate()
    {
        fs::write(dir.path().join(format!("n{i}.txt")), format!("{own}\n\n{shared}\n")).unwrap();
    }
    let args = ["check", "--no-config", "--select", "repetition/exact-sentence", "."];
    let (code, out, _) = run(dir.path(), &args);
    assert_eq!(code, 1);
    assert_eq!(out.matches("warning[repetition/exact-sentence]").count(), 4, "{out}");
    assert_eq!(out.matches("(it occurs in 5 files)").count(), 4, "{out}");
    // The first copy's excerpt once, then a pointer back to it.
    assert_eq!(out.matches("first occurrence\n").count(), 1, "{out}");
    assert_eq!(out.matches("= first occurrence: n0.txt:3:1 (shown above)").count(), 3, "{out}");
    let (_, stats, _) = run(dir.path(), &[&args[..2], &["--statistics"], &args[2..]].concat());
    assert!(stats.contains("     5  copies in 5 files; first at n0.txt:3:1\n"), "{stats}");
}
