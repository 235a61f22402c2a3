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

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

pub use docs::*;
use fingerprint::{band_keys, estimate, exact_hash, jaccard, names_hash, signature, tokens, BANDS, K};

use crate::diagnostic::{Diagnostic, Location, Related, Severity, Span};
use crate::document::{BlockKind, Document, Section, Sentence};
use crate::facts::DocFacts;
use crate::rules::{Check, Context, RuleInfo, Settings};
use crate::source::LineCol;

/// Where a unit's sentence is, resolved (facts carry no text).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Loc {
    pub start: u32,
    pub end: u32,
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

/// The fact one unit (a sentence or a long clause of one) contributes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnitFact {
    pub exact: u64,
    pub sig: [u16; K],
    pub names: u32,
    /// Index of the sentence among the document's units' sentences.
    pub sentence: u32,
    pub clause: bool,
    pub loc: Loc,
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
            boilerplate: s.strings(EXACT, "boilerplate").iter().map(|b| exact_hash(&tokens(b))).collect(),
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
    tokens: Vec<String>,
    exact: u64,
    sig: [u16; K],
    names: u32,
    clause: bool,
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
fn fingerprint_text(doc: &Document, s: &Sentence) -> String {
    let mut text = String::new();
    let mut at = s.prose.start;
    for r in doc.note_refs.iter().filter(|r| r.prose.start >= s.prose.start && r.prose.end <= s.prose.end) {
        text.push_str(&doc.reading_text(at..r.prose.start));
        at = r.prose.end;
    }
    text.push_str(&doc.reading_text(at..s.prose.end));
    let text = strip_markers(&text);
    strip_attributed_quotes(&text)
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
        if !("⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c) || c == '\u{fffd}' || c == '\u{fffc}') {
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

/// Long clauses of a sentence, for near-repeats of part of a sentence.
fn clauses(text: &str) -> Vec<&str> {
    let parts: Vec<&str> =
        text.split([',', ';', ':', '—', '–', '(']).map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() < 2 {
        return Vec::new();
    }
    parts
}

impl RepetitionCheck {
    fn content_words(&self, tokens: &[String]) -> HashSet<String> {
        tokens
            .iter()
            .filter(|t| !STOPWORDS.contains(&t.as_str()) && t.chars().any(char::is_alphanumeric))
            .map(|t| self.stemmer.stem(t).into_owned())
            .collect()
    }

    fn units(&self, doc: &Document, opts: &Options) -> Vec<Unit> {
        let min = opts.min_words.iter().copied().min().unwrap_or(6);
        let mut units = Vec::new();
        for (i, s) in doc.sentences.iter().enumerate().filter(|(_, s)| eligible(doc, s)) {
            let text = fingerprint_text(doc, s);
            let toks = tokens(&text);
            if toks.len() < min {
                continue;
            }
            let exact = exact_hash(&toks);
            if opts.boilerplate.contains(&exact) {
                continue;
            }
            for clause in clauses(&text) {
                let ct = tokens(clause);
                if ct.len() >= 8 && ct.len() < toks.len() {
                    let (sig, names) = (signature(&ct), names_hash(clause));
                    units.push(Unit { sentence: i, exact: exact_hash(&ct), tokens: ct, sig, names, clause: true });
                }
            }
            let (sig, names) = (signature(&toks), names_hash(&text));
            units.push(Unit { sentence: i, tokens: toks, exact, sig, names, clause: false });
        }
        units
    }
}

fn loc(doc: &Document, s: &Sentence) -> Loc {
    let l = doc.location(s.src.clone());
    let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    Loc {
        start: n(l.span.start),
        end: n(l.span.end),
        line: l.start.line,
        col: l.start.column,
        end_line: l.end.line,
        end_col: l.end.column,
    }
}

fn location(path: &str, l: &Loc) -> Location {
    Location {
        path: path.to_string(),
        span: Span { start: l.start as usize, end: l.end as usize },
        start: LineCol { line: l.line, column: l.col },
        end: LineCol { line: l.end_line, column: l.end_col },
    }
}

fn severity(rule: &str) -> Severity {
    RULES.iter().find(|r| r.id == rule).map_or(Severity::Warning, |r| r.severity)
}

impl Check for RepetitionCheck {
    fn rules(&self) -> &[RuleInfo] {
        RULES
    }

    fn check(&self, doc: &Document, cx: &Context<'_>, out: &mut Vec<Diagnostic>, facts: &mut DocFacts) {
        let opts = Options::new(cx.settings);
        let units = self.units(doc, &opts);
        let mut reported: HashSet<usize> = HashSet::new();
        let sentence_units = || units.iter().filter(|u| !u.clause);
        let long_enough = |u: &Unit, rule: usize| u.tokens.len() >= opts.min_words[rule];

        // Exact repeats: every later occurrence points at the first.
        let mut first: HashMap<u64, usize> = HashMap::new();
        for u in sentence_units() {
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
                    reported.insert(u.sentence);
                }
                Some(_) => {}
                None => {
                    first.insert(u.exact, u.sentence);
                }
            }
        }

        // Near repeats: LSH candidates, confirmed with the exact score.
        if cx.enabled(NEAR) {
            let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
            let mut best: HashMap<usize, (f64, usize)> = HashMap::new();
            for (j, u) in units.iter().enumerate() {
                let mut seen = HashSet::new();
                for (band, key) in band_keys(&u.sig).into_iter().enumerate() {
                    let bucket = buckets.entry((band, key)).or_default();
                    for &i in bucket.iter() {
                        let v = &units[i];
                        if v.sentence >= u.sentence || !seen.insert(i) || v.names != u.names || v.exact == u.exact {
                            continue;
                        }
                        let score = jaccard(&v.tokens, &u.tokens);
                        if score >= opts.threshold
                            && long_enough(u, 1)
                            && best.get(&u.sentence).is_none_or(|b| b.0 < score)
                        {
                            best.insert(u.sentence, (score, v.sentence));
                        }
                    }
                    if bucket.len() < 16 {
                        bucket.push(j);
                    }
                }
            }
            let mut found: Vec<(usize, (f64, usize))> =
                best.into_iter().filter(|(s, _)| !reported.contains(s)).collect();
            found.sort_by_key(|(s, _)| *s);
            for (s, (score, earlier)) in found {
                let mut d = doc.report_prose(
                    NEAR,
                    severity(NEAR),
                    doc.sentences[s].prose.clone(),
                    format!("this sentence nearly repeats an earlier one (similarity {score:.2})"),
                );
                d.related.push(doc.related(doc.sentences[earlier].src.clone(), "the earlier sentence"));
                out.push(d);
                reported.insert(s);
            }
        }

        // Restatements: content words contained in a sentence shortly before.
        if cx.enabled(RESTATED) {
            let content: Vec<(usize, HashSet<String>)> =
                sentence_units().map(|u| (u.sentence, self.content_words(&u.tokens))).collect();
            let lens: HashMap<usize, usize> = sentence_units().map(|u| (u.sentence, u.tokens.len())).collect();
            for (k, (s, words)) in content.iter().enumerate() {
                if reported.contains(s) || lens[s] < opts.min_words[2] || words.len() < opts.min_shared {
                    continue;
                }
                let from = k.saturating_sub(opts.window);
                let hit = content[from..k]
                    .iter()
                    .filter(|(_, earlier)| earlier.len() >= words.len())
                    .map(|(e, earlier)| (e, words.intersection(earlier).count()))
                    .filter(|&(_, shared)| {
                        shared >= opts.min_shared && shared as f64 / words.len() as f64 >= opts.containment
                    })
                    .max_by_key(|&(_, shared)| shared);
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
                    reported.insert(*s);
                }
            }
        }

        facts.repetition = units
            .iter()
            .map(|u| UnitFact {
                exact: u.exact,
                sig: u.sig,
                names: u.names,
                sentence: u.sentence as u32,
                clause: u.clause,
                loc: loc(doc, &doc.sentences[u.sentence]),
            })
            .collect();
    }

    fn check_corpus(&self, facts: &[DocFacts], cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let opts = Options::new(cx.settings);
        let mut order: Vec<usize> = (0..facts.len()).collect();
        order.sort_by(|&a, &b| facts[a].path.cmp(&facts[b].path));
        // Global unit ids in path order.
        let mut ids: Vec<(u32, u32)> = Vec::new();
        for &d in &order {
            for u in 0..facts[d].repetition.len() {
                ids.push((d as u32, u as u32));
            }
        }
        let unit = |g: usize| {
            let (d, u) = ids[g];
            (d as usize, &facts[d as usize].repetition[u as usize])
        };
        let mut reported: HashSet<(usize, u32)> = HashSet::new();

        if cx.enabled(EXACT) {
            let mut first: HashMap<u64, usize> = HashMap::new();
            for g in 0..ids.len() {
                let (d, u) = unit(g);
                if u.clause {
                    continue;
                }
                match first.get(&u.exact) {
                    Some(&f) if unit(f).0 != d => {
                        if reported.insert((d, u.sentence)) {
                            let (fd, fu) = unit(f);
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
                    Some(_) => {}
                    None => {
                        first.insert(u.exact, g);
                    }
                }
            }
        }

        if cx.enabled(NEAR) {
            // Band by band: sort (key, id) and pair each unit with the first
            // unit of another document in its run. Memory: one band at a time.
            let mut candidates: HashSet<(u32, u32)> = HashSet::new();
            let mut keys: Vec<(u64, u32)> = Vec::with_capacity(ids.len());
            for band in 0..BANDS {
                keys.clear();
                keys.extend((0..ids.len()).map(|g| (band_keys(&unit(g).1.sig)[band], g as u32)));
                keys.sort_unstable();
                for run in keys.chunk_by(|a, b| a.0 == b.0).filter(|r| r.len() > 1) {
                    for (k, &(_, g)) in run.iter().enumerate().skip(1) {
                        let doc_g = ids[g as usize].0;
                        if let Some(&(_, f)) = run[..k].iter().take(8).find(|&&(_, f)| ids[f as usize].0 != doc_g) {
                            candidates.insert((f, g));
                        }
                    }
                }
            }
            let mut best: HashMap<(usize, u32), (f64, usize, u32)> = HashMap::new();
            for (f, g) in candidates {
                let ((fd, fu), (gd, gu)) = (unit(f as usize), unit(g as usize));
                if fu.names != gu.names || fu.exact == gu.exact || reported.contains(&(gd, gu.sentence)) {
                    continue;
                }
                let score = estimate(&fu.sig, &gu.sig);
                if score >= opts.threshold && best.get(&(gd, gu.sentence)).is_none_or(|b| b.0 < score) {
                    best.insert((gd, gu.sentence), (score, fd, f));
                }
            }
            let mut found: Vec<_> = best.into_iter().collect();
            found.sort_by_key(|&((d, s), _)| (d, s));
            for ((gd, gs), (score, fd, f)) in found {
                let gu = facts[gd].repetition.iter().find(|u| u.sentence == gs).expect("unit of a reported sentence");
                let msg =
                    format!("this sentence nearly repeats one in {} (estimated similarity {score:.2})", facts[fd].path);
                out.push(self.cross(NEAR, facts, gd, gu, fd, unit(f as usize).1, msg));
            }
        }
    }
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
        diag.location = location(&facts[d].path, &u.loc);
        // Filled in from the file by the engine: facts carry no text.
        diag.snippet.clear();
        diag.related.push(Related { location: location(&facts[fd].path, &fu.loc), message: "first occurrence".into() });
        diag
    }
}
