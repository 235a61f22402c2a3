//! `date/*`: temporal expressions, an events calendar, and every
//! inconsistency between them.
//!
//! Per document: find the document's own date (metadata, a `Published:`
//! line, or inferred), extract every temporal expression of every sentence
//! and URL anchored to that date ([`temporal`]), then check each rule's
//! question. Dated statements become facts, joined across documents in the
//! corpus phase to find one event dated differently in two places.

pub mod calendar;
pub mod civil;
mod docs;
pub mod temporal;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use calendar::Calendar;
use civil::Day;
pub use docs::*;
use temporal::{Precision, TimeExpr};

use crate::diagnostic::{Diagnostic, Location, Related, Severity, Span};
use crate::document::{BlockKind, Document, RefKind, Section, Sentence};
use crate::facts::DocFacts;
use crate::rules::{Check, Context, RuleInfo};
use crate::source::LineCol;

/// How the document's own date was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateSource {
    Metadata(String),
    PublishedLine,
    LatestCitation,
    LatestMention,
}

/// The document's own date.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocDate {
    pub day: Day,
    pub source: DateSource,
}

impl DocDate {
    fn explicit(&self) -> bool {
        matches!(self.source, DateSource::Metadata(_) | DateSource::PublishedLine)
    }

    fn describe(&self) -> String {
        let d = civil::format(self.day);
        match &self.source {
            DateSource::Metadata(k) => format!("{d} (metadata `{k}`)"),
            DateSource::PublishedLine => format!("{d} (its publication line)"),
            DateSource::LatestCitation => format!("about {d} (inferred from its latest dated note)"),
            DateSource::LatestMention => format!("about {d} (inferred from the latest date it mentions)"),
        }
    }
}

/// A dated statement, for the corpus-wide join.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DatedFact {
    /// Hashes of the statement's distinctive word pairs.
    pub keys: Vec<u64>,
    pub start: Day,
    pub end: Day,
    pub span: (u32, u32),
}

/// Per-document facts of the date family.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DateFacts {
    pub doc_date: Option<DocDate>,
    pub dated: Vec<DatedFact>,
}

/// The date check, with its calendar.
pub struct DateCheck {
    calendar: Calendar,
}

impl Default for DateCheck {
    fn default() -> DateCheck {
        DateCheck { calendar: Calendar::default_calendar() }
    }
}

impl DateCheck {
    pub fn with_calendar(calendar: Calendar) -> DateCheck {
        DateCheck { calendar }
    }
}

fn severity(rule: &str) -> Severity {
    crate::rules::default_severity(RULES, rule)
}

/// A temporal expression of a sentence, with its place in the source.
struct Found {
    expr: TimeExpr,
    src: Range<usize>,
    sentence: usize,
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

const FUTURE: &[&str] = &[
    "will",
    "would",
    "shall",
    "expect",
    "expects",
    "expected",
    "scheduled",
    "hope",
    "hopes",
    "intend",
    "intends",
    "upcoming",
    "forthcoming",
    "proposed",
    "propose",
    "proposes",
    "should",
    "could",
    "may",
    "might",
    "closes",
    "opens",
    "starts",
    "begins",
    "projected",
    "recommend",
    "recommends",
    "expires",
    "until",
    "next",
    "anticipated",
    "intended",
    "envisaged",
];

/// Words that announce the future only before "to" ("plans to", "due to").
const FUTURE_BEFORE_TO: &[&str] =
    &["plan", "plans", "planning", "due", "set", "aim", "aims", "going", "target", "targets"];

const PAST: &[&str] = &[
    "was", "were", "had", "did", "began", "held", "met", "took", "went", "came", "became", "won", "lost", "said",
    "told", "hit", "struck", "rose", "fell", "saw", "gave", "made", "ran", "led", "left", "brought", "found", "spent",
    "sent", "built", "wrote", "spoke", "grew", "paid", "sold", "bought",
];

/// A statement about the past: a past-tense verb and no future cue.
fn is_past(text: &str) -> bool {
    let mut past = false;
    let mut prev = String::new();
    let raw = text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).filter(|w| !w.is_empty());
    for original in raw {
        // "May" the month is not "may" the modal.
        if original == "May" {
            continue;
        }
        let w = original.to_lowercase();
        if FUTURE.contains(&w.as_str()) || (w == "to" && FUTURE_BEFORE_TO.contains(&prev.as_str())) {
            return false;
        }
        prev = w.clone();
        if PAST.contains(&w.as_str()) || (w.len() > 4 && w.ends_with("ed")) {
            past = true;
        }
    }
    past
}

/// Sentences without a digit, a month, a season or a relative word hold no
/// temporal expression: a cheap scan before the grammar runs.
static DATE_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9]|(?i:(?-u:\b)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|autumn|fall|winter|ago|yesterday|today|this|last|next|earlier|later|century|eighteen|nineteen))")
        .expect("date hint regex")
});

static PUBLISHED_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:published|posted|dated|date|issued|released|updated)").expect("published hint regex")
});

static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:published|posted|dated|date|issued|released|updated|last updated|first published)(?-u:\b)(?:\s+on)?\s*[:\-–—]?\s*$")
        .expect("published regex")
});

impl DateCheck {
    /// The document's own date.
    fn doc_date(&self, doc: &Document) -> Option<DocDate> {
        const KEYS: &[&str] = &[
            "date",
            "published",
            "pubdate",
            "publish_date",
            "publishdate",
            "publication_date",
            "article:published_time",
            "dc.date",
            "dcterms.date",
            "dc.date.issued",
            "citation_publication_date",
            "og:published_time",
            "created",
            "time",
        ];
        for key in KEYS {
            if let Some(m) = doc.meta.iter().find(|m| m.key == *key) {
                let value = m.value.trim();
                let iso = value.get(..10).filter(|v| v.as_bytes().get(4) == Some(&b'-'));
                let parsed = iso
                    .and_then(|v| {
                        let (y, rest) = v.split_once('-')?;
                        let (mo, d) = rest.split_once('-')?;
                        let (y, mo, d) = (y.parse().ok()?, mo.parse().ok()?, d.parse().ok()?);
                        civil::valid(y, mo, d).then(|| civil::day(y, mo, d))
                    })
                    .or_else(|| {
                        temporal::extract(value, None)
                            .into_iter()
                            .find(|e| e.precision == Precision::Day)
                            .map(|e| e.start)
                    });
                if let Some(day) = parsed {
                    return Some(DocDate { day, source: DateSource::Metadata((*key).to_string()) });
                }
            }
        }
        // "Published: 4 April 2023" in the first blocks.
        for b in doc.blocks.iter().take(25) {
            if !PUBLISHED_HINT.is_match(&doc.prose[b.prose.clone()]) {
                continue;
            }
            let text = doc.reading_text(b.prose.clone());
            for e in temporal::extract(&text, None) {
                if e.precision <= Precision::Month
                    && e.year_stated
                    && e.impossible.is_none()
                    && PUBLISHED.is_match(&text[..e.range.start])
                {
                    return Some(DocDate { day: e.end, source: DateSource::PublishedLine });
                }
            }
        }
        None
    }

    /// The document's date inferred from its dated notes, else from the
    /// latest date it mentions (expressions found without an anchor).
    fn inferred_date(doc: &Document, found: &[Found]) -> Option<DocDate> {
        let latest = |notes: bool| {
            found
                .iter()
                .filter(|f| {
                    let b = &doc.blocks[doc.sentences[f.sentence].block];
                    (b.kind == BlockKind::Note || b.section == Section::References) == notes
                })
                .filter(|f| f.expr.year_stated && f.expr.impossible.is_none() && f.expr.precision <= Precision::Year)
                .map(|f| f.expr.end)
                .max()
        };
        if let Some(day) = latest(true) {
            return Some(DocDate { day, source: DateSource::LatestCitation });
        }
        latest(false).map(|day| DocDate { day, source: DateSource::LatestMention })
    }

    /// Temporal expressions of the sentences that may hold one: all of them,
    /// or only the sentences of `retry`. Also returns, when there is no
    /// anchor, the sentences with a match left unread for want of one.
    fn sentences_with_dates(doc: &Document, anchor: Option<Day>, retry: Option<&[usize]>) -> (Vec<Found>, Vec<usize>) {
        let mut out = Vec::new();
        let mut unanchored = Vec::new();
        let all: Box<dyn Iterator<Item = usize>> = match retry {
            Some(r) => Box::new(r.iter().copied()),
            None => Box::new(0..doc.sentences.len()),
        };
        for i in all {
            let s = &doc.sentences[i];
            if doc.blocks[s.block].kind == BlockKind::PageDebris {
                continue;
            }
            let text = &doc.prose[s.prose.clone()];
            // Sentences to retry are known to hold a form; others may not.
            if retry.is_none() && !DATE_HINT.is_match(text) {
                continue;
            }
            let (exprs, needs_anchor) = temporal::extract_noting_unanchored(text, anchor);
            if needs_anchor {
                unanchored.push(i);
            }
            for expr in exprs {
                let prose = s.prose.start + expr.range.start..s.prose.start + expr.range.end;
                // Dates inside URLs are read from the URL itself.
                if doc
                    .links
                    .iter()
                    .any(|l| l.prose.start <= prose.start && prose.end <= l.prose.end && l.prose.end > l.prose.start)
                {
                    continue;
                }
                out.push(Found { src: doc.src_range(prose), expr, sentence: i });
            }
        }
        (out, unanchored)
    }
}

/// The expressions of sentence `i` (`found` is in sentence order).
fn of_sentence(found: &[Found], i: usize) -> &[Found] {
    let a = found.partition_point(|f| f.sentence < i);
    let b = found.partition_point(|f| f.sentence <= i);
    &found[a..b]
}

fn in_body(doc: &Document, s: &Sentence) -> bool {
    let b = &doc.blocks[s.block];
    b.kind != BlockKind::Note && b.section == Section::Body && b.kind != BlockKind::Heading
}

impl Check for DateCheck {
    fn rules(&self) -> &[RuleInfo] {
        RULES
    }

    fn check(&self, doc: &Document, cx: &Context<'_>, out: &mut Vec<Diagnostic>, facts: &mut DocFacts) {
        let explicit = self.doc_date(doc);
        let (doc_date, found) = match explicit {
            Some(d) => {
                let (found, _) = DateCheck::sentences_with_dates(doc, Some(d.day), None);
                (Some(d), found)
            }
            None => {
                // Find the written dates first, infer the document's date from
                // them, then read the forms that need it.
                let (mut found, unanchored) = DateCheck::sentences_with_dates(doc, None, None);
                let inferred = DateCheck::inferred_date(doc, &found);
                if let Some(d) = &inferred {
                    // Only the sentences where something waited for an anchor.
                    let (anchored, _) = DateCheck::sentences_with_dates(doc, Some(d.day), Some(&unanchored));
                    let have: std::collections::HashSet<(usize, usize)> =
                        found.iter().map(|f| (f.sentence, f.expr.range.start)).collect();
                    found.extend(anchored.into_iter().filter(|f| !have.contains(&(f.sentence, f.expr.range.start))));
                    found.sort_by_key(|f| (f.sentence, f.expr.range.start));
                }
                (inferred, found)
            }
        };
        let anchor = doc_date.as_ref().map(|d| d.day);
        let mut diags = Vec::new();
        impossible_and_weekday(doc, &found, &mut diags);
        after_document_date(doc, &found, doc_date.as_ref(), &mut diags);
        self.calendar_mismatch(doc, &found, &mut diags);
        source_predates(doc, &found, anchor, &mut diags);
        anniversaries(doc, &found, anchor, &mut diags);
        out.extend(diags.into_iter().filter(|d| cx.enabled(&d.rule)));
        if cx.enabled(CONFLICT) {
            facts.date = DateFacts { dated: dated_facts(doc, &found), doc_date };
        }
    }

    fn check_corpus(&self, facts: &[DocFacts], cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if cx.enabled(CONFLICT) {
            conflicts(facts, out);
        }
    }
}

fn impossible_and_weekday(doc: &Document, found: &[Found], out: &mut Vec<Diagnostic>) {
    for f in found {
        let e = &f.expr;
        if let Some(why) = &e.impossible {
            let text = &doc.source.text()[f.src.clone()];
            out.push(doc.report(
                IMPOSSIBLE,
                severity(IMPOSSIBLE),
                f.src.clone(),
                format!("`{text}` does not exist: {why}"),
            ));
            continue;
        }
        let (Some(wd), Precision::Day, true) = (e.weekday, e.precision, e.year_stated) else { continue };
        if e.relative {
            continue;
        }
        let actual = civil::weekday(e.start);
        if actual == wd {
            continue;
        }
        let written = civil::WEEKDAYS[wd as usize];
        let mut d = doc.report(
            WEEKDAY,
            severity(WEEKDAY),
            f.src.clone(),
            format!("{} was a {}, not a {written}", civil::format(e.start), civil::WEEKDAYS[actual as usize]),
        );
        let back = (i64::from(actual) - i64::from(wd)).rem_euclid(7);
        let forward = (i64::from(wd) - i64::from(actual)).rem_euclid(7);
        d.help = Some(format!(
            "either the weekday is wrong ({}, {}) or the date is: the nearest {written}s are {} and {}",
            civil::WEEKDAYS[actual as usize],
            civil::format(e.start),
            civil::format(e.start - back),
            civil::format(e.start + forward)
        ));
        out.push(d);
    }
}

fn after_document_date(doc: &Document, found: &[Found], doc_date: Option<&DocDate>, out: &mut Vec<Diagnostic>) {
    let Some(dd) = doc_date else { return };
    let mut flagged_sentences = std::collections::HashSet::new();
    if dd.explicit() {
        for f in found {
            let s = &doc.sentences[f.sentence];
            let e = &f.expr;
            if e.start <= dd.day || e.relative || !e.year_stated || e.impossible.is_some() || !in_body(doc, s) {
                continue;
            }
            let text = doc.sentence_text(s);
            let before = word_before(text, f.expr.range.start);
            if !is_past(text) || matches!(before.as_str(), "by" | "until" | "till" | "from" | "before") {
                continue;
            }
            if !flagged_sentences.insert(f.sentence) {
                continue;
            }
            let snippet = &doc.source.text()[f.src.clone()];
            let mut d = doc.report(
                AFTER_DOC,
                severity(AFTER_DOC),
                f.src.clone(),
                format!("`{snippet}` is after the document's own date, {}", civil::format(dd.day)),
            );
            d.notes.push(format!("the document is dated {}", dd.describe()));
            out.push(d);
        }
    }
    for link in &doc.links {
        let Some(e) = temporal::extract_url(&link.url) else { continue };
        if e.start <= dd.day {
            continue;
        }
        let mut d = doc.report(
            AFTER_DOC,
            severity(AFTER_DOC),
            link.src.clone(),
            format!(
                "this URL is dated {}, after the document's own date, {}",
                civil::format_span(e.start, e.end),
                civil::format(dd.day)
            ),
        );
        d.notes.push(format!("the document is dated {}", dd.describe()));
        d.notes.push("the link may point to a later article than the one cited, or the text was edited later".into());
        out.push(d);
    }
}

fn word_before(text: &str, at: usize) -> String {
    text[..at].trim_end().rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase()
}

impl DateCheck {
    fn calendar_mismatch(&self, doc: &Document, found: &[Found], out: &mut Vec<Diagnostic>) {
        for (i, s) in doc.sentences.iter().enumerate() {
            if !in_body(doc, s) {
                continue;
            }
            let text = doc.sentence_text(s);
            let dates: Vec<&Found> = of_sentence(found, i).iter().filter(|f| f.expr.impossible.is_none()).collect();
            if dates.is_empty() {
                continue;
            }
            let mentioned = self.calendar.any.matches(text);
            for (_, event) in self.calendar.events.iter().enumerate().filter(|(k, _)| mentioned.matched(*k)) {
                if event.requires.as_ref().is_some_and(|r| !r.is_match(text)) {
                    continue;
                }
                for m in event.matcher.find_iter(text) {
                    // The date attached to the mention: the nearest after it, else before it.
                    let after = dates
                        .iter()
                        .filter(|f| f.expr.range.start >= m.end() && f.expr.range.start - m.end() <= 80)
                        .min_by_key(|f| f.expr.range.start);
                    let before = dates
                        .iter()
                        .filter(|f| f.expr.range.end <= m.start() && m.start() - f.expr.range.end <= 40)
                        .max_by_key(|f| f.expr.range.end);
                    let Some(f) = after.or(before) else { continue };
                    let e = &f.expr;
                    if e.precision > Precision::Year {
                        continue;
                    }
                    let number = event
                        .numbered
                        .as_ref()
                        .and_then(|r| r.captures(m.as_str()))
                        .and_then(|c| c["n"].parse::<u32>().ok());
                    let (y, _, _) = civil::civil(e.start);
                    let (y_end, _, _) = civil::civil(e.end);
                    let candidates: Vec<&calendar::Occurrence> = match number {
                        Some(n) => event.occurrences.iter().filter(|o| o.number == Some(n)).collect(),
                        None => event
                            .occurrences
                            .iter()
                            .filter(|o| {
                                let (oy, _, _) = civil::civil(o.start);
                                oy >= y && oy <= y_end
                            })
                            .collect(),
                    };
                    let overlaps = |a: Day, b: Day| a - event.leeway <= e.end && e.start <= b + event.leeway;
                    let (ok, evidence) = if !candidates.is_empty() {
                        let ok = candidates.iter().any(|o| overlaps(o.start, o.end));
                        let listed: Vec<String> = candidates
                            .iter()
                            .map(|o| format!("{} in {}", civil::format_span(o.start, o.end), o.place))
                            .collect();
                        (ok, listed.join("; "))
                    } else if number.is_none() && y == y_end && e.precision <= Precision::Season {
                        match event.usual_span(y) {
                            Some((a, b)) => (
                                overlaps(a, b),
                                format!("it is held between {} and {} each year", civil::format(a), civil::format(b)),
                            ),
                            None => continue,
                        }
                    } else {
                        continue;
                    };
                    if ok {
                        continue;
                    }
                    let written = &doc.source.text()[f.src.clone()];
                    let which = match number {
                        Some(n) => format!("{} {n}", event.prefix.as_deref().unwrap_or(&event.name)),
                        None => format!("the {y} {}", event.name),
                    };
                    let mut d = doc.report(
                        CALENDAR,
                        severity(CALENDAR),
                        f.src.clone(),
                        format!(
                            "{which} did not take place {} {written}: {evidence}",
                            if e.precision == Precision::Day { "on" } else { "in" }
                        ),
                    );
                    let mention = doc.src_range(s.prose.start + m.start()..s.prose.start + m.end());
                    d.related.push(doc.related(mention, format!("mention of the {}", event.name)));
                    d.notes.push(format!("calendar entry `{}` ({}); source: {}", event.id, event.name, event.source));
                    out.push(d);
                    break;
                }
            }
        }
    }
}

/// The notes a sentence cites: (note block, marker offset in the sentence).
fn cited_notes(doc: &Document, s: &Sentence) -> Vec<(usize, usize)> {
    let text = doc.sentence_text(s);
    let mut labels: Vec<(String, bool, usize)> = doc
        .note_refs
        .iter()
        .filter(|r| r.prose.start >= s.prose.start && r.prose.end <= s.prose.end)
        .map(|r| (r.label.clone(), r.kind == RefKind::Markdown, r.prose.start - s.prose.start))
        .collect();
    for (i, _) in text.match_indices('[') {
        if let Some(close) = text[i..].find(']').filter(|&c| c <= 5) {
            let inner = &text[i + 1..i + close];
            if !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit()) {
                labels.push((inner.to_string(), false, i));
            }
        }
    }
    let source = doc.source.text();
    let mut out = Vec::new();
    for (label, is_md, at) in labels {
        let note = doc.blocks.iter().position(|b| {
            b.kind == BlockKind::Note
                && b.label.as_deref() == Some(label.as_str())
                && b.label_src.as_ref().is_some_and(|r| source[r.clone()].starts_with("[^")) == is_md
        });
        if let Some(n) = note {
            out.push((n, at));
        }
    }
    out
}

fn source_predates(doc: &Document, found: &[Found], anchor: Option<Day>, out: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    for (i, s) in doc.sentences.iter().enumerate() {
        if of_sentence(found, i).is_empty() || !in_body(doc, s) {
            continue;
        }
        let cited = cited_notes(doc, s);
        if cited.is_empty() || !is_past(doc.sentence_text(s)) {
            continue;
        }
        for (n, at) in cited {
            // The claim a marker supports: the last dated event before it.
            let claim = of_sentence(found, i)
                .iter()
                .filter(|f| f.expr.range.end <= at)
                .filter(|f| {
                    f.expr.year_stated
                        && !f.expr.relative
                        && f.expr.impossible.is_none()
                        && f.expr.precision <= Precision::Month
                })
                .max_by_key(|f| f.expr.range.end);
            let Some(claim) = claim else { continue };
            let note = &doc.blocks[n];
            let text = doc.reading_text(note.prose.clone());
            // A marker supports the clause it closes: when that clause comes
            // after the date and the note is about it ("…, a fleet set by the
            // operating contract.[1]" → "Operating Contract"), the date is not
            // what the note supports.
            let sentence = doc.sentence_text(s);
            let clause_start = sentence[..at].rfind([',', ';']).map_or(0, |c| c + 1).max(claim.expr.range.end);
            let content = |t: &str| -> std::collections::HashSet<String> {
                words(t).filter(|w| w.len() > 2 && !crate::rules::repetition::is_stopword(w)).collect()
            };
            if clause_start < at && content(&sentence[clause_start..at]).intersection(&content(&text)).count() >= 2 {
                continue;
            }
            let exprs: Vec<TimeExpr> = temporal::extract(&text, anchor)
                .into_iter()
                .filter(|e| e.year_stated && e.impossible.is_none())
                .collect();
            // The source's date: what follows "published", else its latest date.
            let published =
                exprs.iter().find(|e| text[..e.range.start].trim_end().to_lowercase().ends_with("published"));
            let Some(date) =
                published.or_else(|| exprs.iter().filter(|e| e.precision <= Precision::Year).max_by_key(|e| e.end))
            else {
                continue;
            };
            if date.end >= claim.expr.start
                || date.precision > Precision::Month && civil::civil(date.end).0 >= civil::civil(claim.expr.start).0
            {
                continue;
            }
            if !seen.insert(n) {
                continue;
            }
            let label_src = note.label_src.clone().unwrap_or(note.src.clone());
            let src = doc.src_range(note.prose.start + date.range.start..note.prose.start + date.range.end);
            let mut d = doc.report(
                SOURCE_PREDATES,
                severity(SOURCE_PREDATES),
                src,
                format!(
                    "this source is dated {}, before the event it is cited for ({})",
                    civil::format_span(date.start, date.end),
                    civil::format_span(claim.expr.start, claim.expr.end)
                ),
            );
            d.related.push(doc.related(claim.src.clone(), "the event it is cited for"));
            d.related.push(doc.related(label_src, "the note"));
            out.push(d);
        }
    }
}

const NUMBER_WORDS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/// "76", "seventy-six", "seventy-fifth", "140th", "a hundred", "fifty".
pub fn number_value(s: &str) -> Option<i64> {
    let s = s.trim().to_lowercase().replace(' ', "-");
    if let Some(n) = s
        .trim_end_matches(|c: char| c.is_alphabetic())
        .parse::<i64>()
        .ok()
        .filter(|_| s.starts_with(|c: char| c.is_ascii_digit()))
    {
        return Some(n);
    }
    let ordinal = |w: &str| -> String {
        match w {
            "first" => "one".into(),
            "second" => "two".into(),
            "third" => "three".into(),
            "fifth" => "five".into(),
            "eighth" => "eight".into(),
            "ninth" => "nine".into(),
            "twelfth" => "twelve".into(),
            w if w.ends_with("ieth") => format!("{}y", &w[..w.len() - 4]),
            w if w.ends_with("th") => w[..w.len() - 2].to_string(),
            w => w.to_string(),
        }
    };
    let mut total = 0;
    let mut any = false;
    for part in s.trim_start_matches("a-").split('-').filter(|p| !p.is_empty() && *p != "and") {
        let w = ordinal(part);
        if w == "hundred" {
            total = if total == 0 { 100 } else { total * 100 };
        } else if let Some(n) = NUMBER_WORDS.iter().position(|x| *x == w) {
            total += n as i64;
        } else if let Some(n) = TENS.iter().position(|x| !x.is_empty() && *x == w) {
            total += n as i64 * 10;
        } else {
            return None;
        }
        any = true;
    }
    any.then_some(total)
}

static ANNIVERSARY_RE: LazyLock<Regex> = LazyLock::new(|| {
    let n = r"(?:[0-9]{1,3}(?:st|nd|rd|th)?|(?:a\s+)?(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth|hundredth)(?:[- ]hundred(?:th)?)?)";
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:(?P<anniv>{n})\s+anniversary|(?P<later>{n})\s+years?\s+(?:later|afterwards|after)(?-u:\b)|(?P<ago>{n})\s+years?\s+ago|turns?\s+(?P<turns>{n})(?-u:\b)|(?P<old>{n})\s+years?\s+old)"
    ))
    .expect("anniversary regex")
});

fn anniversaries(doc: &Document, found: &[Found], anchor: Option<Day>, out: &mut Vec<Diagnostic>) {
    for (i, s) in doc.sentences.iter().enumerate() {
        if !in_body(doc, s) {
            continue;
        }
        let text = doc.sentence_text(s);
        let cheap = ["anniversar", "years", "year ", "turns", "turned", "old"].iter().any(|w| text.contains(w));
        if !cheap {
            continue;
        }
        let Some(m) = ANNIVERSARY_RE.captures(text) else { continue };
        let whole = m.get(0).expect("match");
        let years: Vec<&Found> = of_sentence(found, i)
            .iter()
            .filter(|f| {
                f.expr.year_stated
                    && !f.expr.relative
                    && f.expr.precision <= Precision::Year
                    && f.expr.impossible.is_none()
            })
            .collect();
        let year_of = |f: &Found| civil::civil(f.expr.start).0;
        let doc_year = anchor.map(|a| civil::civil(a).0);
        let rest = text[whole.end()..].to_lowercase();
        let around = text.to_lowercase();
        // The reference year the count is measured to.
        let relative_target = || -> Option<i64> {
            let y = doc_year?;
            if around.contains("next year") {
                Some(y + 1)
            } else if around.contains("this year") || around.contains("this month") || around.contains("today") {
                Some(y)
            } else if around.contains("last year") {
                Some(y - 1)
            } else {
                None
            }
        };
        let (n, base, target, target_src): (i64, Option<&Found>, Option<i64>, Option<Range<usize>>) = if let Some(a) =
            m.name("anniv")
        {
            let n = number_value(a.as_str()).unwrap_or(0);
            let base = years.iter().copied().min_by_key(|f| f.expr.start);
            let target = years
                .iter()
                .copied()
                .filter(|f| Some(f.expr.start) != base.map(|b| b.expr.start))
                .max_by_key(|f| f.expr.start);
            match target {
                Some(t) => (n, base, Some(year_of(t)), Some(t.src.clone())),
                None => (n, base, relative_target(), None),
            }
        } else if let Some(l) = m.name("later") {
            let n = number_value(l.as_str()).unwrap_or(0);
            let base = years.iter().copied().filter(|f| f.expr.range.end <= whole.start()).max_by_key(|f| f.expr.start);
            let target = years
                .iter()
                .copied()
                .find(|f| f.expr.range.start >= whole.end() && f.expr.range.start - whole.end() <= 12);
            (n, base, target.map(&year_of), target.map(|t| t.src.clone()))
        } else if let Some(a) = m.name("ago") {
            let n = number_value(a.as_str()).unwrap_or(0);
            let base = years.iter().copied().filter(|f| f.expr.range.end <= whole.start()).max_by_key(|f| f.expr.start);
            // "ago" counts from the document date; allow a year either way
            // when the month is unknown.
            (n, base, doc_year, None)
        } else {
            let g = m.name("turns").or(m.name("old")).expect("one alternative matched");
            let n = number_value(g.as_str()).unwrap_or(0);
            let base = years.iter().copied().min_by_key(|f| f.expr.start);
            let target =
                years.iter().copied().filter(|f| f.expr.range.start > whole.start()).max_by_key(|f| f.expr.start);
            match target {
                Some(t) => (n, base, Some(year_of(t)), Some(t.src.clone())),
                None => (
                    n,
                    base,
                    if rest.is_empty() && !around.contains("year") { doc_year } else { relative_target() },
                    None,
                ),
            }
        };
        let (Some(base), Some(target)) = (base, target) else { continue };
        if n <= 0 {
            continue;
        }
        let base_year = year_of(base);
        let expected = target - base_year;
        let slack = if m.name("ago").is_some() { 1 } else { 0 };
        if (expected - n).abs() <= slack {
            continue;
        }
        let src = doc.src_range(s.prose.start + whole.start()..s.prose.start + whole.end());
        let mut d = doc.report(
            ANNIVERSARY,
            severity(ANNIVERSARY),
            src,
            format!("{base_year} + {n} = {}, not {target}", base_year + n),
        );
        d.related.push(doc.related(base.src.clone(), format!("counted from {base_year}")));
        if let Some(t) = target_src {
            d.related.push(doc.related(t, format!("to {target}")));
        } else {
            d.notes.push(format!("{target} is taken from the document's date"));
        }
        d.help = Some(format!("{target} − {base_year} = {expected}"));
        out.push(d);
    }
}

const GENERIC: &[&str] = &[
    "year", "month", "week", "day", "time", "first", "last", "per", "cent", "percent", "number", "new", "said",
    "report", "annual", "today", "people",
];

/// Distinctive word pairs of each dated statement in the body.
fn dated_facts(doc: &Document, found: &[Found]) -> Vec<DatedFact> {
    let mut out = Vec::new();
    for f in found {
        let s = &doc.sentences[f.sentence];
        let e = &f.expr;
        if !in_body(doc, s) || e.precision != Precision::Day || !e.year_stated || e.relative || e.impossible.is_some() {
            continue;
        }
        let text = doc.sentence_text(s);
        if !is_past(text) {
            continue;
        }
        let mut content: Vec<String> = Vec::new();
        for w in words(text) {
            let stop = crate::rules::repetition::is_stopword(&w)
                || w.chars().any(|c| c.is_ascii_digit())
                || civil::MONTHS.iter().any(|m| m.eq_ignore_ascii_case(&w))
                || civil::WEEKDAYS.iter().any(|d| d.eq_ignore_ascii_case(&w))
                || GENERIC.contains(&w.as_str());
            if stop {
                content.push(String::new());
            } else {
                content.push(w.trim_end_matches("'s").trim_end_matches("’s").to_string());
            }
        }
        let mut keys: Vec<u64> = content
            .windows(2)
            .filter(|p| !p[0].is_empty() && !p[1].is_empty())
            .map(|p| crate::rules::repetition::fingerprint::hash_str(&format!("{} {}", p[0], p[1])))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        if keys.is_empty() {
            continue;
        }
        let span = doc.source.stored_span(f.src.clone());
        let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        out.push(DatedFact { keys, start: e.start, end: e.end, span: (n(span.start), n(span.end)) });
    }
    out
}

fn unresolved(path: &str, span: (u32, u32)) -> Location {
    let origin = LineCol { line: 0, column: 0 };
    Location {
        path: path.to_string(),
        span: Span { start: span.0 as usize, end: span.1 as usize },
        start: origin,
        end: origin,
    }
}

/// Joins dated statements across documents by their word pairs.
fn conflicts(facts: &[DocFacts], out: &mut Vec<Diagnostic>) {
    // Pair → (document, fact) list; document frequency bounds how generic a pair is.
    let mut by_key: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
    for (d, f) in facts.iter().enumerate() {
        for (k, fact) in f.date.dated.iter().enumerate() {
            for key in &fact.keys {
                by_key.entry(*key).or_default().push((d, k));
            }
        }
    }
    let mut reported = std::collections::HashSet::new();
    let mut keys: Vec<&u64> = by_key.keys().collect();
    keys.sort();
    for key in keys {
        let list = &by_key[key];
        let mut docs: Vec<usize> = list.iter().map(|&(d, _)| d).collect();
        docs.sort_unstable();
        docs.dedup();
        if docs.len() != 2 {
            continue;
        }
        // Both documents giving one of the dates (the same passage twice,
        // with two dates in it) is agreement, not a conflict.
        let dates_of = |d: usize| -> Vec<Day> {
            list.iter().filter(|&&(x, _)| x == d).map(|&(x, k)| facts[x].date.dated[k].start).collect()
        };
        let (first, second) = (dates_of(docs[0]), dates_of(docs[1]));
        if first.iter().any(|d| second.contains(d)) {
            continue;
        }
        for &(da, ka) in list {
            for &(db, kb) in list {
                if da >= db {
                    continue;
                }
                let (a, b) = (&facts[da].date.dated[ka], &facts[db].date.dated[kb]);
                let gap = (a.start - b.start).abs();
                if gap == 0 || gap > 60 || civil::civil(a.start).0 != civil::civil(b.start).0 {
                    continue;
                }
                // Report in the later-published document (path order on ties).
                let date_of = |d: usize| facts[d].date.doc_date.as_ref().map(|x| x.day);
                let (later, earlier, lf, ef) =
                    if date_of(da) > date_of(db) || (date_of(da) == date_of(db) && facts[da].path > facts[db].path) {
                        (da, db, a, b)
                    } else {
                        (db, da, b, a)
                    };
                if !reported.insert((later, lf.span)) {
                    continue;
                }
                let mut diag = Diagnostic::file_level(
                    CONFLICT,
                    severity(CONFLICT),
                    &facts[later].path,
                    format!(
                        "this dates the event {}, but {} dates it {}",
                        civil::format_span(lf.start, lf.end),
                        facts[earlier].path,
                        civil::format_span(ef.start, ef.end)
                    ),
                );
                diag.location = unresolved(&facts[later].path, lf.span);
                diag.snippet.clear();
                diag.related.push(Related {
                    location: unresolved(&facts[earlier].path, ef.span),
                    message: "the other date".into(),
                });
                out.push(diag);
            }
        }
    }
}
