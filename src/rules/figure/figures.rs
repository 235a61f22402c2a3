//! Finding figures in a sentence: a table of patterns for percentages,
//! money, quantities, counts, ratios, rankings and shares, with identifiers,
//! years, clock times and markers masked.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::lexicon::{alternation, Lexicon};
use crate::text::numbers;

/// What kind of figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Percentage,
    Money,
    Quantity,
    Count,
    Ratio,
    Ranking,
    /// "one in four", "two-thirds of", "fell by a third", "more than half".
    Proportion,
}

impl Kind {
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Percentage => "percentage",
            Kind::Money => "amount of money",
            Kind::Quantity => "quantity",
            Kind::Count => "count",
            Kind::Ratio => "ratio",
            Kind::Ranking => "ranking",
            Kind::Proportion => "proportion",
        }
    }
}

/// A figure found in a sentence (range in the sentence text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub kind: Kind,
    pub range: Range<usize>,
}

const NUM: &str = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?";
/// A scale after the number, written apart, glued or hyphenated ("$40
/// million", "$40m", "$40-million").
const SCALE: &str =
    r"(?:(?:\s?(?:million|billion|trillion|thousand|bn|mn|m|k)|-(?:million|billion|trillion|thousand))(?-u:\b))?";

/// The figure patterns of a lexicon, compiled once per run.
pub struct Patterns {
    list: Vec<(Kind, Regex)>,
    /// Which patterns match at all, in one scan.
    set: regex::RegexSet,
    /// Sentences that match none of this state no figure.
    pub hint: Regex,
    word_number: Regex,
}

/// Numbers in words that make a count ("twenty families", "hundreds of
/// people"): cardinals from three, tens, and collective numbers.
fn word_numbers(lex: &Lexicon) -> String {
    let mut words: Vec<String> = numbers::cardinal_words(lex, 3).into_iter().map(str::to_string).collect();
    // "twenty-five", "ninety-nine" (the alternation tries longer words first).
    for tens in &lex.tens {
        for unit in lex.cardinals.iter().take(10).skip(1) {
            words.push(format!("{tens}-{unit}"));
        }
    }
    words.extend(
        ["hundred", "a hundred", "a thousand", "dozens", "tens of thousands", "hundreds of thousands"]
            .map(String::from),
    );
    words.extend(lex.scales.keys().map(|s| format!("{s}s")));
    format!("(?:{})", alternation(words.iter().map(String::as_str)))
}

/// An alternation of money or unit words, each closed by a word boundary
/// when it ends in a letter or digit.
fn closed<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.into_iter().collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    words
        .iter()
        .map(|w| {
            let e = regex::escape(w);
            if w.ends_with(|c: char| c.is_ascii_alphanumeric()) {
                format!("{e}(?-u:\\b)")
            } else {
                e
            }
        })
        .collect::<Vec<_>>()
        .join("|")
}

impl Patterns {
    pub fn new(lex: &Lexicon) -> Patterns {
        let wordnum = word_numbers(lex);
        // Symbols and codes before the number ("$40", "USD 40", "Rs 500"):
        // one that starts with a letter needs a word boundary before it.
        let prefix = lex
            .currency_symbols()
            .map(|sym| {
                if sym.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    format!("(?-u:\\b){}", regex::escape(sym))
                } else {
                    regex::escape(sym)
                }
            })
            .chain(lex.money_codes().map(|c| format!("(?-u:\\b){c}\\s")))
            .collect::<Vec<_>>();
        let mut prefix = prefix;
        prefix.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let prefix = prefix.join("|");
        // Names, codes and symbols after it ("40 euros", "40 USD", "500 zł");
        // never a dollar sign ("1$" is maths in TeX, not money).
        let codes: Vec<String> = lex.money_codes().map(|c| format!(" {c}")).collect();
        let suffix = closed(
            lex.currency_names()
                .chain(codes.iter().map(String::as_str))
                .chain(lex.currency_symbols().filter(|s| !s.contains('$'))),
        );
        let units = closed(lex.unit_symbols().chain(lex.unit_names()));
        let p = |s: &str| {
            Regex::new(
                &s.replace("{N}", NUM)
                    .replace("{W}", &wordnum)
                    .replace("{S}", SCALE)
                    .replace("{PREFIX}", &prefix)
                    .replace("{SUFFIX}", &suffix)
                    .replace("{UNITS}", &units),
            )
            .expect("figure pattern")
        };
        let list = vec![
            (Kind::Money, p(r"(?:{PREFIX})\s?{N}{S}")),
            (Kind::Money, p(r"(?-u:\b){N}{S}\s?(?:{SUFFIX})")),
            (Kind::Percentage, p(r"(?-u:\b){N}\s?(?:%|per\s?cent(?-u:\b)|percent(?-u:\b)|percentage points?(?-u:\b))")),
            (Kind::Quantity, p(r"(?-u:\b){N}{S}\s?(?:{UNITS})")),
            (
                Kind::Ratio,
                p(
                    r"(?i:(?-u:\b)(?:(?:twice|thrice)\s+(?:as|the|that|what|its|their|our|his|her|this|a|an)(?-u:\b)|(?:more\s+than|almost|nearly|roughly|about|over|at\s+least)\s+(?:twice|thrice)(?-u:\b)|(?:two|three|four|five|six|seven|eight|nine|ten|{N})(?:\s?-?\s?fold|\s+times\s+(?:more|less|fewer|higher|lower|larger|smaller|greater|as|the|that|what))|between\s+\w+\s+and\s+\w+\s+times\s+(?:more|less|higher|greater)))",
                ),
            ),
            (
                Kind::Ranking,
                p(
                    r"(?i:(?-u:\b)(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|[0-9]+(?:st|nd|rd|th))[\s-](?:largest|biggest|highest|lowest|most|least|best|worst|fastest|busiest|richest|poorest|smallest|oldest|leading|top)(?-u:\b)|(?-u:\b)ranks?\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|[0-9]+(?:st|nd|rd|th))(?-u:\b))",
                ),
            ),
            (
                Kind::Proportion,
                p(
                    r"(?i:(?-u:\b)(?:(?:one|two|three|four|five|six|seven|eight|nine|{N})\s+(?:in|out\s+of)\s+(?:two|three|four|five|six|seven|eight|nine|ten|twenty|a\s+hundred|{N})(?-u:\b)|(?:two|three|four|five|seven|nine)[\s-](?:thirds|quarters|fifths|eighths|tenths)(?-u:\b)|(?:by|than|to|of)\s+(?:a|one)\s+(?:third|quarter|fifth|tenth)(?-u:\b)|(?:a|one)\s+(?:third|quarter|fifth|tenth)\s+of(?-u:\b)|(?:by|nearly|almost|about|roughly|around|over|more\s+than|less\s+than|fewer\s+than|just\s+over|just\s+under|some)\s+half(?-u:\b)))",
                ),
            ),
            (
                Kind::Count,
                p(
                    r"(?i:(?-u:\b)(?:stands|stood|reached|reaches|rose|rises|fell|falls|grew|grows|climbed|dropped|declined|increased|decreased|totalled|totaled|totals|numbered|numbers|amounted)\s+(?:to|at)?\s*(?:about|around|roughly|nearly|almost|over|more than|some|just over|just under)?\s*){N}{S}",
                ),
            ),
            (
                Kind::Count,
                p(
                    r"(?-u:\b){N}{S}(?:\s+(?:[A-Za-z][\w'’-]*|[A-Z][\w-]*))?(?:\s+[\w'’-]+)?\s+(?:people|persons|children|men|women|staff|police|[a-z]{2,}[^s\W]s)(?-u:\b)",
                ),
            ),
            (
                Kind::Count,
                p(
                    r"(?i:(?-u:\b){W})(?:\s+[\w'’-]+){0,2}\s+(?:people|persons|children|men|women|[a-z]{2,}[^s\W]s)(?-u:\b)",
                ),
            ),
        ];
        let set = regex::RegexSet::new(list.iter().map(|(_, r)| r.as_str())).expect("figure patterns");
        let hint = Regex::new(&format!(
            r"[0-9]|(?i:(?-u:\b)(?:{wordnum}|twice|thrice|times|largest|biggest|highest|lowest|most|leading|ranks?|one|half|third|thirds|quarter|quarters|fifth|fifths|eighths|tenth|tenths)(?-u:\b))"
        ))
        .expect("figure hint regex");
        let word_number = Regex::new(&format!(r"(?i)(?-u:\b){wordnum}(?-u:\b)")).expect("word numbers");
        Patterns { list, set, hint, word_number }
    }

    /// Whether `text` holds a number written in words.
    pub fn has_word_number(&self, text: &str) -> bool {
        self.word_number.is_match(text)
    }

    /// The figures of a sentence; `technical` for technical documentation
    /// (where a name and a number after a preposition are a version).
    pub fn find(&self, text: &str, lex: &Lexicon, technical: bool) -> Vec<Figure> {
        let hits = self.set.matches(text);
        let mut out: Vec<Figure> = Vec::new();
        for (_, (kind, re)) in self.list.iter().enumerate().filter(|(i, _)| hits.matched(*i)) {
            let mut pos = 0;
            while let Some(mut m) = re.find_at(text, pos) {
                pos = m.end();
                // "20 to 30 people": read from the upper bound, which takes
                // the lower one in when it is a range.
                if let Some(upper) = range_upper(text, m.start()) {
                    match re.find_at(text, upper) {
                        Some(u) if u.start() == upper => {
                            pos = u.end();
                            m = u;
                        }
                        _ => {}
                    }
                }
                let mut range = m.range();
                if out.iter().any(|f| f.range.start < range.end && range.start < f.range.end) {
                    continue;
                }
                let lower = range_below(text, range.start);
                if !plausible(text, &mut range, *kind, lex, self, Context { ranged: lower.is_some(), technical }) {
                    continue;
                }
                // A range is one figure: "2.5–3 million tonnes", "$3–4 million".
                if let Some(lower) = lower {
                    range.start = lower;
                } else if let Some(end) = range_above(text, range.clone()) {
                    range.end = end;
                }
                if out.iter().any(|f| f.range.start < range.end && range.start < f.range.end) {
                    continue;
                }
                out.push(Figure { kind: *kind, range });
            }
        }
        out.sort_by_key(|f| f.range.start);
        out
    }
}

/// What `plausible` knows beyond the match.
#[derive(Clone, Copy)]
struct Context {
    /// The match is the upper bound of a range ("10-15%").
    ranged: bool,
    /// The document is technical documentation.
    technical: bool,
}

/// Filters identifiers, years, clock times and markers out of raw matches;
/// trims count matches to the number and its noun.
fn plausible(
    text: &str,
    range: &mut Range<usize>,
    kind: Kind,
    lex: &Lexicon,
    patterns: &Patterns,
    cx: Context,
) -> bool {
    let s = &text[range.clone()];
    let prev_word = crate::text::word_before(text, range.start).to_lowercase();
    let prev_char = text[..range.start].chars().next_back();
    let next_char = text[range.end..].chars().next();
    // Glued to letters or digits: an identifier (M31, v2, MiG-29) or a note marker.
    let starts_with_digit = s.starts_with(|c: char| c.is_ascii_digit());
    let glued = prev_char.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '/' | '#' | '.' | '_'));
    if glued && starts_with_digit && kind != Kind::Money && !cx.ranged {
        return false;
    }
    // A number word glued to a name ("mode-seven display buffers"), not
    // to another number ("twenty-five people").
    if prev_char == Some('-') && !starts_with_digit {
        let before = crate::text::word_before(text, range.start - 1).to_lowercase();
        if !before.is_empty() && !patterns.has_word_number(&before) && !before.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    if kind == Kind::Money && is_placeholder(text, range.clone()) {
        return false;
    }
    let next_words: Vec<String> = text[range.end..]
        .split_whitespace()
        .take(2)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .collect();
    // A named goal, limit or rule: "the 1.5 °C limit", "the 3 percent
    // deficit ceiling" (after an article or a possessive).
    let determiner = matches!(prev_word.as_str(), "the" | "a" | "an" | "its" | "their" | "our" | "his" | "her");
    if determiner && next_words.iter().any(|w| lex.limit_nouns.contains_lower(w)) && kind != Kind::Count {
        return false;
    }
    // "100% organic", "remain 100% free": a manner of speaking after a
    // verb of being, not a share of anything ("100% of" is one).
    let hundred = s.starts_with("100") && !s[3..].starts_with(|c: char| c.is_ascii_digit() || matches!(c, ',' | '.'));
    if kind == Kind::Percentage
        && hundred
        && lex.copulas.contains_lower(&prev_word)
        && next_words.first().is_some_and(|w| w != "of")
    {
        return false;
    }
    if next_char.is_some_and(|c| c == ':' && text[range.end + 1..].starts_with(|c: char| c.is_ascii_digit())) {
        return false; // 09:10
    }
    // "port 8125", "No. 5"; not "in the last year, 1,400 boats".
    let separated = text[..range.start].trim_end().ends_with([',', ';', ':']);
    // "Last year 800 nurses quit", "Every season 18 players": a time, then
    // the count.
    let cue_start = text[..range.start].trim_end().len().saturating_sub(prev_word.len());
    let before_cue = crate::text::word_before(text, cue_start).to_lowercase();
    let timed = matches!(before_cue.as_str(), "last" | "this" | "next" | "every" | "each" | "per" | "that" | "a");
    if lex.identifier_before.contains(&prev_word) && s.starts_with(|c: char| c.is_ascii_digit()) && !separated && !timed
    {
        return false;
    }
    if kind == Kind::Count && s.starts_with(|c: char| c.is_ascii_digit()) {
        let next = s.split_whitespace().nth(1).unwrap_or("").to_lowercase();
        if named_number(text, range.start, lex, cx.technical) || lex.identifier_after.contains(&next) {
            return false;
        }
    }
    match kind {
        Kind::Proportion => {
            // Time and distance, not shares: "a quarter of an hour", "half a
            // mile", "a third of the way", "one in the morning".
            let after = text[range.end..].trim_start().to_lowercase();
            let time = ["an hour", "a mile", "the way", "a century", "a second", "a minute", "a day", "a year"];
            if time.iter().any(|t| after.starts_with(t)) || after.starts_with("past ") || after.starts_with("to ") {
                return false;
            }
            // An ordinal, not a share: "a third party", "by a third coat of paint".
            let next = after.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
            let ordinal = s
                .split_whitespace()
                .last()
                .is_some_and(|w| matches!(w.to_lowercase().as_str(), "third" | "quarter" | "fifth" | "tenth"));
            if ordinal && lex.ordinal_nouns.contains(next) {
                return false;
            }
            // A voting threshold, not a share: "a two-thirds majority".
            if ["majority", "supermajority", "vote", "quorum"].iter().any(|t| after.starts_with(t)) {
                return false;
            }
            // "one in a million" is an idiom; "3 in 2021" a year; "1 in 1"
            // no share at all: the part must be smaller than the whole.
            let words: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
            let value = |w: &str| -> Option<f64> {
                let small = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
                small.iter().position(|n| *n == w).map(|n| n as f64).or_else(|| w.replace(',', "").parse().ok())
            };
            if let (Some(part), Some(whole)) =
                (words.first().and_then(|w| value(w)), words.last().and_then(|w| value(w)))
            {
                if words.len() >= 3 && (part >= whole || (1500.0..=2100.0).contains(&whole)) {
                    return false;
                }
            }
            true
        }
        Kind::Count => {
            let mut words: Vec<&str> = s.split_whitespace().collect();
            // "320 teachers on staff": the count ends before a function word.
            let noun_phrase = words
                .first()
                .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()) || patterns.has_word_number(w));
            let cut_at = (1..words.len()).find(|&i| lex.function_words.contains_lower(&words[i].to_lowercase()));
            if let Some(cut) = cut_at.filter(|_| noun_phrase) {
                let kept = &words[..cut];
                let last = kept.last().map(|w| w.to_lowercase()).unwrap_or_default();
                if cut < 2
                    || !(last.ends_with('s')
                        || ["people", "children", "men", "women", "staff", "police"].contains(&last.as_str()))
                {
                    return false;
                }
                // End of the `cut`-th word, counting the spacing as written.
                let mut end = 0;
                let mut seen = 0;
                for (at, c) in s.char_indices() {
                    if !c.is_whitespace() && (at == 0 || s[..at].ends_with(char::is_whitespace)) {
                        seen += 1;
                    }
                    if seen > cut {
                        break;
                    }
                    if !c.is_whitespace() {
                        end = at + c.len_utf8();
                    }
                }
                range.end = range.start + end;
                words.truncate(cut);
            }
            let Some(noun) = words.last() else { return false };
            let noun_l = noun.to_lowercase();
            if lex.not_count_nouns.contains_lower(&noun_l) {
                return false;
            }
            let first = words[0];
            // "1 teams" is never a count: a name ("Formula 1 teams") or a label.
            if first == "1" && words.len() > 1 && noun_l.ends_with('s') {
                return false;
            }
            // Things are counted in whole numbers: "OSX 10.6 fails", "regex
            // 1.0 requires" are versions. (With a scale, "2.5 million
            // people", the number is not the first word's whole.)
            let scaled = words.iter().any(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "million" | "billion" | "trillion" | "thousand" | "bn" | "mn" | "m" | "k"
                )
            });
            if first.starts_with(|c: char| c.is_ascii_digit()) && first.contains('.') && !scaled {
                return false;
            }
            // The words between number and noun describe the noun; time words
            // and function words mean the noun belongs to something else
            // ("fifty years ago this month").
            let verb_attached = !first.starts_with(|c: char| c.is_ascii_digit()) && !patterns.has_word_number(first);
            let middle = if verb_attached { &[][..] } else { &words[1..words.len() - 1] };
            let bad_middle = middle.iter().any(|w| {
                let w = w.to_lowercase();
                lex.not_count_nouns.contains_lower(&w) || lex.function_words.contains_lower(&w)
            });
            if !verb_attached && (bad_middle || lex.function_words.contains_lower(&noun_l)) {
                return false;
            }
            // Small numbers in words are narrative ("four libraries") unless
            // they count something named ("six MiG-29 fighter jets").
            let small_word =
                ["three", "four", "five", "six", "seven", "eight", "nine"].contains(&first.to_lowercase().as_str());
            if small_word
                && !middle
                    .iter()
                    .any(|w| w.starts_with(|c: char| c.is_uppercase()) || w.chars().any(|c| c.is_ascii_digit()))
            {
                return false;
            }
            let digits: String = first.chars().filter(char::is_ascii_digit).collect();
            if !digits.is_empty() {
                // Years ("in 2019 elections") are not counts.
                let value: u64 = digits.parse().unwrap_or(0);
                if !first.contains([',', '.']) && (1500..=2100).contains(&value) && words.len() > 1 {
                    return false;
                }
                // A month after the number: a date.
                if words
                    .iter()
                    .skip(1)
                    .any(|w| lex.months.iter().any(|m| m.eq_ignore_ascii_case(w.trim_end_matches(['.', ',']))))
                {
                    return false;
                }
            }
            // Verb-attached counts ("stands at 96"): keep just the number.
            if let Some(pos) = s.find(|c: char| c.is_ascii_digit()) {
                if !first.starts_with(|c: char| c.is_ascii_digit()) && words.len() <= 6 && !s[pos..].contains(' ') {
                    range.start += pos;
                }
            }
            true
        }
        Kind::Quantity => {
            // "2019 m" and other years with a unit-like word.
            let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
            !(digits.len() == 4
                && !s.contains([',', '.'])
                && s[4..].trim_start().starts_with(['m', 't'])
                && s.len() <= 7)
        }
        Kind::Ratio => {
            // "three times the (agreed price)": label the ratio itself.
            for tail in [" the", " as", " that", " what"] {
                if text[range.clone()].ends_with(tail) {
                    range.end -= tail.len();
                }
            }
            true
        }
        _ => true,
    }
}

/// The lower bound of a range ending in the figure at `at`: "2.5–3
/// million tonnes", "10-15%", "20 to 30 people"; the bound is a plain
/// number smaller than the figure's own, and not a year ("2019-20
/// season").
fn range_below(text: &str, at: usize) -> Option<usize> {
    static BELOW: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?:^|[\s(])(?P<n>{NUM})(?:\s?[–—-]\s?|\s+to\s+)$")).expect("range regex")
    });
    if !text[at..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let c = BELOW.captures(&text[..at])?;
    let n = c.name("n")?;
    let upper: String = text[at..].chars().take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',')).collect();
    (smaller(n.as_str(), upper.trim_end_matches(['.', ','])) && !after_from(text, n.start())).then_some(n.start())
}

/// "from 120 to 180": a change between two values, not a range.
fn after_from(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|c: char| matches!(c, '$' | '€' | '£' | '¥') || c.is_whitespace());
    crate::text::word_before(before, before.len()).eq_ignore_ascii_case("from")
}

/// Where the second number starts when two are joined at `at` ("20 to 30").
fn range_upper(text: &str, at: usize) -> Option<usize> {
    static UPPER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"^(?P<n>{NUM})(?:\s?[–—-]\s?|\s+to\s+)(?P<u>{NUM})")).expect("range regex")
    });
    // Also "from 200 to 300 people": the count is the second value (and
    // `range_below` leaves the first out).
    let c = UPPER.captures(&text[at..])?;
    Some(at + c.name("u").unwrap().start())
}

/// The upper bound of a range that starts with the figure: "$3–4 million"
/// is matched as "$3", then read to its end.
fn range_above(text: &str, range: Range<usize>) -> Option<usize> {
    static ABOVE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"^\s?[–—-]\s?(?P<n>{NUM}){SCALE}")).expect("range regex"));
    let lower: String = text[range.clone()]
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        .collect();
    if lower.len() != text[range.clone()].trim_start_matches(|c: char| !c.is_ascii_digit()).len() {
        return None; // the figure goes on after its number ("$3 million–4")
    }
    let c = ABOVE.captures(&text[range.end..])?;
    smaller(&lower, c.name("n")?.as_str()).then(|| range.end + c.get(0).unwrap().end())
}

/// `a` is a smaller number than `b`, and neither is a year.
fn smaller(a: &str, b: &str) -> bool {
    let parse = |s: &str| s.replace(',', "").parse::<f64>().ok();
    let year = |s: &str| s.len() == 4 && s.parse::<u32>().is_ok_and(|y| (1500..=2100).contains(&y));
    match (parse(a), parse(b)) {
        (Some(x), Some(y)) => x < y && !year(a) && !year(b),
        _ => false,
    }
}

/// A `$` and one digit that is a parameter of code or a formula, not money:
/// `$0`, `($1, …)`, `btex$1$etex`, `{$2^{23}$}`, or "stored in $1, $2"
/// (numbered parameters from `$1`).
fn is_placeholder(text: &str, range: Range<usize>) -> bool {
    let m = &text[range.clone()];
    let Some(digits) = m.strip_prefix('$') else { return false };
    if digits.len() != 1 || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let others = text.match_indices('$').any(|(i, _)| {
        let t = &text[i + 1..];
        i != range.start
            && t.starts_with(|c: char| c.is_ascii_digit())
            && !t[1..].starts_with(|c: char| c.is_ascii_digit())
            && !(t[1..].starts_with(['.', ',']) && t[2..].starts_with(|c: char| c.is_ascii_digit()))
            && !t.starts_with(digits)
    });
    // "($1, …)" is a call; "a few dollars ($5)" is money. Numbered
    // parameters start at $1: "from $3 to $5" is money.
    let call = before == Some('(') && after == Some(',');
    let numbered = others && (digits == "1" || text.contains("$1"));
    digits == "0"
        || before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '{' | '[' | '$'))
        || after.is_some_and(|c| matches!(c, '$' | '^' | '{' | '}'))
        || call
        || numbered
}

/// The number at `at` follows a name with only a space between: a
/// version, a standard or a model ("RFC 9110 describes", "BS 7671 rules",
/// "eReader 5 launch", "Kestrel 4 also supports", "Zorba 8000 series"),
/// never a count of what comes after it. A version is a plain or dotted
/// number with no scale after it; a name written like one (`PEP`, `iPhone`)
/// always makes one, a capitalised word only where it cannot be the end of
/// an opening phrase that lost its comma: not a month or weekday, not after
/// a stop word other than an article ("In Leeds 800 nurses", "and Spain
/// 900", "By Friday 600 homes"), not the sentence's first word.
fn named_number(text: &str, at: usize, lex: &Lexicon, technical: bool) -> bool {
    let head = &text[..at];
    if !head.ends_with(' ') || head.trim_end().ends_with(|c: char| !c.is_alphanumeric()) {
        return false;
    }
    let number_end = text[at..].find(|c: char| !(c.is_ascii_digit() || c == '.')).map_or(text.len(), |e| at + e);
    let after = text[number_end..].trim_start().to_lowercase();
    let scaled = ["million", "billion", "trillion", "thousand", "bn ", "m "].iter().any(|w| after.starts_with(w));
    if text[at..].starts_with(|c: char| !c.is_ascii_digit()) || text[number_end..].starts_with(',') || scaled {
        return false;
    }
    let name = crate::text::word_before(text, at);
    let Some(first) = name.chars().next() else { return false };
    // "Serbia's 67 oil fields" are Serbia's.
    let capitalised = first.is_uppercase() || name.chars().skip(1).any(char::is_uppercase);
    if !capitalised || name.ends_with("'s") || name.ends_with("’s") {
        return false;
    }
    // An opening phrase that lost its comma: "In the UK 800 nurses", "At
    // the Olympics 200 athletes", "By Friday 600 homes".
    let lead: Vec<&str> = head.split_whitespace().take(5).collect();
    let opening = lead.len() <= 4
        && lead.first().is_some_and(|w| {
            lex.stopwords.contains(&w.to_lowercase()) && !matches!(w.to_lowercase().as_str(), "the" | "a" | "an")
        });
    if opening {
        return false;
    }
    if name.chars().skip(1).any(|c| c.is_uppercase() || c.is_ascii_digit()) {
        return true;
    }
    let lower = name.to_lowercase();
    if lex.months.iter().chain(&lex.weekdays).any(|m| m.eq_ignore_ascii_case(&lower)) {
        return false;
    }
    // After an article the name names a thing ("the Vega 7 crew"); after
    // another stop word it may end an opening phrase.
    let before_name = head[..head.len() - name.len() - 1].trim_end();
    if before_name.ends_with(':') {
        return true; // "Note: Kestrel 4 also supports …"
    }
    let previous = crate::text::word_before(before_name, before_name.len()).to_lowercase();
    let article = matches!(previous.as_str(), "the" | "a" | "an");
    // In technical documentation, past the opening words, a preposition
    // introduces the name: "used on Kestrel 4 installations", "a fault in
    // Build 12 images" (in news, "and in Leeds 800 homes" is a count).
    let preposition = technical && lead.len() > 4 && lex.prepositions.contains(&previous);
    !previous.is_empty()
        && !before_name.ends_with([',', ';'])
        && (article || preposition || !lex.stopwords.contains(&previous))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(text: &str) -> Vec<&str> {
        let lex = Lexicon::builtin();
        Patterns::new(lex).find(text, lex, false).into_iter().map(|f| &text[f.range]).collect::<Vec<_>>()
    }

    #[test]
    fn counts_are_the_number_and_its_noun() {
        assert_eq!(figures("The club has 14 coaches on its books."), ["14 coaches"]);
        assert_eq!(figures("roughly 480 households in the parish"), ["480 households"]);
        assert_eq!(figures("63 of Serbia's 67 known oil fields"), ["67 known oil fields"]);
        assert_eq!(figures("the two countries met in 2019"), Vec::<&str>::new());
        assert_eq!(figures("The waiting list now stands at 96, the longest."), ["96"]);
        // Parameters of code, not money.
        assert_eq!(figures("The values are kept in $1 and $2 until the call returns."), Vec::<&str>::new());
        assert_eq!(figures("The hook runs draw($1, $x) twice."), Vec::<&str>::new());
        assert_eq!(figures("A ticket costs $2 at the gate."), ["$2"]);
        assert_eq!(figures("Petrol went from $3 to $5 a gallon."), ["$3", "$5"]);
        assert_eq!(figures("It costs a few dollars ($5) more."), ["$5"]);
        assert_eq!(figures("The rebate is worth $3 billion over 5 years."), ["$3 billion"]);
        // Ordinals, not shares.
        assert_eq!(figures("The hull is protected by a third coat of varnish."), Vec::<&str>::new());
        assert_eq!(figures("Sales fell by a third last year."), ["by a third"]);
        assert_eq!(figures("Sales fell by a fifth year on year."), ["by a fifth"]);
        // A number word glued to a name.
        assert_eq!(figures("It fills the mode-seven display buffers."), Vec::<&str>::new());
        assert_eq!(figures("About twenty families moved in."), ["twenty families"]);
        assert_eq!(figures("About twenty-five families moved in."), ["twenty-five families"]);
        // After a name: a version, a standard, a model.
        assert_eq!(figures("Since the Kestrel 4 supports plugins, the build is faster."), Vec::<&str>::new());
        assert_eq!(figures("RFC 9110 describes the methods."), Vec::<&str>::new());
        assert_eq!(figures("The eReader 5 launch drew queues of 300 people."), ["300 people"]);
        assert_eq!(figures("It runs on the Zorba 8000 series machines."), Vec::<&str>::new());
        assert_eq!(figures("It ran on Intel and Zorba 8000 series machines."), Vec::<&str>::new());
        assert_eq!(figures("Some 400 families left the valley."), ["400 families"]);
        // An opening phrase that lost its comma.
        assert_eq!(figures("In Leeds 800 nurses walked out."), ["800 nurses"]);
        assert_eq!(figures("By Friday 600 homes had no power."), ["600 homes"]);
        assert_eq!(figures("In the UK 800 nurses quit."), ["800 nurses"]);
        assert_eq!(figures("At the Games 200 athletes fell ill."), ["200 athletes"]);
        assert_eq!(figures("Last year 800 nurses quit."), ["800 nurses"]);
        assert_eq!(figures("Every season 18 players leave."), ["18 players"]);
        assert_eq!(figures("The fire killed 12 family members."), ["12 family members"]);
        assert_eq!(figures("Deaths stand at 40 in Italy and Spain 900 families."), ["900 families"]);
        assert_eq!(figures("Across the Continent 40 million households pay more."), ["40 million households"]);
    }
}
