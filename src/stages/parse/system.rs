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

use crate::learn::FeatureBuf;
use crate::learn::decode::{Oracle, Transitions};
use crate::learn::hash::{combine, combine3, hash_bytes, small};
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
    norm: String,
}

impl Sent {
    pub fn prepare(&mut self, words: &[&str], tags: &[Upos]) {
        let n = words.len();
        self.n = n;
        for v in [&mut self.w, &mut self.t, &mut self.wt, &mut self.sfx] {
            v.clear();
        }
        for (i, word) in words.iter().enumerate() {
            self.norm.clear();
            for c in word.chars() {
                match c {
                    '0'..='9' => self.norm.push('0'),
                    '\u{2019}' | '\u{2018}' => self.norm.push('\''),
                    '\u{201C}' | '\u{201D}' => self.norm.push('"'),
                    c => self.norm.extend(c.to_lowercase()),
                }
            }
            let w = hash_bytes(1, self.norm.as_bytes());
            let tag = tags.get(i).map_or(Upos::X, |&t| t).id() as u64;
            let t = small(tag);
            let cut = self.norm.char_indices().rev().nth(2).map_or(0, |(k, _)| k);
            self.w.push(w);
            self.t.push(t);
            self.wt.push(combine(w, t));
            self.sfx.push(hash_bytes(2, &self.norm.as_bytes()[cut..]));
        }
        for (word, tag) in [(&b"<root>"[..], 17u64), (&b"<none>"[..], 18)] {
            let w = hash_bytes(1, word);
            let t = small(tag);
            self.w.push(w);
            self.t.push(t);
            self.wt.push(combine(w, t));
            self.sfx.push(w);
        }
    }
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

        out.push(0, 0);
        out.push(1, w[s0]);
        out.push(2, t[s0]);
        out.push(3, wt[s0]);
        out.push(4, w[s1]);
        out.push(5, t[s1]);
        out.push(6, wt[s1]);
        out.push(7, w[b0]);
        out.push(8, t[b0]);
        out.push(9, wt[b0]);
        out.push(10, w[b1]);
        out.push(11, t[b1]);
        out.push(12, wt[b1]);
        out.push(13, w[b2]);
        out.push(14, t[b2]);
        out.push(15, t[s2]);
        out.push(16, w[s2]);
        out.push(17, x.sfx[s0]);
        out.push(18, x.sfx[b0]);
        out.push(19, x.sfx[s1]);

        out.push(20, combine(wt[s0], wt[b0]));
        out.push(21, combine(wt[s0], w[b0]));
        out.push(22, combine(w[s0], wt[b0]));
        out.push(23, combine(wt[s0], t[b0]));
        out.push(24, combine(t[s0], wt[b0]));
        out.push(25, combine(w[s0], w[b0]));
        out.push(26, combine(t[s0], t[b0]));
        out.push(27, combine(t[b0], t[b1]));
        out.push(28, combine(t[s1], t[s0]));
        out.push(29, combine(w[s1], w[s0]));
        out.push(30, combine(t[s1], wt[s0]));
        out.push(31, combine(wt[s1], t[s0]));

        out.push(32, combine3(t[b0], t[b1], t[b2]));
        out.push(33, combine3(t[s0], t[b0], t[b1]));
        out.push(34, combine3(t[s1], t[s0], t[b0]));
        out.push(35, combine3(t[s2], t[s1], t[s0]));
        out.push(36, combine3(t[s0], t[s0l], t[b0]));
        out.push(37, combine3(t[s0], t[s0r], t[b0]));
        out.push(38, combine3(t[s0], t[b0], t[b0l]));
        out.push(39, combine3(t[s1], t[s0], t[s0l]));
        out.push(40, combine3(t[s1], t[s1r], t[s0]));
        out.push(41, combine3(t[s1], t[s0], t[s0r]));
        out.push(42, combine3(t[s1], t[s1l], t[s0]));

        out.push(43, combine(w[s0], d0));
        out.push(44, combine(t[s0], d0));
        out.push(45, combine(w[b0], d0));
        out.push(46, combine(t[b0], d0));
        out.push(47, combine3(t[s0], t[b0], d0));
        out.push(48, combine3(t[s1], t[s0], d1));

        let nr0 = small(u64::from(self.nr[s0]));
        let nl0 = small(u64::from(self.nl[s0]));
        let nlb = small(u64::from(self.nl[b0]));
        out.push(49, combine(w[s0], nr0));
        out.push(50, combine(t[s0], nr0));
        out.push(51, combine(w[s0], nl0));
        out.push(52, combine(t[s0], nl0));
        out.push(53, combine(w[b0], nlb));
        out.push(54, combine(t[b0], nlb));
        out.push(55, combine(t[s1], small(u64::from(self.nr[s1]))));

        out.push(56, w[s0l]);
        out.push(57, t[s0l]);
        out.push(58, lab(s0l));
        out.push(59, w[s0r]);
        out.push(60, t[s0r]);
        out.push(61, lab(s0r));
        out.push(62, w[b0l]);
        out.push(63, t[b0l]);
        out.push(64, lab(b0l));
        out.push(65, t[s1l]);
        out.push(66, t[s1r]);
        out.push(67, lab(s1r));
        out.push(68, lab(s1l));

        out.push(69, t[s0l2]);
        out.push(70, lab(s0l2));
        out.push(71, t[s0r2]);
        out.push(72, lab(s0r2));
        out.push(73, t[b0l2]);
        out.push(74, lab(b0l2));
        out.push(75, combine3(t[s0], t[s0l], t[s0l2]));
        out.push(76, combine3(t[s0], t[s0r], t[s0r2]));
        out.push(77, combine3(t[b0], t[b0l], t[b0l2]));

        out.push(78, combine(t[s0], self.ll[s0]));
        out.push(79, combine(t[s0], self.rl[s0]));
        out.push(80, combine(t[b0], self.ll[b0]));
        out.push(81, combine(wt[s0], lab(s0r)));
        out.push(82, combine(wt[b0], lab(b0l)));

        out.push(83, combine3(t[s0], t[next(s0)], t[b0]));
        out.push(84, combine3(t[s0], t[prev(b0)], t[b0]));
        out.push(85, combine3(t[prev(s0)], t[s0], t[b0]));
        out.push(86, w[next(s0)]);
        out.push(87, combine(t[s0], w[prev(b0)]));

        out.push(88, combine(t[s1], t[b0]));
        out.push(89, combine(w[s1], w[b0]));
        out.push(90, combine(wt[s1], wt[b0]));
        out.push(91, combine(w[b0], w[b1]));
        out.push(92, combine(w[s0], w[s0r]));
        out.push(93, combine(w[s0], w[s0l]));
        out.push(94, combine(w[b0], w[b0l]));
        out.push(95, combine3(wt[s0], lab(s0l), lab(s0r)));
    }
}

/// The labeled system the classifier sees: move 0 is `SHIFT`, `1 + l` is `LEFT` with
/// label `l`, `1 + L + l` is `RIGHT` with label `l` (`L` labels). The root's label is
/// only for the arc from the root, and only it.
pub struct Labeled<'a> {
    pub sent: &'a Sent,
    pub state: &'a mut State,
    pub n_labels: usize,
    pub root: usize,
    /// Gold heads (root = n) and label ids, while training.
    pub gold: Option<(&'a [u32], &'a [usize])>,
}

impl Labeled<'_> {
    /// The unlabeled move and label of labeled move `mv`.
    #[inline]
    pub fn decode(&self, mv: usize) -> (usize, u8) {
        let l = self.n_labels;
        if mv == 0 {
            (SHIFT, NO_LABEL)
        } else if mv <= l {
            (LEFT, (mv - 1) as u8)
        } else {
            (RIGHT, (mv - 1 - l) as u8)
        }
    }
}

impl Transitions for Labeled<'_> {
    fn n_moves(&self) -> usize {
        1 + 2 * self.n_labels
    }

    fn valid(&self, valid: &mut [bool]) -> bool {
        let mut u = [false; N_MOVES];
        self.state.valid(&mut u);
        let l = self.n_labels;
        valid[0] = u[SHIFT];
        let from_root = self.state.stack.len() >= 2 && self.state.s(1) == self.state.n;
        for k in 0..l {
            valid[1 + k] = u[LEFT] && k != self.root;
            valid[1 + l + k] = u[RIGHT] && ((k == self.root) == from_root);
        }
        valid[..1 + 2 * l].iter().any(|&v| v)
    }

    fn features(&mut self, out: &mut FeatureBuf) {
        self.state.features(self.sent, out);
    }

    fn apply(&mut self, mv: usize) {
        let (m, label) = self.decode(mv);
        self.state.apply(m, label);
    }
}

impl Oracle for Labeled<'_> {
    fn costs(&self, costs: &mut [u32]) {
        let Some((gold, labels)) = self.gold else {
            costs.fill(0);
            return;
        };
        let mut u = [false; N_MOVES];
        self.state.valid(&mut u);
        let mut c = [0u32; N_MOVES];
        self.state.costs(gold, &u, &mut c);
        let l = self.n_labels;
        let st = &self.state;
        let s0 = st.s(0);
        let (gh, gl) = if (s0 as usize) < gold.len() {
            (gold[s0 as usize], labels[s0 as usize])
        } else {
            (u32::MAX, usize::MAX)
        };
        costs[0] = c[SHIFT];
        for k in 0..l {
            costs[1 + k] = c[LEFT].saturating_add(u32::from(gh == st.b && gl != k));
            costs[1 + l + k] = c[RIGHT].saturating_add(u32::from(gh == st.s(1) && gl != k));
        }
    }
}
