//! Word classes from raw text: the predictive exchange algorithm (Uszkoreit & Brants
//! 2008, after Kneser & Ney 1993). Words that occur in the same contexts fall into the
//! same class, so a feature over classes generalizes from a word seen in training to
//! rare or unseen words of its class (as Brown clusters do in Koo et al. 2008).
//!
//! The model is `P(w_i | w_{i-1}) = P(c(w_i) | w_{i-1}) · P(w_i | c(w_i))`; the
//! classes maximize its likelihood on the text, which amounts to maximizing
//! `Σ_{w,c} N(w,c) log N(w,c) − Σ_c N(c) log N(c)`, where `N(w,c)` counts the words
//! of class `c` following word `w`. Each pass moves every clustered word to the class
//! that raises this most. Deterministic: words in a fixed order, ties to the lowest
//! class, no randomness.

/// Classes for the words `0..clustered` of `sentences` (word ids `0..n_words`, the
/// clustered ones the most frequent, in order of frequency): `n_classes` classes
/// (at least 1), `passes` passes. Words `clustered..n_words` are only contexts.
pub fn exchange(
    sentences: &[Vec<u32>],
    n_words: usize,
    clustered: usize,
    n_classes: usize,
    passes: usize,
) -> Vec<u16> {
    let c_n = n_classes.clamp(1, u16::MAX as usize);
    let clustered = clustered.min(n_words);
    // the class of every predicted word: clustered words start round-robin by
    // frequency, the others share the extra class `c_n`, which never changes
    let width = c_n + 1;
    let mut class: Vec<usize> = (0..n_words)
        .map(|w| if w < clustered { w % c_n } else { c_n })
        .collect();
    // the sentence start is one more context word
    let start = n_words;
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for s in sentences {
        let mut prev = start as u32;
        for &w in s {
            if (w as usize) < n_words {
                pairs.push((prev, w));
                prev = w;
            }
        }
    }
    // predecessors of each word with counts, sorted
    pairs.sort_unstable_by_key(|&(a, b)| (b, a));
    let mut preds: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n_words];
    let mut count = vec![0u64; n_words];
    for run in pairs.chunk_by(|x, y| x == y) {
        let (a, b) = run[0];
        preds[b as usize].push((a, run.len() as u32));
        count[b as usize] += run.len() as u64;
    }
    drop(pairs);
    let contexts = n_words + 1;
    let mut n_wc = vec![0u32; contexts * width];
    let mut n_c = vec![0u64; width];
    for (v, p) in preds.iter().enumerate() {
        let c = class[v];
        n_c[c] += count[v];
        for &(w, k) in p {
            n_wc[w as usize * width + c] += k;
        }
    }
    let max = n_c.iter().copied().max().unwrap_or(0) as usize + 1;
    let xlogx: Vec<f64> = (0..max.min(1 << 22))
        .map(|x| {
            if x == 0 {
                0.0
            } else {
                x as f64 * (x as f64).ln()
            }
        })
        .collect();
    let f = |x: u64| -> f64 {
        match xlogx.get(x as usize) {
            Some(&v) => v,
            None => x as f64 * (x as f64).ln(),
        }
    };
    let mut gain = vec![0f64; c_n];
    for _ in 0..passes {
        let mut moved = 0usize;
        for v in 0..clustered {
            let a = class[v];
            let nv = count[v];
            if nv == 0 {
                continue;
            }
            // take v out of its class
            n_c[a] -= nv;
            for &(w, k) in &preds[v] {
                n_wc[w as usize * width + a] -= k;
            }
            for (b, g) in gain.iter_mut().enumerate() {
                *g = f(n_c[b]) - f(n_c[b] + nv);
            }
            for &(w, k) in &preds[v] {
                let row = &n_wc[w as usize * width..w as usize * width + c_n];
                let k = u64::from(k);
                for (g, &x) in gain.iter_mut().zip(row) {
                    let x = u64::from(x);
                    *g += f(x + k) - f(x);
                }
            }
            let mut best = a;
            for (b, &g) in gain.iter().enumerate() {
                if g > gain[best] + 1e-9 {
                    best = b;
                }
            }
            if best != a {
                moved += 1;
            }
            class[v] = best;
            n_c[best] += nv;
            for &(w, k) in &preds[v] {
                n_wc[w as usize * width + best] += k;
            }
        }
        if moved == 0 {
            break;
        }
    }
    class[..clustered].iter().map(|&c| c as u16).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_a_class() {
        // 0 "the", 1 "a" (determiners), 2 "cat", 3 "dog" (nouns), 4 "runs", 5 "sleeps"
        let mut text = Vec::new();
        for d in [0, 1] {
            for n in [2, 3] {
                for v in [4, 5] {
                    text.push(vec![d, n, v]);
                }
            }
        }
        let classes = exchange(&text, 6, 6, 3, 10);
        assert_eq!(classes.len(), 6);
        assert_eq!(classes[0], classes[1]);
        assert_eq!(classes[2], classes[3]);
        assert_eq!(classes[4], classes[5]);
        assert_ne!(classes[0], classes[2]);
        assert_ne!(classes[2], classes[4]);
        assert_eq!(exchange(&text, 6, 6, 3, 10), classes);
        assert!(exchange(&[], 0, 0, 4, 3).is_empty());
    }
}
