//! `footnote/undefined-reference`.

use super::{Analysis, FootnoteRule, System};
use crate::diagnostic::{NoOptions, RuleDef};
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Finds footnote markers (`[^label]`, `[3]`, superscript digits, HTML `<sup>` and `<a href="#fn3">`) whose note does not exist.
    ///
    /// ## Why is this bad?
    /// The reader is promised a source and gets none; Markdown renderers print an undefined `[^label]` literally.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     Loans rose by a fifth.[^7]
    ///
    ///     [^1]: Library issue statistics, 2022.
    ///
    /// Does not (the note exists):
    ///
    ///     Loans rose by a fifth.[^1]
    ///
    ///     [^1]: Library issue statistics, 2022.
    pub struct UndefinedReference {
        id: "footnote/undefined-reference",
        severity: Warning,
        summary: "a footnote marker points to no note",
    }
}

impl FootnoteRule for UndefinedReference {
    fn check(a: &Analysis<'_>, _: &NoOptions, out: &mut Sink<'_>) {
        // References to a malformed definition are shown with it, not again here.
        let malformed: std::collections::HashSet<&str> = a.malformed.iter().map(|m| m.label.as_str()).collect();
        for m in &a.markers {
            if m.system == System::Mangled || a.has_note(m.system, &m.label) {
                continue;
            }
            if m.system == System::Markdown && malformed.contains(m.label.as_str()) {
                continue;
            }
            let bracketed = a.doc.source.text()[m.src.clone()].starts_with('[');
            let shown = match m.system {
                System::Markdown => format!("[^{}]", m.label),
                _ if bracketed => format!("[{}]", m.label),
                _ => m.label.clone(),
            };
            let mut f = out.report(Self::RULE, m.src.clone(), format!("footnote marker `{shown}` points to no note"));
            if m.label.contains(' ') {
                f.note("footnote labels cannot contain spaces");
            }
        }
    }
}
