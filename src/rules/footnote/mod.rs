//! `footnote/*`: broken footnote markers in every common form.
//!
//! The document's notes and markers are recognised once, by
//! [`document::notes`](crate::document::notes), each in a numbering system
//! so that `[3]` never resolves to `[^3]`. The analysis here takes the ones
//! the rules ask about, guesses the numbers U+FFFD replaced, and indexes
//! them; every rule is then a question about that pairing, in its own file.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::diagnostic::RuleDef;
pub use crate::document::label_key;
use crate::document::{Document, MarkerKind, NoteSystem};
pub use crate::document::{Malformed, NoteBody};
use crate::rules::{CorpusDoc, CorpusSink, RuleSet, Sink};

crate::family_rules! {
    trait FootnoteRule(a: &Analysis<'_>);
    corpus(docs: &[CorpusDoc<'_, ()>]);
    undefined_reference::UndefinedReference,
    unused_note::UnusedNote,
    duplicate_note::DuplicateNote,
    out_of_sequence::OutOfSequence,
    replacement_char_marker::ReplacementCharMarker,
    glued_marker::GluedMarker,
    dangling_ibid::DanglingIbid,
    empty_note::EmptyNote,
    malformed_definition::MalformedDefinition,
}

/// A footnote rule: a question about the document's notes and markers.
pub trait FootnoteRule: RuleDef {
    fn check(a: &Analysis<'_>, options: &Self::Options, out: &mut Sink<'_>);

    fn check_corpus(_docs: &[CorpusDoc<'_, ()>], _options: &Self::Options, _out: &mut CorpusSink<'_>) {}
}

/// The footnote family, for the enabled rules of a run.
pub struct Family {
    enabled: Enabled,
}

impl Family {
    pub fn new(set: &RuleSet) -> Option<Family> {
        let enabled = Enabled::new(set);
        enabled.any().then_some(Family { enabled })
    }

    pub fn first_rule(&self) -> &'static str {
        RULES[0].id()
    }

    pub fn check(&self, doc: &Document, out: &mut Sink<'_>) {
        let a = Analysis::new(doc);
        Enabled::run(&a, out, &self.enabled);
    }
}

/// Numbering systems (the document's).
pub type System = NoteSystem;

/// A marker the rules ask about.
#[derive(Debug, Clone)]
pub struct Marker {
    pub system: System,
    pub label: String,
    pub src: Range<usize>,
    pub glued: bool,
    /// The number a mangled marker most likely had.
    pub inferred: Option<u32>,
    /// The note it points to (index into [`Analysis::notes`]), on its own
    /// page when numbering restarts per page.
    pub note: Option<usize>,
}

/// A note the rules ask about.
#[derive(Debug, Clone)]
pub struct Note {
    pub system: System,
    pub label: String,
    pub label_src: Range<usize>,
    pub body: NoteBody,
    pub inferred: Option<u32>,
}

/// Gives mangled (U+FFFD) items the number they most likely had: one more
/// than the nearest numbered item before them in the same sequence.
fn infer_mangled<T>(items: &mut [T], key: impl Fn(&T) -> (System, &str), mut set: impl FnMut(&mut T, u32)) {
    let mut last = 0u32;
    for item in items.iter_mut() {
        let (system, label) = key(item);
        match system {
            System::Numbered => {
                if let Ok(n) = label.parse::<u32>() {
                    last = n;
                }
            }
            System::Mangled => {
                last += 1;
                set(item, last);
            }
            _ => {}
        }
    }
}

/// What the footnote rules ask about.
pub struct Analysis<'d> {
    pub doc: &'d Document,
    pub notes: Vec<Note>,
    pub markers: Vec<Marker>,
    pub malformed: &'d [Malformed],
    /// First note of each (system, label as it matches: [`label_key`]), for lookups in constant time
    /// (documents with thousands of notes exist).
    pub note_index: HashMap<(System, String), usize>,
    /// Labels referenced, and how many markers, per system.
    pub referenced: HashSet<(System, String)>,
    pub markers_per_system: HashMap<System, usize>,
}

impl<'d> Analysis<'d> {
    /// Notes, markers and malformed definitions of `doc`, paired.
    pub fn new(doc: &'d Document) -> Analysis<'d> {
        let mut notes: Vec<Note> = doc
            .notes
            .iter()
            .map(|n| Note {
                system: n.system,
                label: n.label.clone(),
                label_src: n.label_src.clone(),
                body: n.body,
                inferred: None,
            })
            .collect();
        // Bracketed numbers are markers only where bracketed notes exist (a
        // `[3]` citing a bibliography is not this family's business), and a
        // glued number only when its note exists.
        let bracket_notes = doc.notes.iter().any(|n| n.system == System::Bracket);
        let mut markers: Vec<Marker> = doc
            .markers
            .iter()
            .filter(|m| match m.kind {
                // `[4]` citing entry `4.` of a references list is of its system.
                MarkerKind::Bracket => bracket_notes || m.system == System::Numbered,
                MarkerKind::Glued => m.note.is_some(),
                _ => true,
            })
            .map(|m| Marker {
                system: m.system,
                label: m.label.clone(),
                src: m.src.clone(),
                glued: m.kind == MarkerKind::Glued,
                inferred: None,
                note: m.note,
            })
            .collect();
        let malformed = &doc.malformed[..];
        infer_mangled(&mut notes, |n| (n.system, n.label.as_str()), |n, k| n.inferred = Some(k));
        infer_mangled(&mut markers, |m| (m.system, m.label.as_str()), |m, k| m.inferred = Some(k));
        // Notes are written in order, markers not always: when both sides lost
        // the same number of digits, the notes' numbering is the better guess.
        let mangled_notes: Vec<Option<u32>> =
            notes.iter().filter(|n| n.system == System::Mangled).map(|n| n.inferred).collect();
        let mut mangled_markers: Vec<&mut Marker> =
            markers.iter_mut().filter(|m| m.system == System::Mangled).collect();
        if mangled_notes.len() == mangled_markers.len() {
            for (m, n) in mangled_markers.iter_mut().zip(mangled_notes) {
                m.inferred = n;
            }
        }
        let mut note_index = HashMap::new();
        for (i, n) in notes.iter().enumerate() {
            note_index.entry((n.system, label_key(n.system, &n.label))).or_insert(i);
        }
        let referenced = markers.iter().map(|m| (m.system, label_key(m.system, &m.label))).collect();
        let mut markers_per_system = HashMap::new();
        for m in &markers {
            *markers_per_system.entry(m.system).or_insert(0) += 1;
        }
        Analysis { doc, notes, markers, malformed, note_index, referenced, markers_per_system }
    }

    pub fn has_note(&self, system: System, label: &str) -> bool {
        self.note(system, label).is_some()
    }

    pub fn note(&self, system: System, label: &str) -> Option<&Note> {
        self.note_index.get(&(system, label_key(system, label))).map(|&i| &self.notes[i])
    }
}
