//! Calibration: turning a raw score (a margin, a sum of weights) into a confidence in
//! [0, 1] that means what it says — of the decisions given confidence 0.8, about 80% are
//! right. Platt scaling: a logistic curve `1 / (1 + exp(-(a·score + b)))` fitted on
//! held-out `(score, correct)` pairs, stored in the model file (`CALB` section).

use super::ModelError;
use super::codec::Reader;

/// A fitted logistic curve from scores to confidences.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Calibration {
    pub a: f64,
    pub b: f64,
}

impl Default for Calibration {
    /// The identity-like curve `σ(score)`.
    fn default() -> Self {
        Calibration { a: 1.0, b: 0.0 }
    }
}

impl Calibration {
    /// Fits the curve on held-out `(score, correct)` pairs with Newton's method on the
    /// log loss, using Platt's smoothed targets (so that a perfectly separated sample
    /// does not give infinite slopes). Deterministic; the default curve for no data.
    pub fn fit(samples: &[(f64, bool)]) -> Calibration {
        let pos = samples.iter().filter(|s| s.1).count() as f64;
        let neg = samples.len() as f64 - pos;
        if samples.is_empty() {
            return Calibration::default();
        }
        let hi = (pos + 1.0) / (pos + 2.0);
        let lo = 1.0 / (neg + 2.0);
        let (mut a, mut b) = (0.0f64, ((pos + 1.0) / (neg + 1.0)).ln());
        let loss = |a: f64, b: f64| -> f64 {
            samples
                .iter()
                .map(|&(s, y)| {
                    let t = if y { hi } else { lo };
                    let z = a * s + b;
                    // log(1 + e^z) - t·z, computed stably
                    let softplus = if z > 0.0 {
                        z + (-z).exp().ln_1p()
                    } else {
                        z.exp().ln_1p()
                    };
                    softplus - t * z
                })
                .sum()
        };
        let mut current = loss(a, b);
        for _ in 0..100 {
            let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for &(s, y) in samples {
                let t = if y { hi } else { lo };
                let p = sigmoid(a * s + b);
                let d = p - t;
                let w = (p * (1.0 - p)).max(1e-12);
                ga += d * s;
                gb += d;
                haa += w * s * s;
                hab += w * s;
                hbb += w;
            }
            let det = haa * hbb - hab * hab;
            if det.abs() < 1e-300 {
                break;
            }
            let da = (hbb * ga - hab * gb) / det;
            let db = (haa * gb - hab * ga) / det;
            // backtracking: halve the step until the loss does not grow
            let mut step = 1.0;
            let mut improved = false;
            while step > 1e-10 {
                let (na, nb) = (a - step * da, b - step * db);
                let l = loss(na, nb);
                if l <= current {
                    a = na;
                    b = nb;
                    improved = current - l > 1e-12 * current.abs().max(1.0);
                    current = l;
                    break;
                }
                step /= 2.0;
            }
            if !improved {
                break;
            }
        }
        Calibration { a, b }
    }

    /// The confidence of a score.
    pub fn confidence(&self, score: f64) -> f64 {
        sigmoid(self.a * score + self.b)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(16);
        b.extend_from_slice(&self.a.to_le_bytes());
        b.extend_from_slice(&self.b.to_le_bytes());
        b
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Calibration, ModelError> {
        let mut r = Reader::new(bytes);
        let c = Calibration {
            a: r.f64()?,
            b: r.f64()?,
        };
        r.finish("calibration")?;
        if !c.a.is_finite() || !c.b.is_finite() {
            return Err(ModelError::new("calibration is not finite"));
        }
        Ok(c)
    }
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_scores_that_predict_correctness() {
        // correct decisions have higher scores; at score s the share correct is s/10
        let mut samples = Vec::new();
        for s in 0..=10 {
            for k in 0..10 {
                samples.push((f64::from(s), k < s));
            }
        }
        let c = Calibration::fit(&samples);
        assert!(c.a > 0.0);
        assert!(c.confidence(10.0) > 0.85 && c.confidence(0.0) < 0.15);
        assert!((c.confidence(5.0) - 0.5).abs() < 0.05);
        assert_eq!(Calibration::fit(&samples), c);
        let back = Calibration::from_bytes(&c.to_bytes()).unwrap();
        assert_eq!(back, c);
        assert!(Calibration::from_bytes(&[0; 15]).is_err());
        assert!(Calibration::from_bytes(&[0xff; 16]).is_err());
    }

    #[test]
    fn separable_and_empty_samples_stay_finite() {
        let c = Calibration::fit(&[(1.0, true), (2.0, true), (-1.0, false)]);
        assert!(c.a.is_finite() && c.b.is_finite());
        assert!(c.confidence(2.0) > c.confidence(-1.0));
        assert_eq!(Calibration::fit(&[]), Calibration::default());
    }
}
