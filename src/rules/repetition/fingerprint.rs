//! Sentence fingerprints: the exact hash, a MinHash signature for
//! near-duplicate search, and a hash of the sentence's numbers and names
//! (two sentences that differ there state different facts). Words come from
//! [`crate::text::tokens`], hashes from [`crate::text::hash`].

use crate::text::hash::{combine, mix};
pub use crate::text::hash::{exact_hash, hash_str};
use crate::text::tokens::Token;

/// MinHash signature length, and its LSH banding (`BANDS` × `ROWS`).
pub const K: usize = 24;
pub const BANDS: usize = 8;
pub const ROWS: usize = 3;

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

/// Appends to `out` the set of `hashes` (token hashes, in any order, maybe
/// repeated) cut to 16 bits each, sorted and deduplicated.
pub fn short_set(hashes: &[u64], out: &mut Vec<u16>) {
    let from = out.len();
    out.extend(hashes.iter().map(|&h| (mix(h) >> 48) as u16));
    out[from..].sort_unstable();
    let mut kept = from;
    for i in from..out.len() {
        if kept == from || out[i] != out[kept - 1] {
            out[kept] = out[i];
            kept += 1;
        }
    }
    out.truncate(kept);
}

/// Size of the intersection of two sorted, deduplicated lists.
pub fn intersection<T: Ord>(a: &[T], b: &[T]) -> usize {
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
pub fn jaccard<T: Ord>(a: &[T], b: &[T]) -> f64 {
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
    /// Part of inline code or of a word written like code (`f_lines`,
    /// `--trace`, `$(call …)`).
    pub code: bool,
}

impl NameFlags {
    pub fn of(t: &Token<'_>) -> NameFlags {
        NameFlags { capital: t.capital, digit: t.text.bytes().any(|b| b.is_ascii_digit()), code: false }
    }
}

/// Hash of the numbers, names (capitalised words other than the first) and
/// code among `hashes` (with their `flags`), as a set: 0 when there are
/// none.
pub fn names_of(hashes: &[u64], flags: &[NameFlags]) -> u32 {
    let mut names: Vec<u64> = hashes
        .iter()
        .zip(flags)
        .enumerate()
        .filter(|&(i, (_, f))| (f.capital && i > 0) || f.digit || f.code)
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
    use crate::text::tokens::for_each_token;

    #[test]
    fn short_sets_are_sorted_deduplicated_and_appended() {
        let mut out = vec![7u16];
        short_set(&[3, 1, 3, 2, 1], &mut out);
        assert_eq!(out[0], 7, "what was there stays");
        let set = &out[1..];
        assert_eq!(set.len(), 3);
        assert!(set.windows(2).all(|w| w[0] < w[1]), "{set:?}");
        let mut again = Vec::new();
        short_set(&[2, 3, 1], &mut again);
        assert_eq!(again, set, "the same words give the same set in any order");
        assert_eq!(jaccard(set, &again), 1.0);
        let mut other = Vec::new();
        short_set(&[1, 2, 4], &mut other);
        assert_eq!(jaccard(set, &other), 0.5);
    }

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

    fn set(text: &str) -> Vec<u64> {
        let mut v: Vec<u64> = tokens(text).iter().map(|t| hash_str(t)).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    #[test]
    fn similar_sets_have_similar_signatures() {
        let a = set("Footfall was heaviest at the market stalls near the bus depot and the old quayside");
        let b = set("Footfall was busiest at the market stalls close to the bus depot and the old quayside");
        let c = set("Sales of ferry passes rose sharply in the third quarter of the year");
        assert!((jaccard(&a, &b) - 11.0 / 16.0).abs() < 1e-9);
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
