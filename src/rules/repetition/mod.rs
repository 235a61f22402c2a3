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
//! never by comparing all pairs.

mod docs;
pub mod fingerprint;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use docs::*;
use fingerprint::{
    band_key, band_keys, estimate, exact_hash, for_each_token, hash_str, intersection, jaccard, names_of, signature,
    NameFlags, BANDS, K,
};

use crate::diagnostic::{Diagnostic, Location, Related, Severity, Span};
use crate::document::{BlockKind, Document, Section, Sentence};
use crate::facts::DocFacts;
use crate::rules::{Check, Context, RuleInfo, Settings};
use crate::source::LineCol;

/// Keys here are hashes already: hashing them again (SipHash) is waste.
#[derive(Default)]
struct IdHasher(u64);

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

type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// The fact one unit (a sentence or a long clause of one) contributes: 72
/// bytes, no text. The span is in stored bytes; line and column are filled in
/// by the engine when a finding is reported.
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
}

struct Options {
    min_words: [usize; 3],
    boilerplate: HashSet<u64>,
    threshold: f64,
    containment: f64,
    window: usize,
    min_shared: usize,
}

impl Options {
    fn new(s: &Settings) -> Options {
        let int = |rule: &str, name: &str, d: i64| s.integer(rule, name, d).max(0) as usize;
        Options {
            min_words: [int(EXACT, "min-words", 6), int(NEAR, "min-words", 6), int(RESTATED, "min-words", 6)],
            boilerplate: s.strings(EXACT, "boilerplate").iter().map(|b| exact_hash(&token_hashes(b))).collect(),
            threshold: s.float(NEAR, "threshold", 0.6),
            containment: s.float(RESTATED, "containment", 0.7),
            window: int(RESTATED, "window", 20),
            min_shared: int(RESTATED, "min-shared", 5),
        }
    }
}

struct Unit {
    /// Index into `doc.sentences`.
    sentence: usize,
    /// Word count.
    len: usize,
    /// Token hashes (sorted only when a candidate pair needs its score).
    hashes: Vec<u64>,
    exact: u64,
    sig: [u16; K],
    names: u32,
    clause: bool,
}

/// What the restatement rule knows of a sentence.
struct Content {
    sentence: usize,
    /// Word count.
    len: usize,
    /// Sorted set of stemmed content words.
    words: Vec<u64>,
    /// Sorted set of its numbers: a sentence that brings a number the
    /// earlier one lacks says something new.
    numbers: Vec<u64>,
}

/// Token hashes in reading order.
fn token_hashes(text: &str) -> Vec<u64> {
    let mut v = Vec::new();
    for_each_token(text, |t| v.push(hash_str(t.text)));
    v
}

fn sorted_set(mut v: Vec<u64>) -> Vec<u64> {
    v.sort_unstable();
    v.dedup();
    v
}

/// The repetition check.
pub struct RepetitionCheck {
    stemmer: rust_stemmers::Stemmer,
}

impl Default for RepetitionCheck {
    fn default() -> RepetitionCheck {
        RepetitionCheck { stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English) }
    }
}

const STOPWORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as", "is",
    "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "it", "its", "this",
    "that", "these", "those", "which", "who", "whom", "whose", "what", "there", "their", "they", "them", "he", "she",
    "his", "her", "we", "our", "you", "your", "i", "not", "no", "so", "than", "then", "also", "very", "can", "could",
    "will", "would", "should", "may", "might", "must", "into", "over", "under", "about", "between", "after", "before",
    "during", "all", "any", "each", "more", "most", "other", "some", "such", "both", "only", "own", "same", "just",
    "while", "where", "when", "how", "why", "if", "because", "through", "up", "down", "out", "off", "again", "further",
    "once", "here",
];

const ATTRIBUTION: &[&str] = &[
    "says",
    "said",
    "say",
    "told",
    "tells",
    "asks",
    "asked",
    "repeats",
    "repeated",
    "wrote",
    "writes",
    "adds",
    "added",
    "explains",
    "explained",
    "according",
    "insists",
    "insisted",
    "argues",
    "argued",
    "notes",
    "noted",
    "recalls",
    "recalled",
    "replied",
    "replies",
    "declared",
    "declares",
    "stated",
    "states",
    "commented",
    "remarked",
];

/// Whether a lowercase word is an English stop word.
pub fn is_stopword(w: &str) -> bool {
    STOPWORDS.contains(&w)
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
/// when they are attributed ("…," says Fenn).
fn fingerprint_text<'d>(doc: &'d Document, s: &Sentence) -> Cow<'d, str> {
    let first = doc.note_refs.partition_point(|r| r.prose.start < s.prose.start);
    let refs = doc.note_refs[first..].iter().take_while(|r| r.prose.end <= s.prose.end);
    let mut text: Cow<'d, str> = doc.reading_text(s.prose.clone());
    if refs.clone().next().is_some() {
        let mut joined = String::new();
        let mut at = s.prose.start;
        for r in refs {
            joined.push_str(&doc.reading_text(at..r.prose.start));
            at = r.prose.end;
        }
        joined.push_str(&doc.reading_text(at..s.prose.end));
        text = Cow::Owned(joined);
    }
    // Byte scans: '[' or any non-ASCII byte (U+FFFD, U+FFFC, superscripts).
    if text.bytes().any(|b| b == b'[' || b >= 0x80) {
        text = Cow::Owned(strip_markers(&text));
    }
    if text.bytes().any(|b| b == b'"' || b == 0xE2) && text.contains(['"', '“']) {
        text = Cow::Owned(strip_attributed_quotes(&text));
    }
    text
}

/// Removes `[^x]`, `[12]`, superscript digits and U+FFFD/U+FFFC.
fn strip_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '[' {
            if let Some(close) = rest.find(']').filter(|&n| n <= 24) {
                let inner = &rest[1..close];
                if inner.starts_with('^')
                    || (!inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit() || ", –-".contains(c)))
                {
                    rest = &rest[close + 1..];
                    continue;
                }
            }
        }
        if !(crate::document::superscript_digit(c).is_some() || c == '\u{fffd}' || c == '\u{fffc}') {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn strip_attributed_quotes(text: &str) -> String {
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
        outside.split(|c: char| !c.is_alphabetic()).any(|w| ATTRIBUTION.contains(&w.to_lowercase().as_str()));
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
    fn get() -> &'static StopWords {
        static STOP: std::sync::OnceLock<StopWords> = std::sync::OnceLock::new();
        STOP.get_or_init(|| {
            let set: IdMap<u64, ()> = STOPWORDS.iter().map(|w| (hash_str(w), ())).collect();
            let mut filter = [0u64; 16];
            for h in set.keys() {
                filter[(h >> 6 & 15) as usize] |= 1 << (h & 63);
            }
            StopWords { filter, set }
        })
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

impl RepetitionCheck {
    fn units(&self, doc: &Document, opts: &Options) -> (Vec<Unit>, Vec<Content>) {
        let min = opts.min_words.iter().copied().min().unwrap_or(6);
        let stop = StopWords::get();
        STEMS.with_borrow_mut(|stems| {
            // Bounded: a corpus with an endless vocabulary (identifiers,
            // numbers) starts the cache afresh rather than grow it.
            if stems.len() > STEM_CACHE {
                stems.clear();
            }
            self.units_with(doc, opts, min, stop, stems)
        })
    }

    fn units_with(
        &self,
        doc: &Document,
        opts: &Options,
        min: usize,
        stop: &StopWords,
        stems: &mut IdMap<u64, u64>,
    ) -> (Vec<Unit>, Vec<Content>) {
        let mut units = Vec::new();
        let mut content = Vec::new();
        for (i, s) in doc.sentences.iter().enumerate().filter(|(_, s)| eligible(doc, s)) {
            let text = fingerprint_text(doc, s);
            // One pass over the words: token hashes, numbers and names,
            // stemmed content words (stems cached by token hash), and where
            // clauses start.
            let mut hashes = Vec::new();
            let mut flags = Vec::new();
            let mut words = Vec::new();
            let mut numbers = Vec::new();
            let mut clause_starts = vec![0];
            for_each_token(&text, |t| {
                let h = hash_str(t.text);
                if t.after_break && !hashes.is_empty() {
                    clause_starts.push(hashes.len());
                }
                hashes.push(h);
                flags.push(NameFlags::of(&t));
                // A number starts with a digit ("oppression12" is a word with
                // a note number glued to it).
                if t.text.starts_with(|c: char| c.is_ascii_digit()) {
                    numbers.push(h);
                }
                if !stop.contains(h) {
                    words.push(*stems.entry(h).or_insert_with(|| hash_str(&self.stemmer.stem(t.text))));
                }
            });
            if hashes.len() < min {
                continue;
            }
            let exact = exact_hash(&hashes);
            if opts.boilerplate.contains(&exact) {
                continue;
            }
            // Long clauses, for near-repeats of part of a sentence.
            clause_starts.push(hashes.len());
            for r in clause_starts.windows(2).map(|w| w[0]..w[1]) {
                if r.len() >= 8 && r.len() < hashes.len() {
                    let ch = hashes[r.clone()].to_vec();
                    let (sig, names, exact) = (signature(&ch), names_of(&ch, &flags[r.clone()]), exact_hash(&ch));
                    units.push(Unit { sentence: i, len: ch.len(), hashes: ch, exact, sig, names, clause: true });
                }
            }
            content.push(Content {
                sentence: i,
                len: hashes.len(),
                words: sorted_set(words),
                numbers: sorted_set(numbers),
            });
            let (sig, names) = (signature(&hashes), names_of(&hashes, &flags));
            units.push(Unit { sentence: i, len: hashes.len(), hashes, exact, sig, names, clause: false });
        }
        (units, content)
    }
}

fn span32(doc: &Document, s: &Sentence) -> (u32, u32) {
    let span = doc.source.stored_span(s.src.clone());
    let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    (n(span.start), n(span.end))
}

/// A location known only by its span: the engine fills in line and column
/// (line 0 means "not resolved yet").
fn unresolved(path: &str, u: &UnitFact) -> Location {
    let origin = LineCol { line: 0, column: 0 };
    Location {
        path: path.to_string(),
        span: Span { start: u.start as usize, end: u.end as usize },
        start: origin,
        end: origin,
    }
}

fn severity(rule: &str) -> Severity {
    crate::rules::default_severity(RULES, rule)
}

impl Check for RepetitionCheck {
    fn rules(&self) -> &[RuleInfo] {
        RULES
    }

    fn check(&self, doc: &Document, cx: &Context<'_>, out: &mut Vec<Diagnostic>, facts: &mut DocFacts) {
        let opts = Options::new(cx.settings);
        let (units, content) = self.units(doc, &opts);
        let mut reported: IdMap<usize, ()> = IdMap::default();
        let long_enough = |u: &Unit, rule: usize| u.len >= opts.min_words[rule];

        // Exact repeats: every later occurrence points at the first.
        let mut first: IdMap<u64, usize> = IdMap::default();
        first.reserve(units.len());
        for u in units.iter().filter(|u| !u.clause) {
            match first.get(&u.exact) {
                Some(&f) if f != u.sentence && long_enough(u, 0) && cx.enabled(EXACT) => {
                    let s = &doc.sentences[u.sentence];
                    let mut d = doc.report_prose(
                        EXACT,
                        severity(EXACT),
                        s.prose.clone(),
                        "this sentence repeats an earlier one",
                    );
                    d.related.push(doc.related(doc.sentences[f].src.clone(), "first occurrence"));
                    out.push(d);
                    reported.insert(u.sentence, ());
                }
                Some(_) => {}
                None => {
                    first.insert(u.exact, u.sentence);
                }
            }
        }

        // Near repeats: LSH candidates (a bucket chain per band key, at most
        // 16 long), confirmed with the exact score.
        if cx.enabled(NEAR) {
            let mut head: IdMap<u64, u32> = IdMap::default();
            head.reserve(units.len() * BANDS);
            let mut next: Vec<u32> = vec![u32::MAX; units.len() * BANDS];
            let mut best: IdMap<usize, (f64, usize)> = IdMap::default();
            for (j, u) in units.iter().enumerate() {
                let mut seen: Vec<usize> = Vec::new();
                for (band, key) in band_keys(&u.sig).into_iter().enumerate() {
                    let slot = (j * BANDS + band) as u32;
                    let mut at = head.insert(key, slot).unwrap_or(u32::MAX);
                    next[slot as usize] = at;
                    let mut walked = 0;
                    while at != u32::MAX && walked < 16 {
                        let i = at as usize / BANDS;
                        at = next[at as usize];
                        walked += 1;
                        let v = &units[i];
                        if v.sentence >= u.sentence || seen.contains(&i) || v.names != u.names || v.exact == u.exact {
                            continue;
                        }
                        seen.push(i);
                        let score = jaccard(&sorted_set(v.hashes.clone()), &sorted_set(u.hashes.clone()));
                        if score >= opts.threshold
                            && long_enough(u, 1)
                            && best.get(&u.sentence).is_none_or(|b| b.0 < score)
                        {
                            best.insert(u.sentence, (score, v.sentence));
                        }
                    }
                }
            }
            let mut found: Vec<(usize, (f64, usize))> =
                best.into_iter().filter(|(s, _)| !reported.contains_key(s)).collect();
            found.sort_by_key(|(s, _)| *s);
            for (s, (score, earlier)) in found {
                let mut d = doc.report_prose(
                    NEAR,
                    severity(NEAR),
                    doc.sentences[s].prose.clone(),
                    if score >= 1.0 {
                        // Every word the same, in another order.
                        "this sentence repeats an earlier one with its words reordered (similarity 1.00)".to_string()
                    } else {
                        format!("this sentence nearly repeats an earlier one (similarity {score:.2})")
                    },
                );
                d.related.push(doc.related(doc.sentences[earlier].src.clone(), "the earlier sentence"));
                out.push(d);
                reported.insert(s, ());
            }
        }

        // Restatements: content words contained in a sentence shortly before.
        if cx.enabled(RESTATED) {
            // A 256-bit mask of each sentence's words rules out most earlier
            // sentences before counting shared words exactly. Two shared
            // words can fall on one bit, so the bound allows one collision.
            let masks: Vec<[u128; 2]> = content
                .iter()
                .map(|c| {
                    c.words.iter().fold([0u128; 2], |mut m, h| {
                        m[(h >> 7 & 1) as usize] |= 1u128 << (h & 127);
                        m
                    })
                })
                .collect();
            let overlap =
                |a: &[u128; 2], b: &[u128; 2]| ((a[0] & b[0]).count_ones() + (a[1] & b[1]).count_ones()) as usize;
            for (k, c) in content.iter().enumerate() {
                let (s, words) = (&c.sentence, &c.words);
                if reported.contains_key(s) || c.len < opts.min_words[2] || words.len() < opts.min_shared {
                    continue;
                }
                let from = k.saturating_sub(opts.window);
                let hit = (from..k)
                    .filter(|&e| content[e].words.len() >= words.len())
                    .filter(|&e| overlap(&masks[e], &masks[k]) + 1 >= opts.min_shared)
                    .filter(|&e| c.numbers.iter().all(|n| content[e].numbers.binary_search(n).is_ok()))
                    .map(|e| (&content[e].sentence, intersection(words, &content[e].words)))
                    .filter(|&(_, shared)| {
                        shared >= opts.min_shared && shared as f64 / words.len() as f64 >= opts.containment
                    })
                    .max_by_key(|&(e, shared)| (shared, *e));
                if let Some((e, shared)) = hit {
                    let ratio = shared as f64 / words.len() as f64;
                    let mut d = doc.report_prose(
                        RESTATED,
                        severity(RESTATED),
                        doc.sentences[*s].prose.clone(),
                        format!(
                            "this sentence restates an earlier one ({shared} of its {} content words, {ratio:.2})",
                            words.len()
                        ),
                    );
                    d.related.push(doc.related(doc.sentences[*e].src.clone(), "the sentence it restates"));
                    out.push(d);
                    reported.insert(*s, ());
                }
            }
        }

        facts.repetition = units
            .iter()
            .map(|u| {
                let (start, end) = span32(doc, &doc.sentences[u.sentence]);
                UnitFact {
                    exact: u.exact,
                    sig: u.sig,
                    names: u.names,
                    start,
                    end,
                    clause: u.clause,
                    local: reported.contains_key(&u.sentence),
                }
            })
            .collect();
    }

    fn check_corpus(&self, facts: &[DocFacts], cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let opts = Options::new(cx.settings);
        let mut order: Vec<usize> = (0..facts.len()).collect();
        order.sort_by(|&a, &b| facts[a].path.cmp(&facts[b].path));
        // Global unit ids in path order: 8 bytes a unit.
        let mut ids: Vec<(u32, u32)> = Vec::new();
        for &d in &order {
            ids.extend((0..facts[d].repetition.len() as u32).map(|u| (d as u32, u)));
        }
        let unit = |g: u32| {
            let (d, u) = ids[g as usize];
            (d as usize, &facts[d as usize].repetition[u as usize])
        };
        // A sentence is (document, span start).
        let mut reported: IdMap<u64, ()> = IdMap::default();
        let mut packed: Vec<u64> = Vec::with_capacity(ids.len());

        if cx.enabled(EXACT) {
            let exact = |g: u32| (!unit(g).1.clause).then(|| unit(g).1.exact);
            // (later unit, first unit) of every repeat, in key order.
            let pairs = join_by_key(&mut packed, ids.len(), exact, |run, pairs| {
                let fd = ids[run[0].1 as usize].0;
                pairs.extend(run[1..].iter().filter(|&&(_, g)| ids[g as usize].0 != fd).map(|&(_, g)| (g, run[0].1)));
            });
            for (g, f) in pairs {
                let ((d, u), (fd, fu)) = (unit(g), unit(f));
                if !u.local && reported.insert(sentence_key(d, u), ()).is_none() {
                    out.push(self.cross(
                        EXACT,
                        facts,
                        d,
                        u,
                        fd,
                        fu,
                        format!("this sentence repeats one in {}", facts[fd].path),
                    ));
                }
            }
        }

        if cx.enabled(NEAR) {
            // Band by band: join units by key and pair each unit with the first
            // unit of another document in its run. Memory: one band at a time.
            // Pairs are scored as they are found (a pair met again in another
            // band is scored again, which is cheaper than remembering it), so
            // memory holds only the pairs that pass.
            let mut best: IdMap<u64, (f64, u32, u32)> = IdMap::default();
            for band in 0..BANDS {
                let scored = join_by_key(
                    &mut packed,
                    ids.len(),
                    |g| Some(band_key(&unit(g).1.sig, band)),
                    |run, scored| {
                        for (k, &(_, g)) in run.iter().enumerate().skip(1) {
                            let doc_g = ids[g as usize].0;
                            let Some(&(_, f)) = run[..k].iter().take(8).find(|&&(_, f)| ids[f as usize].0 != doc_g)
                            else {
                                continue;
                            };
                            let ((_, fu), (gd, gu)) = (unit(f), unit(g));
                            if fu.names != gu.names
                                || fu.exact == gu.exact
                                || gu.local
                                || reported.contains_key(&sentence_key(gd, gu))
                            {
                                continue;
                            }
                            let score = estimate(&fu.sig, &gu.sig);
                            if score >= opts.threshold {
                                scored.push((sentence_key(gd, gu), score, f, g));
                            }
                        }
                    },
                );
                // In key order, as found: the first of equal scores stays.
                for (at, score, f, g) in scored {
                    if best.get(&at).is_none_or(|b| b.0 < score) {
                        best.insert(at, (score, f, g));
                    }
                }
            }
            let mut found: Vec<_> = best.into_values().collect();
            found.sort_by_key(|&(_, _, g)| g);
            for (score, f, g) in found {
                let ((fd, fu), (gd, gu)) = (unit(f), unit(g));
                let msg =
                    format!("this sentence nearly repeats one in {} (estimated similarity {score:.2})", facts[fd].path);
                out.push(self.cross(NEAR, facts, gd, gu, fd, fu, msg));
            }
        }
    }
}

/// A sentence of the corpus (document, span start) as a hash-map key: a
/// bijection, well spread for [`IdMap`].
fn sentence_key(doc: usize, u: &UnitFact) -> u64 {
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
fn join_by_key<T: Send>(
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

impl RepetitionCheck {
    #[allow(clippy::too_many_arguments)]
    fn cross(
        &self,
        rule: &str,
        facts: &[DocFacts],
        d: usize,
        u: &UnitFact,
        fd: usize,
        fu: &UnitFact,
        message: String,
    ) -> Diagnostic {
        let mut diag = Diagnostic::file_level(rule, severity(rule), &facts[d].path, message);
        // Snippet, lines and columns are filled in from the file by the
        // engine: facts carry no text.
        diag.location = unresolved(&facts[d].path, u);
        diag.snippet.clear();
        diag.related.push(Related { location: unresolved(&facts[fd].path, fu), message: "first occurrence".into() });
        diag
    }
}

#[cfg(test)]
mod tests {
    use super::join_by_key;

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
