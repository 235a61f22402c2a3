//! `date/anniversary-arithmetic`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::temporal::Precision;
use super::{civil, in_body, Analysis, DateRule, Found};
use crate::diagnostic::{NoOptions, RuleDef};
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Checks `the 75th anniversary in 2019 of the 1945 …`, `founded in 1874 … its 140th anniversary this year`, `in 1910 … 76 years later, in 1982`, `in 1972, fifty years ago` and `turns 60 next year` against the years given (or the document's date for `this year`, `next year`, `ago`).
    ///
    /// ## Why is this bad?
    /// The arithmetic is checkable and wrong: one of the numbers is a typo.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     She saw the comet in 1910 and again 76 years later, in 1982.
    ///
    /// Does not:
    ///
    ///     She saw the comet in 1910 and again 76 years later, in 1986.
    pub struct AnniversaryArithmetic {
        id: "date/anniversary-arithmetic",
        severity: Warning,
        summary: "anniversary or elapsed-years arithmetic that does not add up",
    }
}

const NUMBER_WORDS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/// "76", "seventy-six", "seventy-fifth", "140th", "a hundred", "fifty".
pub fn number_value(s: &str) -> Option<i64> {
    let s = s.trim().to_lowercase().replace(' ', "-");
    if let Some(n) = s
        .trim_end_matches(|c: char| c.is_alphabetic())
        .parse::<i64>()
        .ok()
        .filter(|_| s.starts_with(|c: char| c.is_ascii_digit()))
    {
        return Some(n);
    }
    let ordinal = |w: &str| -> String {
        match w {
            "first" => "one".into(),
            "second" => "two".into(),
            "third" => "three".into(),
            "fifth" => "five".into(),
            "eighth" => "eight".into(),
            "ninth" => "nine".into(),
            "twelfth" => "twelve".into(),
            w if w.ends_with("ieth") => format!("{}y", &w[..w.len() - 4]),
            w if w.ends_with("th") => w[..w.len() - 2].to_string(),
            w => w.to_string(),
        }
    };
    let mut total = 0;
    let mut any = false;
    for part in s.trim_start_matches("a-").split('-').filter(|p| !p.is_empty() && *p != "and") {
        let w = ordinal(part);
        if w == "hundred" {
            total = if total == 0 { 100 } else { total * 100 };
        } else if let Some(n) = NUMBER_WORDS.iter().position(|x| *x == w) {
            total += n as i64;
        } else if let Some(n) = TENS.iter().position(|x| !x.is_empty() && *x == w) {
            total += n as i64 * 10;
        } else {
            return None;
        }
        any = true;
    }
    any.then_some(total)
}

static ANNIVERSARY_RE: LazyLock<Regex> = LazyLock::new(|| {
    let n = r"(?:[0-9]{1,3}(?:st|nd|rd|th)?|(?:a\s+)?(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth|hundredth)(?:[- ]hundred(?:th)?)?)";
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:(?P<anniv>{n})\s+anniversary|(?P<later>{n})\s+years?\s+(?:later|afterwards|after)(?-u:\b)|(?P<ago>{n})\s+years?\s+ago|turns?\s+(?P<turns>{n})(?-u:\b)|(?P<old>{n})\s+years?\s+old)"
    ))
    .expect("anniversary regex")
});

impl DateRule for AnniversaryArithmetic {
    fn check(a: &Analysis<'_>, _: &NoOptions, out: &mut Sink<'_>) {
        let (doc, anchor) = (a.doc, a.anchor());
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
            let (n, base, target, target_src): (i64, Option<&Found>, Option<i64>, Option<Range<usize>>) = if let Some(a) =
                m.name("anniv")
            {
                let n = number_value(a.as_str()).unwrap_or(0);
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
                let n = number_value(l.as_str()).unwrap_or(0);
                let base = years.iter().copied().filter(|f| f.expr.range.end <= whole.start()).max_by_key(|f| f.expr.start);
                let target = years
                    .iter()
                    .copied()
                    .find(|f| f.expr.range.start >= whole.end() && f.expr.range.start - whole.end() <= 12);
                (n, base, target.map(&year_of), target.map(|t| t.src.clone()))
            } else if let Some(a) = m.name("ago") {
                let n = number_value(a.as_str()).unwrap_or(0);
                let base = years.iter().copied().filter(|f| f.expr.range.end <= whole.start()).max_by_key(|f| f.expr.start);
                // "ago" counts from the document date; allow a year either way
                // when the month is unknown.
                (n, base, doc_year, None)
            } else {
                let g = m.name("turns").or(m.name("old")).expect("one alternative matched");
                let n = number_value(g.as_str()).unwrap_or(0);
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
