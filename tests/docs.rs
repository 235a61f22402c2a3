//! Documents generated from the code stay current: `docs/rules.md` is the
//! `corpuslint explain` text of every rule. Regenerate it with
//! `UPDATE_DOCS=1 cargo test --test docs`.

use corpuslint::rules::Registry;

fn render() -> String {
    let registry = Registry::builtin();
    let mut out = String::from("# Rule reference\n\nGenerated from the rules' documentation (`corpuslint explain RULE` prints the same text).\n\n");
    for &r in registry.rules() {
        let state = if r.default_enabled() { "" } else { " Off by default." };
        out.push_str(&format!(
            "## {}\n\nFamily: {}. Default severity: {}.{state}\n\n",
            r.id(),
            r.family().as_str(),
            r.default_severity()
        ));
        // Shift the rule's own headings one level down.
        for line in r.doc().trim_end().lines() {
            if let Some(rest) = line.strip_prefix("## ") {
                out.push_str(&format!("### {rest}\n"));
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        for (i, o) in r.options().shown().into_iter().enumerate() {
            if i == 0 {
                out.push_str("\n### Options\n\n");
            }
            out.push_str(&format!("- `{}` (default `{}`): {}\n", o.name, o.default, o.doc));
        }
        out.push('\n');
    }
    out
}

#[test]
fn rule_reference_is_current() {
    let want = render();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write("docs/rules.md", &want).unwrap();
    }
    let have = std::fs::read_to_string("docs/rules.md").unwrap_or_default();
    assert!(have == want, "docs/rules.md is out of date: run UPDATE_DOCS=1 cargo test --test docs");
}
