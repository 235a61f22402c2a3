//! `date/*`: temporal expressions, an events calendar, and every
//! inconsistency between them.
//!
//! Per document: find the document's own date ([`document_date`]: metadata,
//! a `Published:` line, or inferred), extract every temporal expression of
//! every sentence and URL anchored to that date ([`temporal`]), then ask each
//! rule's question of that [`Analysis`]. Dated statements become facts,
//! joined across documents in the corpus phase to find one event dated
//! differently in two places.

pub mod calendar;
pub mod civil;
pub mod document_date;
pub mod temporal;
pub mod tense;

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use regex::Regex;
use serde::{Deserialize, Serialize};

use calendar::Calendar;
use civil::Day;
use document_date::DocDate;
use temporal::TimeExpr;

use crate::diagnostic::RuleDef;
use crate::document::{BlockKind, Document, Section, Sentence};
use crate::rules::{CorpusDoc, CorpusSink, RuleSet, Sink};
use crate::text::lexicon::Lexicon;

crate::family_rules! {
    trait DateRule(a: &Analysis<'_>);
    corpus(docs: &[CorpusDoc<'_, Facts>]);
    event_calendar_mismatch::EventCalendarMismatch,
    after_document_date::AfterDocumentDate,
    weekday_mismatch::WeekdayMismatch,
    impossible::Impossible,
    conflicting_event_dates::ConflictingEventDates,
    source_predates_event::SourcePredatesEvent,
    anniversary_arithmetic::AnniversaryArithmetic,
}

/// A date rule: a question about the document's dates, and maybe about the
/// corpus's.
pub trait DateRule: RuleDef {
    fn check(a: &Analysis<'_>, options: &Self::Options, out: &mut Sink<'_>);

    fn check_corpus(_docs: &[CorpusDoc<'_, Facts>], _options: &Self::Options, _out: &mut CorpusSink<'_>) {}
}

/// A dated statement, for the corpus-wide join.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DatedFact {
    /// Hashes of the statement's distinctive word pairs.
    pub keys: Vec<u64>,
    /// Hash of the event's verb: the past-tense verb nearest before the
    /// date ("was held", "was frozen"), when there is one.
    pub verb: Option<u64>,
    /// Dated to the year only, by a verb of what happens once ("founded in
    /// 1998"): compared across years, and only with the same verb.
    #[serde(default)]
    pub coarse: bool,
    pub start: Day,
    pub end: Day,
    pub span: (u32, u32),
}

/// Per-document facts of the date family.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Facts {
    pub doc_date: Option<DocDate>,
    pub dated: Vec<DatedFact>,
}

/// A temporal expression of a sentence, with its place in the source.
pub struct Found {
    pub expr: TimeExpr,
    pub src: Range<usize>,
    pub sentence: usize,
}

/// What the date rules ask about one document.
pub struct Analysis<'d> {
    pub doc: &'d Document,
    pub calendar: &'d Calendar,
    pub lex: &'d Lexicon,
    /// Every temporal expression, in sentence order.
    pub found: Vec<Found>,
    pub doc_date: Option<DocDate>,
}

impl Analysis<'_> {
    /// The day relative expressions are anchored to.
    pub fn anchor(&self) -> Option<Day> {
        self.doc_date.as_ref().map(|d| d.day)
    }

    /// The expressions of sentence `i`.
    pub fn of_sentence(&self, i: usize) -> &[Found] {
        let a = self.found.partition_point(|f| f.sentence < i);
        let b = self.found.partition_point(|f| f.sentence <= i);
        &self.found[a..b]
    }
}

/// The text before a date makes it a stamp of the copy (`stamp-cues`:
/// "Last updated on", "Downloaded from … on"), not a claim.
pub(crate) fn is_stamp(before: &str, lex: &Lexicon) -> bool {
    let lower = before.to_lowercase();
    lex.stamp_cues.words().iter().any(|c| crate::text::contains_phrase(&lower, c))
}

/// Running text: not notes, references or headings.
pub fn in_body(doc: &Document, s: &Sentence) -> bool {
    let b = &doc.blocks[s.block];
    b.kind != BlockKind::Note && b.section == Section::Body && b.kind != BlockKind::Heading
}

/// The date family, for the enabled rules of a run, with its calendar.
pub struct Family {
    enabled: Enabled,
    calendar: Arc<Calendar>,
    lexicon: Arc<Lexicon>,
}

impl Family {
    pub fn new(set: &RuleSet, calendar: Arc<Calendar>, lexicon: Arc<Lexicon>) -> Option<Family> {
        let enabled = Enabled::new(set);
        enabled.any().then_some(Family { enabled, calendar, lexicon })
    }

    pub fn first_rule(&self) -> &'static str {
        RULES[0].id()
    }

    pub fn check(&self, doc: &Document, out: &mut Sink<'_>) -> Facts {
        // The configured order first (a house convention), else what the
        // document's own slashed dates show.
        let order = match self.lexicon.slashed_day_first {
            Some(true) => Some(temporal::DayOrder::DayFirst),
            Some(false) => Some(temporal::DayOrder::MonthFirst),
            None => temporal::slashed_order(&doc.prose),
        };
        let (doc_date, found) = match document_date::explicit(doc) {
            Some(d) => {
                let (found, _) = sentences_with_dates(doc, Some(d.day), None, &self.lexicon, order);
                (Some(d), found)
            }
            None => {
                // Find the written dates first, infer the document's date from
                // them, then read the forms that need it.
                let (mut found, unanchored) = sentences_with_dates(doc, None, None, &self.lexicon, order);
                let inferred = document_date::inferred(doc, &found, &self.lexicon);
                if let Some(d) = &inferred {
                    // Only the sentences where something waited for an anchor.
                    let (anchored, _) = sentences_with_dates(doc, Some(d.day), Some(&unanchored), &self.lexicon, order);
                    let have: std::collections::HashSet<(usize, usize)> =
                        found.iter().map(|f| (f.sentence, f.expr.range.start)).collect();
                    found.extend(anchored.into_iter().filter(|f| !have.contains(&(f.sentence, f.expr.range.start))));
                    found.sort_by_key(|f| (f.sentence, f.expr.range.start));
                }
                (inferred, found)
            }
        };
        let a = Analysis { doc, calendar: &self.calendar, lex: &self.lexicon, found, doc_date };
        Enabled::run(&a, out, &self.enabled);
        if self.enabled.conflicting_event_dates.is_some() {
            Facts { dated: conflicting_event_dates::dated_facts(&a), doc_date: a.doc_date }
        } else {
            Facts::default()
        }
    }

    pub fn check_corpus(&self, docs: &[CorpusDoc<'_, Facts>], out: &mut CorpusSink<'_>) {
        Enabled::run_corpus(docs, out, &self.enabled);
    }
}

/// Sentences without a digit, a month, a season or a relative word hold no
/// temporal expression: a cheap scan before the grammar runs.
static DATE_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9]|(?i:(?-u:\b)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|autumn|fall|winter|ago|yesterday|today|this|last|next|earlier|later|century|eighteen|nineteen))")
        .expect("date hint regex")
});

/// Temporal expressions of the sentences that may hold one: all of them,
/// or only the sentences of `retry`. Also returns, when there is no
/// anchor, the sentences with a match left unread for want of one.
/// Moves a yearless expression read in the anchor's year to the year
/// before (its month span, or its days when they exist then).
fn last_year(e: &mut TimeExpr, anchor: Day) {
    let (y, m1, d1) = civil::civil(e.start);
    let (y2, m2, d2) = civil::civil(e.end);
    if y != civil::civil(anchor).0 {
        return;
    }
    match e.precision {
        temporal::Precision::Month => {
            let (a, _) = civil::month_span(y - 1, m1);
            let (_, b) = civil::month_span(y2 - 1, m2);
            (e.start, e.end) = (a, b);
        }
        _ if civil::valid(y - 1, m1, d1) && civil::valid(y2 - 1, m2, d2) => {
            (e.start, e.end) = (civil::day(y - 1, m1, d1), civil::day(y2 - 1, m2, d2));
        }
        _ => {}
    }
}

fn sentences_with_dates(
    doc: &Document,
    anchor: Option<Day>,
    retry: Option<&[usize]>,
    lex: &Lexicon,
    order: Option<temporal::DayOrder>,
) -> (Vec<Found>, Vec<usize>) {
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
        let (exprs, needs_anchor) = temporal::extract_in_order(text, anchor, order);
        if needs_anchor {
            unanchored.push(i);
        }
        let mut past = None;
        for mut expr in exprs {
            // A date without a year in past narration is the most recent
            // one before the document's date: "the summit in July" in a
            // page of March 2024 is July 2023.
            if let Some(a) = anchor.filter(|&a| !expr.year_stated && !expr.relative && expr.start > a) {
                if *past.get_or_insert_with(|| tense::is_past(text, lex)) {
                    last_year(&mut expr, a);
                }
            }
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
