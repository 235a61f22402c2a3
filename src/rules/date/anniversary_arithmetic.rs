//! `date/anniversary-arithmetic`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::temporal::Precision;
use super::{civil, in_body, Analysis, DateRule, Found};
use crate::diagnostic::{NoOptions, RuleDef};
use crate::rules::Sink;
use crate::text::lexicon::{alternation, Lexicon};
use crate::text::numbers;

crate::declare_rule! {
    /// ## What it does
    /// Checks `the 80th anniversary in 2019 of the 1939 …`, `founded in 1898 … its 125th anniversary this year`, `in 1851 … 64 years later, in 1915`, `in 1956, sixty-six years ago` and `turns 50 next year` against the years given (or the document's date for `this year`, `next year`, `ago`).
    ///
    /// ## Why is this bad?
    /// The arithmetic is checkable and wrong: one of the numbers is a typo.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     The bell was cast in 1851 and recast 64 years later, in 1917.
    ///
    /// Does not:
    ///
    ///     The bell was cast in 1851 and recast 64 years later, in 1915.
    pub struct AnniversaryArithmetic {
        id: "date/anniversary-arithmetic",
        severity: Warning,
        summary: "anniversary or elapsed-years arithmetic that does not add up",
    }
}

/// Counts of years: "75th anniversary", "76 years later", "fifty years
/// ago", "turns 60", "40 years old", with the number in digits or words.
static ANNIVERSARY_RE: LazyLock<Regex> = LazyLock::new(|| {
    let lex = Lexicon::builtin();
    let ordinals: Vec<String> = (1..20).filter_map(|k| numbers::ordinal(lex, k)).collect();
    let tens_ordinals: Vec<String> = (2..10).filter_map(|k| numbers::ordinal(lex, k * 10)).collect();
    let units: Vec<&str> = lex.cardinals[1..10].iter().map(String::as_str).chain(ordinals[..9].iter().map(String::as_str)).collect();
    let tens = alternation(lex.tens.iter().map(String::as_str));
    let singles = alternation(
        lex.cardinals[1..]
            .iter()
            .map(String::as_str)
            .chain(ordinals.iter().map(String::as_str))
            .chain(tens_ordinals.iter().map(String::as_str))
            .chain(["hundred", "hundredth"]),
    );
    let n = format!(
        r"(?:[0-9]{{1,3}}(?:st|nd|rd|th)?|(?:a\s+)?(?:(?:{tens})(?:-(?:{}))?|{singles})(?:[- ]hundred(?:th)?)?)",
        alternation(units)
    );
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:(?P<anniv>{n})\s+anniversary|(?P<later>{n})\s+years?\s+(?:later|afterwards|after)(?-u:\b)|(?P<ago>{n})\s+years?\s+ago|turns?\s+(?P<turns>{n})(?-u:\b)|(?P<old>{n})\s+years?\s+old)"
    ))
    .expect("anniversary regex")
});

impl DateRule for AnniversaryArithmetic {
    fn check(a: &Analysis<'_>, _: &NoOptions, out: &mut Sink<'_>) {
        let (doc, anchor, lex) = (a.doc, a.anchor(), a.lex);
        for (i, s) in doc.sentences.iter().enumerate() {
            if !in_body(doc, s) {
                continue;
            }
            let text = doc.sentence_text(s);
            let cheap = ["anniversar", "years", "year ", "turns", "turned", "old"].iter().any(|w| text.contains(w));
            if !cheap {
                continue;
            }
            let Some(m) = ANNIVERSARY_RE.captures(text) else { continue };
            let whole = m.get(0).expect("match");
            let years: Vec<&Found> = a.of_sentence(i)
                .iter()
                .filter(|f| {
                    f.expr.year_stated
                        && !f.expr.relative
                        && f.expr.precision <= Precision::Year
                        && f.expr.impossible.is_none()
                })
                .collect();
            let year_of = |f: &Found| civil::civil(f.expr.start).0;
            let doc_year = anchor.map(|a| civil::civil(a).0);
            let rest = text[whole.end()..].to_lowercase();
            let around = text.to_lowercase();
            // The reference year the count is measured to.
            let relative_target = || -> Option<i64> {
                let y = doc_year?;
                if around.contains("next year") {
                    Some(y + 1)
                } else if around.contains("this year") || around.contains("this month") || around.contains("today") {
                    Some(y)
                } else if around.contains("last year") {
                    Some(y - 1)
                } else {
                    None
                }
            };
            let (n, base, target, target_src): (i64, Option<&Found>, Option<i64>, Option<Range<usize>>) = if let Some(c) =
                m.name("anniv")
            {
                let n = numbers::value(lex, c.as_str()).unwrap_or(0);
                let base = years.iter().copied().min_by_key(|f| f.expr.start);
                let target = years
                    .iter()
                    .copied()
                    .filter(|f| Some(f.expr.start) != base.map(|b| b.expr.start))
                    .max_by_key(|f| f.expr.start);
                match target {
                    Some(t) => (n, base, Some(year_of(t)), Some(t.src.clone())),
                    None => (n, base, relative_target(), None),
                }
            } else if let Some(l) = m.name("later") {
                let n = numbers::value(lex, l.as_str()).unwrap_or(0);
                let base = years.iter().copied().filter(|f| f.expr.range.end <= whole.start()).max_by_key(|f| f.expr.start);
                let target = years
                    .iter()
                    .copied()
                    .find(|f| f.expr.range.start >= whole.end() && f.expr.range.start - whole.end() <= 12);
                (n, base, target.map(&year_of), target.map(|t| t.src.clone()))
            } else if let Some(c) = m.name("ago") {
                let n = numbers::value(lex, c.as_str()).unwrap_or(0);
                let base = years.iter().copied().filter(|f| f.expr.range.end <= whole.start()).max_by_key(|f| f.expr.start);
                // "ago" counts from the document date; allow a year either way
                // when the month is unknown.
                (n, base, doc_year, None)
            } else {
                let g = m.name("turns").or(m.name("old")).expect("one alternative matched");
                let n = numbers::value(lex, g.as_str()).unwrap_or(0);
                let base = years.iter().copied().min_by_key(|f| f.expr.start);
                let target =
                    years.iter().copied().filter(|f| f.expr.range.start > whole.start()).max_by_key(|f| f.expr.start);
                match target {
                    Some(t) => (n, base, Some(year_of(t)), Some(t.src.clone())),
                    None => (
                        n,
                        base,
                        if rest.is_empty() && !around.contains("year") { doc_year } else { relative_target() },
                        None,
                    ),
                }
            };
            let (Some(base), Some(target)) = (base, target) else { continue };
            if n <= 0 {
                continue;
            }
            let base_year = year_of(base);
            let expected = target - base_year;
            let slack = if m.name("ago").is_some() { 1 } else { 0 };
            if (expected - n).abs() <= slack {
                continue;
            }
            let src = doc.src_range(s.prose.start + whole.start()..s.prose.start + whole.end());
            let mut f = out.report(Self::RULE, src, format!("{base_year} + {n} = {}, not {target}", base_year + n));
            f.related(base.src.clone(), format!("counted from {base_year}"));
            match target_src {
                Some(t) => f.related(t, format!("to {target}")),
                None => f.note(format!("{target} is taken from the document's date")),
            };
            f.help(format!("{target} − {base_year} = {expected}"));
        }
    }
}
