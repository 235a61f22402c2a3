//! Words: the one tokenizer every family uses. Text is normalised (Unicode
//! NFKC, lowercase, curly apostrophes straight) and split into words, with
//! the clause breaks between them marked.

use unicode_normalization::UnicodeNormalization;

/// A word as the tokenizer hands it out: lowercased NFKC text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    /// Written with a capital first letter.
    pub capital: bool,
    /// A clause break (`,` `;` `:` `(` or a dash) stands between this word
    /// and the one before it.
    pub after_break: bool,
}

/// Characters between words that end a clause.
fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '(' | '—' | '–')
}

/// Calls `f` with each word of `text`; apostrophes are kept inside words,
/// digits keep their inner `.` and `,` (`2.9`, `3,175`), everything else
/// separates. One buffer is reused: no allocation per word.
pub fn for_each_token(text: &str, f: impl FnMut(Token<'_>)) {
    if text.is_ascii() {
        for_each_ascii_token(text, f);
    } else {
        for_each_unicode_token(text, f);
    }
}

/// [`for_each_token`] for any text, a character at a time after NFKC
/// (skipped when the quick check says the text is in NFKC already).
fn for_each_unicode_token(text: &str, mut f: impl FnMut(Token<'_>)) {
    let text: std::borrow::Cow<'_, str> =
        if unicode_normalization::is_nfkc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
            text.into()
        } else {
            text.nfkc().collect::<String>().into()
        };
    let mut cur = String::new();
    let mut capital = false;
    let mut after_break = false;
    let mut pending_break = false;
    let mut seen_word = false;
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let keep = c.is_alphanumeric()
            || (matches!(c, '\'' | '’')
                && prev.is_some_and(char::is_alphanumeric)
                && next.is_some_and(char::is_alphanumeric))
            || (matches!(c, '.' | ',')
                && prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit()));
        if keep {
            if cur.is_empty() {
                capital = c.is_uppercase();
                after_break = std::mem::take(&mut pending_break);
                seen_word = true;
            }
            if c == '’' {
                cur.push('\'');
            } else if c.is_ascii() {
                cur.push(c.to_ascii_lowercase());
            } else {
                cur.extend(c.to_lowercase());
            }
        } else {
            if !cur.is_empty() {
                f(Token { text: &cur, capital, after_break });
                cur.clear();
            }
            // Only between words: a break before the first one separates nothing.
            pending_break |= seen_word && is_clause_break(c);
        }
        prev = Some(c);
    }
    if !cur.is_empty() {
        f(Token { text: &cur, capital, after_break });
    }
}

/// [`for_each_token`] for ASCII text: a word is a run of letters and digits,
/// joined across an apostrophe between letters or a `.`/`,` between digits.
/// Lowercase words are handed out as slices of `text`; only words with a
/// capital are copied, into one reused buffer.
fn for_each_ascii_token(text: &str, mut f: impl FnMut(Token<'_>)) {
    /// Letters and digits, by byte.
    static ALNUM: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 128 {
            t[b] = (b as u8).is_ascii_alphanumeric();
            b += 1;
        }
        t
    };
    let alnum = |b: u8| ALNUM[b as usize];
    let bytes = text.as_bytes();
    let mut lower = String::new();
    let n = bytes.len();
    let mut i = 0;
    let mut seen_word = false;
    loop {
        // Only between words: a break before the first one separates nothing.
        let mut after_break = false;
        while i < n && !alnum(bytes[i]) {
            after_break |= seen_word && is_clause_break(char::from(bytes[i]));
            i += 1;
        }
        if i == n {
            break;
        }
        let start = i;
        seen_word = true;
        loop {
            while i < n && alnum(bytes[i]) {
                i += 1;
            }
            let joins = i + 1 < n
                && alnum(bytes[i + 1])
                && (bytes[i] == b'\''
                    || (matches!(bytes[i], b'.' | b',')
                        && bytes[i - 1].is_ascii_digit()
                        && bytes[i + 1].is_ascii_digit()));
            if !joins {
                break;
            }
            i += 1;
        }
        let word = &text[start..i];
        let capital = bytes[start].is_ascii_uppercase();
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            lower.clear();
            lower.push_str(word);
            lower.make_ascii_lowercase();
            f(Token { text: &lower, capital, after_break });
        } else {
            f(Token { text: word, capital, after_break });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of `text` (see [`for_each_token`]).
    fn tokens(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_token(text, |t| out.push(t.text.to_string()));
        out
    }

    #[test]
    fn tokens_normalise_case_quotes_and_numbers() {
        assert_eq!(
            tokens("Women’s groups lent €2.9 billion, i.e. 3,175 loans — “fast”."),
            ["women's", "groups", "lent", "2.9", "billion", "i", "e", "3,175", "loans", "fast"]
        );
        assert_eq!(tokens("ＦＵＬＬ width"), ["full", "width"]);
    }

    #[test]
    fn clause_breaks_are_marked_on_the_word_after_them() {
        let breaks = |text: &str| {
            let mut out = Vec::new();
            for_each_token(text, |t| {
                if t.after_break {
                    out.push(t.text.to_string());
                }
            });
            out
        };
        assert_eq!(
            breaks("Women’s groups lent €2.9 billion, i.e. 3,175 loans — “fast” (mostly): yes."),
            ["i", "fast", "mostly", "yes"]
        );
        assert_eq!(breaks("Lent 3,175 loans; repaid 3.5 million in 2021, on time"), ["repaid", "on"]);
        assert!(breaks(", leading break and no other").is_empty());
        assert!(breaks(" (“leading” break and no other").is_empty());
    }

    /// The fast ASCII tokenizer splits exactly as the general one.
    #[test]
    fn ascii_and_unicode_tokenizers_agree() {
        let collect = |text: &str, ascii: bool| {
            let mut out = Vec::new();
            let push = |t: Token<'_>| out.push((t.text.to_string(), t.capital, t.after_break));
            if ascii {
                for_each_ascii_token(text, push);
            } else {
                for_each_unicode_token(text, push);
            }
            out
        };
        let long = format!("{}Z end", "x".repeat(100));
        for text in [
            "Women's groups lent 2.9 billion, i.e. 3,175 loans -- 'fast'.",
            "'tis rock'n'roll' ' a' 'b 3. .5 1,2,3 1.2.3 a.b a,1 1,a McDonald's IBM x",
            "first, second; third: fourth (fifth) sixth , , seventh",
            " ; (leading breaks, then one",
            "",
            "   ...  ",
            "end with digit 7",
            "O'Neil's 4'5 don't ''",
            long.as_str(),
        ] {
            assert_eq!(collect(text, true), collect(text, false), "{text:?}");
        }
    }
}
