//! CI output formats: SARIF validated against the 2.1.0 schema, GitHub
//! workflow commands with their escaping, JUnit XML and rdjson, snapshotted.

mod common;

use serde_json::Value;

fn run(format: &str, path: &str) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_corpuslint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--no-config", "--format", format, path])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn sarif_is_valid_and_complete() {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string("tests/spec/sarif-schema-2.1.0.json").unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    for path in ["tests/fixtures/footnote", "tests/fixtures/repetition/exact-sentence.cross", "corpus"] {
        let sarif: Value = serde_json::from_str(&run("sarif", path)).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&sarif).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{path}: {errors:#?}");
        let run = &sarif["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        for result in run["results"].as_array().unwrap() {
            let i = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[i]["id"], result["ruleId"]);
            assert!(result["partialFingerprints"]["corpuslint/v1"].is_string());
            let region = &result["locations"][0]["physicalLocation"]["region"];
            assert!(region["startLine"].as_u64().unwrap() >= 1 && region["byteLength"].as_u64().is_some());
        }
    }
    // The validator does reject what is not SARIF.
    let mut broken: Value = serde_json::from_str(&run("sarif", "corpus")).unwrap();
    broken["runs"][0]["results"][0]["level"] = Value::String("fatal".into());
    assert!(validator.iter_errors(&broken).next().is_some());
    // Related places and fixes travel too.
    let sarif: Value = serde_json::from_str(&run("sarif", "tests/fixtures/footnote/glued-marker.txt")).unwrap();
    let first = &sarif["runs"][0]["results"][0];
    assert_eq!(first["relatedLocations"][0]["message"]["text"], "note 10 is here");
    assert_eq!(first["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"], "¹⁰");
}

#[test]
fn github_annotations_escape_what_github_requires() {
    let out = run("github", "tests/fixtures/footnote/glued-marker.txt");
    insta::assert_snapshot!("github_glued", out);
    // Property values escape ':' and ','; messages escape '%' and newlines.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a,b:c.txt");
    std::fs::write(&path, "Footfall rose by 36% over the year.\n").unwrap();
    let out = run("github", path.to_str().unwrap());
    assert!(out.starts_with("::warning file="), "{out}");
    assert!(out.contains("a%2Cb%3Ac.txt,line=1,col=18,endLine=1,endColumn=21,title=figure/unsupported::"), "{out}");
    assert!(out.contains("`36%25`"), "{out}");
}

#[test]
fn junit_has_a_test_case_per_file() {
    let out = run("junit", "tests/fixtures/engine");
    insta::assert_snapshot!("junit_engine", out);
    assert_eq!(out.matches("<testcase ").count(), 4);
    assert_eq!(out.matches("<failure ").count(), 4);
}

#[test]
fn rdjson_for_reviewdog() {
    let v: Value = serde_json::from_str(&run("rdjson", "tests/fixtures/footnote/glued-marker.txt")).unwrap();
    assert_eq!(v["source"]["name"], "corpuslint");
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"]["value"], "footnote/glued-marker");
    assert_eq!(d["severity"], "WARNING");
    assert_eq!(d["location"]["range"]["start"]["line"], 1);
    assert_eq!(d["suggestions"][0]["text"], "¹⁰");
    assert_eq!(d["related_locations"][0]["message"], "note 10 is here");
}
