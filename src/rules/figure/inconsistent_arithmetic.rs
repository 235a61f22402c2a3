//! `figure/inconsistent-arithmetic`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::figures::Kind;
use super::{eligible, Analysis, FigureRule};
use crate::diagnostic::{NoOptions, RuleDef};
use crate::rules::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Checks the arithmetic a sentence states about values of its own: a percentage change against "from A to B" ("from 64,000 to 48,000 tonnes, a cut of 33%": it is 25%), "doubled", "tripled", "quadrupled" or "halved" against the two values, and a total against the parts listed right after it ("a total of 120 boats: 50 …, 40 … and 40 …"; parts that add up to less may be a partial list and are not reported), and percentages listed in one sentence as the shares of one whole that add up to more than 100% ("45% said yes, 40% said no and 25% were undecided"; `share-cues` in the figure cues name the whole: answers, votes, a budget's lines; shares of different wholes, "60% of men and 55% of women", "60% in 2020, 55% in 2021", and answers that may overlap, "many naming both", are never added). Every value counts as rounded to its last significant digit ("64,000" is 63,500 to 64,500), so a rounded figure never fires; a hedge ("about", "nearly", "more than") widens the stated figure; and when both values are percentages, a change stated in percentage points or in per cent is accepted either way. The message gives the computed value; the two values are shown beside it.
    ///
    /// ## Why is this bad?
    /// A figure that contradicts the numbers printed next to it is wrong whichever of them is right, and readers who do the sum stop trusting the rest.
    ///
    /// ## Example
    /// Triggers it:
    ///
    ///     Landings fell from 64,000 to 48,000 tonnes, a cut of 33%.
    ///     Asked about the plan, 45% said yes, 40% said no and 25% were undecided.
    ///
    /// Does not:
    ///
    ///     Landings fell from 64,000 to 48,000 tonnes, a cut of 25%.
    ///     Turnout rose from 40% to 50%, up 10 points.
    ///     Some 34% said yes, 33% said no and 34% did not know.
    pub struct InconsistentArithmetic {
        id: "figure/inconsistent-arithmetic",
        severity: Warning,
        summary: "a stated change, multiple, total or set of shares that does not match the values it is about",
    }
}

const NUM: &str = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?";
const SCALE: &str = r"(?:\s?(?:million|billion|trillion|thousand|bn|m|k)\b)?";

/// "from A to B", each maybe with a currency sign, a scale and a per cent
/// sign, and up to two unit words after A ("from 64,000 tonnes to …").
static FROM_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\bfrom\s+(?P<a>[$€£¥]?\s?(?:{NUM}){SCALE})(?P<pa>\s?%|\s+per\s?cent\b|\s+percent\b)?(?:\s+[a-z][a-z-]*){{0,2}}?\s+to\s+(?P<b>[$€£¥]?\s?(?:{NUM}){SCALE})(?P<pb>\s?%|\s+per\s?cent\b|\s+percent\b)?"
    ))
    .expect("from-to regex")
});

/// A stated percentage, maybe hedged, maybe in points.
static STATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?P<hedge>\b(?:about|around|roughly|nearly|almost|some|approximately|over|more\s+than|less\s+than|under|just\s+over|just\s+under|close\s+to)\s+)?(?P<p>{NUM})(?P<unit>\s?%|\s+per\s?cent\b|\s+percent\b|\s+percentage\s+points?\b|\s+points?\b)"
    ))
    .expect("stated regex")
});

/// A multiple stated in words.
static MULTIPLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?P<hedge>\b(?:nearly|almost|roughly|about|more\s+than|over|just\s+over|just\s+under)\s+)?\b(?P<w>doubled|tripled|trebled|quadrupled|halved)\b")
        .expect("multiple regex")
});

/// "a total of 120 …: 50 …, 40 … and 40 …": a total, then after a colon,
/// a dash, "comprising" or "made up of" its parts. Not "of whom": its
/// groups overlap ("of whom 60 were women and 40 were over 65").
static TOTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:a\s+total\s+of|in\s+total|totall?ing|totals|totalled|totaled)\s+(?P<t>{NUM})(?-u:\b)"
    ))
    .expect("total regex")
});
static BREAKDOWN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i):|\s[—–]\s|\bcomprising\b|\bmade up of\b").expect("breakdown regex"));
static PART: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"(?-u:\b)(?:{NUM})(?-u:\b)")).expect("part regex"));

/// A stated total whose listed parts add up to more (parts that add up to
/// less may be a partial list: "including"). Plain counts only: no
/// percentages, money or scales among them, at least two parts, and no
/// year among the parts.
fn total_against_parts(text: &str) -> Option<(Range<usize>, Vec<Range<usize>>, f64)> {
    let c = TOTAL.captures(text)?;
    let t = c.name("t")?;
    let rest_at = t.end();
    let marker = BREAKDOWN.find(&text[rest_at..])?;
    // The breakdown follows the total closely.
    if text[rest_at..rest_at + marker.start()].split_whitespace().count() > 4 {
        return None;
    }
    let from = rest_at + marker.end();
    let mut parts = Vec::new();
    let mut sum = 0.0;
    for m in PART.find_iter(&text[from..]) {
        let r = from + m.start()..from + m.end();
        let after = text[r.end..].trim_start().to_lowercase();
        let before = text[..r.start].trim_end();
        if after.starts_with('%')
            || ["per", "million", "billion", "thousand"].iter().any(|w| after.starts_with(w))
            || before.ends_with(['$', '€', '£', '¥'])
        {
            return None;
        }
        let v: f64 = m.as_str().replace(',', "").parse().ok()?;
        if m.as_str().len() == 4 && (1500.0..=2100.0).contains(&v) {
            return None;
        }
        sum += v;
        parts.push(r);
    }
    let total: f64 = t.as_str().replace(',', "").parse().ok()?;
    (parts.len() >= 2 && sum > total).then(|| (t.range(), parts, sum))
}

/// A percentage that may be a share, maybe hedged; never points.
static SHARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?P<hedge>\b(?:about|around|roughly|nearly|almost|some|approximately|over|more\s+than|less\s+than|under|just\s+over|just\s+under|close\s+to|at\s+least)\s+)?(?-u:\b)(?P<p>{NUM})(?:\s?%|\s+per\s?cent\b|\s+percent\b)(?P<points>\s+points?\b|\s+percentage\b)?"
    ))
    .expect("share regex")
});

/// Words before a percentage that make it a change, a rate or a subgroup,
/// not a share of the sentence's whole ("rose by 5%", "a 5% rise", "the
/// 60% who voted", "of the 40%").
const NOT_SHARE_BEFORE: &[&str] = &[
    "by", "up", "down", "to", "from", "rose", "fell", "grew", "dropped", "climbed", "increased", "decreased",
    "cut", "of", "at", "a", "an", "the", "than", "those", "these", "whose",
];
/// Words after a percentage that make it a change, a rate or a subgroup.
const NOT_SHARE_AFTER: &[&str] = &[
    "rise", "fall", "increase", "decrease", "drop", "cut", "jump", "growth", "gain", "loss", "more", "less",
    "higher", "lower", "rate", "interest", "discount", "off", "stake", "chance", "probability", "likely", "who",
    "that", "which", "each", "annually", "increase",
];
/// Words that make the shares of a sentence overlap or belong to
/// different wholes.
const OVERLAP: &[&str] =
    &["each", "both", "also", "respectively", "more than one", "multiple", "at least one", "as well", "either"];

/// Percentages listed in one sentence as the shares of one whole whose
/// lowest possible sum is over 100: the shares, and their sum as written.
fn shares_over_whole(text: &str, cues: &[String], figures: &[Range<usize>]) -> Option<(Vec<Range<usize>>, f64)> {
    let lower = text.to_lowercase();
    let has = |phrase: &str| crate::text::contains_phrase(&lower, phrase);
    if !cues.iter().any(|c| has(c)) || OVERLAP.iter().any(|c| has(c)) || FROM_TO.is_match(text) {
        return None;
    }
    // Only percentages the figure family reads as figures: not "100% rye",
    // not a target after "aims to".
    let shares: Vec<_> = SHARE
        .captures_iter(text)
        .filter(|c| figures.iter().any(|f| f.contains(&c.name("p").unwrap().start())))
        .collect();
    if shares.len() < 2 || shares.iter().any(|c| c.name("points").is_some()) {
        return None;
    }
    let mut wholes: Vec<String> = Vec::new();
    let mut groups = 0;
    let mut sum = 0.0;
    let mut written = 0.0;
    for (k, c) in shares.iter().enumerate() {
        let m = c.get(0).unwrap();
        let number = c.name("p").unwrap();
        let before = crate::text::word_before(text, c.name("hedge").map_or(number.start(), |h| h.start()));
        if NOT_SHARE_BEFORE.contains(&before.to_lowercase().as_str()) {
            return None;
        }
        let after: Vec<String> = text[m.end()..]
            .split_whitespace()
            .take(4)
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .collect();
        if after.first().is_some_and(|w| NOT_SHARE_AFTER.contains(&w.as_str())) {
            return None;
        }
        // "45% of men and 40% of women": two wholes.
        match after.first().map(String::as_str) {
            Some("of") => wholes.push(after[1..].iter().take(2).cloned().collect::<Vec<_>>().join(" ")),
            Some("in" | "among" | "for" | "across" | "on") => groups += 1,
            _ => {}
        }
        // The next share follows within a few words, after a list
        // separator, with no year between ("60% in 2020, 55% in 2021").
        if let Some(next) = shares.get(k + 1) {
            let gap = &text[m.end()..next.get(0).unwrap().start()];
            let listed = gap.contains([',', ';']) || [" and ", " while ", " with ", " but ", " against "].iter().any(|w| gap.contains(w));
            let year = gap.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() == 4 && d.parse::<u32>().is_ok_and(|y| (1500..=2100).contains(&y)));
            if !listed || year || gap.split_whitespace().count() > 8 {
                return None;
            }
        }
        let p: f64 = number.as_str().replace(',', "").parse().ok()?;
        let decimals = number.as_str().split_once('.').map_or(0, |(_, d)| d.len());
        let lo = match c.name("hedge").map(|h| h.as_str().trim().to_lowercase()) {
            None => p - 0.5 * 10f64.powi(-(decimals as i32)),
            Some(h) if ["over", "more than", "just over", "at least"].contains(&h.as_str()) => p,
            Some(_) => (p - 2.0).min(p * 0.9),
        };
        sum += lo.max(0.0);
        written += p;
    }
    wholes.dedup();
    if wholes.len() > 1 || groups > 1 {
        return None;
    }
    (sum > 100.0).then(|| (shares.iter().map(|c| c.get(0).unwrap().range()).collect(), written))
}

fn format_sum(sum: f64) -> String {
    if sum.fract() == 0.0 {
        format!("{sum:.0}")
    } else {
        format!("{sum}")
    }
}

/// A value as written, read as the interval of what it may round from.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Value {
    lo: f64,
    hi: f64,
    mid: f64,
}

/// Reads "64,000", "1.2 billion", "$40": the trailing zeros of a whole
/// number are taken as rounding ("64,000" is 63,500 to 64,500).
fn value(text: &str) -> Option<Value> {
    let t = text.trim().trim_start_matches(['$', '€', '£', '¥']).trim();
    let digits_end = t.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(t.len());
    let (num, rest) = t.split_at(digits_end);
    let plain = num.replace(',', "");
    let mid: f64 = plain.parse().ok()?;
    let half = match plain.split_once('.') {
        Some((_, decimals)) => 0.5 * 10f64.powi(-(decimals.len() as i32)),
        None => {
            let zeros = plain.len() - plain.trim_end_matches('0').len();
            let zeros = zeros.min(plain.len().saturating_sub(1));
            0.5 * 10f64.powi(zeros as i32)
        }
    };
    let scale = match rest.trim().to_lowercase().as_str() {
        "million" | "m" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" => 1e12,
        "thousand" | "k" => 1e3,
        _ => 1.0,
    };
    Some(Value { lo: (mid - half) * scale, hi: (mid + half) * scale, mid: mid * scale })
}

/// The percentage change from `a` to `b`: (lowest, highest, as written).
fn change(a: Value, b: Value) -> Option<(f64, f64, f64)> {
    if a.lo <= 0.0 {
        return None;
    }
    let lo = (b.lo - a.hi) / a.hi * 100.0;
    let hi = (b.hi - a.lo) / a.lo * 100.0;
    Some((lo.min(hi), lo.max(hi), (b.mid - a.mid) / a.mid * 100.0))
}

/// The sizes a signed interval spans (a change is stated as a size, its
/// direction in words).
fn magnitude(lo: f64, hi: f64) -> (f64, f64) {
    if lo <= 0.0 && hi >= 0.0 {
        (0.0, lo.abs().max(hi))
    } else {
        (lo.abs().min(hi.abs()), lo.abs().max(hi.abs()))
    }
}

fn overlaps(x: (f64, f64), y: (f64, f64)) -> bool {
    x.0 <= y.1 && y.0 <= x.1
}

impl FigureRule for InconsistentArithmetic {
    fn check(a: &Analysis<'_>, _: &NoOptions, out: &mut Sink<'_>) {
        let doc = a.doc;
        for (i, s) in doc.sentences.iter().enumerate().filter(|(_, s)| eligible(doc, s)) {
            let text = doc.sentence_text(s);
            if !text.contains(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let span = |r: Range<usize>| doc.src_range(s.prose.start + r.start..s.prose.start + r.end);
            if let Some((total, parts, sum)) = total_against_parts(text) {
                let message = format!(
                    "the parts add up to {} but the stated total is `{}`",
                    format_sum(sum),
                    text[total.clone()].trim()
                );
                let mut f = out.report(Self::RULE, span(total), message);
                for p in parts {
                    f.related(span(p), "a part");
                }
                continue;
            }
            if text.contains('%') || text.contains("cent") {
                let percentages: Vec<Range<usize>> = a
                    .claims
                    .iter()
                    .filter(|c| c.sentence == i)
                    .flat_map(|c| c.figures.iter().filter(|f| f.kind == Kind::Percentage).map(|f| f.range.clone()))
                    .collect();
                if let Some((shares, sum)) = shares_over_whole(text, &a.cues.share_cues, &percentages) {
                    let first = shares[0].clone();
                    let message = format!(
                        "these shares of one whole add up to {}%, more than the whole",
                        format_sum((sum * 10.0).round() / 10.0)
                    );
                    let mut f = out.report(Self::RULE, span(first), message);
                    for r in shares.into_iter().skip(1) {
                        f.related(span(r), "another share of the same whole");
                    }
                    continue;
                }
            }
            if !(text.contains("from ") || text.contains("From ")) {
                continue;
            }
            // One "from A to B" per sentence: with two, which figure goes
            // with which pair is guesswork.
            let mut pairs = FROM_TO.captures_iter(text);
            let (Some(pair), None) = (pairs.next(), pairs.next()) else { continue };
            let (ra, rb) = (pair.name("a").unwrap().range(), pair.name("b").unwrap().range());
            let (Some(va), Some(vb)) = (value(&text[ra.clone()]), value(&text[rb.clone()])) else { continue };
            // "from 2019 to 2023": a span of years, not two values.
            let year = |r: &Range<usize>| {
                let t = text[r.clone()].trim();
                t.len() == 4 && t.parse::<u32>().is_ok_and(|y| (1500..=2100).contains(&y))
            };
            if year(&ra) && year(&rb) {
                continue;
            }
            let percents = pair.name("pa").is_some() && pair.name("pb").is_some();
            let whole = pair.get(0).unwrap().range();
            // A stated change: one percentage outside the pair.
            let stated: Vec<_> = STATED
                .captures_iter(text)
                .filter(|c| {
                    let r = c.get(0).unwrap().range();
                    r.end <= whole.start || whole.end <= r.start
                })
                .collect();
            if let [c] = &stated[..] {
                let p: f64 = c["p"].replace(',', "").parse().unwrap_or(f64::NAN);
                let unit = c["unit"].to_lowercase();
                let points = unit.contains("point");
                let decimals = c["p"].split_once('.').map_or(0, |(_, d)| d.len());
                let mut slack = 0.5 * 10f64.powi(-(decimals as i32));
                if c.name("hedge").is_some() {
                    slack = slack.max(2.0).max(p * 0.1);
                }
                let told = (p - slack, p + slack);
                let relative = change(va, vb);
                let fits_relative = relative.is_some_and(|(lo, hi, _)| overlaps(told, magnitude(lo, hi)));
                let fits_points = percents && overlaps(told, magnitude(vb.lo - va.hi, vb.hi - va.lo));
                let fits = if points { !percents || fits_points } else { fits_relative || fits_points };
                if !fits {
                    let Some((_, _, exact)) = relative.filter(|_| !points) else { continue };
                    let direction = if exact < 0.0 { "fall" } else { "rise" };
                    let message = format!(
                        "the stated `{}` does not match its values: from {} to {} is a {:.1}% {direction}",
                        c[0].trim(),
                        text[ra.clone()].trim(),
                        text[rb.clone()].trim(),
                        exact.abs()
                    );
                    out.report(Self::RULE, span(c.get(0).unwrap().range()), message)
                        .related(span(ra.clone()), "the value it changes from")
                        .related(span(rb.clone()), "the value it changes to");
                    continue;
                }
            }
            // A multiple in words.
            let mut multiples = MULTIPLE.captures_iter(text);
            if let (Some(m), None) = (multiples.next(), multiples.next()) {
                let factor = match m["w"].to_lowercase().as_str() {
                    "doubled" => 2.0,
                    "tripled" | "trebled" => 3.0,
                    "quadrupled" => 4.0,
                    _ => 0.5,
                };
                if va.lo <= 0.0 || vb.lo <= 0.0 {
                    continue;
                }
                let widen = if m.name("hedge").is_some() { 0.25 } else { 0.1 };
                let (lo, hi) = (vb.lo / va.hi * (1.0 - widen), vb.hi / va.lo * (1.0 + widen));
                if factor < lo || factor > hi {
                    let message = format!(
                        "`{}` does not match its values: from {} to {} is {:.2} times",
                        &m["w"],
                        text[ra.clone()].trim(),
                        text[rb.clone()].trim(),
                        vb.mid / va.mid
                    );
                    out.report(Self::RULE, span(m.name("w").unwrap().range()), message)
                        .related(span(ra.clone()), "the value it changes from")
                        .related(span(rb.clone()), "the value it changes to");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_intervals_of_their_rounding() {
        let v = value("64,000").unwrap();
        assert_eq!((v.lo, v.hi), (63_500.0, 64_500.0));
        let v = value("1.2 billion").unwrap();
        assert!((v.lo - 1.15e9).abs() < 1.0 && (v.hi - 1.25e9).abs() < 1.0);
        let v = value("$48").unwrap();
        assert_eq!((v.lo, v.mid, v.hi), (47.5, 48.0, 48.5));
        assert_eq!(value("0").map(|v| v.mid), Some(0.0));
    }

    #[test]
    fn change_brackets_the_exact_value() {
        let (lo, hi, exact) = change(value("64,000").unwrap(), value("48,000").unwrap()).unwrap();
        assert!(lo < -25.0 && -25.0 < hi && hi < -20.0, "{lo} {hi}");
        assert!((exact + 25.0).abs() < 1e-9);
    }
}
