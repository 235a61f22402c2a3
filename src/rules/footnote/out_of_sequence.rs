//! `footnote/out-of-sequence`.

use std::collections::HashSet;

use super::{Analysis, FootnoteRule, Marker, System};
use crate::diagnostic::{NoOptions, RuleDef};
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Follows numbered markers (`[n]`, superscripts, numbers glued to words, HTML notes) in reading order and reports a first reference that comes before a lower one (4 cited before 3) or skips a number that has no note at all (3 then 5, and no note 4; a note that exists but is never cited is `footnote/unused-note`). Citing an earlier note again is fine. Markdown `[^n]` footnotes are renumbered by renderers and are not checked.
    ///
    /// A list whose first citations are in another order altogether (a bibliography sorted by author, cited as "Okafor [2, 3, 4] and Haugen [9]") is ordered by design: when more than one in ten of its numbers would have to move to put the first citations in order, and more than one, the list is not checked.
    ///
    /// ## Why is this bad?
    /// Numbering out of order usually means a note was deleted, moved or mislabelled, so readers land on the wrong source.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     Loans rose.[1] Borrowers were older.[2] Most were retired.[4] Some not.[3]
    ///
    /// Does not:
    ///
    ///     Loans rose.[1] Borrowers were older.[2] Most were retired.[3] As before.[1]
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
            if displaced(&resolved) > 1.max(distinct(&resolved) / 10) {
                continue;
            }
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
                    // Skipped numbers that have a note are unused notes, reported as such.
                    let absent: Vec<u32> =
                        (max + 1..n).filter(|x| !floating.contains(x) && !a.has_note(system, &x.to_string())).collect();
                    let message = match later.iter().min() {
                        Some(first_missing) => Some(format!("note {n} is cited before note {first_missing}")),
                        None if absent.is_empty() => None,
                        None if absent.len() == 1 => {
                            Some(format!("note numbering skips from {max} to {n}: there is no note {}", absent[0]))
                        }
                        None => Some(format!(
                            "note numbering skips from {max} to {n}: there are no notes {}",
                            shown_list(&absent)
                        )),
                    };
                    excused.extend(later);
                    if let Some(message) = message {
                        let mut f = out.report(Self::RULE, m.src.clone(), message);
                        if let Some(p) = prev {
                            f.related(p.src.clone(), format!("the previous new note, {max}, is cited here"));
                        }
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

/// How many different numbers are cited.
fn distinct(resolved: &[(&Marker, u32)]) -> usize {
    resolved.iter().map(|&(_, n)| n).collect::<HashSet<_>>().len()
}

/// How many first citations are out of place: their number, less the
/// longest run of first citations in increasing order (which need not be
/// contiguous).
fn displaced(resolved: &[(&Marker, u32)]) -> usize {
    let mut seen = HashSet::new();
    let firsts: Vec<u32> = resolved.iter().map(|&(_, n)| n).filter(|n| seen.insert(*n)).collect();
    // Patience sorting: tails[k] is the least last number of an increasing
    // run of length k + 1.
    let mut tails: Vec<u32> = Vec::new();
    for &n in &firsts {
        let k = tails.partition_point(|&t| t < n);
        if k == tails.len() {
            tails.push(n);
        } else {
            tails[k] = n;
        }
    }
    firsts.len() - tails.len()
}

/// `4, 5` or `4–6` for a run.
fn shown_list(numbers: &[u32]) -> String {
    let run = numbers.windows(2).all(|w| w[1] == w[0] + 1);
    match (numbers.first(), numbers.last()) {
        (Some(a), Some(b)) if run && numbers.len() > 2 => format!("{a}–{b}"),
        _ => numbers.iter().map(u32::to_string).collect::<Vec<_>>().join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker() -> Marker {
        Marker { system: System::Bracket, label: String::new(), src: 0..0, glued: false, inferred: None, note: None }
    }

    #[test]
    fn displacement_is_the_numbers_out_of_an_increasing_run() {
        let m = marker();
        let of = |ns: &[u32]| displaced(&ns.iter().map(|&n| (&m, n)).collect::<Vec<_>>());
        assert_eq!(of(&[1, 2, 3, 4]), 0);
        assert_eq!(of(&[1, 2, 4, 3, 5]), 1);
        assert_eq!(of(&[1, 1, 2, 1, 3]), 0, "citing an earlier note again");
        // An alphabetical bibliography: Okafor [2, 3, 4], Haugen [9], Abbas [1], ...
        assert_eq!(of(&[5, 2, 3, 4, 9, 1, 6, 8, 7]), 4);
    }
}
