//! `date/impossible`.

use super::{Analysis, DateRule};
use crate::diagnostic::{NoOptions, RuleDef};
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Reports dates that cannot exist: a day past the end of its month, 29 February in a year that is not a leap year, a month number above 12 (`2019-13-02`; `31/04/2019` and `04/31/2019` either way round), and a range that ends before it starts (`January 10 – 1, 2016`).
    ///
    /// ## Why is this bad?
    /// The date is certainly wrong.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     on 29 February 2019
    ///
    /// Does not:
    ///
    ///     on 29 February 2020
    pub struct Impossible {
        id: "date/impossible",
        severity: Error,
        summary: "a date that does not exist (31 June, 29 February in a common year, month 13, a range that ends before it starts)",
    }
}

impl DateRule for Impossible {
    fn check(a: &Analysis<'_>, _: &NoOptions, out: &mut Sink<'_>) {
        for f in &a.found {
            if let Some(why) = &f.expr.impossible {
                let text = &a.doc.source.text()[f.src.clone()];
                out.report(Self::RULE, f.src.clone(), format!("`{text}` does not exist: {why}"));
            }
        }
    }
}
