//! `date/after-document-date`.

use super::tense::is_past;
use super::{civil, in_body, is_stamp, temporal, Analysis, DateRule};
use crate::text::word_before;
use crate::diagnostic::{NoOptions, RuleDef};
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Finds the document's own date (front matter `date:`, HTML `<meta>`/`<time>`, a `Published:` line that labels the page, not a sentence such as "version 2 was released on …"; otherwise inferred from its latest dated note or mention) and reports past-tense statements and URLs dated after it. Plans, targets and deadlines (`will`, `due to`, `by 2025`, `extended to 2030`, `closes on`) and stamps of the copy (`Last updated on …` in a generated footer, `Downloaded from … on …`: `stamp-cues` in the lexicon) are not reported. With an inferred date only URLs are checked, only those more than a year past it, at one severity lower and with the guess stated: a page may be written well after the latest date it mentions.
    ///
    /// ## Why is this bad?
    /// A document cannot report what had not happened yet: the date is wrong, or the text was edited later without saying so, or a link points to a different article.
    ///
    /// ## Example
    /// Triggers it (published 11 October 2021):
    ///
    ///     The new timetable was introduced on 6 December 2021.
    ///
    /// Does not:
    ///
    ///     The new timetable will be introduced on 6 December 2021.
    pub struct AfterDocumentDate {
        id: "date/after-document-date",
        severity: Warning,
        summary: "a date (or a URL's date) later than the document's own date",
    }
}

/// How far past a guessed document date a URL's date may fall unreported.
const GUESS_SLACK_DAYS: i64 = 366;

impl DateRule for AfterDocumentDate {
    fn check(a: &Analysis<'_>, _: &NoOptions, out: &mut Sink<'_>) {
        let doc = a.doc;
        let Some(dd) = &a.doc_date else { return };
        let mut flagged_sentences = std::collections::HashSet::new();
        // Statements are checked only against a date the document states.
        if dd.explicit() {
            for f in &a.found {
                let s = &doc.sentences[f.sentence];
                let e = &f.expr;
                if e.start <= dd.day || e.relative || !e.year_stated || e.impossible.is_some() || !in_body(doc, s) {
                    continue;
                }
                let text = doc.sentence_text(s);
                if is_stamp(&text[..f.expr.range.start], a.lex) {
                    continue;
                }
                let before = word_before(text, f.expr.range.start).to_lowercase();
                if !is_past(text, a.lex) || matches!(before.as_str(), "by" | "until" | "till" | "from" | "before" | "to" | "through" | "beyond" | "into") {
                    continue;
                }
                if !flagged_sentences.insert(f.sentence) {
                    continue;
                }
                let snippet = &doc.source.text()[f.src.clone()];
                out.report(
                    Self::RULE,
                    f.src.clone(),
                    format!("`{snippet}` is after the document's own date, {}", civil::format(dd.day)),
                )
                .note(format!("the document is dated {}", dd.describe()))
                .related_opt(dd.src.clone(), "the document's date");
            }
        }
        // A guessed date is only the latest the text mentions: the page may
        // have been written a while after it. Only a URL more than a year
        // past the guess is reported, one level lower, with the guess stated.
        let slack = if dd.explicit() { 0 } else { GUESS_SLACK_DAYS };
        for link in &doc.links {
            let Some(e) = temporal::extract_url(&link.url) else { continue };
            if e.start <= dd.day + slack {
                continue;
            }
            let mut f = out.report(
                Self::RULE,
                link.src.clone(),
                format!(
                    "this URL is dated {}, after the document's own date, {}",
                    civil::format_span(e.start, e.end),
                    civil::format(dd.day)
                ),
            );
            f.related_opt(dd.src.clone(), "the document's date")
                .note(format!("the document is dated {}", dd.describe()))
                .note("the link may point to a later article than the one cited, or the text was edited later");
            if !dd.explicit() {
                f.lower_severity().note("the document states no date: this one is a guess, so the finding is a hint");
            }
        }
    }
}
