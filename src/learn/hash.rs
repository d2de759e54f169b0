//! Feature hashing: FNV-1a over bytes finished with murmur3's 64-bit finalizer, and
//! feature keys that mix a template id with a value.
//!
//! These functions define the bits of every key stored in a model file, so they must
//! never change (the POS model of `models/pos-ewt.bin` was trained with them). They are
//! defined on bytes and integers only, so they give the same keys on every platform.

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
/// 2^64 / φ, the usual odd constant for multiplicative mixing.
pub const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;

/// Murmur3's 64-bit finalizer: spreads every input bit over the whole word.
#[inline]
pub fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// FNV-1a over `bytes` (its offset basis xor `seed`), finished with [`fmix`].
///
/// The seed only tells apart families of hashes that never meet in one feature
/// template: since it is xored into the state that the first byte is xored into too,
/// `hash_bytes(1, b"b") == hash_bytes(2, b"a")`. To key by several things at once (a
/// tag and a word), [`combine`] their hashes.
#[inline]
pub fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = FNV_OFFSET ^ seed;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    fmix(h ^ bytes.len() as u64)
}

/// An incremental FNV-1a hasher, for values built piece by piece (word shapes); its
/// [`finish`](Fnv::finish) is [`fmix`] of the running state.
#[derive(Clone, Copy, Debug)]
pub struct Fnv(u64);

impl Fnv {
    /// A hasher whose offset basis is xored with `seed`.
    #[inline]
    pub fn new(seed: u64) -> Fnv {
        Fnv(FNV_OFFSET ^ seed)
    }

    /// Feeds one value (a character code, a small id).
    #[inline]
    pub fn write(&mut self, v: u64) {
        self.0 = (self.0 ^ v).wrapping_mul(FNV_PRIME);
    }

    #[inline]
    pub fn finish(self) -> u64 {
        fmix(self.0)
    }
}

/// The key of feature `template` with value `value`; never 0 (0 marks an empty slot in
/// the weight tables).
#[inline]
pub fn key(template: u64, value: u64) -> u64 {
    let k = fmix(value ^ (template + 1).wrapping_mul(GOLDEN));
    if k == 0 { 1 } else { k }
}

/// Hash of a small integer (a label id, a set of flags, a distance bucket), so that it
/// can be combined with other hashes.
#[inline]
pub fn small(v: u64) -> u64 {
    fmix((v + 1).wrapping_mul(GOLDEN))
}

/// Combines two hashes into one (order matters). Both should already be well mixed
/// (results of [`hash_bytes`], [`small`] or `combine`).
#[inline]
pub fn combine(a: u64, b: u64) -> u64 {
    fmix(a ^ b.rotate_left(23).wrapping_add(GOLDEN))
}

/// Combines three hashes into one (order matters).
#[inline]
pub fn combine3(a: u64, b: u64, c: u64) -> u64 {
    combine(combine(a, b), c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bits are part of the model format: these values were computed by the
    /// tagger's original hashing code and must not change.
    #[test]
    fn hashes_keep_their_bits() {
        assert_eq!(fmix(0), 0);
        assert_eq!(fmix(1), 0xb456_bcfc_34c2_cb2c);
        assert_eq!(hash_bytes(0, b""), 0xefd0_1f60_ba99_2926);
        assert_eq!(hash_bytes(1, b"news"), 0xaa6d_622b_9fa0_5387);
        assert_eq!(key(7, hash_bytes(1, b"news")), 0xbb8f_4897_fea4_a333);
        assert_eq!(small(17), 0x2ecf_d2e7_2f1d_6ffe);
        assert_eq!(key(0, 0), fmix(GOLDEN));
        assert_ne!(key(1, 0), key(0, 0));
        assert_ne!(hash_bytes(1, b"abc"), hash_bytes(2, b"abc"));
        let mut f = Fnv::new(3);
        for c in "Xx".chars() {
            f.write(u64::from(u32::from(c)));
        }
        let mut h = FNV_OFFSET ^ 3;
        for c in "Xx".bytes() {
            h = (h ^ u64::from(c)).wrapping_mul(FNV_PRIME);
        }
        assert_eq!(f.finish(), fmix(h));
    }

    #[test]
    fn keys_are_never_zero_and_combinations_depend_on_order() {
        for t in 0..1000 {
            assert_ne!(key(t, t * 7), 0);
        }
        let (a, b) = (small(1), small(2));
        assert_ne!(combine(a, b), combine(b, a));
        assert_ne!(combine3(a, b, a), combine3(b, a, a));
    }
}
