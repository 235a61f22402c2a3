//! Numbers written in words, from the lexicon's number words: their values
//! ("seventy-six", "seventy-fifth", "140th", "a hundred") and patterns that
//! match them, so that dates, anniversaries and figures read the same words.

use super::lexicon::Lexicon;

/// The cardinal an ordinal word stands for (`fifth` → `five`, `twentieth`
/// → `twenty`), or the word itself.
fn cardinal_of(lex: &Lexicon, w: &str) -> String {
    if let Some(c) = lex.ordinals.get(w) {
        return c.clone();
    }
    if let Some(stem) = w.strip_suffix("ieth") {
        return format!("{stem}y");
    }
    if let Some(stem) = w.strip_suffix("th") {
        return stem.to_string();
    }
    w.to_string()
}

/// The value of a number in digits or words: "76", "140th", "seventy-six",
/// "seventy-fifth", "a hundred", "fifty".
pub fn value(lex: &Lexicon, s: &str) -> Option<i64> {
    let s = s.trim().to_lowercase().replace(' ', "-");
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        return s.trim_end_matches(|c: char| c.is_alphabetic()).parse::<i64>().ok();
    }
    let mut total: i64 = 0;
    let mut any = false;
    for part in s.trim_start_matches("a-").split('-').filter(|p| !p.is_empty() && *p != "and") {
        let w = cardinal_of(lex, part);
        if let Some(&scale) = lex.scales.get(&w) {
            let scale = i64::try_from(scale).ok()?;
            total = if total == 0 { scale } else { total.checked_mul(scale)? };
        } else if let Some(n) = lex.cardinals.iter().position(|x| *x == w) {
            total += n as i64;
        } else if let Some(n) = lex.tens.iter().position(|x| *x == w) {
            total += (n as i64 + 2) * 10;
        } else {
            return None;
        }
        any = true;
    }
    any.then_some(total)
}

/// The ordinal word of `n`, 1 to 99 ("first", "twenty-second", "fortieth").
pub fn ordinal(lex: &Lexicon, n: usize) -> Option<String> {
    let of = |word: &str| -> String {
        lex.ordinals.iter().find(|(_, c)| *c == word).map(|(o, _)| o.clone()).unwrap_or_else(|| {
            match word.strip_suffix('y') {
                Some(stem) => format!("{stem}ieth"),
                None => format!("{word}th"),
            }
        })
    };
    match n {
        1..=19 => Some(of(lex.cardinals.get(n)?)),
        20..=99 => {
            let tens = lex.tens.get(n / 10 - 2)?;
            Some(if n % 10 == 0 { of(tens) } else { format!("{tens}-{}", of(lex.cardinals.get(n % 10)?)) })
        }
        _ => None,
    }
}

/// Cardinal words from `from` to 19, tens, and scales: an alternation for a
/// regular expression (longest first).
pub fn cardinal_words(lex: &Lexicon, from: usize) -> Vec<&str> {
    let mut v: Vec<&str> = lex.cardinals.iter().skip(from).map(String::as_str).collect();
    v.extend(lex.tens.iter().map(String::as_str));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_of_numbers_in_words_and_digits() {
        let lex = Lexicon::builtin();
        for (s, n) in [
            ("76", 76),
            ("140th", 140),
            ("seventy-six", 76),
            ("seventy-fifth", 75),
            ("seventy fifth", 75),
            ("a hundred", 100),
            ("one hundred and fifty", 150),
            ("fiftieth", 50),
            ("twelfth", 12),
            ("two thousand", 2000),
        ] {
            assert_eq!(value(lex, s), Some(n), "{s}");
        }
        assert_eq!(value(lex, "several"), None);
    }

    #[test]
    fn ordinals_are_spelled_from_the_number_words() {
        let lex = Lexicon::builtin();
        let got: Vec<String> =
            [1, 2, 3, 4, 5, 8, 9, 12, 13, 20, 21, 22, 40, 99].iter().map(|&n| ordinal(lex, n).unwrap()).collect();
        assert_eq!(
            got,
            [
                "first",
                "second",
                "third",
                "fourth",
                "fifth",
                "eighth",
                "ninth",
                "twelfth",
                "thirteenth",
                "twentieth",
                "twenty-first",
                "twenty-second",
                "fortieth",
                "ninety-ninth"
            ]
        );
        for n in 1..100 {
            assert_eq!(value(lex, &ordinal(lex, n).unwrap()), Some(n as i64), "{n}");
        }
    }
}
