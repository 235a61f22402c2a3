//! `figure/figure-dense-paragraph` (off by default).

use super::{Analysis, FigureRule};
use crate::diagnostic::RuleDef;
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports a paragraph that states at least `threshold` figures while carrying at most one citation. Off by default: enable it with `[rules."figure/figure-dense-paragraph"]` `enabled = true`.
    ///
    /// ## Why is this bad?
    /// One note at the end of a paragraph of numbers rarely covers all of them, and readers cannot tell which figure it sources.
    ///
    /// ## Example
    /// Triggers it (threshold 3):
    ///
    ///     Cider sales rose 9%, to 41,000 litres. Prices reached £3.20 a bottle. The county has 760 hectares of orchard.[1]
    ///
    /// Does not:
    ///
    ///     Cider sales rose 9%.[1] Prices reached £3.20 a bottle.[2] The county has 760 hectares of orchard.[3]
    pub struct FigureDenseParagraph {
        id: "figure/figure-dense-paragraph",
        severity: Info,
        summary: "a paragraph stating many figures covered by one citation or none (off by default)",
        enabled: false,
        options: Options,
    }
}

crate::rule_options! {
    pub struct Options {
        /// figures per paragraph
        threshold: usize = 5,
    }
}

impl FigureRule for FigureDenseParagraph {
    fn check(a: &Analysis<'_>, options: &Options, out: &mut Sink<'_>) {
        let threshold = options.threshold.max(1);
        for b in a.blocks.values() {
            let Some(first) = &b.first else { continue };
            if b.figures >= threshold && b.citations <= 1 {
                out.report(
                    Self::RULE,
                    first.clone(),
                    format!(
                        "this paragraph states {} figures with {} citation{}",
                        b.figures,
                        b.citations,
                        if b.citations == 1 { "" } else { "s" }
                    ),
                );
            }
        }
    }
}
