//! `footnote/dangling-ibid`.

use super::{Analysis, FootnoteRule, Note, NoteBody, System};
use crate::diagnostic::{NoOptions, RuleDef};
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Finds a note that says `Ibid.`/`Ibidem`/`Id.` when it is the first note, or when the note before it is missing.
    ///
    /// ## Why is this bad?
    /// `Ibid.` means "the same source as the previous note"; with no previous note the source is unknown.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     [1] Ibid., p. 21.
    ///     [2] Harbour Board, Tonnage Returns 2020.
    ///
    /// Does not:
    ///
    ///     [1] Harbour Board, Tonnage Returns 2020.
    ///     [2] Ibid., p. 21.
    pub struct DanglingIbid {
        id: "footnote/dangling-ibid",
        severity: Warning,
        summary: "`Ibid.` with no earlier note to refer to",
    }
}

impl FootnoteRule for DanglingIbid {
    fn check(a: &Analysis<'_>, _: &NoOptions, out: &mut Sink<'_>) {
        for system in [System::Markdown, System::Bracket, System::Numbered] {
            // Mangled note numbers continue the numbered sequence.
            let notes: Vec<&Note> = a
                .notes
                .iter()
                .filter(|n| n.system == system || (system == System::Numbered && n.system == System::Mangled))
                .collect();
            for (k, n) in notes.iter().enumerate().filter(|(_, n)| n.body == NoteBody::Ibid) {
                let previous_missing = n
                    .label
                    .parse::<u32>()
                    .ok()
                    .is_some_and(|x| x > 1 && !a.has_note(system, &(x - 1).to_string()) && n.system != System::Mangled);
                if k == 0 || previous_missing {
                    let why = if k == 0 { "it is the first note" } else { "the note before it is missing" };
                    out.report(
                        Self::RULE,
                        n.label_src.clone(),
                        format!("`Ibid.` refers to the previous note, but {why}"),
                    );
                }
            }
        }
    }
}
