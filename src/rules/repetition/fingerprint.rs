//! Sentence fingerprints: normalised tokens, the exact hash, a MinHash
//! signature for near-duplicate search, and a hash of the sentence's numbers
//! and names (two sentences that differ there state different facts).

use unicode_normalization::UnicodeNormalization;

/// MinHash signature length, and its LSH banding (`BANDS` × `ROWS`).
pub const K: usize = 24;
pub const BANDS: usize = 8;
pub const ROWS: usize = 3;

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
/// digits keep their inner `.` and `,` (`2.9`, `1,240`), everything else
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

/// A fast, stable 64-bit hash of a word: eight bytes at a time
/// (multiply-rotate, as FxHash does), then one full mix.
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = s.len() as u64;
    let mut chunks = s.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        h = (h.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    mix(h)
}

/// Hash of the token sequence (token hashes in order): equal for sentences
/// equal after normalisation.
pub fn exact_hash(token_hashes: &[u64]) -> u64 {
    combine(token_hashes)
}

/// Order-sensitive combination of hashes, a word at a time.
fn combine(hashes: &[u64]) -> u64 {
    let mut h = hashes.len() as u64;
    for &t in hashes {
        h = (h.rotate_left(5) ^ t).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    mix(h)
}

fn mix(mut z: u64) -> u64 {
    // splitmix64's finaliser: a cheap, well-distributed permutation.
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// MinHash over the set of tokens, keeping 16 bits of each minimum
/// (b-bit MinHash: two different minima collide with probability 2⁻¹⁶).
pub fn signature(token_hashes: &[u64]) -> [u16; K] {
    // One strong mix per token, then one multiply per permutation: a
    // multiply-shift family over well-mixed keys, ranked by the high bits.
    // 32-bit lanes, so the K permutations of a token run as vector
    // multiplies (64-bit ones have no SSE2 form and stay scalar).
    const SEEDS: [u32; K] = {
        let mut s = [0u32; K];
        let mut k = 0;
        while k < K {
            s[k] = ((k as u64 + 1).wrapping_mul(0xd1b5_4a32_d192_ed03) >> 32) as u32;
            k += 1;
        }
        s
    };
    let mut mins = [u32::MAX; K];
    for &h in token_hashes {
        let h = (mix(h) >> 32) as u32;
        for (m, seed) in mins.iter_mut().zip(SEEDS) {
            let v = (h ^ seed).wrapping_mul(0x9e37_79b9);
            *m = (*m).min(v);
        }
    }
    mins.map(|m| (m >> 16) as u16)
}

/// LSH band keys of a signature.
pub fn band_keys(sig: &[u16; K]) -> [u64; BANDS] {
    std::array::from_fn(|b| band_key(sig, b))
}

/// The key of band `b`: its three 16-bit rows and the band number packed
/// into 64 bits (so distinct bands never collide), then multiplied by an odd
/// constant (a bijection) to spread the bits for hash tables.
pub fn band_key(sig: &[u16; K], b: usize) -> u64 {
    const _: () = assert!(ROWS * 16 + 8 <= 64);
    let mut key = b as u64;
    for &v in &sig[b * ROWS..(b + 1) * ROWS] {
        key = key << 16 | u64::from(v);
    }
    key.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Estimated Jaccard similarity from two signatures.
pub fn estimate(a: &[u16; K], b: &[u16; K]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / K as f64
}

/// Size of the intersection of two sorted, deduplicated lists.
pub fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Exact Jaccard similarity of two sorted, deduplicated token-hash sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let inter = intersection(a, b);
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// What a word contributes to the numbers-and-names hash.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NameFlags {
    pub capital: bool,
    pub digit: bool,
}

impl NameFlags {
    pub fn of(t: &Token<'_>) -> NameFlags {
        NameFlags { capital: t.capital, digit: t.text.bytes().any(|b| b.is_ascii_digit()) }
    }
}

/// Hash of the numbers and names (capitalised words other than the first)
/// among `hashes` (with their `flags`), as a set: 0 when there are none.
pub fn names_of(hashes: &[u64], flags: &[NameFlags]) -> u32 {
    let mut names: Vec<u64> = hashes
        .iter()
        .zip(flags)
        .enumerate()
        .filter(|&(i, (_, f))| (f.capital && i > 0) || f.digit)
        .map(|(_, (&h, _))| h)
        .collect();
    if names.is_empty() {
        return 0;
    }
    names.sort_unstable();
    names.dedup();
    combine(&names) as u32
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

    /// Hash of the set of numbers and names in `text` (see [`names_of`]).
    fn names_hash(text: &str) -> u32 {
        let (mut hashes, mut flags) = (Vec::new(), Vec::new());
        for_each_token(text, |t| {
            hashes.push(hash_str(t.text));
            flags.push(NameFlags::of(&t));
        });
        names_of(&hashes, &flags)
    }

    #[test]
    fn tokens_normalise_case_quotes_and_numbers() {
        assert_eq!(
            tokens("Women’s groups lent €2.9 billion, i.e. 1,240 loans — “fast”."),
            ["women's", "groups", "lent", "2.9", "billion", "i", "e", "1,240", "loans", "fast"]
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
            breaks("Women’s groups lent €2.9 billion, i.e. 1,240 loans — “fast” (mostly): yes."),
            ["i", "fast", "mostly", "yes"]
        );
        assert_eq!(breaks("Lent 1,240 loans; repaid 3.5 million in 2021, on time"), ["repaid", "on"]);
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
            "Women's groups lent 2.9 billion, i.e. 1,240 loans -- 'fast'.",
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

    fn set(text: &str) -> Vec<u64> {
        let mut v: Vec<u64> = tokens(text).iter().map(|t| hash_str(t)).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    #[test]
    fn similar_sets_have_similar_signatures() {
        let a = set("Demand was strongest at the docking stations near the university and the railway station");
        let b = set("Demand was highest at the docking stations close to the university and the railway station");
        let c = set("Exports of wine rose sharply in the third quarter of the year");
        assert!((jaccard(&a, &b) - 10.0 / 15.0).abs() < 1e-9);
        assert!((estimate(&signature(&a), &signature(&b)) - jaccard(&a, &b)).abs() < 0.3);
        assert!(estimate(&signature(&a), &signature(&c)) < 0.3);
        assert_eq!(signature(&a), signature(&a.clone()));
    }

    /// The signature estimates Jaccard similarity without bias: over many
    /// random pairs at a known similarity, the mean estimate is close to it
    /// and single estimates rarely stray far.
    #[test]
    fn estimates_track_the_true_similarity() {
        let mut state = 0x1234_5678_u64;
        let mut next = || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            hash_str(&(state >> 20).to_string())
        };
        for (shared, own) in [(12, 0), (12, 2), (10, 4), (8, 6), (6, 8), (2, 12)] {
            let truth = shared as f64 / (shared + 2 * own) as f64;
            let (mut sum, mut far) = (0.0, 0);
            let trials = 400;
            for _ in 0..trials {
                let common: Vec<u64> = (0..shared).map(|_| next()).collect();
                let a: Vec<u64> = common.iter().copied().chain((0..own).map(|_| next())).collect();
                let b: Vec<u64> = common.iter().copied().chain((0..own).map(|_| next())).collect();
                let e = estimate(&signature(&a), &signature(&b));
                sum += e;
                far += usize::from((e - truth).abs() > 0.3);
            }
            let mean = sum / trials as f64;
            assert!((mean - truth).abs() < 0.03, "J = {truth:.2}: mean estimate {mean:.3}");
            assert!(far < trials / 50, "J = {truth:.2}: {far} of {trials} estimates off by more than 0.3");
        }
    }

    #[test]
    fn names_hash_ignores_the_first_word_and_case() {
        assert_eq!(names_hash("Exports rose in the Sound in 2022."), names_hash("Stocks fell in the Sound in 2022"));
        assert_ne!(names_hash("Exports rose 5% in 2021."), names_hash("Imports fell 7% in 2022."));
    }
}
