//! `footnote/malformed-definition`.

use super::{Analysis, FootnoteRule, System};
use crate::diagnostic::{NoOptions, RuleDef};
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Finds lines that were meant to define a Markdown footnote but do not parse as one: `[^4] text` without the colon, or a label with a space (`[^ 4]: text`). Every reference to that label is then undefined for every renderer; they are shown as related places rather than reported again.
    ///
    /// ## Why is this bad?
    /// The note disappears from the rendered page (or is glued to the previous note) and its references print as literal `[^4]`.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     [^4] Hire contract, October 2021.
    ///
    /// Does not:
    ///
    ///     [^4]: Hire contract, October 2021.
    pub struct MalformedDefinition {
        id: "footnote/malformed-definition",
        severity: Error,
        summary: "a Markdown footnote definition that renderers silently drop",
    }
}

impl FootnoteRule for MalformedDefinition {
    fn check(a: &Analysis<'_>, _: &NoOptions, out: &mut Sink<'_>) {
        for m in a.malformed {
            let spaced = m.label.contains(' ') || a.doc.source.text()[m.src.clone()].contains("[^ ");
            let mut f = out.report(
                Self::RULE,
                m.src.clone(),
                format!("footnote definition `[^{}]` is malformed and is dropped by Markdown renderers", m.label),
            );
            for r in a.markers.iter().filter(|r| r.system == System::Markdown && r.label == m.label) {
                f.related(r.src.clone(), "this reference is left undefined");
            }
            f.help(if spaced {
                "remove the spaces inside the brackets: labels cannot contain spaces".to_string()
            } else {
                format!("write `[^{}]:` with a colon, on a line of its own", m.label)
            });
        }
    }
}
