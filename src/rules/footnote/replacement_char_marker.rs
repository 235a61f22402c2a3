//! `footnote/replacement-char-marker`.

use super::{Analysis, FootnoteRule, Marker, Note, System};
use crate::diagnostic::{NoOptions, RuleDef};
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Finds U+FFFD replacement characters where a superscript note marker stood (`alliances�.`) and at the start of note lines (`� Josip Glaurdić, …`). Markers and notes are paired by their place in the numbering, and each diagnostic names the note it most likely was.
    ///
    /// ## Why is this bad?
    /// The link between claim and source is lost, and readers see a garbage character.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     … security alliances�.
    ///
    ///     � Josip Glaurdić, The Hour of Europe (2011).
    ///
    /// Does not:
    ///
    ///     … security alliances.¹
    ///
    ///     ¹ Josip Glaurdić, The Hour of Europe (2011).
    pub struct ReplacementCharMarker {
        id: "footnote/replacement-char-marker",
        severity: Warning,
        summary: "a footnote marker or note number was replaced by U+FFFD during text extraction",
    }
}

impl FootnoteRule for ReplacementCharMarker {
    fn check(a: &Analysis<'_>, _: &NoOptions, out: &mut Sink<'_>) {
        let notes: Vec<&Note> = a.notes.iter().filter(|n| n.system == System::Mangled).collect();
        let markers: Vec<&Marker> = a.markers.iter().filter(|m| m.system == System::Mangled).collect();
        let same_count = notes.len() == markers.len();
        // Markers and notes pair up by the number each most likely had, else
        // by position when both sides lost the same number of them.
        let pair_note = |k: usize, m: &Marker| -> Option<&Note> {
            notes.iter().copied().find(|n| n.inferred.is_some() && n.inferred == m.inferred).or(if same_count {
                notes.get(k).copied()
            } else {
                None
            })
        };
        for (k, m) in markers.iter().enumerate() {
            let number = m.inferred.map(|n| format!(" (most likely note {n})")).unwrap_or_default();
            let mut f = out.report(
                Self::RULE,
                m.src.clone(),
                format!("footnote marker was replaced by U+FFFD during text extraction{number}"),
            );
            if let Some(n) = pair_note(k, m) {
                f.related(n.label_src.clone(), "the note it most likely belonged to");
            }
            f.note("re-extract the PDF with footnote superscripts preserved, or restore the marker by hand");
        }
        for (k, n) in notes.iter().enumerate() {
            let number = n.inferred.map(|x| format!(" (most likely note {x})")).unwrap_or_default();
            let mut f = out.report(
                Self::RULE,
                n.label_src.clone(),
                format!("note number was replaced by U+FFFD during text extraction{number}"),
            );
            let marker =
                markers.iter().enumerate().find(|&(j, m)| pair_note(j, m).is_some_and(|p| std::ptr::eq(p, *n)));
            if let Some((_, m)) = marker.or_else(|| if same_count { markers.get(k).map(|m| (k, m)) } else { None }) {
                f.related(m.src.clone(), "the marker that most likely pointed here");
            }
        }
    }
}
