//! `date/weekday-mismatch`.

use super::civil;
use super::temporal::Precision;
use super::{Analysis, DateRule};
use crate::diagnostic::{NoOptions, RuleDef};
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Checks every date written with its weekday (`Tuesday, 3 March 2021`, `Tue. 3 March 2021`, `Tu 3 March 2021`, `tuesday, 3 march 2021`, `2021-03-03 (Wednesday)`, `3 March 2021, a Wednesday`; a numeric `03/04/2021` only when the day is certain) and reports a mismatch, suggesting both readings: the weekday of that date, and the nearest dates that fall on the weekday written.
    ///
    /// ## Why is this bad?
    /// One of the two is wrong, and readers cannot tell which.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     on Tuesday 9 September 2019
    ///
    /// Does not:
    ///
    ///     on Monday 9 September 2019
    pub struct WeekdayMismatch {
        id: "date/weekday-mismatch",
        severity: Warning,
        summary: "a weekday that does not match its date",
    }
}

impl DateRule for WeekdayMismatch {
    fn check(a: &Analysis<'_>, _: &NoOptions, out: &mut Sink<'_>) {
        for f in &a.found {
            let e = &f.expr;
            if e.impossible.is_some() || e.relative {
                continue;
            }
            let (Some(wd), Precision::Day, true) = (e.weekday, e.precision, e.year_stated) else { continue };
            let actual = civil::weekday(e.start);
            if actual == wd {
                continue;
            }
            let written = civil::weekday_name(wd);
            let back = (i64::from(actual) - i64::from(wd)).rem_euclid(7);
            let forward = (i64::from(wd) - i64::from(actual)).rem_euclid(7);
            out.report(
                Self::RULE,
                f.src.clone(),
                format!("{} was a {}, not a {written}", civil::format(e.start), civil::weekday_name(actual)),
            )
            .help(format!(
                "either the weekday is wrong ({}, {}) or the date is: the nearest {written}s are {} and {}",
                civil::weekday_name(actual),
                civil::format(e.start),
                civil::format(e.start - back),
                civil::format(e.start + forward)
            ));
        }
    }
}
