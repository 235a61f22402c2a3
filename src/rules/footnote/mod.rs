//! `footnote/*`: broken footnote markers in every common form.
//!
//! One analysis per document collects *notes* (blocks the parser marked as
//! notes: Markdown definitions, `[n]` endnotes, page-bottom notes of PDF
//! extractions, HTML notes with `id="fn3"`) and *markers* (references from
//! markup, plus textual `[^x]`, `[n]`, superscripts, U+FFFD and numbers glued
//! to words), each in a numbering *system* so that `[3]` never resolves to
//! `[^3]`. Every rule is then a question about that pairing, in its own file.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::diagnostic::RuleDef;
use crate::document::{BlockKind, Document, RefKind, Section};
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

/// Numbering systems: a marker only resolves to a note of its own system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum System {
    /// `[^label]` ↔ `[^label]: …`
    Markdown,
    /// `[3]` ↔ `[3] …`
    Bracket,
    /// Superscripts, glued digits, HTML notes ↔ numbered notes.
    Numbered,
    /// U+FFFD ↔ notes whose number became U+FFFD.
    Mangled,
}

#[derive(Debug, Clone)]
pub struct Marker {
    pub system: System,
    pub label: String,
    pub src: Range<usize>,
    pub glued: bool,
    /// The number a mangled marker most likely had.
    pub inferred: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct Note {
    pub system: System,
    pub label: String,
    pub label_src: Range<usize>,
    /// What the note says, as far as the rules need it.
    pub body: NoteBody,
    pub inferred: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteBody {
    Empty,
    /// `Ibid.`, `Ibidem`, `Id.`: the note points at the one before it.
    Ibid,
    Text,
}

impl NoteBody {
    /// Classifies a note's text (its label already removed). Only the start
    /// matters, so the text is read as written: no copy, no case folding of
    /// the whole note.
    fn of(text: &str) -> NoteBody {
        let text = text.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
        let starts = |prefix: &str| {
            text.as_bytes().get(..prefix.len()).is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
        };
        if text.trim_matches(|c: char| c.is_whitespace() || c == '.').is_empty() {
            NoteBody::Empty
        } else if starts("ibid") || starts("id.") {
            NoteBody::Ibid
        } else {
            NoteBody::Text
        }
    }
}

#[derive(Debug, Clone)]
pub struct Malformed {
    pub label: String,
    pub src: Range<usize>,
}

/// The footnote check.
fn system_of_label(raw: &str, label: &str) -> System {
    if raw.starts_with("[^") {
        System::Markdown
    } else if raw.starts_with('[') {
        System::Bracket
    } else if label == "\u{fffd}" {
        System::Mangled
    } else {
        System::Numbered
    }
}

fn collect_notes(doc: &Document) -> Vec<Note> {
    let text = doc.source.text();
    let mut notes = Vec::new();
    for b in doc.blocks.iter().filter(|b| b.kind == BlockKind::Note) {
        let (Some(label), Some(label_src)) = (&b.label, &b.label_src) else { continue };
        let raw = &text[label_src.clone()];
        let system = system_of_label(raw, label);
        if system == System::Markdown && raw.contains(char::is_whitespace) {
            continue; // `[^ 5]:` is dropped by renderers: see collect_malformed
        }
        let prose = doc.prose[b.prose.clone()].trim_start();
        let body = NoteBody::of(prose.strip_prefix(raw.trim_end_matches(':')).unwrap_or(prose));
        notes.push(Note { system, label: label.clone(), label_src: label_src.clone(), body, inferred: None });
    }
    notes
}

/// Lines that start like a Markdown footnote definition but do not parse as
/// one: `[^4] text` (no colon) and `[^ 4]: text` (space in the label).
fn collect_malformed(doc: &Document) -> Vec<Malformed> {
    if doc.format != crate::document::Format::Markdown {
        return Vec::new();
    }
    let mut out = Vec::new();
    let source = doc.source.text();
    for b in doc.blocks.iter().filter(|b| b.kind == BlockKind::Note) {
        if let (Some(label), Some(src)) = (&b.label, &b.label_src) {
            if source[src.clone()].starts_with("[^") && source[src.clone()].contains(char::is_whitespace) {
                let end = src.end - usize::from(source[src.clone()].ends_with(':'));
                out.push(Malformed { label: label.trim().to_string(), src: src.start..end });
            }
        }
    }
    for b in &doc.blocks {
        let text = &doc.prose[b.prose.clone()];
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1));
        for start in line_starts {
            let line = &text[start..];
            let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
            let line = &line[lead..];
            let Some(rest) = line.strip_prefix("[^") else { continue };
            let Some(close) = rest.find(']').filter(|&c| c > 0 && c <= 40 && !rest[..c].contains('\n')) else {
                continue;
            };
            let label = &rest[..close];
            let after = &rest[close + 1..];
            let spaced = label.trim() != label || label.contains(' ');
            if after.starts_with(':') && !spaced {
                continue; // a well-formed definition pulldown-cmark kept as text (inside a list, say)
            }
            if !(after.starts_with([' ', '\t', ':']) || after.is_empty()) {
                continue;
            }
            let p = b.prose.start + start + lead;
            out.push(Malformed { label: label.trim().to_string(), src: doc.src_range(p..p + close + 3) });
        }
    }
    out
}

/// `[^a-z]`, `[^A-Za-z0-9_]`, `[^\s,]`: a negated character class of a
/// pattern written in prose, not a footnote label. A label is one when it
/// holds a range (`a-z`, `0-9`) whose ends are single characters, or an
/// escape such as `\s`.
fn is_character_class(label: &str) -> bool {
    let b = label.as_bytes();
    let single = |i: usize| {
        b[i].is_ascii_alphanumeric() && (i == 0 || !b[i - 1].is_ascii_alphanumeric() || (i >= 2 && b[i - 2] == b'-'))
    };
    let range = (1..b.len().saturating_sub(1)).any(|i| {
        b[i] == b'-'
            && single(i - 1)
            && b[i + 1].is_ascii_alphanumeric()
            && b[i - 1] < b[i + 1]
            && b.get(i + 2).is_none_or(|&n| !n.is_ascii_lowercase() || b.get(i + 3) == Some(&b'-'))
    });
    range || label.contains('\\')
}

fn is_superscript_digit(c: char) -> bool {
    crate::document::superscript_digit(c).is_some()
}

const UNITS: &[&str] = &["m", "km", "cm", "mm", "ft", "in", "mi", "yd", "s", "kg"];

fn collect_markers(doc: &Document, notes: &[Note], malformed: &[Malformed]) -> Vec<Marker> {
    let mut markers = Vec::new();
    let known: Vec<Range<usize>> = doc.note_refs.iter().map(|r| r.prose.clone()).collect();
    let source = doc.source.text();
    for r in &doc.note_refs {
        let (system, label) = match r.kind {
            // As written: `[^ 5]` does not match `[^5]:` for GFM renderers.
            RefKind::Markdown => {
                let raw = &source[r.src.clone()];
                (
                    System::Markdown,
                    raw.strip_prefix("[^").and_then(|x| x.strip_suffix(']')).unwrap_or(&r.label).to_string(),
                )
            }
            RefKind::Html => (System::Numbered, r.label.clone()),
        };
        markers.push(Marker { system, label, src: r.src.clone(), glued: false, inferred: None });
    }
    let has_bracket_notes = notes.iter().any(|n| n.system == System::Bracket);
    let numbered: HashSet<&str> =
        notes.iter().filter(|n| n.system == System::Numbered).map(|n| n.label.as_str()).collect();
    let malformed_at: HashSet<usize> = malformed.iter().map(|m| m.src.start).collect();
    // `known` is sorted by start (refs are recorded in reading order).
    let covered = |p: usize| {
        let k = known.partition_point(|k| k.start <= p);
        k > 0 && p < known[k - 1].end
    };

    for b in &doc.blocks {
        let body = !matches!(b.kind, BlockKind::Note | BlockKind::PageDebris) && b.section == Section::Body;
        let text = &doc.prose[b.prose.clone()];
        let base = b.prose.start;
        // Textual [^label]: undefined references (defined ones are note_refs).
        // `[` by memchr, then `^`: cheaper than a substring search per block.
        for (i, _) in text.match_indices('[').filter(|&(i, _)| text.as_bytes().get(i + 1) == Some(&b'^')) {
            let p = base + i;
            if covered(p) {
                continue;
            }
            let Some(close) = text[i + 2..].find(']').filter(|&c| c > 0 && c <= 40) else { continue };
            let label = &text[i + 2..i + 2 + close];
            if label.contains('\n') || is_character_class(label) {
                continue;
            }
            let src = doc.src_range(p..p + close + 3);
            if malformed_at.contains(&src.start) {
                continue;
            }
            markers.push(Marker {
                system: System::Markdown,
                label: label.trim().to_string(),
                src,
                glued: false,
                inferred: None,
            });
        }
        if !body {
            continue;
        }
        let bytes = text.as_bytes();
        let scan = Scan { digits: !numbered.is_empty(), brackets: has_bracket_notes };
        let mut i = 0;
        while i < text.len() {
            i = scan.next(bytes, i);
            if i >= text.len() {
                break;
            }
            // Lead bytes shared with quotes and dashes: look at the next byte.
            let next = bytes.get(i + 1).copied().unwrap_or(0);
            let wanted = match bytes[i] {
                0xC2 => matches!(next, 0xB2 | 0xB3 | 0xB9),
                0xE2 => next == 0x81,
                0xEF => next == 0xBF,
                _ => true,
            };
            if !wanted {
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            let clen = c.len_utf8();
            let p = base + i;
            if covered(p) {
                i += clen;
                continue;
            }
            // [3], [3, 4], [3–5]
            if c == '[' && has_bracket_notes {
                if let Some(close) = text[i..].find(']').filter(|&c| c <= 24) {
                    let inner = &text[i + 1..i + close];
                    if let Some(labels) = bracket_labels(inner) {
                        let src = doc.src_range(p..p + close + 1);
                        for label in labels {
                            markers.push(Marker {
                                system: System::Bracket,
                                label,
                                src: src.clone(),
                                glued: false,
                                inferred: None,
                            });
                        }
                        i += close + 1;
                        continue;
                    }
                }
            }
            if is_superscript_digit(c) {
                let run: usize = text[i..].chars().take_while(|&c| is_superscript_digit(c)).map(char::len_utf8).sum();
                let before = text[..i].chars().next_back();
                let word: String = text[..i]
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphabetic())
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let exponent = before.is_some_and(|c| c.is_ascii_digit()) || UNITS.contains(&word.as_str());
                if !exponent {
                    let label = crate::document::superscript_number(&text[i..i + run]);
                    markers.push(Marker {
                        system: System::Numbered,
                        label,
                        src: doc.src_range(p..p + run),
                        glued: false,
                        inferred: None,
                    });
                }
                i += run;
                continue;
            }
            if c == '\u{fffd}' && is_marker_position(text, i) && !doc.source.is_decoding_replacement(doc.src_start(p)) {
                markers.push(Marker {
                    system: System::Mangled,
                    label: "\u{fffd}".into(),
                    src: doc.src_range(p..p + clen),
                    glued: false,
                    inferred: None,
                });
                i += clen;
                continue;
            }
            if c.is_ascii_digit() && !numbered.is_empty() {
                let n = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                if let Some(label) = glued_number(text, i, n).filter(|l| numbered.contains(l.as_str())) {
                    markers.push(Marker {
                        system: System::Numbered,
                        label,
                        src: doc.src_range(p..p + n),
                        glued: true,
                        inferred: None,
                    });
                }
                i += n;
                continue;
            }
            i += clen;
        }
    }
    markers.sort_by_key(|m| m.src.start);
    markers
}

/// Finds the bytes that can start a marker: '[' (when the document has
/// bracketed notes), digits (when it has numbered notes, for glued markers),
/// and the lead bytes of superscript digits (C2 B2/B3/B9, E2 81 xx) and of
/// U+FFFD (EF BF BD). Most of a document is none of these, so it is skipped
/// 32 bytes at a time with a branch-free test the compiler vectorises.
struct Scan {
    digits: bool,
    brackets: bool,
}

impl Scan {
    #[inline]
    fn is_start(&self, b: u8) -> bool {
        (self.digits & (b.wrapping_sub(b'0') < 10))
            | (self.brackets & (b == b'['))
            | (b == 0xC2)
            | (b == 0xE2)
            | (b == 0xEF)
    }

    /// The first candidate at or after `from`, or `bytes.len()`.
    fn next(&self, bytes: &[u8], from: usize) -> usize {
        const CHUNK: usize = 32;
        let mut i = from;
        while i + CHUNK <= bytes.len() {
            let chunk: &[u8; CHUNK] = bytes[i..i + CHUNK].try_into().expect("chunk of CHUNK bytes");
            if chunk.iter().fold(false, |any, &b| any | self.is_start(b)) {
                break;
            }
            i += CHUNK;
        }
        bytes[i..].iter().position(|&b| self.is_start(b)).map_or(bytes.len(), |n| i + n)
    }
}

/// `3`, `3, 4`, `3–5` inside brackets: the labels, or `None`.
fn bracket_labels(inner: &str) -> Option<Vec<String>> {
    let mut labels = Vec::new();
    for part in inner.split(',') {
        let part = part.trim();
        if let Some((a, b)) = part.split_once(['-', '–']) {
            let (a, b): (u32, u32) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
            if b < a || b - a > 50 {
                return None;
            }
            labels.extend((a..=b).map(|n| n.to_string()));
        } else {
            if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            // "03" is note 3; "0" is note 0 (lists that count from zero).
            let trimmed = part.trim_start_matches('0');
            labels.push(if trimmed.is_empty() { "0" } else { trimmed }.to_string());
        }
    }
    (!labels.is_empty()).then_some(labels)
}

/// A U+FFFD that ends a word or clause (not one inside a word).
fn is_marker_position(text: &str, i: usize) -> bool {
    let before = text[..i].chars().next_back();
    let after = text[i + 3..].chars().next();
    let word_before = before.is_some_and(|c| c.is_alphanumeric() || ".,;:)”’\"'".contains(c));
    let ends = after.is_none_or(|c| c.is_whitespace() || ".,;:)”’\"'".contains(c));
    let starts_line = before.is_none_or(|c| c == '\n');
    (word_before || starts_line) && ends
}

/// The digits at `i..i+n` as a glued note number: 1–3 digits right after a
/// lowercase word (`them10`) or after closing punctuation that follows a
/// word (`interviewed.5`), and ending the token.
fn glued_number(text: &str, i: usize, n: usize) -> Option<String> {
    if n == 0 || n > 3 || text.as_bytes()[i] == b'0' {
        return None;
    }
    let after = text[i + n..].chars().next();
    if !after.is_none_or(|c| c.is_whitespace() || ".,;:)”’\"'!?".contains(c)) {
        return None;
    }
    // "2.5", "30.1" decimals and "1,240" thousands: a digit before punctuation.
    let mut before = text[..i].chars().rev();
    let prev = before.next()?;
    if prev.is_lowercase() {
        // A lowercase or capitalised word ("them10", "Balkans17"), never
        // "MiG-29", "T-72MS" or "v2".
        let word: Vec<char> = text[..i].chars().rev().take_while(|c| c.is_alphabetic()).collect();
        let start_char = text[..i - word.iter().map(|c| c.len_utf8()).sum::<usize>()].chars().next_back();
        let inner_upper = word.iter().rev().skip(1).any(|c| c.is_uppercase());
        if word.len() < 3 || inner_upper || start_char.is_some_and(|c| c == '-' || c.is_ascii_digit()) {
            return None;
        }
        return Some(text[i..i + n].to_string());
    }
    if ".,;:)”’\"'".contains(prev) {
        let prev2 = before.next()?;
        if prev2.is_alphabetic() || ")”’\"'".contains(prev2) {
            return Some(text[i..i + n].to_string());
        }
    }
    None
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
    pub malformed: Vec<Malformed>,
    /// First note of each (system, label), for lookups in constant time
    /// (documents with thousands of notes exist).
    pub note_index: HashMap<(System, String), usize>,
    /// Labels referenced, and how many markers, per system.
    pub referenced: HashSet<(System, String)>,
    pub markers_per_system: HashMap<System, usize>,
}

impl<'d> Analysis<'d> {
    /// Notes, markers and malformed definitions of `doc`, paired.
    pub fn new(doc: &'d Document) -> Analysis<'d> {
        let mut notes = collect_notes(doc);
        let malformed = collect_malformed(doc);
        let mut markers = collect_markers(doc, &notes, &malformed);
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
            note_index.entry((n.system, n.label.clone())).or_insert(i);
        }
        let referenced = markers.iter().map(|m| (m.system, m.label.clone())).collect();
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
        self.note_index.get(&(system, label.to_string())).map(|&i| &self.notes[i])
    }
}

#[cfg(test)]
mod tests {
    use super::{bracket_labels, is_character_class, NoteBody, Scan};

    #[test]
    fn bracket_labels_read_lists_and_ranges_and_zero() {
        let labels = |s: &str| bracket_labels(s).map(|v| v.join(" "));
        assert_eq!(labels("0").as_deref(), Some("0"), "lists that count from zero");
        assert_eq!(labels("03").as_deref(), Some("3"));
        assert_eq!(labels("3, 4").as_deref(), Some("3 4"));
        assert_eq!(labels("3–5").as_deref(), Some("3 4 5"));
        assert_eq!(labels("x"), None);
        assert_eq!(labels("1234"), None);
    }

    #[test]
    fn character_classes_are_not_labels() {
        for class in ["a-z", "0-9:", "A-Za-z0-9_", "a-zA-Z", "\\s,", "^-a-f"] {
            assert!(is_character_class(class), "{class}");
        }
        for label in ["1", "note", "smith-2020", "fn-3", "a-note", "x", "ch-1", "2-3x"] {
            assert!(!is_character_class(label), "{label}");
        }
    }

    #[test]
    fn note_bodies_are_classified_by_their_start() {
        for (text, want) in [
            ("", NoteBody::Empty),
            (" : . ", NoteBody::Empty),
            ("Ibid.", NoteBody::Ibid),
            (": IBIDEM, p. 4", NoteBody::Ibid),
            ("ibid, 12", NoteBody::Ibid),
            ("Id. at 5", NoteBody::Ibid),
            ("Idaho Statesman, 3 May 2020", NoteBody::Text),
            ("Ibn Khaldun, Muqaddimah", NoteBody::Text),
            ("Évans, “Forced …”", NoteBody::Text),
        ] {
            assert_eq!(NoteBody::of(text), want, "{text:?}");
        }
    }

    /// The chunked scan finds exactly what a byte-by-byte scan finds, at
    /// every offset, on both sides of the 32-byte chunk boundaries.
    #[test]
    fn scan_agrees_with_a_byte_by_byte_search() {
        let filler = "The quick brown fox — “jumps” over the lazy dog, ";
        let mut text = String::new();
        for (k, piece) in ["7", "[", "¹", "�", "²³", "x", "⁴"].iter().enumerate() {
            text.push_str(&"a".repeat(k * 7)); // shifts each piece against the chunks
            text.push_str(filler);
            text.push_str(piece);
        }
        let bytes = text.as_bytes();
        for digits in [false, true] {
            for brackets in [false, true] {
                let scan = Scan { digits, brackets };
                let mut expected = Vec::new();
                let mut found = Vec::new();
                for from in 0..bytes.len() {
                    expected
                        .push(bytes[from..].iter().position(|&b| scan.is_start(b)).map_or(bytes.len(), |n| from + n));
                    found.push(scan.next(bytes, from));
                }
                assert_eq!(found, expected, "digits {digits}, brackets {brackets}");
                let hits = (0..bytes.len()).filter(|&i| scan.is_start(bytes[i])).count();
                // "7" and "[" only count when asked for; the dash and quotes
                // (E2 80 xx, three per filler) and the lead byte of every
                // superscript and U+FFFD always do.
                assert_eq!(
                    hits,
                    3 * 7 + 5 + usize::from(digits) + usize::from(brackets),
                    "digits {digits}, brackets {brackets}"
                );
            }
        }
    }
}
