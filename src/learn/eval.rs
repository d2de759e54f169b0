//! Evaluation: accuracy, precision/recall/F1 and attachment scores (UAS/LAS), as
//! counts that add up over documents and folds.

/// Right out of total.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accuracy {
    pub right: usize,
    pub total: usize,
}

impl Accuracy {
    pub fn add(&mut self, right: bool) {
        self.right += usize::from(right);
        self.total += 1;
    }

    /// Counts the positions where `pred` equals `gold` (over the shorter length; the
    /// rest of `gold` counts as wrong).
    pub fn add_all<T: PartialEq>(&mut self, gold: &[T], pred: &[T]) {
        self.right += gold.iter().zip(pred).filter(|(g, p)| g == p).count();
        self.total += gold.len();
    }

    /// The share right (0 when there is nothing).
    pub fn value(&self) -> f64 {
        ratio(self.right, self.total)
    }

    pub fn merge(&mut self, other: Accuracy) {
        self.right += other.right;
        self.total += other.total;
    }
}

/// True positives, false positives, false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Prf {
    /// Counts a set of predicted items against a set of gold items (each item at most
    /// once in each).
    pub fn add_sets<T: PartialEq>(&mut self, gold: &[T], pred: &[T]) {
        let tp = pred.iter().filter(|p| gold.contains(p)).count();
        self.tp += tp;
        self.fp += pred.len() - tp;
        self.fn_ += gold.len() - tp;
    }

    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    pub fn merge(&mut self, other: Prf) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

/// How labels are compared for the labelled score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelMatch {
    /// The whole label (`nsubj:pass` ≠ `nsubj`).
    Full,
    /// The part before the first `:` (CoNLL 2018: `nsubj:pass` = `nsubj`).
    Universal,
}

/// Attachment scores of dependency trees: the share of tokens with the right head
/// (unlabelled, UAS) and with the right head and label (labelled, LAS).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Attachment {
    pub total: usize,
    pub heads: usize,
    pub labelled: usize,
}

impl Attachment {
    /// Counts one token: its gold and predicted head and label.
    pub fn add(&mut self, gold: (usize, &str), pred: (usize, &str), labels: LabelMatch) {
        self.total += 1;
        if gold.0 == pred.0 {
            self.heads += 1;
            let same = match labels {
                LabelMatch::Full => gold.1 == pred.1,
                LabelMatch::Universal => universal(gold.1) == universal(pred.1),
            };
            self.labelled += usize::from(same);
        }
    }

    pub fn uas(&self) -> f64 {
        ratio(self.heads, self.total)
    }

    pub fn las(&self) -> f64 {
        ratio(self.labelled, self.total)
    }

    pub fn merge(&mut self, other: Attachment) {
        self.total += other.total;
        self.heads += other.heads;
        self.labelled += other.labelled;
    }
}

fn universal(label: &str) -> &str {
    label.split(':').next().unwrap_or(label)
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_count_what_they_say() {
        let mut a = Accuracy::default();
        a.add_all(&[1, 2, 3, 4], &[1, 2, 0]);
        assert_eq!((a.right, a.total), (2, 4));
        assert_eq!(a.value(), 0.5);
        assert_eq!(Accuracy::default().value(), 0.0);

        let mut p = Prf::default();
        p.add_sets(&["a", "b", "c"], &["a", "d"]);
        assert_eq!((p.tp, p.fp, p.fn_), (1, 1, 2));
        assert_eq!(p.precision(), 0.5);
        assert!((p.recall() - 1.0 / 3.0).abs() < 1e-12);
        assert!((p.f1() - 0.4).abs() < 1e-12);

        let mut u = Attachment::default();
        u.add((2, "nsubj:pass"), (2, "nsubj"), LabelMatch::Universal);
        u.add((2, "nsubj:pass"), (2, "nsubj"), LabelMatch::Full);
        u.add((0, "root"), (3, "root"), LabelMatch::Universal);
        assert_eq!((u.total, u.heads, u.labelled), (3, 2, 1));
        assert!((u.uas() - 2.0 / 3.0).abs() < 1e-12);
    }
}
