//! `footnote/glued-marker`.

use super::{Analysis, FootnoteRule};
use crate::document::{superscript_char, Format};
use crate::diagnostic::{NoOptions, RuleDef};
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Finds note numbers that PDF extraction printed as plain digits glued to the preceding word or punctuation (`between them10.`, `interviewed.5`). A number counts as a marker only when a note with that number exists and it ends a word or clause, so `G20`, `COVID-19`, `MiG-29` and `30.1` are never reported. The fix raises the number to the superscript it was (`them¹⁰.`; `<sup>10</sup>` in HTML), a marker of the same notes, so fixing one marker leaves the others and their notes as they were.
    ///
    /// ## Why is this bad?
    /// Readers take the marker for part of the word or for a quantity (`them10`), and search misses the word.
    ///
    /// ## Example
    /// Triggers it (note 10 exists):
    ///
    ///     … between them10.
    ///
    ///     10 Andrew Evans, Forced Miracles (2002).
    ///
    /// Does not:
    ///
    ///     … the G20 summit, the MiG-29 jets and COVID-19.
    pub struct GluedMarker {
        id: "footnote/glued-marker",
        severity: Warning,
        summary: "a note number is fused to the word before it",
    }
}

impl FootnoteRule for GluedMarker {
    fn check(a: &Analysis<'_>, _: &NoOptions, out: &mut Sink<'_>) {
        for m in a.markers.iter().filter(|m| m.glued) {
            let mut f =
                out.report(Self::RULE, m.src.clone(), format!("note number {} is glued to the preceding word", m.label));
            // Glued numbers are markers only when their note exists.
            if let Some(n) = m.note.map(|i| &a.notes[i]) {
                f.related(n.label_src.clone(), format!("note {} is here", m.label));
            }
            // The superscript it was: the same numbered notes, whatever
            // else in the document is fixed or not.
            let raised = match a.doc.format {
                Format::Html => format!("<sup>{}</sup>", m.label),
                _ => m.label.chars().filter_map(|c| c.to_digit(10)).map(superscript_char).collect(),
            };
            f.fix(m.src.clone(), raised, "raise it to a superscript note marker");
        }
    }
}
