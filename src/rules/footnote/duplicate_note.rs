//! `footnote/duplicate-note`.

use std::collections::HashMap;

use super::{label_key, Analysis, FootnoteRule, Note, System};
use crate::diagnostic::{NoOptions, RuleDef};
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Finds a second note with a label already used by an earlier note.
    ///
    /// Numbering that starts again at 1 after two notes or more, or on a later page than the note before (notes per page or per chapter, an example list before the real one) begins a new list: its labels repeat the earlier list's by design. Markdown labels are names, never restarted.
    ///
    /// ## Why is this bad?
    /// Renderers keep one of them silently; references can only reach one source.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     [^3]: Trustees' minutes, 4 March 2021.
    ///     [^3]: Register of bequests, 2021.
    ///
    /// Does not:
    ///
    ///     [^3]: Trustees' minutes, 4 March 2021.
    ///     [^4]: Register of bequests, 2021.
    pub struct DuplicateNote {
        id: "footnote/duplicate-note",
        severity: Warning,
        summary: "two notes have the same label",
    }
}

impl FootnoteRule for DuplicateNote {
    fn check(a: &Analysis<'_>, _: &NoOptions, out: &mut Sink<'_>) {
        // Numbering that starts again at 1 after a run of notes (per page,
        // per chapter, an example list before the real one) is a new list.
        let mut first: HashMap<(System, String), &Note> = HashMap::new();
        let mut run: HashMap<System, usize> = HashMap::new();
        let mut previous: HashMap<System, usize> = HashMap::new();
        for n in a.notes.iter().filter(|n| n.system != System::Mangled) {
            let len = run.entry(n.system).or_insert(0);
            // Numbering per page: a 1 on a later page than the note before.
            let page = a.doc.page_of(n.label_src.start);
            let new_page = previous.insert(n.system, page).is_some_and(|p| p < page);
            if n.label == "1" && (*len >= 2 || new_page) && n.system != System::Markdown {
                first.retain(|(system, _), _| *system != n.system);
                *len = 0;
            }
            *len += 1;
            let key = label_key(n.system, &n.label);
            match first.get(&(n.system, key.clone())) {
                Some(f) => {
                    out.report(Self::RULE, n.label_src.clone(), format!("note `{}` is defined twice", n.label))
                        .related(f.label_src.clone(), "first defined here")
                        .note("renderers keep only one of the two; renumber or merge them");
                }
                None => {
                    first.insert((n.system, key), n);
                }
            }
        }
    }
}
