//! Baselines: record today's findings so that only new ones fail a build.
//!
//! A finding is identified by its fingerprint (rule + path + normalised
//! flagged text) and a hash of the words around it — never by line numbers,
//! so edits elsewhere in a file and moved paragraphs keep it known. Entries
//! carry a count, so two identical findings in a file are two entries. The
//! file is sorted, stable JSON, written atomically.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Fnv};

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    /// Hash of the words around the flagged text.
    pub context: String,
    pub count: u32,
    pub snippet: String,
}

/// A baseline file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// How many words on each side make a finding's context.
const CONTEXT_WORDS: usize = 6;

/// The context hash of every diagnostic (files read once each).
pub fn contexts(diags: &[Diagnostic]) -> Vec<String> {
    let mut out = vec![String::new(); diags.len()];
    let paths: Vec<&str> = diags.iter().map(|d| d.location.path.as_str()).collect();
    crate::engine::for_each_source(&paths, |source, group| {
        for &i in group {
            let d = &diags[i];
            let mut h = Fnv::default();
            if let Some(src) = source {
                let (start, end) = (src.decoded_offset(d.location.span.start), src.decoded_offset(d.location.span.end));
                let text = src.text();
                let before: Vec<&str> = text[..start].split_whitespace().rev().take(CONTEXT_WORDS).collect();
                let after: Vec<&str> = text[end..].split_whitespace().take(CONTEXT_WORDS).collect();
                for w in before.iter().rev().chain(std::iter::once(&"\u{0}")).chain(after.iter()) {
                    h.write(w.to_lowercase().as_bytes());
                    h.write(b" ");
                }
            }
            out[i] = format!("{:016x}", h.finish());
        }
    });
    out
}

impl Baseline {
    /// The baseline of `diags`.
    pub fn of(diags: &[Diagnostic], contexts: &[String]) -> Baseline {
        let mut map: BTreeMap<(String, String, String, String), (u32, String)> = BTreeMap::new();
        for (d, c) in diags.iter().zip(contexts) {
            let key = (d.location.path.clone(), d.rule.clone(), d.fingerprint.clone(), c.clone());
            let e = map.entry(key).or_insert((0, d.snippet.clone()));
            e.0 += 1;
        }
        let findings = map
            .into_iter()
            .map(|((path, rule, fingerprint, context), (count, snippet))| Entry {
                path,
                rule,
                fingerprint,
                context,
                count,
                snippet,
            })
            .collect();
        Baseline { version: 1, findings }
    }

    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{} is not a corpuslint baseline: {e}", path.display()))
    }

    /// Writes the file through a temporary file and a rename, so a reader
    /// never sees half of it.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "baseline".into());
        let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
        {
            let mut f = std::fs::File::create(&tmp)?;
            serde_json::to_writer_pretty(&mut f, self).map_err(std::io::Error::other)?;
            f.write_all(b"\n")?;
            f.sync_all()?;
        }
        std::fs::rename(&tmp, path)
    }

    /// Splits `diags` into the new ones (returned) and the known ones
    /// (dropped); returns also the entries no finding matched any more.
    pub fn filter(&self, diags: Vec<Diagnostic>, contexts: &[String]) -> (Vec<Diagnostic>, Vec<Entry>) {
        let mut left: BTreeMap<(String, String, String, String), u32> = self
            .findings
            .iter()
            .map(|e| ((e.path.clone(), e.rule.clone(), e.fingerprint.clone(), e.context.clone()), e.count))
            .collect();
        let mut known = vec![false; diags.len()];
        // Same text, same surroundings first; then same text anywhere in the file.
        for exact in [true, false] {
            for (i, d) in diags.iter().enumerate() {
                if known[i] {
                    continue;
                }
                let hit = left.iter_mut().find(|((p, r, f, c), n)| {
                    **n > 0
                        && *p == d.location.path
                        && *r == d.rule
                        && *f == d.fingerprint
                        && (!exact || *c == contexts[i])
                });
                if let Some((_, n)) = hit {
                    *n -= 1;
                    known[i] = true;
                }
            }
        }
        let fixed = self
            .findings
            .iter()
            .filter_map(|e| {
                let n = left[&(e.path.clone(), e.rule.clone(), e.fingerprint.clone(), e.context.clone())];
                (n > 0).then(|| Entry { count: n, ..e.clone() })
            })
            .collect();
        let new = diags.into_iter().zip(known).filter(|(_, k)| !k).map(|(d, _)| d).collect();
        (new, fixed)
    }
}
