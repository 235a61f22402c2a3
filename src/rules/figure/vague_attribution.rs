//! `figure/vague-attribution`.

use super::support::Support;
use super::{Analysis, FigureRule};
use crate::diagnostic::{NoOptions, RuleDef};
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Finds figures whose only support is an attribution that names no source: `experts say`, `according to Serbian media`, `reports suggest`, `it is estimated`, `data indicates`. The cue lists live in `checks/figures.toml`.
    ///
    /// ## Why is this bad?
    /// It reads like a source but cannot be followed up.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     Experts say that around 70% of hip fractures in older people happen at home.
    ///
    /// Does not:
    ///
    ///     According to the Office for National Statistics, around 70% of hip fractures in older people happen at home.
    pub struct VagueAttribution {
        id: "figure/vague-attribution",
        severity: Info,
        summary: "a figure attributed to no one in particular (\"experts say\", \"according to media\")",
    }
}

impl FigureRule for VagueAttribution {
    fn check(a: &Analysis<'_>, _: &NoOptions, out: &mut Sink<'_>) {
        for c in &a.claims {
            let Support::Vague(cue) = &c.support else { continue };
            let first = &c.figures[0];
            let text = a.doc.sentence_text(&a.doc.sentences[c.sentence]);
            let message = format!("`{}` is attributed only to \"{cue}\", which names no source", &text[first.range.clone()]);
            let mut f = out.report(Self::RULE, a.src_of(c, first), message);
            for fig in &c.figures[1..] {
                f.related(a.src_of(c, fig), format!("{} with no source", fig.kind.describe()));
            }
            f.note("name the source (who said it, and where)");
        }
    }
}
