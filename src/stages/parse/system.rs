//! The arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez & Satta 2011), its
//! features and its dynamic oracle (the 2012–2013 arc-hybrid literature).
//!
//! A state is a stack (the virtual root at its bottom), a buffer (the words not yet
//! shifted, left to right) and the arcs made so far. Three moves:
//!
//! - `SHIFT`: the buffer's first word `b0` goes onto the stack;
//! - `LEFT`: the stack top `s0` becomes a dependent of `b0` and is popped;
//! - `RIGHT`: `s0` becomes a dependent of the word below it, `s1`, and is popped.
//!
//! `RIGHT` from the root is allowed only once the buffer is empty, so every sentence
//! gets exactly one word attached to the root. Every word is popped exactly once, so a
//! sentence of `n` words takes `2n` moves, and the trees are projective.
//!
//! Positions: words are `0..n`, the root is `n`, and `n + 1` stands for "no word" in
//! features.

use super::clusters::Clusters;
use super::deprel::Rel;
use crate::learn::FeatureBuf;
use crate::learn::decode::{Classifier, Oracle, Transitions};
use crate::learn::hash::{GOLDEN, combine, fmix, hash_bytes, small};
use crate::tagger::Upos;

pub const SHIFT: usize = 0;
pub const LEFT: usize = 1;
pub const RIGHT: usize = 2;
pub const N_MOVES: usize = 3;

/// "No label" in the label arrays.
pub const NO_LABEL: u8 = u8::MAX;

/// The per-word hashes of one sentence, computed once: word, tag, word+tag, suffix
/// (positions `0..n` words, `n` root, `n + 1` none).
#[derive(Default)]
pub struct Sent {
    pub n: usize,
    w: Vec<u64>,
    t: Vec<u64>,
    wt: Vec<u64>,
    sfx: Vec<u64>,
    /// Fine and coarse word class.
    cf: Vec<u64>,
    cc: Vec<u64>,
    /// Punctuation marks and verbs before each position (prefix counts, `n + 1` values).
    punct_before: Vec<u16>,
    verbs_before: Vec<u16>,
    norm: String,
}

impl Sent {
    pub fn prepare(&mut self, words: &[&str], tags: &[Upos], clusters: &Clusters) {
        let n = words.len();
        self.n = n;
        for v in [
            &mut self.w,
            &mut self.t,
            &mut self.wt,
            &mut self.sfx,
            &mut self.cf,
            &mut self.cc,
        ] {
            v.clear();
        }
        self.punct_before.clear();
        self.verbs_before.clear();
        let (mut p, mut v) = (0u16, 0u16);
        for i in 0..n {
            self.punct_before.push(p);
            self.verbs_before.push(v);
            match tags.get(i) {
                Some(Upos::Punct) => p = p.saturating_add(1),
                Some(Upos::Verb | Upos::Aux) => v = v.saturating_add(1),
                _ => {}
            }
        }
        self.punct_before.push(p);
        self.verbs_before.push(v);
        for (i, word) in words.iter().enumerate() {
            normalize(word, &mut self.norm);
            let w = word_hash(&self.norm);
            let tag = tags.get(i).map_or(Upos::X, |&t| t).id() as u64;
            let t = small(tag);
            let cut = self.norm.char_indices().rev().nth(2).map_or(0, |(k, _)| k);
            self.w.push(w);
            self.t.push(t);
            self.wt.push(combine(w, t));
            self.sfx.push(hash_bytes(2, &self.norm.as_bytes()[cut..]));
            let (f, c) = clusters
                .get(w)
                .map_or((u64::from(u16::MAX), u64::from(u16::MAX)), |(f, c)| {
                    (u64::from(f), u64::from(c))
                });
            self.cf.push(small(1 << 20 | f));
            self.cc.push(small(2 << 20 | c));
        }
        for (word, tag) in [(&b"<root>"[..], 17u64), (&b"<none>"[..], 18)] {
            let w = hash_bytes(1, word);
            let t = small(tag);
            self.w.push(w);
            self.t.push(t);
            self.wt.push(combine(w, t));
            self.sfx.push(w);
            self.cf.push(w);
            self.cc.push(w);
        }
    }
}

/// The form of `word` the word features see, into `out` (cleared first): lowercase,
/// digits as `0`, curly quotes straight.
pub fn normalize(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        match c {
            '0'..='9' => out.push('0'),
            '\u{2019}' | '\u{2018}' => out.push('\''),
            '\u{201C}' | '\u{201D}' => out.push('"'),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// The hash of a normalized word form (the key of the word features and classes).
#[inline]
pub fn word_hash(norm: &str) -> u64 {
    hash_bytes(1, norm.as_bytes())
}

/// A parser state.
#[derive(Default)]
pub struct State {
    pub n: u32,
    pub stack: Vec<u32>,
    /// The first word of the buffer (`n` when it is empty).
    pub b: u32,
    pub head: Vec<u32>,
    pub label: Vec<u8>,
    /// The two leftmost and two rightmost dependents (newest first), `n + 1` for none.
    lc1: Vec<u32>,
    lc2: Vec<u32>,
    rc1: Vec<u32>,
    rc2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    /// Bit set of the labels (ids mod 64) of the left / right dependents.
    ll: Vec<u64>,
    rl: Vec<u64>,
}

impl State {
    /// The start state for `n` words.
    pub fn reset(&mut self, n: usize) {
        let n32 = n as u32;
        let none = n32 + 1;
        self.n = n32;
        self.stack.clear();
        self.stack.push(n32);
        self.b = 0;
        let len = n + 2;
        for v in [
            &mut self.head,
            &mut self.lc1,
            &mut self.lc2,
            &mut self.rc1,
            &mut self.rc2,
        ] {
            v.clear();
            v.resize(len, none);
        }
        self.label.clear();
        self.label.resize(len, NO_LABEL);
        for v in [&mut self.nl, &mut self.nr] {
            v.clear();
            v.resize(len, 0);
        }
        for v in [&mut self.ll, &mut self.rl] {
            v.clear();
            v.resize(len, 0);
        }
    }

    #[inline]
    fn none(&self) -> u32 {
        self.n + 1
    }

    #[inline]
    pub fn s(&self, k: usize) -> u32 {
        let l = self.stack.len();
        if k < l {
            self.stack[l - 1 - k]
        } else {
            self.none()
        }
    }

    #[inline]
    fn buf(&self, k: u32) -> u32 {
        if self.b + k < self.n {
            self.b + k
        } else {
            self.none()
        }
    }

    /// Marks the valid moves; `false` when the state is final.
    pub fn valid(&self, valid: &mut [bool]) -> bool {
        let has_b = self.b < self.n;
        let l = self.stack.len();
        valid[SHIFT] = has_b;
        valid[LEFT] = has_b && l >= 1 && self.s(0) != self.n;
        valid[RIGHT] = l >= 2 && (self.s(1) != self.n || !has_b);
        valid[SHIFT] || valid[LEFT] || valid[RIGHT]
    }

    /// The dependent and head of the arc `mv` would make.
    #[inline]
    pub fn arc(&self, mv: usize) -> (u32, u32) {
        match mv {
            LEFT => (self.s(0), self.b),
            _ => (self.s(0), self.s(1)),
        }
    }

    /// Makes move `mv` (valid) with `label` for an arc.
    pub fn apply(&mut self, mv: usize, label: u8) {
        match mv {
            SHIFT => {
                self.stack.push(self.b);
                self.b += 1;
            }
            _ => {
                let (d, h) = self.arc(mv);
                self.stack.pop();
                let (d_, h_) = (d as usize, h as usize);
                self.head[d_] = h;
                self.label[d_] = label;
                let bit = 1u64 << (label % 64);
                if d < h {
                    self.lc2[h_] = self.lc1[h_];
                    self.lc1[h_] = d;
                    self.nl[h_] = self.nl[h_].saturating_add(1);
                    self.ll[h_] |= bit;
                } else {
                    self.rc2[h_] = self.rc1[h_];
                    self.rc1[h_] = d;
                    self.nr[h_] = self.nr[h_].saturating_add(1);
                    self.rl[h_] |= bit;
                }
            }
        }
    }

    /// The cost of each move (gold arcs it makes unreachable) given the gold heads
    /// (`gold[i]`, the root as `n`). Invalid moves get `u32::MAX`.
    pub fn costs(&self, gold: &[u32], valid: &[bool], costs: &mut [u32]) {
        let n = self.n;
        let (s0, s1, b0) = (self.s(0), self.s(1), self.b);
        let in_buf = |x: u32, from: u32| x >= from && x < n;
        let deps_in_buf = |h: u32| (b0..n).filter(|&d| gold[d as usize] == h).count() as u32;
        costs[SHIFT] = if valid[SHIFT] {
            let gh = gold[b0 as usize];
            let mut c = 0;
            for &x in &self.stack {
                if x < n && gold[x as usize] == b0 {
                    c += 1;
                }
            }
            if gh != s0 && self.stack.contains(&gh) {
                c += 1;
            }
            c
        } else {
            u32::MAX
        };
        costs[LEFT] = if valid[LEFT] {
            let gh = gold[s0 as usize];
            deps_in_buf(s0) + u32::from(gh != b0 && (gh == s1 || in_buf(gh, b0 + 1)))
        } else {
            u32::MAX
        };
        costs[RIGHT] = if valid[RIGHT] {
            let gh = gold[s0 as usize];
            deps_in_buf(s0) + u32::from(in_buf(gh, b0))
        } else {
            u32::MAX
        };
    }

    /// The features of the state.
    pub fn features(&self, x: &Sent, out: &mut FeatureBuf) {
        let none = self.none();
        let n = self.n;
        let (s0, s1, s2) = (self.s(0) as usize, self.s(1) as usize, self.s(2) as usize);
        let (b0, b1, b2) = (
            self.buf(0) as usize,
            self.buf(1) as usize,
            self.buf(2) as usize,
        );
        let (w, t, wt) = (&x.w, &x.t, &x.wt);
        let push =
            |out: &mut FeatureBuf, template: u64, value: u64| out.push_key(fkey(template, value));
        let lab = |p: usize| -> u64 {
            let l = self.label.get(p).copied().unwrap_or(NO_LABEL);
            small(u64::from(l))
        };
        let (s0l, s0r, b0l) = (
            self.lc1[s0] as usize,
            self.rc1[s0] as usize,
            self.lc1[b0] as usize,
        );
        let (s0l2, s0r2, b0l2) = (
            self.lc2[s0] as usize,
            self.rc2[s0] as usize,
            self.lc2[b0] as usize,
        );
        let (s1l, s1r) = (self.lc1[s1] as usize, self.rc1[s1] as usize);
        let dist = |a: usize, b: usize| -> u64 {
            if a as u32 >= n || b as u32 >= n {
                return small(if a as u32 == n { 20 } else { 21 });
            }
            let d = b.abs_diff(a);
            small(match d {
                0..=4 => d as u64,
                5..=7 => 5,
                8..=10 => 6,
                _ => 7,
            })
        };
        let d0 = dist(s0, b0);
        let d1 = dist(s1, s0);
        // neighbours in the sentence
        let next = |p: usize| {
            if p + 1 < n as usize {
                p + 1
            } else {
                none as usize
            }
        };
        let prev = |p: usize| {
            if p >= 1 && (p as u32) < n {
                p - 1
            } else {
                none as usize
            }
        };

        push(out, 0, 0);
        push(out, 1, w[s0]);
        push(out, 2, t[s0]);
        push(out, 3, wt[s0]);
        push(out, 4, w[s1]);
        push(out, 5, t[s1]);
        push(out, 6, wt[s1]);
        push(out, 7, w[b0]);
        push(out, 8, t[b0]);
        push(out, 9, wt[b0]);
        push(out, 10, w[b1]);
        push(out, 11, t[b1]);
        push(out, 12, wt[b1]);
        push(out, 13, w[b2]);
        push(out, 14, t[b2]);
        push(out, 15, t[s2]);
        push(out, 16, w[s2]);
        push(out, 17, x.sfx[s0]);
        push(out, 18, x.sfx[b0]);
        push(out, 19, x.sfx[s1]);

        push(out, 20, j2(wt[s0], wt[b0]));
        push(out, 21, j2(wt[s0], w[b0]));
        push(out, 22, j2(w[s0], wt[b0]));
        push(out, 23, j2(wt[s0], t[b0]));
        push(out, 24, j2(t[s0], wt[b0]));
        push(out, 25, j2(w[s0], w[b0]));
        push(out, 26, j2(t[s0], t[b0]));
        push(out, 27, j2(t[b0], t[b1]));
        push(out, 28, j2(t[s1], t[s0]));
        push(out, 29, j2(w[s1], w[s0]));
        push(out, 30, j2(t[s1], wt[s0]));
        push(out, 31, j2(wt[s1], t[s0]));

        push(out, 32, j3(t[b0], t[b1], t[b2]));
        push(out, 33, j3(t[s0], t[b0], t[b1]));
        push(out, 34, j3(t[s1], t[s0], t[b0]));
        push(out, 35, j3(t[s2], t[s1], t[s0]));
        push(out, 36, j3(t[s0], t[s0l], t[b0]));
        push(out, 37, j3(t[s0], t[s0r], t[b0]));
        push(out, 38, j3(t[s0], t[b0], t[b0l]));
        push(out, 39, j3(t[s1], t[s0], t[s0l]));
        push(out, 40, j3(t[s1], t[s1r], t[s0]));
        push(out, 41, j3(t[s1], t[s0], t[s0r]));
        push(out, 42, j3(t[s1], t[s1l], t[s0]));

        push(out, 43, j2(w[s0], d0));
        push(out, 44, j2(t[s0], d0));
        push(out, 45, j2(w[b0], d0));
        push(out, 46, j2(t[b0], d0));
        push(out, 47, j3(t[s0], t[b0], d0));
        push(out, 48, j3(t[s1], t[s0], d1));

        let nr0 = small(u64::from(self.nr[s0]));
        let nl0 = small(u64::from(self.nl[s0]));
        let nlb = small(u64::from(self.nl[b0]));
        push(out, 49, j2(w[s0], nr0));
        push(out, 50, j2(t[s0], nr0));
        push(out, 51, j2(w[s0], nl0));
        push(out, 52, j2(t[s0], nl0));
        push(out, 53, j2(w[b0], nlb));
        push(out, 54, j2(t[b0], nlb));
        push(out, 55, j2(t[s1], small(u64::from(self.nr[s1]))));

        push(out, 56, w[s0l]);
        push(out, 57, t[s0l]);
        push(out, 58, lab(s0l));
        push(out, 59, w[s0r]);
        push(out, 60, t[s0r]);
        push(out, 61, lab(s0r));
        push(out, 62, w[b0l]);
        push(out, 63, t[b0l]);
        push(out, 64, lab(b0l));
        push(out, 65, t[s1l]);
        push(out, 66, t[s1r]);
        push(out, 67, lab(s1r));
        push(out, 68, lab(s1l));

        push(out, 69, t[s0l2]);
        push(out, 70, lab(s0l2));
        push(out, 71, t[s0r2]);
        push(out, 72, lab(s0r2));
        push(out, 73, t[b0l2]);
        push(out, 74, lab(b0l2));
        push(out, 75, j3(t[s0], t[s0l], t[s0l2]));
        push(out, 76, j3(t[s0], t[s0r], t[s0r2]));
        push(out, 77, j3(t[b0], t[b0l], t[b0l2]));

        push(out, 78, j2(t[s0], self.ll[s0]));
        push(out, 79, j2(t[s0], self.rl[s0]));
        push(out, 80, j2(t[b0], self.ll[b0]));
        push(out, 81, j2(wt[s0], lab(s0r)));
        push(out, 82, j2(wt[b0], lab(b0l)));

        push(out, 83, j3(t[s0], t[next(s0)], t[b0]));
        push(out, 84, j3(t[s0], t[prev(b0)], t[b0]));
        push(out, 85, j3(t[prev(s0)], t[s0], t[b0]));
        push(out, 86, w[next(s0)]);
        push(out, 87, j2(t[s0], w[prev(b0)]));

        push(out, 88, j2(t[s1], t[b0]));
        push(out, 89, j2(w[s1], w[b0]));
        push(out, 90, j2(wt[s1], wt[b0]));
        push(out, 91, j2(w[b0], w[b1]));
        push(out, 92, j2(w[s0], w[s0r]));
        push(out, 93, j2(w[s0], w[s0l]));
        push(out, 94, j2(w[b0], w[b0l]));
        push(out, 95, j3(wt[s0], lab(s0l), lab(s0r)));

        // what lies between s0 and b0, and between s1 and s0
        let between = |a: usize, b: usize| -> u64 {
            if a >= b || b > n as usize {
                return small(99);
            }
            let p = x.punct_before[b] - x.punct_before[a + 1];
            let v = x.verbs_before[b] - x.verbs_before[a + 1];
            small(u64::from(p.min(3)) * 4 + u64::from(v.min(3)))
        };
        let bt0 = between(s0, b0);
        let bt1 = between(s1, s0);
        push(out, 96, j3(t[s0], t[b0], bt0));
        push(out, 97, j3(t[s1], t[s0], bt1));
        push(out, 98, j3(w[s0], w[b0], d0));
        push(out, 99, j3(t[s1], w[s0], t[b0]));
        push(out, 140, j3(t[s1], t[s0], w[b0]));
        push(out, 141, j3(w[s1], t[s0], t[b0]));
        push(out, 142, j3(t[s1], t[b0], dist(s1, b0)));
        push(out, 143, j3(w[s0], t[b0], bt0));
        push(out, 144, j3(t[s0], w[b0], bt0));

        // word classes
        let (cf, cc) = (&x.cf, &x.cc);
        push(out, 150, cf[s0]);
        push(out, 151, cf[b0]);
        push(out, 152, cf[s1]);
        push(out, 153, cf[b1]);
        push(out, 154, j2(cf[s0], cf[b0]));
        push(out, 155, j3(cc[s0], cc[b0], d0));
        push(out, 156, j3(cf[s0], t[b0], d0));
        push(out, 157, j3(t[s0], cf[b0], d0));
        push(out, 158, j2(cf[s1], cf[s0]));
        push(out, 159, j3(cc[s1], cc[s0], t[b0]));
        push(out, 160, j3(cc[s0], cc[b0], cc[b1]));
        push(out, 161, j3(t[s1], cc[s0], cc[b0]));
    }

    /// The features of the label of an arc from head `h` to dependent `d` (whose
    /// dependents are all attached by then).
    pub fn label_features(&self, x: &Sent, d: u32, h: u32, out: &mut FeatureBuf) {
        let (d, h) = (d as usize, h as usize);
        let n = self.n as usize;
        let (w, t, wt) = (&x.w, &x.t, &x.wt);
        let push =
            |out: &mut FeatureBuf, template: u64, value: u64| out.push_key(fkey(template, value));
        let lab = |p: usize| -> u64 {
            let l = self.label.get(p).copied().unwrap_or(NO_LABEL);
            small(u64::from(l))
        };
        let left = d < h;
        let dir = small(u64::from(left));
        let dist = small(match d.abs_diff(h) {
            k @ 0..=4 => k as u64,
            5..=7 => 5,
            8..=10 => 6,
            _ => 7,
        });
        let (dl, dr) = (self.lc1[d] as usize, self.rc1[d] as usize);
        let sib = if left { self.lc1[h] } else { self.rc1[h] } as usize;
        let next = if d + 1 < n { d + 1 } else { n + 1 };
        let prev = if d >= 1 { d - 1 } else { n + 1 };
        let (a, b) = (d.min(h), d.max(h));
        let between = if b <= n {
            let p = x.punct_before[b] - x.punct_before[a + 1];
            let v = x.verbs_before[b] - x.verbs_before[a + 1];
            small(u64::from(p.min(3)) * 4 + u64::from(v.min(3)))
        } else {
            small(99)
        };
        push(out, 100, dir);
        push(out, 101, j2(w[d], dir));
        push(out, 102, j2(t[d], dir));
        push(out, 103, j2(wt[d], dir));
        push(out, 104, j2(w[h], dir));
        push(out, 105, j2(t[h], dir));
        push(out, 106, j2(wt[h], dir));
        push(out, 107, j3(t[d], t[h], dir));
        push(out, 108, j3(wt[d], t[h], dir));
        push(out, 109, j3(t[d], wt[h], dir));
        push(out, 110, j3(w[d], w[h], dir));
        push(out, 111, j3(t[d], t[h], dist));
        push(out, 112, j2(x.sfx[d], dir));
        push(out, 113, j3(t[d], small(self.ll[d]), small(self.rl[d])));
        push(out, 114, j3(t[d], t[h], self.ll[d] | self.rl[d]));
        push(out, 115, j3(t[d], w[dl], lab(dl)));
        push(out, 116, j3(t[d], w[dr], lab(dr)));
        push(out, 117, j3(t[d], t[dl], t[dr]));
        push(
            out,
            118,
            j3(
                j2(t[d], t[h]),
                dir,
                if left { self.ll[h] } else { self.rl[h] },
            ),
        );
        push(out, 119, j3(t[d], dir, lab(sib)));
        push(out, 120, j3(t[d], t[h], j2(t[prev], t[next])));
        push(out, 121, j3(w[d], t[h], w[dl]));
        push(
            out,
            122,
            j3(
                t[d],
                dir,
                small(u64::from(self.nl[d]) * 8 + u64::from(self.nr[d])),
            ),
        );
        push(out, 123, j3(wt[h], dir, w[d]));
        push(out, 124, j3(t[d], t[h], j2(dir, between)));
        let b0 = self.buf(0) as usize;
        let hn = if h + 1 < n { h + 1 } else { n + 1 };
        push(out, 125, j3(t[d], t[h], t[b0]));
        push(out, 126, j3(t[d], dir, t[hn]));
        push(out, 127, j3(x.sfx[h], t[d], dir));
        push(out, 128, j3(w[d], dir, lab(sib)));
        push(out, 129, j3(wt[d], wt[h], dir));
        push(out, 130, j3(w[dl], t[d], t[h]));
        push(out, 131, j3(x.sfx[d], t[h], dir));
        push(out, 132, j3(x.cf[d], x.cf[h], dir));
        push(out, 133, j3(x.cf[d], t[h], dir));
        push(out, 134, j3(t[d], x.cf[h], dir));
    }
}

/// Cheap combination of two well-mixed hashes (order matters); the feature key's final
/// mixing spreads it.
#[inline]
fn j2(a: u64, b: u64) -> u64 {
    a ^ b.rotate_left(21)
}

/// Cheap combination of three well-mixed hashes (order matters).
#[inline]
fn j3(a: u64, b: u64, c: u64) -> u64 {
    a ^ b.rotate_left(21) ^ c.rotate_left(42)
}

/// The key of feature `template` with (combined) value `value`: one mixing per feature.
#[inline]
fn fkey(template: u64, value: u64) -> u64 {
    fmix(value ^ (template + 1).wrapping_mul(GOLDEN)).max(1)
}

/// Groups of relations the move classifier tells apart: it scores `SHIFT`, and `LEFT`
/// and `RIGHT` with each group ([`N_CLASSES`] classes), so that each kind of arc weighs
/// the features its own way; the label classifier then chooses a label of the group.
pub const GROUPS: usize = 4;

/// Classes of the move classifier: `SHIFT`, `LEFT` with each group, `RIGHT` with each.
pub const N_CLASSES: usize = 1 + 2 * GROUPS;

/// The group of a relation on an arc to the left (the dependent before its head,
/// `left`) or to the right; each direction has its own [`GROUPS`] groups.
/// Per direction, whether each group has a label in `label_masks` (as in [`Arcs`]).
pub fn groups_used(label_masks: &[Vec<bool>]) -> [[bool; GROUPS]; 2] {
    let mut used = [[false; GROUPS]; 2];
    for (dir, u) in used.iter_mut().enumerate() {
        for (g, u) in u.iter_mut().enumerate() {
            *u = label_masks
                .get(dir * GROUPS + g)
                .is_some_and(|m| m.contains(&true));
        }
    }
    used
}

pub fn group_of(rel: Rel, left: bool) -> usize {
    use Rel::*;
    let g = if left {
        match rel {
            Nsubj | Csubj | Expl => 0,
            Det | Amod | Nummod | Compound | Nmod | Flat | Clf => 1,
            Case | Mark | Cc | Aux | Cop | Advmod | Discourse => 2,
            _ => 3,
        }
    } else {
        match rel {
            Obj | Iobj | Ccomp | Xcomp | Csubj | Nsubj | Expl => 0,
            Obl | Nmod | Advcl | Acl | Appos | Advmod | Nummod | Amod => 1,
            Conj | Parataxis | List => 2,
            _ => 3,
        }
    };
    g % GROUPS
}

/// The move system the classifier sees (`SHIFT`, and `LEFT`/`RIGHT` with a group of
/// relations), with a second classifier choosing the label of each arc, within its
/// group, as it is made; while training, that classifier learns the gold label of every
/// correct arc. The arc from the root gets the root's label, and only it.
pub struct Arcs<'a, L: Classifier> {
    pub sent: &'a Sent,
    pub state: &'a mut State,
    pub labeler: &'a mut L,
    pub label_feats: &'a mut FeatureBuf,
    /// Per direction (left arcs first) and group, the labels an arc between words may
    /// get (not the root's): `label_masks[dir * GROUPS + g]`.
    pub label_masks: &'a [Vec<bool>],
    /// The group of each label on a left arc, then on a right arc: `groups[dir][l]`.
    pub groups: &'a [Vec<u8>; 2],
    /// Whether a group has a label an arc between words may get, per direction.
    pub used: [[bool; GROUPS]; 2],
    pub root: usize,
    /// Gold heads (root = n) and label ids, while training.
    pub gold: Option<(&'a [u32], &'a [usize])>,
}

impl<L: Classifier> Arcs<'_, L> {
    /// The unlabeled move and group of class `mv`.
    #[inline]
    fn decode(mv: usize) -> (usize, usize) {
        if mv == 0 {
            (SHIFT, 0)
        } else if mv <= GROUPS {
            (LEFT, mv - 1)
        } else {
            (RIGHT, mv - 1 - GROUPS)
        }
    }

    #[inline]
    fn group_used(&self, dir: usize, g: usize) -> bool {
        self.used[dir][g]
    }

    #[inline]
    fn root_group(&self) -> usize {
        self.groups[1].get(self.root).map_or(0, |&g| usize::from(g))
    }
}

impl<L: Classifier> Transitions for Arcs<'_, L> {
    fn n_moves(&self) -> usize {
        N_CLASSES
    }

    #[inline]
    fn valid(&self, valid: &mut [bool]) -> bool {
        let mut u = [false; N_MOVES];
        let any = self.state.valid(&mut u);
        let from_root = self.state.stack.len() >= 2 && self.state.s(1) == self.state.n;
        let rg = self.root_group();
        valid[0] = u[SHIFT];
        for g in 0..GROUPS {
            valid[1 + g] = u[LEFT] && self.group_used(0, g);
            valid[1 + GROUPS + g] = u[RIGHT]
                && if from_root {
                    g == rg
                } else {
                    self.group_used(1, g)
                };
        }
        any
    }

    #[inline]
    fn features(&mut self, out: &mut FeatureBuf) {
        self.state.features(self.sent, out);
    }

    fn apply(&mut self, mv: usize) {
        let (m, g) = Self::decode(mv);
        if m == SHIFT {
            self.state.apply(SHIFT, NO_LABEL);
            return;
        }
        let (d, h) = self.state.arc(m);
        let dir = usize::from(m == RIGHT);
        let label = match self.label_masks.get(dir * GROUPS + g) {
            Some(mask) if h < self.state.n => {
                self.label_feats.clear();
                self.state.label_features(self.sent, d, h, self.label_feats);
                let gold = self
                    .gold
                    .and_then(|(gh, gl)| (gh.get(d as usize) == Some(&h)).then(|| gl[d as usize]));
                self.labeler
                    .choose(self.label_feats.keys(), Some(mask), gold)
            }
            _ => self.root,
        };
        self.state
            .apply(m, label.min(usize::from(NO_LABEL - 1)) as u8);
    }
}

impl<L: Classifier> Oracle for Arcs<'_, L> {
    fn costs(&self, costs: &mut [u32]) {
        let Some((gold, labels)) = self.gold else {
            costs.fill(0);
            return;
        };
        let mut u = [false; N_MOVES];
        self.state.valid(&mut u);
        let mut c = [0u32; N_MOVES];
        self.state.costs(gold, &u, &mut c);
        let st = &self.state;
        let s0 = st.s(0) as usize;
        let group = |dir: usize| match (gold.get(s0), labels.get(s0)) {
            (Some(&h), Some(&l)) => (
                h,
                self.groups[dir]
                    .get(l)
                    .map_or(usize::MAX, |&g| usize::from(g)),
            ),
            _ => (u32::MAX, usize::MAX),
        };
        let ((lh, lg), (rh, rg)) = (group(0), group(1));
        costs[0] = c[SHIFT];
        for g in 0..GROUPS {
            costs[1 + g] = c[LEFT].saturating_add(u32::from(lh == st.b && lg != g));
            costs[1 + GROUPS + g] = c[RIGHT].saturating_add(u32::from(rh == st.s(1) && rg != g));
        }
    }
}
