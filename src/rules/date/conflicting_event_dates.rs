//! `date/conflicting-event-dates`: the corpus-phase date rule.

use std::collections::HashMap;

use super::tense::is_past;
use super::temporal::Precision;
use super::civil::Day;
use super::{civil, in_body, Analysis, DateRule, DatedFact, Facts};
use crate::diagnostic::{NoOptions, Related, RuleDef, Span};
use crate::rules::{CorpusDoc, CorpusSink, Sink};

crate::declare_rule! {
    /// ## What it does
    /// Links dated statements across the corpus that describe the same thing (they share a distinctive pair of words, such as `meteor watch`, `Millbrook footbridge` or a release's name and number, `Kestrel 2.4`) and reports those whose dates, to the day or the month, cannot both be right and lie a few days or weeks apart ("released March 2019" against "(April 9th, 2019)"; "July 1997" holds "5 July 1997" and agrees), at the later-published document, with the other shown. A year alone dates only what happens once to a named thing (`The Harwick Rowing Club was founded in 1998` against `… founded in 2001`: `once-verbs` in the lexicon, and a shared pair with a capitalised word), and is then compared across years. Two statements whose events have different verbs ("was held in Lowford" against "was frozen … near the meeting in Lowford") are different events.
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


/// The words of a statement, as written, with the dots inside a version
/// kept ("1.3", "v2.1"): a release's number is what names it.
fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '.')))
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty())
        .flat_map(|w| {
            // "end.The" glued by extraction, "U.S.": split unless a version.
            if w.contains('.') && !is_name_number(w) {
                w.split('.').map(str::to_string).collect::<Vec<_>>()
            } else {
                vec![w.to_string()]
            }
        })
        .filter(|w| !w.is_empty())
}

/// A number that names something: a version ("1.3", "2.0.1") or a
/// name with digits ("expo21", "a380"); not a day, a year or an
/// ordinal ("5th").
fn is_name_number(w: &str) -> bool {
    let digits = w.chars().filter(char::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let version = w.split('.').count() >= 2 && w.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    let ordinal = ["st", "nd", "rd", "th"].iter().any(|s| w.ends_with(s)) && w[..w.len() - 2].chars().all(|c| c.is_ascii_digit());
    let mixed = w.chars().any(char::is_alphabetic) && !w.contains('.') && !ordinal;
    version || mixed
}

/// The event's verb: the past-tense verb nearest before the date, not an
/// auxiliary ("was held in …", "the release was frozen on …").
fn event_verb(before: &str, lex: &crate::text::lexicon::Lexicon) -> Option<String> {
    before
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .take(12)
        .map(str::to_lowercase)
        .find(|w| {
            !matches!(w.as_str(), "was" | "were" | "had" | "did" | "been")
                && (lex.past_verbs.contains(w) || (w.len() > 4 && w.ends_with("ed")))
        })
}

/// Distinctive word pairs of each dated statement in the body.
pub fn dated_facts(a: &Analysis<'_>) -> Vec<DatedFact> {
    let (doc, found) = (a.doc, &a.found);
    let mut out = Vec::new();
    // Whether each sentence is past narration, read once.
    let mut past: Option<(usize, bool)> = None;
    for f in found {
        let s = &doc.sentences[f.sentence];
        let e = &f.expr;
        if !in_body(doc, s)
            || !matches!(e.precision, Precision::Day | Precision::Month | Precision::Year)
            || !e.year_stated
            || e.relative
            || e.impossible.is_some()
        {
            continue;
        }
        let text = doc.sentence_text(s);
        let verb_word = event_verb(&text[..e.range.start], a.lex);
        // A year alone dates only what happens once ("founded in 1998"),
        // and then the thing must be named: a pair with a capitalised word.
        // (Checked before the tense: most years date nothing of the kind.)
        let coarse = e.precision == Precision::Year;
        if coarse && !verb_word.as_ref().is_some_and(|v| a.lex.once_verbs.contains(v)) {
            continue;
        }
        let is_past = match past {
            Some((i, p)) if i == f.sentence => p,
            _ => {
                let p = is_past(text, a.lex);
                past = Some((f.sentence, p));
                p
            }
        };
        if !is_past {
            continue;
        }
        let mut content: Vec<String> = Vec::new();
        let mut named: Vec<bool> = Vec::new();
        for (k, cased) in tokens(text).enumerate() {
            named.push(k > 0 && cased.starts_with(|c: char| c.is_uppercase()));
            let w = cased.to_lowercase();
            let stop = a.lex.stopwords.contains(&w)
                || (w.chars().any(|c| c.is_ascii_digit()) && !is_name_number(&w))
                || a.lex.months.iter().any(|m| m.eq_ignore_ascii_case(&w))
                || a.lex.weekdays.iter().any(|d| d.eq_ignore_ascii_case(&w))
                || a.lex.generic_words.contains(&w);
            if stop {
                content.push(String::new());
            } else {
                content.push(w.trim_end_matches("'s").trim_end_matches("’s").to_string());
            }
        }
        let mut keys: Vec<u64> = (1..content.len())
            .filter(|&k| !content[k - 1].is_empty() && !content[k].is_empty())
            .filter(|&k| {
                !coarse
                    || ((named[k - 1] || named[k])
                        && verb_word.as_ref().is_none_or(|v| *v != content[k - 1] && *v != content[k]))
            })
            .map(|k| crate::text::hash::hash_str(&format!("{} {}", content[k - 1], content[k])))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        if keys.is_empty() {
            continue;
        }
        let span = doc.source.stored_span(f.src.clone());
        let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        let verb = verb_word.map(|v| crate::text::hash::hash_str(&v));
        out.push(DatedFact { keys, verb, coarse, start: e.start, end: e.end, span: (n(span.start), n(span.end)) });
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
                    // Two different events that share words ("held in X"
                    // against "frozen … near the meeting in X").
                    if a.verb.is_some() && b.verb.is_some() && a.verb != b.verb {
                        continue;
                    }
                    // Intervals that overlap agree ("July 1997" holds "5
                    // July 1997"); the gap between them is what differs.
                    let gap = if a.end < b.start {
                        b.start - a.end
                    } else if b.end < a.start {
                        a.start - b.end
                    } else {
                        continue;
                    };
                    if a.coarse || b.coarse {
                        // "founded in 1998" against "founded in 2001": the
                        // same verb of a once-only event, any years apart.
                        if a.verb.is_none() || a.verb != b.verb {
                            continue;
                        }
                    } else if gap > 60 || civil::civil(a.start).0 != civil::civil(b.start).0 {
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
