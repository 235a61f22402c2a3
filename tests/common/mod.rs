//! Helpers shared by the rule-family tests: run the binary on a fixture and
//! reduce its JSON to (rule, line, flagged text).

#![allow(dead_code)]

use serde_json::Value;

/// Runs `corpuslint check --no-config ARGS` from the repository root;
/// returns the exit code and stdout (parsed when `json`).
pub fn check(args: &[&str], json: bool) -> (i32, Value) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_corpuslint"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env_remove("CI").env("NO_COLOR", "1").args(["check", "--no-config"]);
    if json {
        cmd.args(["--format", "json"]);
    }
    let out = cmd.args(args).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let value = if json { serde_json::from_str(&stdout).unwrap() } else { Value::String(stdout) };
    (out.status.code().unwrap_or(-1), value)
}

/// The findings of `select` on `tests/fixtures/<fixture>`, as
/// `rule:line:flagged text`.
pub fn findings(fixture: &str, select: &str) -> Vec<String> {
    let path = format!("tests/fixtures/{fixture}");
    let (_, v) = check(&["--select", select, &path], true);
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{}:{}:{}", d["rule"].as_str().unwrap(), d["start"]["line"], d["snippet"].as_str().unwrap()))
        .collect()
}

/// Like [`findings`], each followed by its related places as `→ file:line`.
pub fn findings_with_related(fixture: &str, select: &str) -> Vec<String> {
    related_of(&check(&["--select", select, &format!("tests/fixtures/{fixture}")], true).1)
}

/// Like [`findings_with_related`], with the configuration file `config`
/// (under `tests/fixtures/`) instead of none.
pub fn findings_with_config(fixture: &str, select: &str, config: &str) -> Vec<String> {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_corpuslint"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env_remove("CI").env("NO_COLOR", "1");
    let (config, path) = (format!("tests/fixtures/{config}"), format!("tests/fixtures/{fixture}"));
    let out = cmd.args(["check", "--config", &config, "--format", "json", "--select", select, &path]).output().unwrap();
    related_of(&serde_json::from_slice(&out.stdout).unwrap())
}

fn related_of(v: &Value) -> Vec<String> {
    let name = |p: &Value| p.as_str().unwrap().rsplit('/').next().unwrap().to_string();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let mut s = format!("{} {}:{}", d["rule"].as_str().unwrap(), name(&d["path"]), d["start"]["line"]);
            for r in d["related"].as_array().unwrap() {
                s.push_str(&format!(" → {}:{}", name(&r["path"]), r["start"]["line"]));
            }
            s
        })
        .collect()
}
