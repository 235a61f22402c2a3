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

use crate::diagnostic::{FixedFinding, Report};

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

impl Baseline {
    /// The baseline of a report (resolved with contexts).
    pub fn of(report: &Report) -> Baseline {
        let mut map: BTreeMap<(String, String, String, String), (u32, String)> = BTreeMap::new();
        for (d, r) in report.iter() {
            let context = r.context.clone().unwrap_or_default();
            let key = (report.path(d.file).to_string(), d.rule.id().to_string(), r.fingerprint.clone(), context);
            let e = map.entry(key).or_insert((0, r.snippet.clone()));
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

    /// Leaves in `report` only the findings this baseline does not know
    /// (the report must be resolved with contexts); records how many were
    /// known and which entries no finding matched any more.
    pub fn filter(&self, report: &mut Report) {
        let mut left: BTreeMap<(String, String, String, String), u32> = self
            .findings
            .iter()
            .map(|e| ((e.path.clone(), e.rule.clone(), e.fingerprint.clone(), e.context.clone()), e.count))
            .collect();
        let keys: Vec<(String, String, String, String)> = report
            .iter()
            .map(|(d, r)| {
                let context = r.context.clone().unwrap_or_default();
                (report.path(d.file).to_string(), d.rule.id().to_string(), r.fingerprint.clone(), context)
            })
            .collect();
        let mut known = vec![false; keys.len()];
        // Same text, same surroundings first; then same text anywhere in the file.
        for exact in [true, false] {
            for (i, (path, rule, fp, context)) in keys.iter().enumerate() {
                if known[i] {
                    continue;
                }
                let hit = left
                    .iter_mut()
                    .find(|((p, r, f, c), n)| **n > 0 && p == path && r == rule && f == fp && (!exact || c == context));
                if let Some((_, n)) = hit {
                    *n -= 1;
                    known[i] = true;
                }
            }
        }
        report.fixed = self
            .findings
            .iter()
            .filter_map(|e| {
                let n = left[&(e.path.clone(), e.rule.clone(), e.fingerprint.clone(), e.context.clone())];
                (n > 0).then(|| FixedFinding {
                    path: e.path.clone(),
                    rule: e.rule.clone(),
                    count: n,
                    snippet: e.snippet.clone(),
                })
            })
            .collect();
        let total = known.len();
        let mut i = 0;
        report.retain(|_, _| {
            let keep = !known[i];
            i += 1;
            keep
        });
        report.baselined = total - report.diagnostics.len();
    }
}
