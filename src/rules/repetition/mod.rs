//! `repetition/*`: repeated and near-repeated sentences, in a document and
//! across the corpus.
//!
//! Per document (parallel): every eligible sentence, and every long clause of
//! one, becomes a *unit* with a fingerprint (exact hash, MinHash signature,
//! numbers-and-names hash). Repeats inside the document are found here, with
//! exact scores, and so are restatements (containment of content words).
//! The units go to the corpus phase as facts of a few dozen bytes each — no
//! text — where repeats across documents are joined by hash: exact hashes
//! through one map, near-duplicates through LSH band keys sorted band by band,
//! never by comparing all pairs. Rules run in order (exact, near, restated):
//! a sentence reported by one is not reported again by the next.

pub mod fingerprint;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use fingerprint::{exact_hash, hash_str, names_of, signature, NameFlags, K};

use crate::diagnostic::{Related, RuleDef, Span};
use crate::document::{BlockKind, Document, Section, Sentence};
use crate::rules::{CorpusDoc, CorpusSink, RuleSet, Sink};
use crate::source::FileId;
use crate::text::code::{is_code_word, is_markup_code, trim_word};
use crate::text::lexicon::Lexicon;
use crate::text::tokens::for_each_token;

crate::family_rules! {
    trait RepetitionRule(a: &mut Analysis<'_>);
    corpus(c: &mut Corpus<'_>);
    boilerplate::Boilerplate,
    exact_sentence::ExactSentence,
    near_duplicate::NearDuplicate,
    restated_sentence::RestatedSentence,
}

/// A repetition rule: a question about the document's units, and maybe about
/// the corpus's.
pub trait RepetitionRule: RuleDef {
    fn check(a: &mut Analysis<'_>, options: &Self::Options, out: &mut Sink<'_>);

    fn check_corpus(_c: &mut Corpus<'_>, _options: &Self::Options, _out: &mut CorpusSink<'_>) {}
}

/// Keys here are hashes already: hashing them again (SipHash) is waste.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// The fact one unit (a sentence or a long clause of one) contributes: 72
/// bytes, no text. The span is in stored bytes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnitFact {
    pub exact: u64,
    pub sig: [u16; K],
    pub names: u32,
    /// The sentence's span (shared by its clause units).
    pub start: u32,
    pub end: u32,
    pub clause: bool,
    /// Already reported as a repeat inside its own document.
    pub local: bool,
    /// Under a record heading (a version or a date: a changelog entry).
    #[serde(default)]
    pub record: bool,
    #[serde(default)]
    pub negations: u8,
    /// A copy of a template of its document (see [`TEMPLATE_COPIES`]).
    #[serde(default)]
    pub template: bool,
    /// The title of its section, hashed (0: none; see [`sections_of`]).
    #[serde(default)]
    pub section: u32,
    /// Its word set in [`Facts::words`]: `words_len` entries from `words_at`
    /// (none when near-duplicate is off, or in facts of an older version).
    #[serde(default)]
    pub words_at: u32,
    #[serde(default)]
    pub words_len: u16,
    /// See [`Unit::links`].
    #[serde(default)]
    pub links: u32,
}

/// A sentence, or a long clause of one, fingerprinted.
pub struct Unit {
    /// Index into `doc.sentences`.
    pub sentence: usize,
    /// Word count.
    pub len: usize,
    /// Token hashes (sorted only when a candidate pair needs its score).
    pub hashes: Vec<u64>,
    pub exact: u64,
    pub sig: [u16; K],
    pub names: u32,
    pub clause: bool,
    /// How many negations it has: one more or fewer is another statement.
    pub negations: u8,
    /// Its sentence's link targets (see [`link_targets`]).
    pub links: u32,
}

/// What the restatement rule knows of a sentence.
pub struct Content {
    pub sentence: usize,
    /// Word count.
    pub len: usize,
    /// Sorted set of stemmed content words.
    pub words: Vec<u64>,
    /// Sorted set of its numbers, names and code: a sentence that brings a
    /// number, a name or code the earlier one lacks says something new.
    pub specifics: Vec<u64>,
    /// Sorted set of all its words, as written (not stemmed).
    pub tokens: Vec<u64>,
    pub negations: u8,
    /// See [`Unit::links`].
    pub links: u32,
    /// Its code words and quoted terms as wholes, sorted (see
    /// [`code_words`], [`quoted_terms`]).
    pub terms: Vec<u64>,
    /// Its content words that are neither numbers, names nor code, as
    /// (stem, token hash), in reading order.
    pub plain: Vec<(u64, u64)>,
}

/// Token hashes in reading order.
fn token_hashes(text: &str) -> Vec<u64> {
    let mut v = Vec::new();
    for_each_token(text, |t| v.push(hash_str(t.text)));
    v
}

pub fn sorted_set(mut v: Vec<u64>) -> Vec<u64> {
    v.sort_unstable();
    v.dedup();
    v
}

/// Sentences that count: running text of the body, not headings, notes,
/// reference lists, block quotations or page debris.
fn eligible(doc: &Document, s: &Sentence) -> bool {
    let b = &doc.blocks[s.block];
    matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem | BlockKind::TableCell)
        && b.section == Section::Body
        && !b.quoted
}

/// The sentence's reading text without note markers, and without quotations
/// when they are attributed ("…," says Dace).
///
/// Also the token hashes of its inline code: a sentence is long enough to
/// compare by its prose words alone, and code it names that the other
/// sentence lacks makes it a statement about something else. And its
/// words written like code, each as a whole (see [`code_words`]).
fn fingerprint_text<'d>(doc: &'d Document, s: &Sentence, lex: &Lexicon) -> (Cow<'d, str>, Vec<u64>, Vec<u64>) {
    let markers = doc.markers_in(s.prose.clone()).iter().filter(|m| m.prose.end <= s.prose.end);
    let mut text: Cow<'d, str> = doc.reading_text(s.prose.clone());
    if markers.clone().next().is_some() {
        let mut joined = String::new();
        let mut at = s.prose.start;
        // The labels of one `[3, 4]` share its range: each range once.
        for m in markers {
            if m.prose.start < at {
                continue;
            }
            joined.push_str(&doc.reading_text(at..m.prose.start));
            at = m.prose.end;
        }
        joined.push_str(&doc.reading_text(at..s.prose.end));
        text = Cow::Owned(joined);
    }
    // Inline code (U+FFFC in prose) is compared as written: "Deprecated the
    // `alpha` type" and "Deprecated the `beta` type" are two statements.
    let mut code = Vec::new();
    if text.contains('\u{fffc}') {
        let (with, hashes) = with_code(doc, s, &text);
        text = Cow::Owned(with);
        code = hashes;
    }
    // Inline code HTML spells out in the prose, and words written like
    // code in any format (`f_lines`, `--trace`, `.lz`, `$(call`).
    let k = doc.inline_code.partition_point(|r| r.end <= s.prose.start);
    for r in doc.inline_code[k..].iter().take_while(|r| r.start < s.prose.end) {
        let r = r.start.max(s.prose.start)..r.end.min(s.prose.end);
        for_each_token(&doc.prose[r], |t| code.push(hash_str(t.text)));
    }
    let mut terms = Vec::new();
    code_words(&text, &mut code, &mut terms);
    // U+FFFD stands for nothing a reader reads (lost in decoding or
    // extraction).
    if text.contains('\u{fffd}') {
        text = Cow::Owned(text.replace('\u{fffd}', ""));
    }
    if text.bytes().any(|b| b == b'"' || b == 0xE2) && text.contains(['"', '“']) {
        text = Cow::Owned(strip_attributed_quotes(&text, lex));
    }
    (text, code, terms)
}

/// `text` (the sentence's reading text) with each U+FFFC replaced by the
/// inline code it stands for, read from the source (nothing for a block).
fn with_code(doc: &Document, s: &Sentence, text: &str) -> (String, Vec<u64>) {
    let source = doc.source.text();
    let prose = &doc.prose[s.prose.clone()];
    let mut codes = prose.match_indices('\u{fffc}').map(|(i, c)| {
        let p = s.prose.start + i;
        let src = doc.src_range(p..p + c.len());
        // Inline code spans only (`alpha`); a code block or HTML in a note
        // stays out.
        let code = source.get(src).unwrap_or("");
        if code.len() >= 2 && code.starts_with('`') && code.ends_with('`') && !code.contains('\n') {
            code.trim_matches(|c: char| c == '`' || c.is_whitespace())
        } else {
            ""
        }
    });
    let mut out = String::with_capacity(text.len() + 16);
    let mut hashes = Vec::new();
    for piece in text.split_inclusive('\u{fffc}') {
        match piece.strip_suffix('\u{fffc}') {
            Some(before) => {
                out.push_str(before);
                let code = codes.next().unwrap_or("");
                // Spaced off, so `a``b` stays two tokens like the prose around.
                out.push(' ');
                out.push_str(code);
                out.push(' ');
                for_each_token(code, |t| hashes.push(hash_str(t.text)));
            }
            None => out.push_str(piece),
        }
    }
    (out, hashes)
}

/// Pushes the token hashes of the words of `text` written like code: an
/// identifier (`f_lines`, `getName`, `make.exe`), an option (`-l`,
/// `--trace`), a file type or special name (`.lz`), a call or variable
/// (`wait_for()`, `$(call`, `\\foo`), an assignment (`a=b`), or a word set in
/// single quotes (`'grouped-target'`, `` `-j' ``). Two sentences that
/// name different code say different things.
///
/// Each code word is also pushed to `terms` as a whole: its tokens are
/// compared one by one, the whole tells `w(b,a)` from `w(a,b)`.
fn code_words(text: &str, out: &mut Vec<u64>, terms: &mut Vec<u64>) {
    for chunk in text.split_whitespace() {
        let w = trim_word(chunk);
        if is_code_word(w) {
            for_each_token(w, |t| out.push(hash_str(t.text)));
            terms.push(hash_str(w));
        }
    }
}

/// Pushes the token hashes of the terms `text` sets in double quotes: a
/// name of one to three words (the grade “B+”, the plan "2.0 (family)",
/// "day rate"). A sentence about another quoted term says something
/// else, as one about other code does. Each term is also pushed to
/// `terms` as a whole, lower-cased: "full (single)" is not "full (family)"
/// in a sentence that has the words single and family.
fn quoted_terms(text: &str, out: &mut Vec<u64>, terms: &mut Vec<u64>) {
    if !text.contains(['"', '“']) {
        return;
    }
    let mut rest = text;
    while let Some(open) = rest.find(['"', '“']) {
        let after = &rest[open + rest[open..].chars().next().map_or(1, char::len_utf8)..];
        let Some(close) = after.find(['"', '”']) else { break };
        let term = &after[..close];
        if !term.is_empty() && term.len() <= 40 && term.split_whitespace().count() <= 3 {
            for_each_token(term, |t| out.push(hash_str(t.text)));
            terms.push(hash_str(&term.trim().to_lowercase()));
        }
        rest = &after[close + after[close..].chars().next().map_or(1, char::len_utf8)..];
    }
}

/// The link targets of sentence `s`, hashed together (0: it links
/// nowhere). "See [the guide](setup.md) for more." and "See [the
/// guide](themes.md) for more." send the reader to two places: two
/// sentences that both link, to different places, are no repeat (one that
/// links and one that does not may be: a text links a name once).
fn link_targets(doc: &Document, s: &Sentence) -> u32 {
    let k = doc.links.partition_point(|l| l.prose.end <= s.prose.start);
    let mut targets: Vec<u64> = doc.links[k..]
        .iter()
        .take_while(|l| l.prose.start < s.prose.end)
        .filter(|l| l.prose.start >= s.prose.start)
        .map(|l| hash_str(&l.url))
        .collect();
    if targets.is_empty() {
        return 0;
    }
    targets.sort_unstable();
    (exact_hash(&targets) as u32).max(1)
}

/// Two sentences that both link, to different places.
pub fn other_targets(a: u32, b: u32) -> bool {
    a != 0 && b != 0 && a != b
}

/// A statement: a sentence that ends as one (`.`, `!`, `?`, `…`, maybe
/// inside a closing quote or bracket). A title, a table-of-contents line, a
/// label ("Part 2: Methods") or a lead-in to a list or code ("… can be
/// used:") is repeated by design: the table of contents repeats each
/// heading, each example is introduced in the same words.
fn is_statement(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches([')', ']', '"', '\'', '”', '’', '»', '*', '_']);
    t.ends_with(['.', '!', '?', '…'])
}

/// A short question on a line of its own that opens its block: the title
/// of a section or of an FAQ entry ("What can you do for the club?"), which the contents list
/// and the heading each repeat, not a question asked in running text.
fn is_title_question(doc: &Document, s: &Sentence, text: &str) -> bool {
    if !text.trim_end().ends_with('?') || text.split_whitespace().count() > TITLE_QUESTION_WORDS {
        return false;
    }
    // A title opens its block: a question on a line of its own in the
    // middle of hard-wrapped prose is prose.
    let block_start = doc.blocks[s.block].prose.start;
    if doc.prose.get(block_start..s.prose.start).is_some_and(|t| !t.trim().is_empty()) {
        return false;
    }
    let source = doc.source.text();
    let (Some(before), Some(after)) = (source.get(..s.src.start), source.get(s.src.end..)) else { return false };
    // A line starts and ends at a line break, or at the gap between two
    // columns.
    let gap = |t: &str| t.starts_with("  ") || t.starts_with('\t');
    let line_end = gap(after) || after.trim_start_matches([' ', '\t', '\r']).chars().next().is_none_or(|c| c == '\n');
    let line_start = before.ends_with("  ")
        || before.ends_with('\t')
        || before.trim_end_matches([' ', '\t']).chars().next_back().is_none_or(|c| c == '\n');
    line_start && line_end
}

/// The most words of a question read as a title (see [`is_title_question`]).
const TITLE_QUESTION_WORDS: usize = 12;

/// A licence: a document where at least this share of the sentences name
/// "this License" (a licence text names itself in almost every clause; a
/// manual with a licence appendix, a README's licence section or an
/// article about licences stays far below). Its text is fixed by its authors and shared word for word
/// by every project that uses it, so the repetition rules leave it out.
pub const LICENCE_SHARE: f64 = 0.15;

/// ... and at least this many (a short page that quotes a licence notice
/// twice is no licence).
pub const LICENCE_MIN: usize = 5;

/// A sentence of a licence about itself: "this License", "This Licence".
fn names_itself(prose: &str) -> bool {
    ["this License", "This License", "this Licence", "This Licence"].iter().any(|p| prose.contains(p))
}

/// Licence language: a sentence that names "this License" or "the …
/// License" with the capital licences use for themselves. Licence texts
/// and their notices are copied into documents verbatim by design.
fn is_licence_text(prose: &str) -> bool {
    memchr::memmem::find(prose.as_bytes(), b"Licen").is_some()
        && prose.split(|c: char| !c.is_alphanumeric()).any(|w| w == "License" || w == "Licence")
}

/// A credit line: a sentence in parentheses that opens with a credit cue
/// ("(Contributed by Ada Lovelace in issue 812.)").
fn is_credit(text: &str, lex: &Lexicon) -> bool {
    let t = text.trim();
    let Some(inner) = t.strip_prefix('(') else { return false };
    if !(t.ends_with(')') || t.ends_with(").") || t.ends_with(".)")) {
        return false;
    }
    let lower = inner.trim_start().to_lowercase();
    lex.credit_cues.words().iter().any(|cue| lower.starts_with(cue.as_str()))
}

fn strip_attributed_quotes(text: &str, lex: &Lexicon) -> String {
    let mut outside = String::new();
    let mut depth = false;
    for c in text.chars() {
        match c {
            '“' | '”' | '"' if c == '“' || (c == '"' && !depth) => depth = true,
            '”' | '"' => depth = false,
            _ if !depth => outside.push(c),
            _ => {}
        }
    }
    let attributed =
        outside.split(|c: char| !c.is_alphabetic()).any(|w| lex.attribution_verbs.contains_lower(&w.to_lowercase()));
    if attributed && outside.len() < text.len() {
        outside
    } else {
        text.to_string()
    }
}

/// Stop words by token hash, behind a 1024-bit filter: most words are not
/// stop words, and a bit test tells so without a hash-map lookup.
struct StopWords {
    filter: [u64; 16],
    set: IdMap<u64, ()>,
}

impl StopWords {
    fn new(lex: &Lexicon) -> StopWords {
        let set: IdMap<u64, ()> = lex.stopwords.words().iter().map(|w| (hash_str(w), ())).collect();
        let mut filter = [0u64; 16];
        for h in set.keys() {
            filter[(h >> 6 & 15) as usize] |= 1 << (h & 63);
        }
        StopWords { filter, set }
    }

    fn contains(&self, h: u64) -> bool {
        self.filter[(h >> 6 & 15) as usize] & 1 << (h & 63) != 0 && self.set.contains_key(&h)
    }
}

/// Entries the stem cache may hold before it is cleared (16 bytes each).
const STEM_CACHE: usize = 1 << 20;

thread_local! {
    /// Stems (English Snowball) by token hash, kept across the documents a
    /// thread checks: prose reuses its vocabulary, so most words are
    /// stemmed once per thread instead of once per document.
    static STEMS: std::cell::RefCell<IdMap<u64, u64>> = std::cell::RefCell::new(IdMap::default());
}

/// Per-document facts: the units, for joins across documents.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Facts {
    pub units: Vec<UnitFact>,
    /// The word sets of the units, one after another: each sorted, 16 bits
    /// of each word's hash (see [`fingerprint::short_set`]), so a pair
    /// across documents is scored exactly rather than estimated from the
    /// signatures (two words share 16 bits with probability 2⁻¹⁶).
    #[serde(default)]
    pub words: Vec<u16>,
    /// Technical documentation (see [`Document::technical`]).
    #[serde(default)]
    pub technical: bool,
}

/// The repetition family, for the enabled rules of a run.
pub struct Family {
    enabled: Enabled,
    stemmer: rust_stemmers::Stemmer,
    /// The shortest sentence any enabled rule looks at.
    min_words: usize,
    /// Sentences that may repeat anywhere (`boilerplate` of
    /// `repetition/exact-sentence`, which applies to the whole family).
    boilerplate: HashSet<u64>,
    lexicon: Arc<Lexicon>,
    stop: StopWords,
    /// Token hashes of the negation words, and of the words after which
    /// one negates nothing ("not only", "not just").
    negations: IdMap<u64, ()>,
    not_negating: IdMap<u64, ()>,
}

impl Family {
    pub fn new(set: &RuleSet, lexicon: Arc<Lexicon>) -> Option<Family> {
        let enabled = Enabled::new(set);
        if !enabled.any() {
            return None;
        }
        let mins = [
            enabled.exact_sentence.as_ref().map(|o| o.min_words),
            enabled.near_duplicate.as_ref().map(|o| o.min_words),
            enabled.restated_sentence.as_ref().map(|o| o.min_words),
        ];
        let min_words = mins.into_iter().flatten().min().unwrap_or(6);
        let boilerplate = set
            .configured_options::<ExactSentence>()
            .map(|o| o.boilerplate.iter().map(|b| exact_hash(&token_hashes(b))).collect())
            .unwrap_or_default();
        Some(Family {
            enabled,
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
            min_words,
            boilerplate,
            stop: StopWords::new(&lexicon),
            negations: lexicon.negations.words().iter().map(|w| (hash_str(w), ())).collect(),
            not_negating: lexicon.not_negating.words().iter().map(|w| (hash_str(w), ())).collect(),
            lexicon,
        })
    }

    pub fn first_rule(&self) -> &'static str {
        RULES[0].id()
    }

    pub fn check(&self, doc: &Document, out: &mut Sink<'_>) -> Facts {
        let (units, content, technical) = self.units(doc);
        let records = records_of(doc, &self.lexicon.months);
        let lists = lists_of(doc);
        let templates = templates_of(doc, &units);
        let sections = sections_of(doc);
        let mut a = Analysis {
            doc,
            units,
            content,
            reported: IdMap::default(),
            records,
            lists,
            templates,
            technical,
            stop: &self.stop,
        };
        Enabled::run(&mut a, out, &self.enabled);
        let near = self.enabled.near_duplicate.is_some();
        let mut words: Vec<u16> =
            Vec::with_capacity(if near { a.units.iter().map(|u| u.hashes.len()).sum() } else { 0 });
        let units = a
            .units
            .iter()
            .map(|u| {
                let (start, end) = span32(doc, &doc.sentences[u.sentence]);
                let words_at = u32::try_from(words.len()).unwrap_or(u32::MAX);
                if near {
                    fingerprint::short_set(&u.hashes, &mut words);
                }
                let words_len = u16::try_from(words.len() - words_at as usize).unwrap_or(u16::MAX);
                UnitFact {
                    exact: u.exact,
                    sig: u.sig,
                    names: u.names,
                    start,
                    end,
                    clause: u.clause,
                    local: a.reported.contains_key(&u.sentence),
                    record: a.records[u.sentence].is_some(),
                    negations: u.negations,
                    template: a.templates[u.sentence],
                    section: sections[u.sentence],
                    words_at,
                    words_len,
                    links: u.links,
                }
            })
            .collect();
        Facts { units, words, technical }
    }

    pub fn check_corpus(&self, docs: &[CorpusDoc<'_, Facts>], out: &mut CorpusSink<'_>) {
        let mut order: Vec<usize> = (0..docs.len()).collect();
        order.sort_by(|&a, &b| docs[a].path.cmp(docs[b].path));
        // Global unit ids in path order: 8 bytes a unit.
        let mut ids: Vec<(u32, u32)> = Vec::new();
        for &d in &order {
            ids.extend((0..docs[d].facts.units.len() as u32).map(|u| (d as u32, u)));
        }
        let mut c = Corpus { docs, ids, reported: IdMap::default(), packed: Vec::new() };
        Enabled::run_corpus(&mut c, out, &self.enabled);
    }

    fn units(&self, doc: &Document) -> (Vec<Unit>, Vec<Content>, bool) {
        let stop = &self.stop;
        STEMS.with_borrow_mut(|stems| {
            // Bounded: a corpus with an endless vocabulary (identifiers,
            // numbers) starts the cache afresh rather than grow it.
            if stems.len() > STEM_CACHE {
                stems.clear();
            }
            self.units_with(doc, stop, stems)
        })
    }

    /// The negations among `hashes`, except those that negate nothing
    /// ("not only").
    fn negations_in(&self, hashes: &[u64]) -> u8 {
        let mut n = 0u8;
        for (k, h) in hashes.iter().enumerate() {
            if self.negations.contains_key(h)
                && !hashes.get(k + 1).is_some_and(|next| self.not_negating.contains_key(next))
            {
                n = n.saturating_add(1);
            }
        }
        n
    }

    fn units_with(
        &self,
        doc: &Document,
        stop: &StopWords,
        stems: &mut IdMap<u64, u64>,
    ) -> (Vec<Unit>, Vec<Content>, bool) {
        let min = self.min_words;
        let mut units = Vec::new();
        let mut content = Vec::new();
        let index = index_entries(doc);
        // Sentences of running text, and those of them that name code.
        let (mut read, mut licences) = (0usize, 0usize);
        for (i, s) in doc.sentences.iter().enumerate().filter(|(_, s)| eligible(doc, s) && !index[s.block]) {
            let (text, mut code, mut terms) = fingerprint_text(doc, s, &self.lexicon);
            code.sort_unstable();
            code.dedup();
            let markup = is_markup_code(&doc.prose[s.prose.clone()]);
            read += 1;
            // Quoted terms count like code in the comparison, not in what
            // makes a document technical.
            let before = code.len();
            quoted_terms(&text, &mut code, &mut terms);
            if code.len() > before {
                code.sort_unstable();
                code.dedup();
            }
            // Markup in the prose itself (inline code, stood for by U+FFFC,
            // is another matter).
            let licence = is_licence_text(&doc.prose[s.prose.clone()]);
            licences += usize::from(licence && names_itself(&doc.prose[s.prose.clone()]));
            if markup
                || licence
                || is_title_question(doc, s, &text)
                || is_credit(&text, &self.lexicon)
                || !is_statement(&text)
            {
                continue;
            }
            // One pass over the words: token hashes, numbers and names,
            // stemmed content words (stems cached by token hash), and where
            // clauses start.
            let mut hashes = Vec::new();
            let mut flags = Vec::new();
            let mut words = Vec::new();
            let mut plain = Vec::new();
            let mut specifics = Vec::new();
            let mut code_tokens = 0;
            let mut clause_starts = vec![0];
            for_each_token(&text, |t| {
                let h = hash_str(t.text);
                if t.after_break && !hashes.is_empty() {
                    clause_starts.push(hashes.len());
                }
                let mut f = NameFlags::of(&t);
                f.code = code.binary_search(&h).is_ok();
                code_tokens += usize::from(f.code);
                // A number starts with a digit ("oppression12" is a word with
                // a note number glued to it); a name is capitalised past the
                // first word.
                let stop_word = stop.contains(h);
                let specific = t.text.starts_with(|c: char| c.is_ascii_digit())
                    || (t.capital && !hashes.is_empty() && !stop_word)
                    || f.code;
                if specific {
                    specifics.push(h);
                }
                flags.push(f);
                hashes.push(h);
                if !stop_word {
                    let stem = *stems.entry(h).or_insert_with(|| hash_str(&self.stemmer.stem(t.text)));
                    words.push(stem);
                    if !specific {
                        plain.push((stem, h));
                    }
                }
            });
            if hashes.len() - code_tokens < min {
                continue;
            }
            let exact = exact_hash(&hashes);
            if self.boilerplate.contains(&exact) {
                continue;
            }
            let links = link_targets(doc, s);
            // Long clauses, for near-repeats of part of a sentence.
            clause_starts.push(hashes.len());
            for r in clause_starts.windows(2).map(|w| w[0]..w[1]) {
                if r.len() >= 8 && r.len() < hashes.len() {
                    let ch = hashes[r.clone()].to_vec();
                    let (sig, names, exact) = (signature(&ch), names_of(&ch, &flags[r.clone()]), exact_hash(&ch));
                    let negations = self.negations_in(&ch);
                    units.push(Unit {
                        sentence: i,
                        len: ch.len(),
                        hashes: ch,
                        exact,
                        sig,
                        names,
                        clause: true,
                        negations,
                        links,
                    });
                }
            }
            let negations = self.negations_in(&hashes);
            let terms = sorted_set(terms);
            content.push(Content {
                links,
                terms: terms.clone(),
                plain,
                sentence: i,
                len: hashes.len(),
                words: sorted_set(words),
                specifics: sorted_set(specifics),
                tokens: sorted_set(hashes.clone()),
                negations,
            });
            let (sig, mut names) = (signature(&hashes), names_of(&hashes, &flags));
            if !terms.is_empty() {
                // `w(a,b)` and `w(b,a)` have the same tokens.
                names = crate::text::hash::combine(&[u64::from(names), exact_hash(&terms)]) as u32;
            }
            units.push(Unit {
                sentence: i,
                len: hashes.len(),
                hashes,
                exact,
                sig,
                names,
                clause: false,
                negations,
                links,
            });
        }
        let technical = doc.technical();
        if licences >= LICENCE_MIN && licences as f64 >= LICENCE_SHARE * read as f64 {
            // A licence: fixed legal text, repeating itself and others.
            units.clear();
            content.clear();
        }
        (units, content, technical)
    }
}

/// What the repetition rules ask about one document.
pub struct Analysis<'d> {
    pub doc: &'d Document,
    pub units: Vec<Unit>,
    pub content: Vec<Content>,
    /// Sentences already reported by an earlier rule.
    pub reported: IdMap<usize, ()>,
    /// Per sentence, the record heading it is under (see [`records_of`]).
    pub records: Vec<Option<u32>>,
    /// Per block, the list it is an item of (see [`lists_of`]).
    pub lists: Vec<Option<u32>>,
    /// Per sentence, whether it is a copy of a template (see
    /// [`templates_of`]).
    pub templates: Vec<bool>,
    /// Technical documentation (see [`Document::technical`]).
    pub technical: bool,
    stop: &'d StopWords,
}

impl Analysis<'_> {
    /// Sentence `s` is a copy of a template of the document: set aside by
    /// every repetition rule.
    pub fn template(&self, s: usize) -> bool {
        self.templates[s]
    }

    /// Sentence `b` repeats `a` right after it: in the same paragraph, or
    /// as the next item of the same list, word for word.
    pub fn pasted_twice(&self, a: usize, b: usize) -> bool {
        let doc = self.doc;
        let (x, y) = (doc.sentences[a].block, doc.sentences[b].block);
        x == y
            || y == x + 1
                && doc.blocks[x].kind == BlockKind::ListItem
                && self.lists[x] == self.lists[y]
                && !self.other_records(a, b)
    }

    /// The copies of each template, in reading order, templates by first
    /// copy.
    pub fn template_copies(&self) -> Vec<Vec<usize>> {
        let mut by_hash: IdMap<u64, Vec<usize>> = IdMap::default();
        for u in self.units.iter().filter(|u| !u.clause && self.templates[u.sentence]) {
            by_hash.entry(u.exact).or_default().push(u.sentence);
        }
        let mut copies: Vec<Vec<usize>> = by_hash.into_values().collect();
        copies.sort_unstable();
        copies
    }

    /// Sentences `a` and `b` belong to two sibling records: entries under
    /// two version or date headings, two items of lists, two cells of a
    /// table. Parallel records repeat on purpose: each release lists the fix
    /// it shares with another branch, each option says what it shares with
    /// the others. An item that repeats another item of its list whole is a
    /// duplicated item, and no record of its own.
    pub fn other_records(&self, a: usize, b: usize) -> bool {
        if matches!((self.records[a], self.records[b]), (Some(x), Some(y)) if x != y) {
            return true;
        }
        let doc = self.doc;
        let (x, y) = (doc.sentences[a].block, doc.sentences[b].block);
        if x == y {
            return false;
        }
        let (bx, by) = (&doc.blocks[x], &doc.blocks[y]);
        match (bx.kind, by.kind) {
            (BlockKind::TableCell, BlockKind::TableCell) => true,
            (BlockKind::ListItem, BlockKind::ListItem) => {
                let words = |b: &crate::document::Block| doc.prose[b.prose.clone()].split_whitespace();
                !(self.lists[x] == self.lists[y] && words(bx).eq(words(by)))
            }
            _ => false,
        }
    }

    /// Sentences `a` and `b` are parallel statements: in two blocks (list
    /// items, paragraphs), word for word the same but for one slot of at
    /// most [`SLOT`] words ("… for the option." and "… for the argument.").
    /// That is how a text says the same of another item, or adds a word to
    /// it; a sentence rewritten in place and left beside its first version
    /// shares its paragraph.
    pub fn parallel(&self, a: usize, b: usize) -> bool {
        let doc = self.doc;
        if doc.sentences[a].block == doc.sentences[b].block {
            return false;
        }
        let words = |s: usize| {
            let k = self.units.partition_point(|u| u.sentence < s);
            self.units[k..].iter().take_while(|u| u.sentence == s).find(|u| !u.clause).map(|u| &u.hashes[..])
        };
        let Some((x, y)) = words(a).zip(words(b)) else { return false };
        self.one_item_apart(x, y)
    }

    /// [`Analysis::parallel`] for two units. A clause is parallel to
    /// another when they are one item apart and their sentences name
    /// different numbers or names: "Release 2.1 (May 1998): named for the
    /// toy drum in the film." after "Release 1.4 (June 1996): named for the
    /// paper kite in the film." says the same of another record.
    pub fn parallel_units(&self, a: &Unit, b: &Unit) -> bool {
        if !a.clause && !b.clause {
            return self.parallel(a.sentence, b.sentence);
        }
        let names = |s: usize| {
            let k = self.units.partition_point(|u| u.sentence < s);
            self.units[k..].iter().take_while(|u| u.sentence == s).find(|u| !u.clause).map(|u| u.names)
        };
        // A slot at the clause's start is its verb or its link to the
        // sentence reworded ("reinforcing the …" and "serve to reinforce
        // the …"), not another item.
        self.doc.sentences[a.sentence].block != self.doc.sentences[b.sentence].block
            && names(a.sentence) != names(b.sentence)
            && a.hashes.first() == b.hashes.first()
            && self.one_item_apart(&a.hashes, &b.hashes)
    }

    /// The same words but for one slot of at most [`SLOT`] words, not all
    /// of them stop words ("every night" and "each night" name the same
    /// item).
    fn one_item_apart(&self, x: &[u64], y: &[u64]) -> bool {
        one_slot(x, y, SLOT).is_some_and(|(x, y)| x.iter().chain(y).any(|&h| !self.stop.contains(h)))
    }
}

/// The most words a slot of parallel statements holds.
const SLOT: usize = 3;

/// When `a` and `b` are the same words in the same order but for one run of
/// at most `max` words on each side (a substitution, an insertion or a
/// deletion), the two runs.
fn one_slot<'a>(a: &'a [u64], b: &'a [u64], max: usize) -> Option<(&'a [u64], &'a [u64])> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    (a.len() <= max && b.len() <= max).then_some((a, b))
}

/// For each sentence, the last record heading before it: a heading that
/// names a version (`5.2.7`, `v1.4`) or an ISO date, as the entries of a
/// changelog or release notes do. A fix listed under each release branch,
/// a stock sentence of every release, is structure, not an editing slip.
///
/// An entry of an option or API reference is a record of its own: a
/// paragraph or list item that opens with its term (`‘-w MODE’
/// ‘--wrap=MODE’` on a line, or `` `--depth`: ``), when the document has
/// several; "When the input is a pipe, read it in MODE" and "When the input
/// is a socket, read it in MODE" describe two options.
pub fn records_of(doc: &Document, months: &[String]) -> Vec<Option<u32>> {
    let entries: Vec<bool> = doc
        .blocks
        .iter()
        .map(|b| {
            matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem) && is_term_entry(&doc.prose[b.prose.clone()])
        })
        .collect();
    let reference = entries.iter().filter(|&&e| e).count() >= 3;
    let mut by_block = Vec::with_capacity(doc.blocks.len());
    let mut current = None;
    for (i, b) in doc.blocks.iter().enumerate() {
        if b.kind == BlockKind::Heading && is_record_heading(&doc.prose[b.prose.clone()], months) {
            current = u32::try_from(i).ok();
        }
        by_block.push(if reference && entries[i] { u32::try_from(i).ok() } else { current });
    }
    doc.sentences.iter().map(|s| by_block.get(s.block).copied().flatten()).collect()
}

/// A sentence with this many copies in one document or more is a template
/// or a refrain: a page stamp extraction left on every page, the stock line
/// of each entry, a verse's refrain. A sentence pasted twice by mistake has
/// two copies.
pub const TEMPLATE_COPIES: usize = 3;

/// Per sentence, whether it is one of [`TEMPLATE_COPIES`] or more copies.
fn templates_of(doc: &Document, units: &[Unit]) -> Vec<bool> {
    let mut count: IdMap<u64, usize> = IdMap::default();
    for u in units.iter().filter(|u| !u.clause) {
        *count.entry(u.exact).or_default() += 1;
    }
    let mut templates = vec![false; doc.sentences.len()];
    for u in units.iter().filter(|u| !u.clause) {
        templates[u.sentence] = count[&u.exact] >= TEMPLATE_COPIES;
    }
    templates
}

/// For each block, the first block of the list it is an item of: a run of
/// list items with no other block between them.
fn lists_of(doc: &Document) -> Vec<Option<u32>> {
    let mut start = None;
    doc.blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if b.kind != BlockKind::ListItem {
                start = None;
            } else if start.is_none() {
                start = u32::try_from(i).ok();
            }
            start
        })
        .collect()
}

/// For each sentence, the title of the section it is in (the last heading
/// before it), hashed as its lower-cased words; 0 before any heading. Two
/// documents that share a sentence under the same title ("About us",
/// "Licence", "About the author") share a section of a template: the
/// pages of one site or the READMEs of one project.
fn sections_of(doc: &Document) -> Vec<u32> {
    let mut current = 0u32;
    let by_block: Vec<u32> = doc
        .blocks
        .iter()
        .map(|b| {
            if b.kind == BlockKind::Heading {
                let title = doc.prose[b.prose.clone()].to_lowercase();
                let words = token_hashes(&title);
                current = if words.is_empty() { 0 } else { (exact_hash(&words) as u32).max(1) };
            }
            current
        })
        .collect();
    doc.sentences.iter().map(|s| by_block.get(s.block).copied().unwrap_or(0)).collect()
}

/// Units `a` and `b` of two documents are under the same section title.
pub fn same_section(a: &UnitFact, b: &UnitFact) -> bool {
    a.section != 0 && a.section == b.section
}

/// A block that opens with the term it defines: a first line of option or
/// code terms only, or inline code followed by a colon or a dash.
fn is_term_entry(text: &str) -> bool {
    let text = text.trim_start();
    // Most blocks open with a word: no term, nothing more to read.
    if !text.starts_with(['‘', '`', '\'', '-', '\u{fffc}']) {
        return false;
    }
    if let Some(rest) = text.strip_prefix('\u{fffc}') {
        return rest.trim_start().starts_with([':', '—', '–']) || rest.trim_start().starts_with("- ");
    }
    let first = text.split('\n').next().unwrap_or("");
    let term = |w: &str| {
        let bare = w.trim_matches(|c: char| "‘’'`\",".contains(c));
        w.starts_with(['‘', '`', '\'']) && bare.starts_with('-')
            || bare.starts_with('-') && bare.len() > 1 && !bare[1..].starts_with(' ')
            || bare.len() >= 2 && bare.chars().all(|c| c.is_ascii_uppercase() || c == '_' || c == '=')
            || w.ends_with('’')
            || w.ends_with('\'')
    };
    let words: Vec<&str> = first.split_whitespace().collect();
    first.len() <= 80 && words.first().is_some_and(|w| w.starts_with(['‘', '`', '-'])) && words.iter().all(|w| term(w))
}

/// Blocks that are entries of an index or a menu: list items of the shape
/// `term: Section Title.`, when a document has ten or more. They name the
/// sections they point to, again and again, by design.
fn index_entries(doc: &Document) -> Vec<bool> {
    let entries: Vec<bool> = doc
        .blocks
        .iter()
        .map(|b| b.kind == BlockKind::ListItem && is_index_entry(&doc.prose[b.prose.clone()]))
        .collect();
    if entries.iter().filter(|&&e| e).count() >= 10 {
        entries
    } else {
        vec![false; doc.blocks.len()]
    }
}

fn is_index_entry(text: &str) -> bool {
    // The first line: info manuals put "(line 37)" under each entry.
    let t = text.trim().lines().next().unwrap_or("").trim_start_matches(['*', '-', '•']).trim_start();
    let Some((term, target)) = t.split_once(": ") else { return false };
    let target = target.trim_end_matches('.');
    !term.is_empty()
        && term.len() <= 60
        && !target.is_empty()
        && target.split_whitespace().count() <= 8
        && target
            .split_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic()) || w.len() <= 3)
        && !target.contains(['.', ',', ';'])
}

fn is_record_heading(text: &str, months: &[String]) -> bool {
    let words: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || "()[],:;".contains(c)).filter(|w| !w.is_empty()).collect();
    let year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) && matches!(&w[..2], "19" | "20");
    // A written date: a month and a year ("May 22nd, 2020", "3 March 2021").
    if words.iter().any(|w| months.iter().any(|m| m == w)) && words.iter().any(|w| year(w)) {
        return true;
    }
    words.iter().enumerate().any(|(i, w)| {
        let w = w.trim_start_matches(['v', 'V']).trim_end_matches('.');
        // A version: two numbers or more, maybe with a pre-release after
        // them (`3.2.0.dev4`, `2.0.0-beta.1`, `1.0rc1`) — but not the
        // number of a section before its title ("2.1 Data sources").
        let numeric: Vec<&str> =
            w.split(['.', '-', '+']).take_while(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())).collect();
        let section = i == 0 && words.get(1).is_some_and(|n| n.starts_with(char::is_uppercase));
        let version = numeric.len() >= 2 && w.as_bytes().get(numeric[0].len()) == Some(&b'.') && !section;
        let b = w.as_bytes();
        let date = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        version || date
    })
}

/// What the repetition rules ask about the corpus.
pub struct Corpus<'a> {
    pub docs: &'a [CorpusDoc<'a, Facts>],
    /// (document, unit) of every unit, documents in path order.
    pub ids: Vec<(u32, u32)>,
    /// Sentences already reported by an earlier rule, by [`sentence_key`].
    pub reported: IdMap<u64, ()>,
    /// Scratch space for [`join_by_key`].
    pub packed: Vec<u64>,
}

impl<'a> Corpus<'a> {
    /// The word set of a unit of document `d` (empty if its facts have none).
    pub fn words(&self, d: usize, u: &UnitFact) -> &'a [u16] {
        let words = &self.docs[d].facts.words;
        words.get(u.words_at as usize..u.words_at as usize + usize::from(u.words_len)).unwrap_or(&[])
    }

    /// Jaccard similarity of two units: exact over their word sets, or
    /// estimated from the signatures when a side has none.
    pub fn similarity(&self, (fd, fu): (usize, &UnitFact), (gd, gu): (usize, &UnitFact)) -> f64 {
        let (a, b) = (self.words(fd, fu), self.words(gd, gu));
        if a.is_empty() || b.is_empty() {
            fingerprint::estimate(&fu.sig, &gu.sig)
        } else {
            fingerprint::jaccard(a, b)
        }
    }

    /// Document index and fact of global unit `g`.
    pub fn unit(&self, g: u32) -> (usize, &'a UnitFact) {
        let (d, u) = self.ids[g as usize];
        (d as usize, &self.docs[d as usize].facts.units[u as usize])
    }

    /// A finding at unit `u` of document `d`, pointing at unit `fu` of
    /// document `fd` as its first occurrence.
    pub fn cross(
        &self,
        out: &mut CorpusSink<'_>,
        rule: crate::diagnostic::Rule,
        (d, u): (usize, &UnitFact),
        (fd, fu): (usize, &UnitFact),
        message: String,
    ) {
        let file: FileId = self.docs[d].file;
        let diag = out.report(rule, file, Span::new(u.start as usize, u.end as usize), message);
        diag.related.push(Related {
            file: self.docs[fd].file,
            span: Span::new(fu.start as usize, fu.end as usize),
            message: "first occurrence".into(),
        });
    }
}

fn span32(doc: &Document, s: &Sentence) -> (u32, u32) {
    let span = doc.source.stored_span(s.src.clone());
    let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    (n(span.start), n(span.end))
}

/// A sentence of the corpus (document, span start) as a hash-map key: a
/// bijection, well spread for [`IdMap`].
pub fn sentence_key(doc: usize, u: &UnitFact) -> u64 {
    ((doc as u64) << 32 | u64::from(u.start)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Groups units by key: `f` is called with every group of two or more units
/// (ids below `units`) whose keys (`None`: not taking part) are equal, as
/// `(key, unit)` in unit order, and pushes what it finds; the results come
/// back in key order, whatever the number of threads. Sorts one `u64` a
/// unit — the key's high 32 bits over the unit id — rather than 16-byte
/// pairs: half the memory and much faster to sort; a run of equal high bits
/// is then split by the full key, recomputed for its few members. Runs are
/// read in parallel (`f` only reads), in chunks cut between runs. `packed`
/// is scratch space, reused between calls.
pub fn join_by_key<T: Send>(
    packed: &mut Vec<u64>,
    units: usize,
    key: impl Fn(u32) -> Option<u64> + Sync,
    f: impl Fn(&[(u64, u32)], &mut Vec<T>) + Sync,
) -> Vec<T> {
    let units = u32::try_from(units).expect("fewer than 2^32 units");
    packed.clear();
    packed.par_extend((0..units).into_par_iter().filter_map(|g| key(g).map(|k| k >> 32 << 32 | u64::from(g))));
    packed.par_sort_unstable();
    let packed = &packed[..];
    // Chunk bounds, moved forward to the start of a run.
    let parts = rayon::current_num_threads() * 4;
    let mut bounds: Vec<usize> = (0..parts).map(|c| c * packed.len() / parts).collect();
    for b in bounds.iter_mut().skip(1) {
        while *b > 0 && *b < packed.len() && packed[*b] >> 32 == packed[*b - 1] >> 32 {
            *b += 1;
        }
    }
    bounds.push(packed.len());
    let found: Vec<Vec<T>> = bounds
        .par_windows(2)
        .map(|w| {
            let mut out = Vec::new();
            let mut group: Vec<(u64, u32)> = Vec::new();
            for run in packed[w[0]..w[1].max(w[0])].chunk_by(|a, b| a >> 32 == b >> 32).filter(|r| r.len() > 1) {
                group.clear();
                group.extend(run.iter().map(|&p| {
                    let g = p as u32;
                    (key(g).expect("a unit with a key"), g)
                }));
                // Unit order is kept within a key: the first is the earliest.
                group.sort_unstable();
                for same in group.chunk_by(|a, b| a.0 == b.0).filter(|r| r.len() > 1) {
                    f(same, &mut out);
                }
            }
            out
        })
        .collect();
    found.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_slot_tells_parallel_statements_from_rewordings() {
        let w = |t: &str| token_hashes(t);
        let slot = |a: &str, b: &str| one_slot(&w(a), &w(b), SLOT).is_some();
        assert!(slot("It returns the new value for the option.", "It returns the new value for the argument."));
        assert!(slot("Fix for the issue.", "Corrected fix for the issue."));
        assert!(slot("Videos are online.", "Videos and pictures are online."));
        assert!(!slot(
            "Growers expect apple prices to stay high into next winter as stores run short.",
            "Growers expect apple prices to remain high into next winter as stores run out."
        ));
        assert!(!slot("Videos are online.", "Videos and all the pictures from it are online."));
    }

    #[test]
    fn quoted_terms_are_names() {
        let terms = |t: &str| {
            let mut v = Vec::new();
            quoted_terms(t, &mut v, &mut Vec::new());
            v
        };
        assert_eq!(terms("The grade is “B+” this term."), token_hashes("B+"));
        assert_eq!(terms(r#"A plan, "2.0 (family)", was added."#), token_hashes("2.0 family"));
        // A quotation is no term.
        assert!(terms("He said “we will open the new library next spring” today.").is_empty());
        assert!(terms("No quotes at all.").is_empty());
    }

    /// The join finds exactly the groups of equal keys, each in unit order,
    /// in key order — for any size (chunk bounds fall inside runs, on empty
    /// input, on one unit), with keys sharing their high bits but not their
    /// low ones, and units that take no part.
    #[test]
    fn join_by_key_groups_equal_keys_in_order() {
        let mut packed = Vec::new();
        for n in [0usize, 1, 2, 3, 7, 40, 513, 5000] {
            // Keys from a few values; 11 and 12 share their high 32 bits.
            let key = |g: u32| match g % 7 {
                0 => None,
                1 | 2 => Some(11u64 << 32 | 5),
                3 => Some(11u64 << 32 | 6),
                4 => Some(u64::from(g % 3) << 40),
                _ => Some(u64::MAX - u64::from(g)),
            };
            let got = join_by_key(&mut packed, n, key, |run, out| out.push(run.to_vec()));
            let mut expected: std::collections::BTreeMap<u64, Vec<(u64, u32)>> = Default::default();
            for g in 0..n as u32 {
                if let Some(k) = key(g) {
                    expected.entry(k).or_default().push((k, g));
                }
            }
            let expected: Vec<Vec<(u64, u32)>> = expected.into_values().filter(|v| v.len() > 1).collect();
            // Key order among groups: by high bits, then full key.
            let mut sorted = expected.clone();
            sorted.sort_by_key(|v| (v[0].0 >> 32, v[0].0));
            assert_eq!(got, sorted, "{n} units");
        }
    }
}
