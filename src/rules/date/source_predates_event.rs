//! `date/source-predates-event`.

use std::sync::LazyLock;

use regex::Regex;

use super::tense::{is_past, words};
use super::temporal::{self, Precision, TimeExpr};
use super::{civil, in_body, Analysis, DateRule};
use crate::diagnostic::{NoOptions, RuleDef};
use crate::document::{Document, Sentence};
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// For a sentence that reports a dated event and cites a note, reads the note's date (its `published` date, or its latest date) and reports the note when it is dated before the event. A source named in the text with its date (`a report dated 3 February 2023 found that … on 10 February 2023`, `the survey of March 2021 showed …`, `a statement issued in April 2022 said …`) is held to the same: the events it tells of cannot be later.
    ///
    /// ## Why is this bad?
    /// A source cannot document something that happened after it was written: the citation is wrong or belongs elsewhere.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     Webb was launched on 25 December 2021.[^2]
    ///
    ///     [^2]: ESA, launch preview, 3 December 2021.
    ///
    /// Does not:
    ///
    ///     [^2]: ESA, launch report, 27 December 2021.
    pub struct SourcePredatesEvent {
        id: "date/source-predates-event",
        severity: Warning,
        summary: "a claim supported by a source dated before the event it reports",
    }
}

/// The notes a sentence cites: (note block, marker offset in the sentence).
fn cited_notes(doc: &Document, s: &Sentence) -> Vec<(usize, usize)> {
    doc.markers_in(s.prose.clone())
        .iter()
        .filter(|m| m.prose.end <= s.prose.end)
        .filter_map(|m| m.note.map(|n| (doc.notes[n].block, m.prose.start - s.prose.start)))
        .collect()
}

/// A source named in the text with its date: "a report dated 3 February
/// 2023", "the survey of March 2021", "a statement issued on 5 May 2022".
static NAMED_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:report|study|survey|article|statement|paper|letter|memo|memorandum|review|audit|bulletin|press\s+release|briefing)\s+(?:dated|of|from|published(?:\s+(?:on|in))?|issued(?:\s+(?:on|in))?|released(?:\s+(?:on|in))?)\s+$")
        .expect("named source regex")
});

/// Verbs after which a later date is a forecast or a plan, not an event.
const FORECAST: &[&str] = &[
    "predicted", "forecast", "forecasted", "expected", "warned", "projected", "planned", "proposed", "recommended",
    "scheduled", "estimated", "anticipated", "feared", "urged", "called",
];

/// "A report dated 3 February 2023 found that the barrier collapsed on 10
/// February 2023": the named source is dated before the event it tells of.
fn named_sources(a: &Analysis<'_>, i: usize, out: &mut Sink<'_>) {
    let doc = a.doc;
    let text = doc.sentence_text(&doc.sentences[i]);
    let dated = |f: &&super::Found| {
        f.expr.year_stated && !f.expr.relative && f.expr.impossible.is_none() && f.expr.precision <= Precision::Month
    };
    let found: Vec<&super::Found> = a.of_sentence(i).iter().filter(dated).collect();
    let Some(source) = found.iter().find(|f| NAMED_SOURCE.is_match(&text[..f.expr.range.start])) else { return };
    let Some(event) = found
        .iter()
        .filter(|f| f.expr.range.start > source.expr.range.end && f.expr.start > source.expr.end)
        .min_by_key(|f| f.expr.range.start)
    else {
        return;
    };
    // "A report of March 2021 predicted floods in May 2021": a forecast.
    let between = text[source.expr.range.end..event.expr.range.start].to_lowercase();
    if FORECAST.iter().any(|w| words(&between).any(|b| b == *w)) {
        return;
    }
    out.report(
        SourcePredatesEvent::RULE,
        source.src.clone(),
        format!(
            "this source is dated {}, before the event it tells of ({})",
            civil::format_span(source.expr.start, source.expr.end),
            civil::format_span(event.expr.start, event.expr.end)
        ),
    )
    .related(event.src.clone(), "the event it tells of");
}

impl DateRule for SourcePredatesEvent {
    fn check(a: &Analysis<'_>, _: &NoOptions, out: &mut Sink<'_>) {
        let doc = a.doc;
        let mut seen = std::collections::HashSet::new();
        for (i, s) in doc.sentences.iter().enumerate() {
            if a.of_sentence(i).is_empty() || !in_body(doc, s) {
                continue;
            }
            if a.of_sentence(i).len() >= 2 && is_past(doc.sentence_text(s), a.lex) {
                named_sources(a, i, out);
            }
            let cited = cited_notes(doc, s);
            if cited.is_empty() || !is_past(doc.sentence_text(s), a.lex) {
                continue;
            }
            for (n, at) in cited {
                // The claim a marker supports: the last dated event before it.
                let claim = a.of_sentence(i)
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
                // after the date and the note is about it ("…, a number fixed by the
                // supply agreement.[1]" → "Supply Agreement"), the date is not
                // what the note supports.
                let sentence = doc.sentence_text(s);
                let clause_start = sentence[..at].rfind([',', ';']).map_or(0, |c| c + 1).max(claim.expr.range.end);
                let content = |t: &str| -> std::collections::HashSet<String> {
                    words(t).filter(|w| w.len() > 2 && !a.lex.stopwords.contains(w)).collect()
                };
                if clause_start < at && content(&sentence[clause_start..at]).intersection(&content(&text)).count() >= 2 {
                    continue;
                }
                let exprs: Vec<TimeExpr> = temporal::extract(&text, a.anchor())
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
                out.report(
                    Self::RULE,
                    src,
                    format!(
                        "this source is dated {}, before the event it is cited for ({})",
                        civil::format_span(date.start, date.end),
                        civil::format_span(claim.expr.start, claim.expr.end)
                    ),
                )
                .related(claim.src.clone(), "the event it is cited for")
                .related(label_src, "the note");
            }
        }
    }
}
