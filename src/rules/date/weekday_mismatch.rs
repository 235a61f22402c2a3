//! `date/weekday-mismatch`.

use super::civil;
use super::temporal::Precision;
use super::{Analysis, DateRule};
use crate::diagnostic::{NoOptions, RuleDef};
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Checks every date written with its weekday (`Tuesday, 3 March 2021`, `Tue. 3 March 2021`, `Tu 3 March 2021`, `tuesday, 3 march 2021`, `2021-03-03 (Wednesday)`, `3 March 2021, a Wednesday`; a numeric `03/04/2021` only when the day is certain or the document's other slashed dates show its order (`25/03/2021` elsewhere: day first); without a year, `Tuesday 5 December`, in the year that puts it nearest the document's stated date) and reports a mismatch, suggesting both readings: the weekday of that date, and the nearest dates that fall on the weekday written.
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
            let (Some(wd), Precision::Day) = (e.weekday, e.precision) else { continue };
            // Without a year ("Wednesday 5 March"), the date is the one
            // nearest the document's own date, when the document states
            // it; a weekday that fits that day in the year before or after,
            // within half a year, is not reported.
            let (mut start, mut yearless) = (e.start, None);
            if !e.year_stated {
                let Some(dd) = a.doc_date.as_ref().filter(|d| d.explicit()) else { continue };
                let (_, m, d) = civil::civil(e.start);
                let (y, _, _) = civil::civil(dd.day);
                let mut near: Vec<_> = (y - 1..=y + 1)
                    .filter(|&y| civil::valid(y, m, d))
                    .map(|y| civil::day(y, m, d))
                    .filter(|&day| (day - dd.day).abs() <= 183)
                    .collect();
                near.sort_by_key(|&day| (day - dd.day).abs());
                match near.first() {
                    Some(_) if near.iter().any(|&day| civil::weekday(day) == wd) => continue,
                    Some(&nearest) => (start, yearless) = (nearest, Some(dd)),
                    None => continue,
                }
            }
            let e = &super::temporal::TimeExpr { start, end: start, ..e.clone() };
            let actual = civil::weekday(e.start);
            if actual == wd {
                continue;
            }
            let written = civil::weekday_name(wd);
            let back = (i64::from(actual) - i64::from(wd)).rem_euclid(7);
            let forward = (i64::from(wd) - i64::from(actual)).rem_euclid(7);
            let mut finding = out.report(
                Self::RULE,
                f.src.clone(),
                format!("{} was a {}, not a {written}", civil::format(e.start), civil::weekday_name(actual)),
            );
            finding.help(format!(
                "either the weekday is wrong ({}, {}) or the date is: the nearest {written}s are {} and {}",
                civil::weekday_name(actual),
                civil::format(e.start),
                civil::format(e.start - back),
                civil::format(e.start + forward)
            ));
            if let Some(dd) = yearless {
                finding.note(format!("the date names no year: {} is taken from the document's date, {}", civil::civil(e.start).0, dd.describe()));
            }
        }
    }
}
