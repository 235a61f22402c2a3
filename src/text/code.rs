//! Code in prose: words written like code and markup left in the text
//! (what makes a document technical documentation, and what the repetition
//! rules compare as written).

/// A word written like code: an identifier (`f_lines`, `getName`,
/// `make.exe`), an option (`-l`, `--trace`), a file type or special name
/// (`.lz`), a call or variable (`wait_for()`, `$(call`, `\\foo`), an
/// assignment (`a=b`), or a word spelt like code set in single quotes
/// (`'--jobs'`, `` `-j' ``). `w` is trimmed of surrounding punctuation by the caller.
pub fn is_code_word(w: &str) -> bool {
    let b = w.as_bytes();
    if b.len() < 2 {
        return false;
    }
    // Most words of prose: letters, capitalised at most (no quote, lead,
    // inner mark, hump or dot can be in them).
    if b[0].is_ascii_alphabetic() && b[1..].iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let alnum = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_alphanumeric());
    // A word in quotes is code when it is spelt like code (‘-j’,
    // 'f_lines', ‘make.exe’, ‘$HOME’): British English quotes words in
    // single quotes, straight or curly (‘unfair’, 'reckless'). A backtick
    // opening (`` `-j' ``, Texinfo's quotes) is code whatever it holds.
    // A hyphen only leading ('-j'): 'cost-of-living' is a quoted phrase.
    let spelt_like_code = |inner: &str| {
        inner.starts_with('-')
            || inner.bytes().any(|c| matches!(c, b'_' | b'.' | b'/' | b'=' | b'$' | b'\\' | b'0'..=b'9'))
    };
    let single = (w.starts_with('‘') || b[0] == b'\'') && (w.ends_with('’') || w.ends_with('\''));
    let inner_quoted = w.trim_start_matches(['‘', '\'']).trim_end_matches(['’', '\'']);
    let backtick = b[0] == b'`' && (w.ends_with('\'') || w.ends_with('’'));
    let quoted = w.len() > 2 && (backtick || single && spelt_like_code(inner_quoted));
    let lead = match b[0] {
        // An option (`-l`, `--trace`), not a negative number (`-5C`, `-0.3%`).
        b'-' => b[1].is_ascii_alphabetic() || (b[1] == b'-' && alnum(2)),
        b'.' | b'$' | b'\\' => b[1].is_ascii_alphabetic() || b[1] == b'(',
        _ => false,
    };
    // Statistical notation, not an assignment: `n=412`, `p=0.01`, `N=1,200`.
    let statistic = w.split_once('=').is_some_and(|(name, value)| {
        (1..=2).contains(&name.len())
            && name.bytes().all(|c| c.is_ascii_alphabetic())
            && value.bytes().all(|c| c.is_ascii_digit() || c == b'.' || c == b',')
    });
    // A test statistic (`t(210)`, `F(1,`), not a call.
    let statistic_call = b.len() > 2 && b[0].is_ascii_alphabetic() && b[1] == b'(' && b[2].is_ascii_digit();
    let inner = b.windows(3).any(|x| {
        let (p, c, n) = (x[0], x[1], x[2]);
        (c == b'_' && p.is_ascii_alphanumeric() && n.is_ascii_alphanumeric())
            // `wait_for()`, `V(a,b)`; not a legal citation (`5(1)`, `230(c)`).
            || (c == b'(' && p.is_ascii_alphanumeric() && b[0].is_ascii_alphabetic() && !statistic_call)
            || (c == b'=' && p.is_ascii_alphanumeric() && !statistic)
            || (c == b':' && n == b':')
    });
    // camelCase (`getName`, `readLines`): two lower-case letters or more
    // before the first hump, so not a name (`McDonald`, `MacArthur`,
    // `YouTube`) nor a brand (`iPhone`, `eBay`).
    let head = b.iter().take_while(|c| c.is_ascii_lowercase()).count();
    let camel = head >= 2
        && b[head..].windows(2).next().is_some_and(|x| x[0].is_ascii_uppercase() && x[1].is_ascii_lowercase());
    // `make.exe`, `httpx.Timeout`, not `e.g`, `U.S`, a time (`10.30am`) or
    // a web address named in prose (`gov.uk`, `Booking.com`).
    const DOMAINS: &[&str] = &["com", "org", "net", "uk", "gov", "edu", "eu", "int", "info", "co"];
    let dotted = w.contains('.')
        && b[0].is_ascii_alphabetic()
        && !w.rsplit('.').next().is_some_and(|tld| DOMAINS.contains(&tld.to_ascii_lowercase().as_str()))
        && w.split('.').filter(|p| !p.is_empty()).count() >= 2
        && w.split('.').all(|p| p.len() >= 2 && p.bytes().all(|c| c.is_ascii_alphanumeric()))
        && !w.bytes().all(|c| c.is_ascii_digit() || c == b'.');
    quoted || lead || inner || camel || dotted
}

/// camelCase alone (`easyJet`, `arXiv`, `mmHg` are names and units as much
/// as `getName` is code): [`is_code_word`] by its humps only.
pub fn is_camel_only(w: &str) -> bool {
    let b = w.as_bytes();
    let head = b.iter().take_while(|c| c.is_ascii_lowercase()).count();
    head >= 2
        && head < b.len()
        && b[head..].iter().all(|c| c.is_ascii_alphabetic())
        && b[head..].windows(2).next().is_some_and(|x| x[0].is_ascii_uppercase() && x[1].is_ascii_lowercase())
}

/// A sentence written in TeX or with braces (`\\item This is the second
/// sentence.`, `\\setlength\\exampleind{1em}`, verse broken with `\\`): a code example left in the
/// text by extraction, shown again as output or varied on purpose, not
/// prose to compare.
pub fn is_markup_code(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr3(b'\\', b'{', b'}', b).is_some()
        && (text.contains(['{', '}'])
            || b.windows(2).any(|w| w[0] == b'\\' && (w[1].is_ascii_alphabetic() || w[1] == b'\\')))
}

/// Whether `text` has a word written like code ([`is_code_word`]), each
/// whitespace-separated word trimmed of the punctuation around it.
///
/// A word that is camelCase and nothing else ([`is_camel_only`]) counts
/// only beside another such word or other code.
pub fn has_code_word(text: &str) -> bool {
    let (mut camel, mut other) = (0, 0);
    for w in text.split_whitespace().map(trim_word).filter(|w| is_code_word(w)) {
        if is_camel_only(w) {
            camel += 1;
        } else {
            other += 1;
        }
    }
    other > 0 || camel >= 2
}

/// A word of running text without the brackets, quotes and punctuation
/// around it (`(wait_for()),` → `wait_for()`).
pub fn trim_word(chunk: &str) -> &str {
    let w = chunk.trim_start_matches(['(', '[', '"', '“', '«']);
    let w = w.trim_end_matches([')', ']', ',', ';', ':', '!', '?', '"', '”', '»']);
    w.strip_suffix('.').unwrap_or(w).trim_end_matches([')', ']', '"', '”'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_written_like_code() {
        for w in [
            "f_lines",
            "--trace",
            "-k",
            ".lz",
            "$(call",
            "wait_for()",
            "V(a,b)",
            "make.exe",
            "getName",
            "a=b",
            "'--jobs'",
            "`-j'",
            "‘f_lines’",
            "‘-j’",
        ] {
            assert!(is_code_word(w), "{w}");
        }
        for w in [
            "e.g",
            "U.S",
            "well-known",
            "-",
            "3.14",
            "Hello",
            "don't",
            "'tis",
            "''",
            "5(1)",
            "230(c)",
            "‘unfair’",
            "‘Brexit’",
            "'reckless'",
            "10.30am",
            "4.45pm",
            "n=412",
            "p=0.01",
            "-5C",
            "-0.3%",
            "t(210)",
            "F(1,",
            "gov.uk",
            "Booking.com",
            "'cost-of-living'",
            "McDonald",
            "YouTube",
            "iPhone",
        ] {
            assert!(!is_code_word(w), "{w}");
        }
    }
}
