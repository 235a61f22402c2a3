//! `figure/unsupported`.

use super::support::Support;
use super::{Analysis, FigureRule};
use crate::diagnostic::RuleDef;
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Finds percentages, amounts of money, quantities with units, counts of people or things, ratios, rankings and shares (`one in four`, `two-thirds of`, `fell by a third`, `more than half`), in digits or words, a range read whole with its unit (`1.5–2 million tonnes`, `40 to 60 volunteers`, `$25-million`), and reports those whose sentence has no note marker, link, parenthetical citation or issue reference (`(gh-2214)`, `(#618)`, a credit `(patch by Ada Quill, tkt-50112.)`, or one standing alone after the sentence), attribution to a named source (or to the publication's own measurement: `our analysis`, `we counted`), first-person account (`I sold 40 jars`) or place inside a quotation opened earlier in its paragraph, that does not go on with a source the previous sentence names (`It found …`, `Another 20% …`: `refers-back` and `continuations` in the figure cues), and whose next sentence does not carry a citation for it. A date in parentheses (`(March 1931)`) is no citation. Years, dates, clock times, identifiers (`G20`, `M31`, `port 6379`, `Article 5`), note markers, figures in notes or reference lists, time and distance (`a quarter of an hour`, `half a mile`) voting thresholds (`a two-thirds majority`), named goals and limits (`the 1.5 °C limit`, `the 3 percent deficit ceiling`: `limit-nouns` in the lexicon) and `100%` as a manner of speaking (`is 100% rye`) are not figures. Parameters of code (`$1`, `$2`), sentences that are code or program output (three words or more written like code), and figures after a condition, target or rule cue (`if there were 40 berths`, `aims to cut … by 30%`, `shall have 9 members`; `not-claim-cues` in the figure cues) are not reported either. A number right after a name is a version, a standard or a model (`Kestrel 4 supports`, `BS 7671 rules`, `Vega 7 crew`; in technical documentation also after a preposition: `used on Ember 4 installations`). In technical documentation (a manual, a changelog, a README: at least 15% of the sentences, and three or more, name code) only statistics about the world are claims: money, counts of people or of a project's reach (`120,000 downloads`, `350 contributors`) and percentages or shares of them (`40% of users`); the software's own sizes, limits, speeds and parts (`up to 8 GiB`, `twice as fast`, `14 bug fixes`) are not reported. A paragraph of one short sentence whose figures the document stated before (a pull quote, a caption, a summary line; not a list item) is not reported again. One diagnostic per sentence: the first figure is the primary label, the others are shown beside it.
    ///
    /// ## Why is this bad?
    /// A fact-checker's first question about any figure is "says who?". An unsourced figure cannot be checked and is the first thing a critic attacks.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     Library loans grew by 14 per cent over the year.
    ///
    /// Does not:
    ///
    ///     Library loans grew by 14 per cent over the year.[^2]
    ///     According to the issue system, library loans grew by 14 per cent.
    pub struct Unsupported {
        id: "figure/unsupported",
        severity: Warning,
        summary: "a figure stated as fact with no citation, link or attribution",
        options: Options,
    }
}

crate::rule_options! {
    pub struct Options {
        /// how many following sentences may carry the citation for a figure (when they state no figure of their own)
        window: usize = 1,
    }
}

impl FigureRule for Unsupported {
    fn check(a: &Analysis<'_>, _: &Options, out: &mut Sink<'_>) {
        for c in a.claims.iter().filter(|c| c.support == Support::None) {
            let first = &c.figures[0];
            let message = if c.figures.len() == 1 {
                format!("{} `{}` is stated with no source", first.kind.describe(), a.shown(c, first))
            } else {
                let listed: Vec<String> =
                    c.figures.iter().map(|f| format!("`{}` ({})", a.shown(c, f), f.kind.describe())).collect();
                format!("{} figures are stated with no source: {}", c.figures.len(), listed.join(", "))
            };
            let mut f = out.report(Self::RULE, a.src_of(c, first), message);
            for fig in &c.figures[1..] {
                f.related(a.src_of(c, fig), format!("{} with no source", fig.kind.describe()));
            }
            f.note("looked for: a note marker, a link or URL, a parenthetical citation, an issue reference or an attribution to a named source in the sentence, a source named in the previous sentence that this one goes on with, or a citation in the next sentence");
        }
    }
}
