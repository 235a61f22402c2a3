//! Sentence fingerprints: normalised tokens, the exact hash, a MinHash
//! signature for near-duplicate search, and a hash of the sentence's numbers
//! and names (two sentences that differ there state different facts).

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use crate::diagnostic::Fnv;

/// MinHash signature length, and its LSH banding (`BANDS` × `ROWS`).
pub const K: usize = 24;
pub const BANDS: usize = 8;
pub const ROWS: usize = 3;

/// Lowercased NFKC words; apostrophes kept inside words, digits keep their
/// inner `.` and `,` (`2.9`, `1,240`), everything else separates.
pub fn tokens(text: &str) -> Vec<String> {
    let text: Cow<'_, str> = if text.is_ascii() { Cow::Borrowed(text) } else { Cow::Owned(text.nfkc().collect()) };
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let keep = c.is_alphanumeric()
            || (matches!(c, '\'' | '’')
                && prev.is_some_and(char::is_alphanumeric)
                && next.is_some_and(char::is_alphanumeric))
            || (matches!(c, '.' | ',')
                && prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit()));
        if keep {
            if c == '’' {
                cur.push('\'');
            } else {
                cur.extend(c.to_lowercase());
            }
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn hash_str(s: &str) -> u64 {
    let mut h = Fnv::default();
    h.write(s.as_bytes());
    h.finish()
}

/// Hash of the token sequence: equal for sentences equal after normalisation.
pub fn exact_hash(tokens: &[String]) -> u64 {
    let mut h = Fnv::default();
    for t in tokens {
        h.write(t.as_bytes());
        h.write(b" ");
    }
    h.finish()
}

fn mix(mut z: u64) -> u64 {
    // splitmix64's finaliser: a cheap, well-distributed permutation.
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// MinHash over the set of tokens, keeping 16 bits of each minimum
/// (b-bit MinHash: two different minima collide with probability 2⁻¹⁶).
pub fn signature(tokens: &[String]) -> [u16; K] {
    let mut mins = [u64::MAX; K];
    for t in tokens {
        let h = hash_str(t);
        for (k, m) in mins.iter_mut().enumerate() {
            let v = mix(h ^ (k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            if v < *m {
                *m = v;
            }
        }
    }
    mins.map(|m| m as u16)
}

/// LSH band keys of a signature.
pub fn band_keys(sig: &[u16; K]) -> [u64; BANDS] {
    std::array::from_fn(|b| {
        let mut h = Fnv::default();
        h.write(&[b as u8]);
        for v in &sig[b * ROWS..(b + 1) * ROWS] {
            h.write(&v.to_le_bytes());
        }
        h.finish()
    })
}

/// Estimated Jaccard similarity from two signatures.
pub fn estimate(a: &[u16; K], b: &[u16; K]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / K as f64
}

/// Exact Jaccard similarity of two token sets.
pub fn jaccard(a: &[String], b: &[String]) -> f64 {
    let a: std::collections::HashSet<&str> = a.iter().map(String::as_str).collect();
    let b: std::collections::HashSet<&str> = b.iter().map(String::as_str).collect();
    let inter = a.intersection(&b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Hash of the set of numbers and names (capitalised words other than the
/// first) in `text`.
pub fn names_hash(text: &str) -> u32 {
    let mut set: Vec<String> = Vec::new();
    for (i, word) in
        text.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == ',')).filter(|w| !w.is_empty()).enumerate()
    {
        let word = word.trim_matches(['.', ',']);
        let has_digit = word.chars().any(|c| c.is_ascii_digit());
        let capital = i > 0 && word.chars().next().is_some_and(char::is_uppercase);
        if has_digit || capital {
            set.push(word.to_lowercase());
        }
    }
    set.sort();
    set.dedup();
    let mut h = Fnv::default();
    for w in &set {
        h.write(w.as_bytes());
        h.write(b" ");
    }
    h.finish() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_normalise_case_quotes_and_numbers() {
        assert_eq!(
            tokens("Women’s groups lent €2.9 billion, i.e. 1,240 loans — “fast”."),
            ["women's", "groups", "lent", "2.9", "billion", "i", "e", "1,240", "loans", "fast"]
        );
        assert_eq!(tokens("ＦＵＬＬ width"), ["full", "width"]);
    }

    #[test]
    fn similar_sets_have_similar_signatures() {
        let a = tokens("Demand was strongest at the docking stations near the university and the railway station");
        let b = tokens("Demand was highest at the docking stations close to the university and the railway station");
        let c = tokens("Exports of wine rose sharply in the third quarter of the year");
        assert!((estimate(&signature(&a), &signature(&b)) - jaccard(&a, &b)).abs() < 0.3);
        assert!(estimate(&signature(&a), &signature(&c)) < 0.3);
        assert_eq!(signature(&a), signature(&a.clone()));
    }

    #[test]
    fn names_hash_ignores_the_first_word_and_case() {
        assert_eq!(names_hash("Exports rose in the Sound in 2022."), names_hash("Stocks fell in the Sound in 2022"));
        assert_ne!(names_hash("Exports rose 5% in 2021."), names_hash("Imports fell 7% in 2022."));
    }
}
