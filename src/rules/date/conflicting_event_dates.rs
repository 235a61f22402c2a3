//! `date/conflicting-event-dates`: the corpus-phase date rule.

use std::collections::HashMap;

use super::tense::{is_past, words};
use super::temporal::Precision;
use super::civil::Day;
use super::{civil, in_body, Analysis, DateRule, DatedFact, Facts};
use crate::diagnostic::{NoOptions, Related, RuleDef, Span};
use crate::rules::{CorpusDoc, CorpusSink, Sink};

crate::declare_rule! {
    /// ## What it does
    /// Links dated statements across the corpus that describe the same thing (they share a distinctive pair of words, such as `meteor watch` or `Millbrook footbridge`) and reports those whose dates differ by a few days or weeks, at the later-published document, with the other shown.
    ///
    /// ## Why is this bad?
    /// At least one of the two documents is wrong.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     a.md: Our meteor watch on 13 August 2022 was rained off.
    ///     b.md: We joined the club's meteor watch on 6 August 2022.
    ///
    /// Does not (the same date):
    ///
    ///     b.md: We joined the club's meteor watch on 13 August 2022.
    pub struct ConflictingEventDates {
        id: "date/conflicting-event-dates",
        severity: Warning,
        summary: "the same event dated differently in two documents",
    }
}


/// Distinctive word pairs of each dated statement in the body.
pub fn dated_facts(a: &Analysis<'_>) -> Vec<DatedFact> {
    let (doc, found) = (a.doc, &a.found);
    let mut out = Vec::new();
    for f in found {
        let s = &doc.sentences[f.sentence];
        let e = &f.expr;
        if !in_body(doc, s) || e.precision != Precision::Day || !e.year_stated || e.relative || e.impossible.is_some() {
            continue;
        }
        let text = doc.sentence_text(s);
        if !is_past(text, a.lex) {
            continue;
        }
        let mut content: Vec<String> = Vec::new();
        for w in words(text) {
            let stop = a.lex.stopwords.contains(&w)
                || w.chars().any(|c| c.is_ascii_digit())
                || a.lex.months.iter().any(|m| m.eq_ignore_ascii_case(&w))
                || a.lex.weekdays.iter().any(|d| d.eq_ignore_ascii_case(&w))
                || a.lex.generic_words.contains(&w);
            if stop {
                content.push(String::new());
            } else {
                content.push(w.trim_end_matches("'s").trim_end_matches("’s").to_string());
            }
        }
        let mut keys: Vec<u64> = content
            .windows(2)
            .filter(|p| !p[0].is_empty() && !p[1].is_empty())
            .map(|p| crate::text::hash::hash_str(&format!("{} {}", p[0], p[1])))
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

impl DateRule for ConflictingEventDates {
    /// Nothing to say about one document alone; its facts are made by
    /// [`dated_facts`].
    fn check(_: &Analysis<'_>, _: &NoOptions, _: &mut Sink<'_>) {}

    fn check_corpus(facts: &[CorpusDoc<'_, Facts>], _: &NoOptions, out: &mut CorpusSink<'_>) {
        let mut by_key: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
        for (d, f) in facts.iter().enumerate() {
            for (k, fact) in f.facts.dated.iter().enumerate() {
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
                list.iter().filter(|&&(x, _)| x == d).map(|&(x, k)| facts[x].facts.dated[k].start).collect()
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
                    let (a, b) = (&facts[da].facts.dated[ka], &facts[db].facts.dated[kb]);
                    let gap = (a.start - b.start).abs();
                    if gap == 0 || gap > 60 || civil::civil(a.start).0 != civil::civil(b.start).0 {
                        continue;
                    }
                    // Report in the later-published document (path order on ties).
                    let date_of = |d: usize| facts[d].facts.doc_date.as_ref().map(|x| x.day);
                    let (later, earlier, lf, ef) =
                        if date_of(da) > date_of(db) || (date_of(da) == date_of(db) && facts[da].path > facts[db].path) {
                            (da, db, a, b)
                        } else {
                            (db, da, b, a)
                        };
                    if !reported.insert((later, lf.span)) {
                        continue;
                    }
                    let message = format!(
                        "this dates the event {}, but {} dates it {}",
                        civil::format_span(lf.start, lf.end),
                        facts[earlier].path,
                        civil::format_span(ef.start, ef.end)
                    );
                    let span = |s: (u32, u32)| Span::new(s.0 as usize, s.1 as usize);
                    let diag = out.report(Self::RULE, facts[later].file, span(lf.span), message);
                    diag.related.push(Related {
                        file: facts[earlier].file,
                        span: span(ef.span),
                        message: "the other date".into(),
                    });
                }
            }
        }
    }
}
