//! The POS templates: feature extraction shared by training and tagging.
//!
//! Every token is first reduced to a handful of 64-bit hashes (lowercased form, cased
//! form, suffixes, prefix, shape, last part of a hyphenated compound) and a few flags.
//! A feature key is then a mix of a template id and such a hash
//! ([`crate::learn::hash`]), so tagging never builds a string per token: the only text
//! written is the lowercased token, into a buffer that is reused from token to token.

use crate::learn::FeatureBuf;
use crate::learn::hash::{Fnv, fmix, hash_bytes, key, small};

/// Number of templates emitted per position (the size of a feature buffer).
pub(crate) const MAX_FEATURES: usize = 31;

/// Index of the two "tags" used before the start of the sentence.
pub(crate) const TAG_START1: usize = 17;
pub(crate) const TAG_START2: usize = 18;

/// Writes the normalized form of one character to `out`: curly apostrophes become
/// `'`, curly and guillemet quotes `"`, dashes `-`, the ellipsis `...`.
#[inline]
pub(crate) fn push_normalized(c: char, out: &mut String) {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{201b}' | '\u{2032}' | '\u{02bc}' => out.push('\''),
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{00ab}' | '\u{00bb}'
        | '\u{2033}' => out.push('"'),
        '\u{2014}' | '\u{2013}' | '\u{2012}' | '\u{2015}' | '\u{2212}' | '\u{2010}'
        | '\u{2011}' => out.push('-'),
        '\u{2026}' => out.push_str("..."),
        _ => out.push(c),
    }
}

/// Normalizes a whole token into `out` (cleared first).
pub(crate) fn normalize_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        push_normalized(c, out);
    }
}

/// Hash of a word's normalized cased form, as the tag dictionary uses it.
pub(crate) fn cased_hash(word: &str) -> u64 {
    let mut norm = String::with_capacity(word.len());
    normalize_into(word, &mut norm);
    hash_bytes(SEED_CASED, norm.as_bytes())
}

/// Ambiguity classes: for words frequent in training, the set of tags they had
/// (bit `t` for tag `t`), keyed by the hash of the lowercased word.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    /// Open addressing, key 0 empty, power-of-two length (or empty).
    slots: Vec<(u64, u32)>,
}

impl Lexicon {
    /// Builds from `(lowercased-word hash, tag mask)` pairs (hashes distinct, non-zero).
    pub fn new(entries: &[(u64, u32)]) -> Lexicon {
        let mut slots = vec![(0u64, 0u32); (entries.len() * 2).max(16).next_power_of_two()];
        let mask = slots.len() - 1;
        for &(k, m) in entries {
            let mut s = fmix(k) as usize & mask;
            while slots[s].0 != 0 && slots[s].0 != k {
                s = (s + 1) & mask;
            }
            slots[s] = (k, m);
        }
        Lexicon { slots }
    }

    /// Entries sorted by key.
    pub fn entries(&self) -> Vec<(u64, u32)> {
        let mut e: Vec<(u64, u32)> = self.slots.iter().copied().filter(|s| s.0 != 0).collect();
        e.sort_unstable();
        e
    }

    /// The tag mask of a word, 0 when unknown.
    #[inline]
    pub fn get(&self, lower: u64) -> u32 {
        if self.slots.is_empty() || lower == 0 {
            return 0;
        }
        let mask = self.slots.len() - 1;
        let mut s = fmix(lower) as usize & mask;
        loop {
            let (k, m) = self.slots[s];
            if k == lower {
                return m;
            }
            if k == 0 {
                return 0;
            }
            s = (s + 1) & mask;
        }
    }
}

/// Token flags.
pub(crate) const F_CAP: u8 = 1;
pub(crate) const F_ALLCAPS: u8 = 2;
pub(crate) const F_DIGIT: u8 = 4;
pub(crate) const F_HYPHEN: u8 = 8;
pub(crate) const F_ALNUM: u8 = 16;
pub(crate) const F_LOWER: u8 = 32;

/// What the tagger knows about one token.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TokenInfo {
    pub lower: u64,
    pub cased: u64,
    pub s1: u64,
    pub s2: u64,
    pub s3: u64,
    pub s4: u64,
    pub p3: u64,
    pub p1: u64,
    pub shape: u64,
    /// Lowercased part after the last inner hyphen, or 0 when there is none.
    pub last: u64,
    /// Ambiguity class from the lexicon (0: unknown word).
    pub amb: u32,
    pub flags: u8,
    /// Number of characters (capped at 255).
    pub chars: u8,
}

/// How the sentence is cased as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    Normal = 0,
    /// Headline case: every long word capitalized.
    Title = 1,
    /// Everything in capitals.
    AllCaps = 2,
}

/// Reusable buffers for one sentence.
#[derive(Default)]
pub(crate) struct Scratch {
    pub infos: Vec<TokenInfo>,
    /// Index (in `infos`) of the first token that has a letter or digit.
    pub first_alnum: usize,
    pub mode: Option<Mode>,
    norm: String,
    lower: String,
}

const SEED_LOWER: u64 = 1;
const SEED_CASED: u64 = 2;
const SEED_SHAPE: u64 = 3;
const SEED_AFFIX: u64 = 4;

/// Byte offset where the last `n` characters of `s` start.
#[inline]
fn suffix_start(s: &str, n: usize) -> usize {
    let b = s.as_bytes();
    let mut i = b.len();
    let mut seen = 0;
    while i > 0 && seen < n {
        i -= 1;
        if b[i] & 0xC0 != 0x80 {
            seen += 1;
        }
    }
    i
}

impl Scratch {
    /// Computes token infos and the sentence mode for `words`.
    pub fn prepare<S: AsRef<str>>(&mut self, words: &[S], lex: &Lexicon) {
        self.infos.clear();
        let mut n_alpha = 0usize;
        let mut n_allcaps = 0usize;
        let mut n_long = 0usize;
        let mut n_long_cap = 0usize;
        self.first_alnum = usize::MAX;
        for (i, w) in words.iter().enumerate() {
            let mut info = self.token(w.as_ref());
            info.amb = lex.get(info.lower);
            if info.flags & F_ALNUM != 0 && self.first_alnum == usize::MAX {
                self.first_alnum = i;
            }
            if info.flags & (F_CAP | F_LOWER) != 0 {
                n_alpha += 1;
                if info.flags & F_ALLCAPS != 0 && info.chars >= 2 {
                    n_allcaps += 1;
                }
                if info.chars >= 4 {
                    n_long += 1;
                    if info.flags & F_CAP != 0 {
                        n_long_cap += 1;
                    }
                }
            }
            self.infos.push(info);
        }
        self.mode = Some(if n_alpha >= 3 && n_allcaps * 10 >= n_alpha * 8 {
            Mode::AllCaps
        } else if n_long >= 3 && n_long_cap == n_long {
            Mode::Title
        } else {
            Mode::Normal
        });
    }

    pub fn mode(&self) -> Mode {
        self.mode.unwrap_or(Mode::Normal)
    }

    fn token(&mut self, word: &str) -> TokenInfo {
        normalize_into(word, &mut self.norm);
        self.lower.clear();
        let mut flags = 0u8;
        let mut letters = 0usize;
        let mut uppers = 0usize;
        let mut chars = 0usize;
        let mut shape = Fnv::new(SEED_SHAPE);
        let mut last_shape = '\0';
        let mut run = 0usize;
        let mut hyphen_at = None;
        for (n, c) in self.norm.chars().enumerate() {
            chars += 1;
            let s = if c.is_alphabetic() {
                letters += 1;
                if c.is_uppercase() {
                    uppers += 1;
                    if n == 0 {
                        flags |= F_CAP;
                    }
                    'X'
                } else {
                    if n == 0 {
                        flags |= F_LOWER;
                    }
                    'x'
                }
            } else if c.is_numeric() {
                flags |= F_DIGIT;
                'd'
            } else if c.is_ascii() {
                c
            } else {
                'o'
            };
            if s == last_shape {
                run += 1;
            } else {
                run = 1;
                last_shape = s;
            }
            if run <= 4 {
                shape.write(u64::from(u32::from(s)));
            }
            if c == '-' && n > 0 {
                hyphen_at = Some(self.lower.len());
            }
            if c.is_ascii() {
                self.lower.push(c.to_ascii_lowercase());
            } else {
                for l in c.to_lowercase() {
                    self.lower.push(l);
                }
            }
        }
        if letters + usize::from(flags & F_DIGIT != 0) > 0 {
            flags |= F_ALNUM;
        }
        if letters > 0 && uppers == letters {
            flags |= F_ALLCAPS;
        }
        let lower = self.lower.as_str();
        let mut last = 0;
        if let Some(h) = hyphen_at {
            let rest = &lower[h + 1..];
            if !rest.is_empty() && flags & F_ALNUM != 0 {
                flags |= F_HYPHEN;
                last = hash_bytes(SEED_LOWER, rest.as_bytes());
            }
        }
        let lb = lower.as_bytes();
        let s1 = suffix_start(lower, 1);
        let s2 = suffix_start(lower, 2);
        let s3 = suffix_start(lower, 3);
        let p1_end = lower.chars().next().map_or(0, char::len_utf8);
        TokenInfo {
            lower: hash_bytes(SEED_LOWER, lb),
            cased: hash_bytes(SEED_CASED, self.norm.as_bytes()),
            s1: hash_bytes(SEED_AFFIX + 1, &lb[s1..]),
            s2: hash_bytes(SEED_AFFIX + 2, &lb[s2..]),
            s3: hash_bytes(SEED_AFFIX + 3, &lb[s3..]),
            s4: hash_bytes(SEED_AFFIX + 5, &lb[suffix_start(lower, 4)..]),
            p3: hash_bytes(
                SEED_AFFIX + 6,
                &lb[..lower.char_indices().nth(3).map_or(lb.len(), |(i, _)| i)],
            ),
            p1: hash_bytes(SEED_AFFIX + 4, &lb[..p1_end]),
            shape: shape.finish(),
            last,
            amb: 0,
            flags,
            chars: chars.min(255) as u8,
        }
    }

    /// Appends the feature keys of position `i`, given the two previous predicted tags,
    /// to `out`.
    #[inline]
    pub fn features(&self, i: usize, p1: usize, p2: usize, out: &mut FeatureBuf) {
        const START: [u64; 2] = [0x5354_4152_5431, 0x5354_4152_5432];
        const END: [u64; 2] = [0x454e_4431, 0x454e_4432];
        let infos = &self.infos;
        let me = &infos[i];
        let mode = self.mode() as u64;
        let initial = u64::from(i <= self.first_alnum);
        let prev = |d: usize| i.checked_sub(d).map(|j| &infos[j]);
        let next = |d: usize| infos.get(i + d);
        let (wm1, sm1, capm1) = prev(1).map_or((START[0], START[0], 2), |t| {
            (t.lower, t.s3, u64::from(t.flags & F_CAP))
        });
        let wm2 = prev(2).map_or(START[1], |t| t.lower);
        let (wp1, sp1, capp1) = next(1).map_or((END[0], END[0], 2), |t| {
            (t.lower, t.s3, u64::from(t.flags & F_CAP))
        });
        let wp2 = next(2).map_or(END[1], |t| t.lower);
        let ambp1 = next(1).map_or(1 << 20, |t| u64::from(t.amb));
        let ambp2 = next(2).map_or(1 << 20, |t| u64::from(t.amb));
        let amb = u64::from(me.amb);
        let p1 = p1 as u64;
        let p2 = p2 as u64;
        let flags = u64::from(me.flags & (F_CAP | F_ALLCAPS | F_DIGIT | F_HYPHEN | F_LOWER));
        let cased = if mode == 0 {
            me.cased
        } else {
            me.cased ^ small(mode)
        };
        let feats = [
            key(0, 0),
            key(1, me.lower),
            key(2, cased),
            key(3, me.s1),
            key(4, me.s2),
            key(5, me.s3),
            key(6, me.p1),
            key(7, me.shape ^ small(mode)),
            key(8, small(flags | initial << 8 | mode << 9)),
            key(9, small(p1)),
            key(10, small(p2)),
            key(11, small(p1 << 8 | p2)),
            key(12, me.lower ^ small(p1)),
            key(13, wm1),
            key(14, sm1),
            key(15, wm2),
            key(16, wp1),
            key(17, sp1),
            key(18, wp2),
            key(
                19,
                small(capm1 | capp1 << 2 | flags << 4 | mode << 12 | initial << 14),
            ),
            key(20, me.s3 ^ small(p1)),
            key(21, me.lower ^ wp1.rotate_left(17)),
            key(22, wm1 ^ me.lower.rotate_left(23)),
            key(23, small(amb)),
            key(24, small(ambp1)),
            key(25, small(amb | ambp1 << 21)),
            key(26, small(amb | p1 << 21)),
            key(27, small(ambp1 | ambp2 << 21)),
            key(29, me.s4),
            key(30, me.p3),
            key(28, me.last),
        ];
        let n = if me.last == 0 {
            feats.len() - 1
        } else {
            feats.len()
        };
        for &k in &feats[..n] {
            out.push_key(k);
        }
    }
}
