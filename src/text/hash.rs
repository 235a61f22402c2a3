//! Hashes of words and word sequences: fast, stable across platforms and
//! releases (facts carry them between processes and machines).

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
pub fn combine(hashes: &[u64]) -> u64 {
    let mut h = hashes.len() as u64;
    for &t in hashes {
        h = (h.rotate_left(5) ^ t).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    mix(h)
}

pub fn mix(mut z: u64) -> u64 {
    // splitmix64's finaliser: a cheap, well-distributed permutation.
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
