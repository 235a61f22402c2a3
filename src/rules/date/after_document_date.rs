//! `date/after-document-date`.

use super::tense::is_past;
use super::{civil, in_body, temporal, Analysis, DateRule};
use crate::text::word_before;
use crate::diagnostic::{NoOptions, RuleDef};
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Finds the document's own date (front matter `date:`, HTML `<meta>`/`<time>`, a `Published:` line; otherwise inferred from its latest dated note or mention, and then only URLs are checked) and reports past-tense statements and URLs dated after it. Plans, targets and deadlines (`will`, `due to`, `by 2025`, `closes on`) are not reported.
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
                let before = word_before(text, f.expr.range.start).to_lowercase();
                if !is_past(text, a.lex) || matches!(before.as_str(), "by" | "until" | "till" | "from" | "before") {
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
                .note(format!("the document is dated {}", dd.describe()));
            }
        }
        for link in &doc.links {
            let Some(e) = temporal::extract_url(&link.url) else { continue };
            if e.start <= dd.day {
                continue;
            }
            out.report(
                Self::RULE,
                link.src.clone(),
                format!(
                    "this URL is dated {}, after the document's own date, {}",
                    civil::format_span(e.start, e.end),
                    civil::format(dd.day)
                ),
            )
            .note(format!("the document is dated {}", dd.describe()))
            .note("the link may point to a later article than the one cited, or the text was edited later");
        }
    }
}
