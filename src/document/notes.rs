//! Notes and note markers, recognised once for every family.
//!
//! The parsers mark note blocks (Markdown definitions, `[n]` endnote lines,
//! page-bottom notes of PDF extractions, HTML notes with `id="fn3"`) and
//! record the references markup makes explicit (`[^x]`, `<sup>`). Here the
//! document's [`Note`]s are read from those blocks, and its [`Marker`]s are
//! found: the explicit references plus the textual forms, `[^x]` that did not
//! parse, `[3]`, `[3, 4]`, `[3–5]`, superscript digits, U+FFFD where a marker
//! was lost, and note numbers glued to words (`them10`) or after closing
//! punctuation (`denied.115`). Each marker is in a numbering [`NoteSystem`]
//! and, when a note of its system has its label, points to that note.
//!
//! The shape functions ([`bracket_len`], [`glued`], [`superscript_digit`])
//! are the one definition of what a marker looks like: the sentence splitter
//! and the plain-text parser use them too.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::{BlockKind, Document, Format, RefKind, Section};
use crate::text::lexicon::Lexicon;

/// The longest bracketed marker, brackets included (`[^label]`, `[3, 4]`).
pub const MAX_BRACKET: usize = 40;

/// The value of a superscript digit (`¹` → 1): the one table of them.
pub fn superscript_digit(c: char) -> Option<u32> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(c as u32 - '⁴' as u32 + 4),
        _ => None,
    }
}

/// The superscript form of a digit (1 → `¹`): [`superscript_digit`]
/// inverted (a test checks both ways).
pub fn superscript_char(d: u32) -> char {
    match d % 10 {
        1 => '¹',
        2 => '²',
        3 => '³',
        d => char::from_u32('⁰' as u32 + d).unwrap_or('⁰'),
    }
}

/// The number a run of superscript digits writes (`¹²` → `12`).
pub fn superscript_number(run: &str) -> String {
    run.chars().filter_map(superscript_digit).filter_map(|d| char::from_digit(d, 10)).collect()
}

/// Numbering systems: a marker only resolves to a note of its own system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoteSystem {
    /// `[^label]` ↔ `[^label]: …`
    Markdown,
    /// `[3]` ↔ `[3] …`
    Bracket,
    /// Superscripts, glued digits, HTML notes ↔ numbered notes.
    Numbered,
    /// U+FFFD ↔ notes whose number became U+FFFD.
    Mangled,
}

/// What a note says, as far as rules need it.
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
    pub fn of(text: &str) -> NoteBody {
        let text = text.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
        let text = strip_backlinks(text);
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

/// A note's text without the back-links an encyclopedia page puts before
/// it: `^`, `↑`, `Jump up to:`, then, when several places cite the note,
/// a run of letters `a b c` (or `1.0 1.1`), one per citing place.
pub fn strip_backlinks(text: &str) -> &str {
    let t = text.trim_start();
    let Some(rest) = ["^", "↑", "Jump up to:", "Jump up"].iter().find_map(|p| t.strip_prefix(p)) else {
        return text;
    };
    let rest = rest.trim_start();
    // A single citing place has no letter: "^ a" alone starts a sentence.
    let mut end = 0;
    let mut count = 0u8;
    for word in rest.split_whitespace() {
        let letter = word.len() == 1 && word.as_bytes()[0] == b'a' + count;
        let numbered = word.split_once('.').is_some_and(|(a, b)| {
            !a.is_empty() && !b.is_empty() && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit())
        });
        if !(letter || numbered) || count == 26 {
            break;
        }
        count += 1;
        end = word.as_ptr() as usize - rest.as_ptr() as usize + word.len();
    }
    if count >= 2 {
        rest[end..].trim_start()
    } else {
        rest
    }
}

/// A note: a block the parser marked as one, with its label.
#[derive(Debug, Clone)]
pub struct Note {
    /// Index into [`Document::blocks`].
    pub block: usize,
    pub system: NoteSystem,
    pub label: String,
    /// Source range of the label as written (`[^1]:`, `10`, `[3]`, `�`).
    pub label_src: Range<usize>,
    pub body: NoteBody,
}

/// How a marker is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    /// `[^label]` that Markdown parsed as a reference.
    Markdown,
    /// `[^label]` left as text (no such definition, or not Markdown).
    MarkdownText,
    /// `<sup>3</sup>`, `<a href="#fn3">3</a>`.
    Html,
    /// `[3]`, one label of `[3, 4]` or `[3–5]`.
    Bracket,
    /// `¹²`.
    Superscript,
    /// Digits glued to a word (`them10`) or after closing punctuation
    /// (`denied.115`).
    Glued,
    /// U+FFFD where a superscript was.
    Mangled,
}

/// A note marker in the text.
#[derive(Debug, Clone)]
pub struct Marker {
    pub kind: MarkerKind,
    pub system: NoteSystem,
    pub label: String,
    pub prose: Range<usize>,
    pub src: Range<usize>,
    /// The first note of its system with its label (index into
    /// [`Document::notes`]).
    pub note: Option<usize>,
    /// Glued to a word (`them10`) rather than after punctuation.
    pub after_word: bool,
}

/// How many note numbers a glued marker may run ahead of the sequence
/// (markers lost to extraction before it).
const MAX_SKIPPED: u32 = 2;

/// A line that was meant to define a Markdown footnote but does not parse
/// as one: `[^4] text` (no colon), `[^ 4]: text` (space in the label).
#[derive(Debug, Clone)]
pub struct Malformed {
    pub label: String,
    pub src: Range<usize>,
}

/// The labels of a bracket list: `3`, `3, 4`, `3–5` (`03` is 3, `0` is 0).
pub fn bracket_labels(inner: &str) -> Option<Vec<String>> {
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
            let trimmed = part.trim_start_matches('0');
            labels.push(if trimmed.is_empty() { "0" } else { trimmed }.to_string());
        }
    }
    (!labels.is_empty()).then_some(labels)
}

/// The shape of a bracketed marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bracket<'t> {
    /// `[^label]`
    Caret(&'t str),
    /// `[3, 4]`
    List(Vec<String>),
}

/// A bracketed marker at the start of `text`: its length (brackets
/// included) and shape.
pub fn bracket_at(text: &str) -> Option<(usize, Bracket<'_>)> {
    let rest = text.strip_prefix('[')?;
    let close = rest.as_bytes().iter().take(MAX_BRACKET - 1).position(|&b| b == b']')?;
    let inner = &rest[..close];
    if inner.contains('\n') {
        return None;
    }
    if let Some(label) = inner.strip_prefix('^') {
        return (!label.is_empty()).then_some((close + 2, Bracket::Caret(label)));
    }
    bracket_labels(inner).map(|l| (close + 2, Bracket::List(l)))
}

/// Length of a bracketed marker at the start of `text` (what
/// [`bracket_at`] finds, without collecting the labels).
pub fn bracket_len(text: &str) -> Option<usize> {
    let rest = text.strip_prefix('[')?;
    let close = rest.as_bytes().iter().take(MAX_BRACKET - 1).position(|&b| b == b']')?;
    let inner = &rest[..close];
    if inner.contains('\n') {
        return None;
    }
    if let Some(label) = inner.strip_prefix('^') {
        return (!label.is_empty()).then_some(close + 2);
    }
    let part_ok = |part: &str| {
        let part = part.trim();
        match part.split_once(['-', '–']) {
            Some((a, b)) => match (a.trim().parse::<u32>(), b.trim().parse::<u32>()) {
                (Ok(a), Ok(b)) => b >= a && b - a <= 50,
                _ => false,
            },
            None => !part.is_empty() && part.len() <= 3 && part.bytes().all(|b| b.is_ascii_digit()),
        }
    };
    inner.split(',').all(part_ok).then_some(close + 2)
}

/// Length of a leading `[n] ` endnote label (1–3 digits, then a space).
pub fn bracket_note_label(text: &str) -> Option<usize> {
    let rest = text.strip_prefix('[')?;
    let n = rest.bytes().take_while(u8::is_ascii_digit).count();
    ((1..=3).contains(&n) && rest[n..].starts_with("] ")).then_some(n + 2)
}

/// What may follow a note number glued to the text.
const CLOSERS: &str = ".,;:!?)]”’\"'";

/// Whether the digits at `i..i + n` of `text` are a note number glued to
/// what precedes them: `Some(true)` right after a word of three or more
/// letters (`them10`, `UNIX3`, never `MiG-29`, `v2`, `G20`), `Some(false)`
/// after closing punctuation that follows a word (`interviewed.5`), and
/// always 1–3 digits, not starting with 0, ending the token. Decimals
/// (`2.5`), thousands (`3,175`) and codes after an abbreviation in capitals
/// (`CP.15`) never are. A number after a word is as often part of a name
/// (`PlayStation2`), so the marker scan takes it only where a note with that
/// number is near (see `find_markers`).
pub fn glued(text: &str, i: usize, n: usize) -> Option<bool> {
    if n == 0 || n > 3 || text.as_bytes().get(i) == Some(&b'0') {
        return None;
    }
    let tail = &text[i + n..];
    let after = tail.chars().next();
    // Inside brackets (`\cite[p.3]`, `[vol.2]`) a number is part
    // of what is bracketed.
    if !after.is_none_or(|c| c.is_whitespace() || CLOSERS.contains(c)) || after == Some(']') {
        return None;
    }
    // `4.5`, `4,500`: the number goes on.
    if after.is_some_and(|c| c == '.' || c == ',') && tail[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let head = &text[..i];
    let prev = head.chars().next_back()?;
    if prev.is_alphabetic() {
        let word = head.chars().rev().take_while(|c| c.is_alphabetic()).count();
        let len: usize = head.chars().rev().take(word).map(char::len_utf8).sum();
        let start_char = head[..head.len() - len].chars().next_back();
        if word < 3 || start_char.is_some_and(|c| c == '_' || c.is_ascii_digit()) {
            return None;
        }
        // `"cmr7"`: a string in code.
        if let Some(q) = start_char.filter(|c| "\"'`".contains(*c)) {
            if after == Some(q) {
                return None;
            }
        }
        return Some(true);
    }
    // Closing punctuation after a word, a closed parenthesis or quote
    // (`(2002).5`), or a quote closed after a stop (`revolution.”5`).
    let mut rev = head.chars().rev();
    let p1 = rev.next()?;
    if !".,;:!?)”’\"'".contains(p1) {
        return None;
    }
    // After a comma, colon or semicolon the number ends the token with a
    // space (`age,1 and`); `name,1,` and `x,7);` are arguments in code.
    if ",;:".contains(p1) && !after.is_none_or(char::is_whitespace) {
        return None;
    }
    let p2 = rev.next()?;
    if p2.is_alphabetic() {
        // `A.1` (a section), `CP.15`, `ECHR.3` (codes): not the end of a clause.
        let word: Vec<char> =
            head[..head.len() - p1.len_utf8()].chars().rev().take_while(|c| c.is_alphabetic()).collect();
        let caps = word.iter().all(|c| c.is_uppercase());
        let joined =
            head[..head.len() - p1.len_utf8() - word.iter().map(|c| c.len_utf8()).sum::<usize>()].ends_with(['-', '_']);
        let section = word.len() < 2 && !joined;
        return (!(p1 == '.' && (section || (caps && !joined)))).then_some(false);
    }
    if ")”’\"'".contains(p2) {
        return Some(false);
    }
    let quote_after_stop = "”’\"')".contains(p1) && ".,;:!?".contains(p2);
    (quote_after_stop && rev.next().is_some_and(char::is_alphabetic)).then_some(false)
}

/// `[^a-z]`, `[^A-Za-z0-9_]`, `[^\s,]`: a negated character class of a
/// pattern written in prose, not a footnote label. A label is one when it
/// holds a range (`a-z`, `0-9`) whose ends are single characters, or an
/// escape such as `\s`.
pub fn is_character_class(label: &str) -> bool {
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

/// A label a writer would choose: letters, digits and `_ . : -` (patterns
/// such as `[^_[:alnum:]]` or `[^()]` have others).
fn is_plain_label(label: &str) -> bool {
    let label = label.trim();
    !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || "_.:-".contains(c))
}

/// A bracketed list that is code or maths, not a citation: an argument of
/// a TeX command (`\qbezier[20]`), one bracket after another (`[1,2][3,4]`,
/// `{x}[2]`), or an interval (`[0, 1]`).
fn is_code_bracket(before: &str, labels: &[String]) -> bool {
    // `.[2][3]`: a chain of citations is as code as its first link.
    let mut before = before;
    while let Some(open) = before.strip_suffix(']').and_then(|b| b.rfind('[')) {
        let inner = &before[open + 1..before.len() - 1];
        if bracket_labels(inner).is_none() {
            return true;
        }
        before = &before[..open];
    }
    if before.ends_with(['}', ')']) {
        return true;
    }
    let word = before.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '@' || c == '*');
    if word.len() < before.len() && word.ends_with('\\') {
        return true;
    }
    labels.len() > 1 && labels.iter().any(|l| l == "0")
}

/// A paragraph of running prose rather than an entry of a reference list:
/// twenty words or more and no year.
fn is_prose_paragraph(text: &str) -> bool {
    !has_year(text) && text.split_whitespace().nth(19).is_some()
}

/// A year (1800–2099) standing alone among the digits of `text`: what
/// citations and bibliography entries carry.
pub(super) fn has_year(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(4).enumerate().any(|(i, w)| {
        (w.starts_with(b"19") || w.starts_with(b"20") || w.starts_with(b"18"))
            && w.iter().all(u8::is_ascii_digit)
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit())
    })
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

/// The form in which labels of `system` match. GitHub matches Markdown
/// labels as CommonMark matches link labels: runs of whitespace are one
/// space and case is folded (`[^AB]` cites `[^aB]:`, `[^STRASSE]` cites
/// `[^straße]:`); escapes are kept as written. Numbers match as written.
pub fn label_key(system: NoteSystem, label: &str) -> String {
    if system != NoteSystem::Markdown {
        return label.to_string();
    }
    let collapsed = label.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.to_lowercase().to_uppercase()
}

fn system_of_label(raw: &str, label: &str) -> NoteSystem {
    if raw.starts_with("[^") {
        NoteSystem::Markdown
    } else if raw.starts_with('[') {
        NoteSystem::Bracket
    } else if label == "\u{fffd}" {
        NoteSystem::Mangled
    } else {
        NoteSystem::Numbered
    }
}

/// Finds the bytes that can start a marker: '[', the lead bytes of
/// superscript digits (C2 B2/B3/B9, E2 81 xx) and of U+FFFD (EF BF BD), and
/// a digit right after closing punctuation (or, in a document with numbered
/// notes, after a letter): where a glued note number can be. Most text is
/// none of these, so it is skipped 32 bytes at a time with a branch-free
/// test of comparisons the compiler vectorises.
pub(crate) struct Scan {
    /// Digits after letters are candidates too (1) or not (0).
    letters: u8,
}

impl Scan {
    /// A scan for a document; `letters`: also digits after letters (glued
    /// to words), which only documents with numbered notes need.
    pub(crate) fn new(letters: bool) -> Scan {
        Scan { letters: u8::from(letters) }
    }

    /// Whether byte `b` can start a marker, given the two bytes before it
    /// (`p`, `p2`) and the one after (`n`): 1 or 0, in byte arithmetic so
    /// that a chunk of tests vectorises.
    #[inline(always)]
    fn test(&self, b: u8, p: u8, p2: u8, n: u8) -> u8 {
        let eq = |x: u8, y: u8| u8::from(x == y);
        // `[`, superscripts (C2 B2/B3/B9, E2 81 xx) and U+FFFD (EF BF BD).
        let start = eq(b, b'[')
            | (eq(b, 0xC2) & (eq(n, 0xB2) | eq(n, 0xB3) | eq(n, 0xB9)))
            | (eq(b, 0xE2) & eq(n, 0x81))
            | (eq(b, 0xEF) & eq(n, 0xBF));
        let digit = u8::from(b.wrapping_sub(b'0') < 10);
        // Closing punctuation not after a digit (a decimal, thousands), and
        // the last bytes of ” and ’ (E2 80 9D/99).
        let punct = eq(p, b'.')
            | eq(p, b',')
            | eq(p, b';')
            | eq(p, b':')
            | eq(p, b'!')
            | eq(p, b'?')
            | eq(p, b')')
            | eq(p, b'"')
            | eq(p, b'\'');
        let closer = (punct & u8::from(p2.wrapping_sub(b'0') >= 10)) | eq(p, 0x9D) | eq(p, 0x99);
        let letter = self.letters
            & (u8::from(p.wrapping_sub(b'a') < 26) | u8::from(p.wrapping_sub(b'A') < 26) | u8::from(p >= 0x80));
        start | (digit & (closer | letter))
    }

    #[inline]
    pub(crate) fn is_start(&self, bytes: &[u8], i: usize) -> bool {
        let at = |k: usize| bytes.get(k).copied().unwrap_or(b' ');
        let back = |d: usize| if i >= d { bytes[i - d] } else { b' ' };
        self.test(bytes[i], back(1), back(2), at(i + 1)) != 0
    }

    /// The first candidate at or after `from`, or `bytes.len()`.
    pub(crate) fn next(&self, bytes: &[u8], from: usize) -> usize {
        const CHUNK: usize = 32;
        let mut i = from;
        while i < 2 && i < bytes.len() {
            if self.is_start(bytes, i) {
                return i;
            }
            i += 1;
        }
        while i + CHUNK < bytes.len() {
            let at = |d: isize| -> &[u8; CHUNK] {
                let k = (i as isize + d) as usize;
                bytes[k..k + CHUNK].try_into().expect("chunk of CHUNK bytes")
            };
            let chunk = at(0);
            // A cheap test of each byte alone rules out most chunks; the
            // full test (with the bytes around) runs on those it does not.
            let maybe = chunk.iter().fold(0u8, |any, &b| {
                any | u8::from(b == b'[')
                    | u8::from(b == 0xC2)
                    | u8::from(b == 0xE2)
                    | u8::from(b == 0xEF)
                    | u8::from(b.wrapping_sub(b'0') < 10)
            });
            if maybe != 0 {
                let (p, p2, n) = (at(-1), at(-2), at(1));
                let mut any = 0u8;
                for k in 0..CHUNK {
                    any |= self.test(chunk[k], p[k], p2[k], n[k]);
                }
                if any != 0 {
                    break;
                }
            }
            i += CHUNK;
        }
        (i..bytes.len()).find(|&k| self.is_start(bytes, k)).unwrap_or(bytes.len())
    }
}

/// Notes of the document's note blocks (malformed Markdown ones aside).
fn notes_of(doc: &Document) -> Vec<Note> {
    let text = doc.source.text();
    let mut notes = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate().filter(|(_, b)| b.kind == BlockKind::Note) {
        let (Some(label), Some(label_src)) = (&b.label, &b.label_src) else { continue };
        let raw = &text[label_src.clone()];
        let system = system_of_label(raw, label);
        if system == NoteSystem::Markdown && raw.contains(char::is_whitespace) {
            continue; // `[^ 5]:` is dropped by renderers: a malformed definition
        }
        let prose = doc.prose[b.prose.clone()].trim_start();
        let body = NoteBody::of(prose.strip_prefix(raw.trim_end_matches(':')).unwrap_or(prose));
        notes.push(Note { block: i, system, label: label.clone(), label_src: label_src.clone(), body });
    }
    notes
}

fn malformed_of(doc: &Document) -> Vec<Malformed> {
    if doc.format != Format::Markdown {
        return Vec::new();
    }
    let mut out = Vec::new();
    let source = doc.source.text();
    let parsed: HashSet<usize> =
        doc.note_refs.iter().filter(|r| r.kind == RefKind::Markdown).map(|r| r.prose.start).collect();
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
        // A definition starts a line with `[^`: only lines starting so are read.
        if memchr::memmem::find(text.as_bytes(), b"[^").is_none() {
            continue;
        }
        let line_starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        for start in line_starts {
            let line = &text[start..];
            let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
            let line = &line[lead..];
            let Some((len, Bracket::Caret(label))) = bracket_at(line) else { continue };
            let p = b.prose.start + start + lead;
            // `[^Doh] Ray Me…` where `[^Doh]:` is defined is a reference
            // that starts a line.
            if parsed.contains(&p) {
                continue;
            }
            let after = &line[len..];
            let spaced = label.trim() != label || label.contains(' ');
            if after.starts_with(':') && !spaced {
                continue; // a well-formed definition pulldown-cmark kept as text (inside a list, say)
            }
            if !(after.starts_with([' ', '\t', ':']) || after.is_empty()) {
                continue;
            }
            out.push(Malformed { label: label.trim().to_string(), src: doc.src_range(p..p + len) });
        }
    }
    out
}

impl Document {
    /// Reads notes and finds markers: runs once, after parsing and before
    /// sentences are split.
    pub(super) fn recognise_notes(&mut self, lex: &Lexicon) {
        self.notes = notes_of(self);
        self.malformed = malformed_of(self);
        let markers = self.find_markers(lex);
        self.markers = markers;
    }

    fn find_markers(&self, lex: &Lexicon) -> Vec<Marker> {
        let doc = self;
        let source = doc.source.text();
        // Notes by label, in order; numbering that restarts (per page, per
        // chapter) gives one label several notes.
        let mut index: HashMap<(NoteSystem, String), Vec<usize>> = HashMap::new();
        for (i, n) in doc.notes.iter().enumerate() {
            index.entry((n.system, label_key(n.system, &n.label))).or_default().push(i);
        }
        // A marker points to the first note of its label after it (notes
        // follow what cites them), or to the last one before it.
        let note_of = |system: NoteSystem, label: &str, at: usize| {
            let all = index.get(&(system, label_key(system, label)))?;
            // Numbering per page: the note on the marker's page, or on the
            // next (a note carried over).
            if all.len() > 1 && !doc.page_breaks.is_empty() {
                let page = doc.page_of(at);
                let on = |p: usize| all.iter().copied().find(|&n| doc.page_of(doc.notes[n].label_src.start) == p);
                if let Some(n) = on(page).or_else(|| on(page + 1)) {
                    return Some(n);
                }
            }
            let k = all.partition_point(|&n| doc.notes[n].label_src.start < at);
            all.get(k).or(all.last()).copied()
        };
        let marker = |kind, system, label: String, prose: Range<usize>, src: Range<usize>| Marker {
            kind,
            system,
            note: note_of(system, &label, src.start),
            label,
            prose,
            src,
            after_word: false,
        };
        // Whether a note numbered `label` is on the page of source offset `at`.
        let on_page = |label: &str, at: usize| {
            !doc.page_breaks.is_empty()
                && index.get(&(NoteSystem::Numbered, label.to_string())).is_some_and(|all| {
                    all.iter().any(|&n| doc.page_of(doc.notes[n].label_src.start) == doc.page_of(at))
                })
        };
        // The number of the last numbered marker read: a number glued to a
        // word is a marker when it comes next in sequence or its note is on
        // the same page.
        let mut last = 0u32;
        let mut markers = Vec::new();
        let mut ahead = Vec::new();
        // `[^ 1]` beside a malformed `[^ 1]:` definition is explained by
        // that finding.
        let malformed_labels: HashSet<&str> = doc.malformed.iter().map(|m| m.label.as_str()).collect();
        for r in &doc.note_refs {
            let (kind, system, label) = match r.kind {
                // As written: `[^ 5]` does not match `[^5]:` for GFM renderers.
                RefKind::Markdown => {
                    let raw = &source[r.src.clone()];
                    let label = raw.strip_prefix("[^").and_then(|x| x.strip_suffix(']')).unwrap_or(&r.label);
                    if label.contains(char::is_whitespace) && malformed_labels.contains(label.trim()) {
                        continue;
                    }
                    (MarkerKind::Markdown, NoteSystem::Markdown, label.to_string())
                }
                RefKind::Html => (MarkerKind::Html, NoteSystem::Numbered, r.label.clone()),
            };
            markers.push(marker(kind, system, label, r.prose.clone(), r.src.clone()));
        }
        let numbered: HashSet<&str> =
            doc.notes.iter().filter(|n| n.system == NoteSystem::Numbered).map(|n| n.label.as_str()).collect();
        // The first note's number comes first even when numbering does not
        // start at 1 (an excerpt, a chapter). After that, only the next
        // number: a gap in the notes is no licence to read `utf3` as
        // note 3.
        let first_note = numbered.iter().filter_map(|l| l.parse::<u32>().ok()).min();
        let malformed_at: HashSet<usize> = doc.malformed.iter().map(|m| m.src.start).collect();
        // `[4]` cites entry `4.` (or the fourth `^ …`) of a references list
        // when there are no `[4]` notes: an encyclopedia page as text.
        let is_list_label = |raw: &str| raw == "^" || raw == "↑" || raw.ends_with(['.', ')']);
        let bracket_system = if !doc.notes.iter().any(|n| n.system == NoteSystem::Bracket)
            && doc.notes.iter().any(|n| n.system == NoteSystem::Numbered && is_list_label(&source[n.label_src.clone()]))
        {
            NoteSystem::Numbered
        } else {
            NoteSystem::Bracket
        };
        let known: Vec<Range<usize>> = doc.note_refs.iter().map(|r| r.prose.clone()).collect();
        let scan = Scan::new(!numbered.is_empty());
        // `[^x]` written out is a Markdown reference only where Markdown
        // notes can be: elsewhere it is a pattern (`[^()]`).
        let markdown_notes =
            doc.format == Format::Markdown || doc.notes.iter().any(|n| n.system == NoteSystem::Markdown);
        // `known` is sorted by start (refs are recorded in reading order).
        let covered = |p: usize| {
            let k = known.partition_point(|k| k.start <= p);
            k > 0 && p < known[k - 1].end
        };
        for b in &doc.blocks {
            // Text under a notes heading that is not a note (a paragraph
            // after the list) may cite notes too, but its numbers are
            // volumes and years, never glued markers.
            let body = !matches!(b.kind, BlockKind::Note | BlockKind::PageDebris);
            // Under a notes heading, only prose (a long paragraph with no
            // year in it: not a bibliography entry) is read for glued
            // markers; a section merely titled "Bibliography" in a manual
            // is such prose.
            let running = b.section == Section::Body
                || b.kind == BlockKind::Paragraph && is_prose_paragraph(&doc.prose[b.prose.clone()]);
            let text = &doc.prose[b.prose.clone()];
            let base = b.prose.start;
            // Textual [^label] in every block: references Markdown did not
            // parse (undefined ones, or any outside Markdown).
            for i in memchr::memmem::find_iter(text.as_bytes(), b"[^") {
                let p = base + i;
                if covered(p) {
                    continue;
                }
                let Some((len, Bracket::Caret(label))) = bracket_at(&text[i..]) else { continue };
                if is_character_class(label) || !(markdown_notes && is_plain_label(label)) {
                    continue;
                }
                let src = doc.src_range(p..p + len);
                // `\[^1]` is literal by intent.
                let escaped = source[src.start..].starts_with('\\') || source[..src.start].ends_with('\\');
                let label = label.trim().to_string();
                if malformed_at.contains(&src.start) || escaped {
                    continue;
                }
                markers.push(marker(MarkerKind::MarkdownText, NoteSystem::Markdown, label, p..p + len, src));
            }
            // A note's text may cite a reference (`see [3]`): only brackets
            // are read there, never its own label.
            let note_text = b.kind == BlockKind::Note;
            if !body && !note_text {
                continue;
            }
            let bytes = text.as_bytes();
            let mut i = if note_text { text.len() - text.trim_start().len() } else { 0 };
            if note_text && text[i..].starts_with('[') {
                i += bracket_at(&text[i..]).map_or(1, |(len, _)| len);
            }
            while i < text.len() {
                i = scan.next(bytes, i);
                if i >= text.len() {
                    break;
                }
                let c = text[i..].chars().next().unwrap_or(' ');
                let clen = c.len_utf8();
                let p = base + i;
                if covered(p) {
                    i += clen;
                    continue;
                }
                // [3], [3, 4], [3–5]
                if c == '[' {
                    if let Some((len, Bracket::List(labels))) = bracket_at(&text[i..]) {
                        if is_code_bracket(&text[..i], &labels) {
                            i += len;
                            continue;
                        }
                        let src = doc.src_range(p..p + len);
                        for label in labels {
                            markers.push(marker(MarkerKind::Bracket, bracket_system, label, p..p + len, src.clone()));
                        }
                        i += len;
                        continue;
                    }
                    i += 1;
                    continue;
                }
                if note_text {
                    i += clen;
                    continue;
                }
                if superscript_digit(c).is_some() {
                    let run: usize =
                        text[i..].chars().take_while(|&c| superscript_digit(c).is_some()).map(char::len_utf8).sum();
                    let before = text[..i].chars().next_back();
                    let word: String = text[..i]
                        .chars()
                        .rev()
                        .take_while(|c| c.is_alphabetic())
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    // A superscript after a digit or a unit (`10⁶`, `m²`) is an exponent.
                    let exponent = before.is_some_and(|c| c.is_ascii_digit()) || lex.exponent_symbols.contains(&word);
                    // After a letter (`mc²`) only when a note can match it.
                    let label = superscript_number(&text[i..i + run]);
                    let power = before.is_some_and(char::is_alphabetic) && !numbered.contains(label.as_str());
                    if !exponent && !power {
                        if let Ok(n) = label.parse() {
                            last = n;
                        }
                        let src = doc.src_range(p..p + run);
                        markers.push(marker(MarkerKind::Superscript, NoteSystem::Numbered, label, p..p + run, src));
                    }
                    i += run;
                    continue;
                }
                if c == '\u{fffd}' {
                    if is_marker_position(text, i) && !doc.source.is_decoding_replacement(doc.src_start(p)) {
                        last += 1;
                        let src = doc.src_range(p..p + clen);
                        markers.push(marker(
                            MarkerKind::Mangled,
                            NoteSystem::Mangled,
                            "\u{fffd}".into(),
                            p..p + clen,
                            src,
                        ));
                    }
                    i += clen;
                    continue;
                }
                if c.is_ascii_digit() {
                    let n = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                    if !running {
                        i += n;
                        continue;
                    }
                    // Glued to a word only when a note has that number;
                    // after punctuation the shape alone tells. The byte
                    // before rules most digits out before anything is read.
                    let label = &text[i..i + n];
                    let prev = if i > 0 { bytes[i - 1] } else { b' ' };
                    let after_letter = prev.is_ascii_alphabetic() || prev >= 0x80;
                    // Punctuation after a digit is a decimal or a thousands
                    // separator (`2.5`, `3,175`), never a glued marker.
                    let after_digit = i >= 2 && bytes[i - 2].is_ascii_digit();
                    let after_closer = (b".,;:!?)\"'".contains(&prev) && !after_digit) || (prev >= 0x80 && i >= 3);
                    let worth = (after_letter && numbered.contains(label)) || after_closer;
                    let value: u32 = label.parse().unwrap_or(0);
                    match if worth { glued(text, i, n) } else { None } {
                        Some(true) if numbered.contains(label) => {
                            let src = doc.src_range(p..p + n);
                            if value == last + 1
                                || (last == 0 && Some(value) == first_note)
                                || on_page(label, src.start)
                            {
                                last = value;
                                let mut m =
                                    marker(MarkerKind::Glued, NoteSystem::Numbered, label.to_string(), p..p + n, src);
                                m.after_word = true;
                                markers.push(m);
                            } else if value > last && value <= last + MAX_SKIPPED + 1 {
                                // A little ahead of the sequence (a marker
                                // before it was lost or mangled): a marker
                                // if nothing else cites that note.
                                let mut m =
                                    marker(MarkerKind::Glued, NoteSystem::Numbered, label.to_string(), p..p + n, src);
                                m.after_word = true;
                                ahead.push(m);
                            }
                        }
                        Some(false) => {
                            if numbered.contains(label) {
                                last = value;
                            }
                            let src = doc.src_range(p..p + n);
                            markers.push(marker(
                                MarkerKind::Glued,
                                NoteSystem::Numbered,
                                label.to_string(),
                                p..p + n,
                                src,
                            ));
                        }
                        _ => {}
                    }
                    i += n;
                    continue;
                }
                i += clen;
            }
        }
        let cited: HashSet<&str> =
            markers.iter().filter(|m| m.system == NoteSystem::Numbered).map(|m| m.label.as_str()).collect();
        let mut seen = HashSet::new();
        let ahead: Vec<Marker> =
            ahead.into_iter().filter(|m| !cited.contains(m.label.as_str()) && seen.insert(m.label.clone())).collect();
        markers.extend(ahead);
        markers.sort_by_key(|m| m.src.start);
        markers
    }

    /// The markers whose prose starts inside `prose` (its end included: a
    /// marker right after a sentence's last character closes it).
    pub fn markers_in(&self, prose: Range<usize>) -> &[Marker] {
        let a = self.markers.partition_point(|m| m.prose.start < prose.start);
        let b = self.markers.partition_point(|m| m.prose.start <= prose.end);
        &self.markers[a..b.max(a)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_links_are_not_note_text() {
        assert_eq!(strip_backlinks("^ a b Marsh, Eda (1990)."), "Marsh, Eda (1990).");
        assert_eq!(strip_backlinks("^ 1.0 1.1 Marsh (1990)."), "Marsh (1990).");
        assert_eq!(strip_backlinks("↑ Lund (2011)."), "Lund (2011).");
        // One citing place has no letter: "a" is the note's first word.
        assert_eq!(strip_backlinks("^ a study of 1990."), "a study of 1990.");
        assert_eq!(strip_backlinks("^"), "");
        assert_eq!(NoteBody::of("^ a b"), NoteBody::Empty);
        assert_eq!(NoteBody::of("Marsh, a b c"), NoteBody::Text);
    }

    #[test]
    fn a_note_may_cite_a_reference_and_a_manual_may_talk_about_bibliographies() {
        let text = "The verse is set with a package.1\n\n1 See the verse package [2] for more.\n\n\
                    Bibliography\n\nThis section explains how the class typesets a bibliography and what \
                    the options change for the reader of the document.2 Nothing else is needed.\n\n\
                    2 The options are described in the package manual.\n";
        let doc = Document::from_text("t.txt", Format::Plain, text);
        let labels: Vec<(MarkerKind, &str)> = doc.markers.iter().map(|m| (m.kind, m.label.as_str())).collect();
        assert_eq!(labels, [(MarkerKind::Glued, "1"), (MarkerKind::Bracket, "2"), (MarkerKind::Glued, "2")]);
    }

    #[test]
    fn superscript_digits_round_trip() {
        for d in 0..10 {
            assert_eq!(superscript_digit(superscript_char(d)), Some(d));
        }
    }

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
    fn bracket_shapes_have_one_limit() {
        assert_eq!(bracket_at("[^note] x"), Some((7, Bracket::Caret("note"))));
        assert_eq!(bracket_len("[3, 4]."), Some(6));
        assert_eq!(bracket_len("[^]"), None);
        assert_eq!(bracket_len("[^a\nb]"), None);
        assert_eq!(bracket_len(&format!("[^{}]", "x".repeat(MAX_BRACKET - 3))), Some(MAX_BRACKET));
        assert_eq!(bracket_len(&format!("[^{}]", "x".repeat(MAX_BRACKET - 2))), None);
        assert_eq!(bracket_len("[2010]"), None, "a year is not a note number");
        // The length agrees with the labelled shape, whatever the input.
        for t in ["[1]", "[3, 4]", "[3–5]", "[5-3]", "[1-99]", "[^x]", "[]", "[a]", "[1,,2]", "[ 7 ]", "[0, 1]"] {
            assert_eq!(bracket_len(t), bracket_at(t).map(|(n, _)| n), "{t}");
        }
    }

    #[test]
    fn glued_numbers_need_a_word_before_them() {
        // The last run of digits in `text`.
        let at = |text: &str| {
            let end = text.rfind(|c: char| c.is_ascii_digit()).unwrap() + 1;
            let i = text[..end].trim_end_matches(|c: char| c.is_ascii_digit()).len();
            glued(text, i, end - i)
        };
        assert_eq!(at("between them10."), Some(true));
        assert_eq!(at("it was denied.115 The"), Some(false));
        assert_eq!(at("years of age,1 and"), Some(false));
        assert_eq!(at("the revolution.”5 Next"), Some(false));
        assert_eq!(at("(Evans 2002).5 Then"), Some(false));
        for no in [
            "MiG-29 jets",
            "(see 2002)5 x",
            "COVID-19.",
            "a v2 plan",
            "cost 2.5 m",
            "3,175 loans",
            "T-72",
            "see.05 x",
            "G20 summit",
        ] {
            assert_eq!(at(no), None, "{no}");
        }
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
        for (k, piece) in ["7", "[", "¹", "�", "²³", "x", "⁴", "them10", "said.5", "”4", "2.5"].iter().enumerate()
        {
            text.push_str(&"a".repeat(k * 7)); // shifts each piece against the chunks
            text.push_str(filler);
            text.push_str(piece);
        }
        let bytes = text.as_bytes();
        for letters in [false, true] {
            let scan = Scan::new(letters);
            let mut expected = Vec::new();
            let mut found = Vec::new();
            for from in 0..bytes.len() {
                expected.push((from..bytes.len()).find(|&k| scan.is_start(bytes, k)).unwrap_or(bytes.len()));
                found.push(scan.next(bytes, from));
            }
            assert_eq!(found, expected, "letters {letters}");
            // The lead byte of every superscript and U+FFFD (not of dashes
            // and quotes), the bracket, the digits after punctuation
            // (said.5, ”4) and, with letters, after a word (them10); never
            // the 7 after a space.
            let hits = (0..bytes.len()).filter(|&i| scan.is_start(bytes, i)).count();
            assert_eq!(hits, 5 + 1 + 2 + usize::from(letters), "letters {letters}");
        }
    }

    #[test]
    fn a_glued_number_ahead_of_the_sequence_is_a_marker_only_for_an_uncited_note() {
        let labels = |text: &str| {
            let doc = Document::from_text("t.txt", Format::Plain, text);
            doc.markers.iter().map(|m| m.label.clone()).collect::<Vec<_>>()
        };
        let notes = "\n\n1 A. Evans, Forced Miracles (2002).\n\n2 B. Evans, Later Miracles (2004).\n\n3 C. Evans, Last Miracles (2006).\n";
        // Marker 2 was lost: `market3` is note 3, once.
        assert_eq!(labels(&format!("First.¹ Then at the market3, and later.{notes}")), ["1", "3"]);
        // Note 3 is cited elsewhere: `utf3` is a name.
        assert_eq!(labels(&format!("First.¹ The utf3 mode. Then.² More.³{notes}")), ["1", "2", "3"]);
        // Too far ahead to be a lost marker or two.
        assert!(!labels(&format!("First.¹ A mode9 run.{notes}\n9 D. Evans, No Miracles (2008).\n"))
            .contains(&"9".to_string()));
    }

    #[test]
    fn markers_of_every_kind_are_found_once() {
        let doc = Document::from_text(
            "t.txt",
            Format::Plain,
            "Exports rose 12% in 2021, between them1. Prices fell.² Rents rose.[3] It was denied.115 Then\nversion10 shipped.\n\n1 A. Evans, Forced Miracles (2002).\n\n4 C. Evans, Miracles (2003).\n\n10 B. Evans, Later Miracles (2004).\n",
        );
        let kinds: Vec<(MarkerKind, &str, bool)> =
            doc.markers.iter().map(|m| (m.kind, m.label.as_str(), m.note.is_some())).collect();
        assert_eq!(
            kinds,
            [
                (MarkerKind::Glued, "1", true),
                (MarkerKind::Superscript, "2", false),
                (MarkerKind::Bracket, "3", false),
                (MarkerKind::Glued, "115", false),
            ]
        );
        // No figure or year is a marker, nor a number glued to a word out
        // of sequence ("version10" when note 4 comes next) even though note
        // 10 exists.
        assert!(doc.markers.iter().all(|m| m.label != "12" && m.label != "2021" && m.label != "10"));
    }
}
