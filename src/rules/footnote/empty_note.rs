//! `footnote/empty-note`.

use super::{Analysis, FootnoteRule, NoteBody, System};
use crate::diagnostic::{NoOptions, RuleDef};
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Finds notes whose label is followed by nothing: `[^2]:` alone, an entry `4.` or `2. ^` of a references list (an encyclopedia page whose citation text was lost), an `<li>` of notes with only its back-link. Back-links (`^`, `^ a b`) are not text; a Markdown note whose content is a list, table, code block or heading is not empty.
    ///
    /// ## Why is this bad?
    /// The marker promises a source and the note gives none.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     [^2]:
    ///
    /// Does not:
    ///
    ///     [^2]: Department of Rural Affairs, Grazing Survey, 2017.
    pub struct EmptyNote {
        id: "footnote/empty-note",
        severity: Warning,
        summary: "a note has no text",
    }
}

impl FootnoteRule for EmptyNote {
    fn check(a: &Analysis<'_>, _: &NoOptions, out: &mut Sink<'_>) {
        let systems = [System::Markdown, System::Bracket, System::Numbered, System::Mangled];
        for n in a.notes.iter().filter(|n| systems.contains(&n.system) && n.body == NoteBody::Empty) {
            out.report(Self::RULE, n.label_src.clone(), format!("note `{}` has no text", n.label));
        }
    }
}
