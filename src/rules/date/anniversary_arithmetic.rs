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
    /// Checks `the 80th anniversary in 2019 of the 1939 …`, `founded in 1898 … its 125th anniversary this year`, named anniversaries (`its silver jubilee in 1999`, `the centenary`, `the bicentenary`: `anniversaries` in the lexicon), `in 1851 … 64 years later, in 1915`, `half a century later`, `in 1956, sixty-six years ago` and `turns 50 next year` against the years given (or the document's date for `this year`, `next year`, `ago`), the base year maybe in the sentence before (`… founded in 1990. It marked its 25th anniversary in 2012.`), a stated length against the interval it spans (`between 1975 and 2015, three decades`), and one event numbered two ways for the same year (`the twelfth regatta … in 2019` against `the 13th regatta, in 2019`). Decades and centuries are round: a decade is said of 26 to 34 years, and hedged lengths (`nearly four decades`) are not checked.
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
    let mut names: Vec<String> = lex.anniversaries.keys().map(|k| regex::escape(k).replace(' ', r"\s+")).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let named = names.join("|");
    // A count of years, decades or centuries: "64 years", "three decades",
    // "half a century", "a century".
    let span = format!(r"(?:{n}|half\s+a|a)\s+(?:years?|decades?|century|centuries)");
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:(?P<anniv>{n})\s+anniversary|(?P<named>{named})(?-u:\b)|(?P<later>{span})\s+(?:later|afterwards|after)(?-u:\b)|(?P<ago>{span})\s+ago|turns?\s+(?P<turns>{n})(?-u:\b)|(?P<old>{n})\s+years?\s+old|(?P<lasted>{span})(?-u:\b))"
    ))
    .expect("anniversary regex")
});

/// Years in a count ("64 years", "three decades", "half a century") and
/// how far a round count may be from the exact one (a decade is said of 26
/// to 34 years; years are exact).
fn years_in(lex: &Lexicon, span: &str) -> Option<(i64, i64)> {
    let lower = span.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let unit = words.last()?;
    let count = words[..words.len() - 1].join(" ");
    let (per, slack) = if unit.starts_with("decade") {
        (10, 4)
    } else if unit.starts_with("centur") {
        (100, 10)
    } else {
        (1, 0)
    };
    let k = match count.as_str() {
        "half a" => return Some((per / 2, slack / 2)),
        "a" => 1,
        c => numbers::value(lex, c)?,
    };
    Some((k * per, slack))
}

/// "between 1975 and 2015", "from 1975 to 2015", "1975–2015": the two
/// years of an interval the sentence states.
static INTERVAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:between\s+(?P<a>1[5-9][0-9]{2}|20[0-9]{2})\s+and|from\s+(?P<b>1[5-9][0-9]{2}|20[0-9]{2})\s+(?:to|until|till))\s+(?P<c>1[5-9][0-9]{2}|20[0-9]{2})(?-u:\b)")
        .expect("interval regex")
});

/// "the 13th regatta", "the thirteenth festival": an ordinal and the event
/// it numbers.
static EDITION: LazyLock<Regex> = LazyLock::new(|| {
    let lex = Lexicon::builtin();
    let words: Vec<String> = (1..=99).filter_map(|k| numbers::ordinal(lex, k)).collect();
    let words = alternation(words.iter().map(String::as_str));
    Regex::new(&format!(r"(?i)(?-u:\b)the\s+(?P<n>[0-9]{{1,3}}(?:st|nd|rd|th)|{words})\s+(?P<noun>[a-z]+)(?-u:\b)"))
        .expect("edition regex")
});

/// Nouns after an ordinal that number something other than a recurring
/// event's editions ("the third time", "the second half").
const NOT_EDITIONS: &[&str] = &[
    "time", "times", "day", "week", "month", "year", "quarter", "half", "round", "stage", "century", "floor",
    "grade", "place", "largest", "biggest", "most", "best", "anniversary", "part", "chapter", "step", "phase",
    "and", "or", "of", "in", "to", "is", "was", "are", "were", "one", "ones",
];

/// The same event numbered differently for the same year in one document:
/// "The twelfth regatta was held in 2019. … the 13th regatta, in 2019".
fn editions(a: &Analysis<'_>, out: &mut Sink<'_>) {
    let (doc, lex) = (a.doc, a.lex);
    let mut seen: std::collections::HashMap<(String, i64), (i64, String, Range<usize>)> =
        std::collections::HashMap::new();
    for (i, s) in doc.sentences.iter().enumerate() {
        if !in_body(doc, s) {
            continue;
        }
        let text = doc.sentence_text(s);
        let years: Vec<&Found> = a
            .of_sentence(i)
            .iter()
            .filter(|f| f.expr.year_stated && !f.expr.relative && f.expr.precision <= Precision::Year)
            .collect();
        // One year in the sentence: the edition's.
        let [year] = years[..] else { continue };
        let y = civil::civil(year.expr.start).0;
        for c in EDITION.captures_iter(text) {
            let noun = c["noun"].to_lowercase();
            if NOT_EDITIONS.contains(&noun.as_str()) || lex.stopwords.contains(&noun) {
                continue;
            }
            // "the first X in the north" is a superlative, not a number.
            let Some(n) = numbers::value(lex, &c["n"]).filter(|&n| n > 1) else { continue };
            let r = c.name("n").unwrap();
            let src = doc.src_range(s.prose.start + r.start()..s.prose.start + c.name("noun").unwrap().end());
            let written = c["n"].to_lowercase();
            match seen.get(&(noun.clone(), y)) {
                Some((m, was, first)) if *m != n => {
                    out.report(
                        AnniversaryArithmetic::RULE,
                        src,
                        format!("the {noun} of {y} is the {written} here but the {was} before"),
                    )
                    .related(first.clone(), format!("the {was} {noun}"));
                }
                Some(_) => {}
                None => {
                    seen.insert((noun, y), (n, written, src));
                }
            }
        }
    }
}

impl DateRule for AnniversaryArithmetic {
    fn check(a: &Analysis<'_>, _: &NoOptions, out: &mut Sink<'_>) {
        editions(a, out);
        let (doc, anchor, lex) = (a.doc, a.anchor(), a.lex);
        for (i, s) in doc.sentences.iter().enumerate() {
            if !in_body(doc, s) {
                continue;
            }
            let text = doc.sentence_text(s);
            let cheap = ["anniversar", "years", "year ", "turns", "turned", "old", "jubilee", "centen", "decade", "century"]
                .iter()
                .any(|w| text.contains(w))
                || text.contains("ennial");
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
            let mut slack = 0;
            // A named anniversary counts its years ("silver jubilee": 25).
            let named = m.name("named").and_then(|c| {
                let key = c.as_str().split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
                lex.anniversaries.get(&key).map(|&n| n as i64)
            });
            // The year counted from: in the sentence, or in the one before
            // it in the paragraph ("… founded in 1990. It marked its 25th
            // anniversary in 2012.").
            let previous: Vec<&Found> = if i > 0 && doc.sentences[i - 1].block == s.block {
                a.of_sentence(i - 1)
                    .iter()
                    .filter(|f| f.expr.year_stated && !f.expr.relative && f.expr.precision <= Precision::Year)
                    .collect()
            } else {
                Vec::new()
            };
            if let Some(l) = m.name("lasted") {
                // "Between 1975 and 2015, three decades of work": a stated
                // length against the interval's two years.
                let Some(c) = INTERVAL.captures(text) else { continue };
                let Some((n, sl)) = years_in(lex, l.as_str()) else { continue };
                let from: i64 = c.name("a").or(c.name("b")).map_or(0, |y| y.as_str().parse().unwrap_or(0));
                let to: i64 = c["c"].parse().unwrap_or(0);
                // The length of the interval, not some other count ("aged 5
                // years"): "three decades of work", "for 40 years".
                let after = text[l.end()..].trim_start().to_lowercase();
                let before_word = crate::text::word_before(text, l.start()).to_lowercase();
                let of_interval = after.starts_with("of ")
                    || ["for", "over", "spanning", "across", "lasting", "took", "in"].contains(&before_word.as_str());
                if !of_interval {
                    continue;
                }
                let hedged = text[..l.start()].trim_end().to_lowercase();
                let hedge = ["nearly", "almost", "over", "more than", "about", "some", "around", "roughly", "under"]
                    .iter()
                    .any(|h| hedged.ends_with(h));
                if hedge || to <= from || (to - from - n).abs() <= sl.max(1) {
                    continue;
                }
                let src = doc.src_range(s.prose.start + l.start()..s.prose.start + l.end());
                out.report(Self::RULE, src, format!("{from} to {to} is {} years, not {}", to - from, l.as_str().trim()))
                    .help(format!("{to} − {from} = {}", to - from));
                continue;
            }
            let (n, base, target, target_src): (i64, Option<&Found>, Option<i64>, Option<Range<usize>>) = if let Some(n) =
                m.name("anniv").map(|c| numbers::value(lex, c.as_str()).unwrap_or(0)).or(named)
            {
                let base = years.iter().copied().min_by_key(|f| f.expr.start);
                // One year only in the sentence, after the anniversary ("its
                // 25th anniversary in 2012"): it is the target, and the base
                // is in the sentence before.
                let (base, years) = match (base, years.len()) {
                    (Some(only), 1) if !previous.is_empty() && only.expr.range.start > whole.start() => {
                        (previous.iter().copied().min_by_key(|f| f.expr.start), years.clone())
                    }
                    _ => (base, years.clone()),
                };
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
                let Some((n, sl)) = years_in(lex, l.as_str()) else { continue };
                slack = sl;
                let base = years
                    .iter()
                    .copied()
                    .filter(|f| f.expr.range.end <= whole.start())
                    .max_by_key(|f| f.expr.start)
                    .or_else(|| previous.iter().copied().max_by_key(|f| f.expr.start));
                let target = years
                    .iter()
                    .copied()
                    .find(|f| f.expr.range.start >= whole.end() && f.expr.range.start - whole.end() <= 12);
                (n, base, target.map(&year_of), target.map(|t| t.src.clone()))
            } else if let Some(c) = m.name("ago") {
                let Some((n, sl)) = years_in(lex, c.as_str()) else { continue };
                slack = sl;
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
            let slack = if m.name("ago").is_some() { slack.max(1) } else { slack };
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
