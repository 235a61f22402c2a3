//! `footnote/unused-note`.

use super::{label_key, Analysis, FootnoteRule, System};
use crate::diagnostic::{NoOptions, RuleDef};
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Finds notes (Markdown definitions, `[n]` endnotes, numbered notes) that no marker points to. Numbered notes whose markers were all lost in extraction are not reported one by one.
    ///
    /// ## Why is this bad?
    /// An orphaned note is usually a marker deleted in editing: a claim has lost its source.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     Arrivals fell.[1]
    ///
    ///     [1] Harbour Board, Passenger Returns 2020.
    ///     [2] Pier Condition Survey 2019.
    ///
    /// Does not:
    ///
    ///     Arrivals fell.[1] The pier too.[2]
    ///
    ///     [1] Harbour Board, Passenger Returns 2020.
    ///     [2] Pier Condition Survey 2019.
    pub struct UnusedNote {
        id: "footnote/unused-note",
        severity: Warning,
        summary: "a note is never referenced from the text",
    }
}

impl FootnoteRule for UnusedNote {
    fn check(a: &Analysis<'_>, _: &NoOptions, out: &mut Sink<'_>) {
        for n in a.notes.iter().filter(|n| n.system != System::Mangled) {
            let system_markers = a.markers_per_system.get(&n.system).copied().unwrap_or(0);
            // Markers lost wholesale (a bibliography, a bad extraction) are not N separate problems.
            if system_markers == 0 && n.system != System::Markdown {
                continue;
            }
            if !a.referenced.contains(&(n.system, label_key(n.system, &n.label))) {
                out.report(Self::RULE, n.label_src.clone(), format!("note `{}` is never referenced", n.label));
            }
        }
    }
}
