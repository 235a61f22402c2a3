//! Dependencies point down: each top-level module of the library may use
//! only the modules of its own layer or below, and no rule family uses
//! another (they share the text layer, the document and the rules
//! framework instead). Read from the source, so an upward `use` fails here.

use std::path::Path;

/// Layers, lowest first (`docs/design.md` draws them).
const LAYERS: &[&[&str]] = &[
    &["text"],
    &["source"],
    &["diagnostic"],
    &["document"],
    &["rules"],
    &["config"],
    &["engine"],
    &["session"],
    &["baseline", "output"],
];

const FAMILIES: &[&str] = &["footnote", "date", "figure", "repetition", "style", "suppression", "io"];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every `crate::a::b` path in `text` (as `[a, b]`), `use crate::{a, b}`
/// groups included.
fn crate_paths(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            for part in inner.split(',') {
                let seg: Vec<String> = part.trim().split("::").map(|s| s.trim().to_string()).collect();
                out.push(seg);
            }
            continue;
        }
        let path: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
        out.push(path.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect());
    }
    out
}

#[test]
fn dependencies_point_down_and_families_stay_apart() {
    let mut all = Vec::new();
    files(Path::new("src"), &mut all);
    let mut wrong = Vec::new();
    for path in &all {
        let rel = path.strip_prefix("src").unwrap();
        let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string()).collect();
        let top = parts[0].as_str();
        if matches!(top, "main" | "cli" | "lib") {
            continue; // the binary and the crate root see everything
        }
        let Some(own) = layer(top) else {
            wrong.push(format!("{}: module `{top}` has no layer in tests/layers.rs", rel.display()));
            continue;
        };
        let family = (top == "rules" && parts.len() > 1 && FAMILIES.contains(&parts[1].as_str())).then(|| &parts[1]);
        let text = std::fs::read_to_string(path).unwrap();
        for p in crate_paths(&text) {
            let Some(first) = p.first().map(String::as_str) else { continue };
            if first.is_empty() || first == "self" || first.starts_with(char::is_uppercase) {
                continue; // macros' `$crate::…` and the like
            }
            match layer(first) {
                Some(l) if l > own => wrong.push(format!("{}: {} uses crate::{}", rel.display(), top, p.join("::"))),
                None if first != "declare_rule" && first != "rule_options" && first != "family_rules" => {
                    wrong.push(format!("{}: crate::{} is in no layer", rel.display(), p.join("::")))
                }
                _ => {}
            }
            if let (Some(mine), true) = (family, first == "rules" && p.len() > 1) {
                let other = &p[1];
                // `io` and `suppression` rules are reported by the framework
                // for every family; otherwise families do not meet.
                if FAMILIES.contains(&other.as_str()) && other != mine && other != "io" {
                    wrong.push(format!("{}: family `{mine}` uses family `{other}`", rel.display()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "upward or sideways dependencies:\n{}", wrong.join("\n"));
}
