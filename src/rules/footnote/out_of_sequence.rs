//! `footnote/out-of-sequence`.

use std::collections::HashSet;

use super::{Analysis, FootnoteRule, Marker, System};
use crate::diagnostic::{NoOptions, RuleDef};
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Follows numbered markers (`[n]`, superscripts, numbers glued to words, HTML notes) in reading order and reports a first reference that skips numbers (3 then 5) or comes before a lower one (4 cited before 3). Citing an earlier note again is fine. Markdown `[^n]` footnotes are renumbered by renderers and are not checked.
    ///
    /// ## Why is this bad?
    /// Numbering out of order usually means a note was deleted, moved or mislabelled, so readers land on the wrong source.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     Trips rose.[1] Riders were young.[2] Most were students.[4] Others not.[3]
    ///
    /// Does not:
    ///
    ///     Trips rose.[1] Riders were young.[2] Most were students.[3] As before.[1]
    pub struct OutOfSequence {
        id: "footnote/out-of-sequence",
        severity: Warning,
        summary: "note numbers skip or go backwards in order of first reference",
    }
}

impl FootnoteRule for OutOfSequence {
    /// Numbering in order of first reference: skips and backward jumps.
    fn check(a: &Analysis<'_>, _: &NoOptions, out: &mut Sink<'_>) {
        for system in [System::Bracket, System::Numbered] {
            let resolved: Vec<(&Marker, u32)> = a
                .markers
                .iter()
                .filter(|m| m.system == system && a.has_note(system, &m.label))
                .filter_map(|m| m.label.parse::<u32>().ok().map(|n| (m, n)))
                .collect();
            // Numbers whose markers were mangled are cited somewhere we cannot
            // place exactly: they never make a skip or an inversion.
            let floating: HashSet<u32> = if system == System::Numbered {
                a.markers.iter().filter(|m| m.system == System::Mangled).filter_map(|m| m.inferred).collect()
            } else {
                HashSet::new()
            };
            let mut seen: HashSet<u32> = HashSet::new();
            let mut excused: HashSet<u32> = HashSet::new();
            let mut max = 0u32;
            let mut prev: Option<&Marker> = None;
            for (k, &(m, n)) in resolved.iter().enumerate() {
                if seen.contains(&n) {
                    prev = Some(m);
                    continue;
                }
                let missing = (max + 1..n).any(|x| !floating.contains(&x));
                if n > max + 1 && !seen.is_empty() && missing {
                    let later: Vec<u32> =
                        resolved[k + 1..].iter().map(|&(_, x)| x).filter(|x| *x > max && *x < n).collect();
                    let message = match later.iter().min() {
                        Some(first_missing) => format!("note {n} is cited before note {first_missing}"),
                        None if n == max + 2 => {
                            format!("note numbering skips from {max} to {n}: note {} is never cited", max + 1)
                        }
                        None => format!(
                            "note numbering skips from {max} to {n}: notes {}–{} are never cited",
                            max + 1,
                            n - 1
                        ),
                    };
                    excused.extend(later);
                    let mut f = out.report(Self::RULE, m.src.clone(), message);
                    if let Some(p) = prev {
                        f.related(p.src.clone(), format!("the previous new note, {max}, is cited here"));
                    }
                } else if n < max && !excused.contains(&n) && !floating.contains(&n) {
                    let mut f =
                        out.report(Self::RULE, m.src.clone(), format!("note {n} is first cited after note {max}"));
                    if let Some(p) = prev {
                        f.related(p.src.clone(), "the previous reference");
                    }
                }
                seen.insert(n);
                max = max.max(n);
                prev = Some(m);
            }
        }
    }
}
