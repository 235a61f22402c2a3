//! `repetition/boilerplate`.

use super::{Analysis, RepetitionRule};
use crate::diagnostic::RuleDef;
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Names, once, each sentence that recurs three times or more in a document: a template (a page stamp or running line that extraction left in the text, a footer of every section, a stock line of every entry) or a refrain. The copies are not reported as repeated sentences; this rule, off by default, says which sentences were taken for templates and where they occur.
    ///
    /// ## Why is this bad?
    /// It is not, by itself: it shows what the repetition rules set aside, so that a template is seen once instead of at every copy, and a sentence pasted three times by mistake can still be found.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     Draft for comment, not for citation. … Draft for comment, not for citation. … Draft for comment, not for citation.
    ///
    /// Does not:
    ///
    ///     Draft for comment, not for citation. … Draft for comment, not for citation.
    pub struct Boilerplate {
        id: "repetition/boilerplate",
        severity: Info,
        summary: "a sentence that recurs throughout a document: a template or refrain, set aside by the repetition rules",
        enabled: false,
    }
}

/// The most later copies a finding lists.
const SHOWN: usize = 5;

impl RepetitionRule for Boilerplate {
    /// One finding per template, at its first copy.
    fn check(a: &mut Analysis<'_>, _: &Self::Options, out: &mut Sink<'_>) {
        let doc = a.doc;
        for copies in a.template_copies() {
            let message = format!("this sentence occurs {} times in this document: taken for a template", copies.len());
            let mut diag = out.report_prose(Self::RULE, doc.sentences[copies[0]].prose.clone(), message);
            for &s in copies.iter().skip(1).take(SHOWN) {
                diag.related(doc.sentences[s].src.clone(), "another copy");
            }
        }
    }
}
