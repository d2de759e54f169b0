//! Statements: direct and indirect quotes with their speakers and cue verbs.
//!
//! Entry point: [`extract`]. Direct quotes are the spans between quotation marks of one
//! paragraph; their speaker is the actor next to a speech verb outside the marks in the
//! same sentence (`"…," X said.`, `X said: "…"`). Indirect quotes are clauses reported by
//! a speech verb (`X said (that) CLAUSE`) or by `according to X`.

use crate::document::Document;
use crate::entities::Entities;
use crate::graph::{NodeKind, QuoteKind};
use crate::lexicon::lexicon;
use crate::segment::{Segmentation, Span, TokenKind};
use crate::tagging::Tags;

/// A statement found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct StatementFact {
    /// Speakers (entity indices); one statement may be said by several.
    pub speakers: Vec<usize>,
    /// The quoted words or the reported clause.
    pub text: Span,
    pub kind: QuoteKind,
    /// The cue as written ("said", "according to").
    pub cue: String,
    /// The sentence(s) that state it.
    pub evidence: Span,
    pub confidence: f32,
}

/// Finds statements.
pub fn extract(
    doc: &Document,
    seg: &Segmentation,
    tags: &Tags,
    ents: &mut Entities,
) -> Vec<StatementFact> {
    let _ = tags;
    let text = doc.text.as_str();
    let lx = lexicon();
    let w = |t: usize| &text[seg.tokens[t].span.range()];
    let mut out = Vec::new();
    for (si, s) in seg.body_sentences() {
        let toks = s.tokens.clone();
        // quotation spans inside this sentence (token ranges, exclusive of marks)
        let mut quoted = vec![false; toks.len()];
        let mut quotes: Vec<(usize, usize)> = Vec::new();
        let mut open: Option<usize> = None;
        for t in toks.clone() {
            match seg.tokens[t].kind {
                TokenKind::OpenQuote if open.is_none() => open = Some(t),
                TokenKind::CloseQuote => {
                    if let Some(o) = open.take() {
                        quotes.push((o + 1, t));
                    }
                }
                _ => {}
            }
        }
        if let Some(o) = open {
            quotes.push((o + 1, toks.end));
        }
        for &(a, b) in &quotes {
            for t in a..b {
                quoted[t - toks.start] = true;
            }
        }
        // the cue verb outside quotes
        let cue = toks.clone().find(|&t| {
            !quoted[t - toks.start] && lx.cues.get(w(t)).is_some_and(|c| c.strength == 1)
        });
        let according = toks.clone().find(|&t| {
            !quoted[t - toks.start]
                && w(t).eq_ignore_ascii_case("according")
                && t + 1 < toks.end
                && w(t + 1) == "to"
        });
        let speaker_near = |ents: &Entities, c: usize| -> Option<usize> {
            // "X said": the actor right before; "said X": right after
            let mut k = c;
            while k > toks.start {
                k -= 1;
                if quoted[k - toks.start] || matches!(w(k), "," | "\"" | "“" | "”") {
                    break;
                }
                if let Some(e) = ents.entity_at(k) {
                    return Some(e);
                }
                if let Some(e) = ents.resolve_pronoun(seg, text, k) {
                    return Some(e);
                }
            }
            if c + 1 < toks.end
                && let Some(e) = ents.entity_at(c + 1)
            {
                return Some(e);
            }
            None
        };
        let evidence = s.span;
        if !quotes.is_empty() {
            let Some(c) = cue else { continue };
            let Some(sp) = speaker_near(ents, c) else {
                continue;
            };
            for &(a, b) in &quotes {
                if b <= a + 2 {
                    continue; // one or two words in quotes: a scare quote or a title
                }
                let span = Span::new(seg.tokens[a].span.start, seg.tokens[b - 1].span.end);
                out.push(StatementFact {
                    speakers: vec![sp],
                    text: trim_punct(text, span),
                    kind: QuoteKind::Direct,
                    cue: w(c).to_string(),
                    evidence,
                    confidence: 0.8,
                });
            }
            continue;
        }
        if let Some(a) = according {
            // "according to X, CLAUSE" or "CLAUSE, according to X"
            if let Some(e) = ents.entity_at(a + 2).or_else(|| ents.entity_at(a + 3)) {
                let clause = if a > toks.start + 3 {
                    Span::new(s.span.start, seg.tokens[a - 1].span.start)
                } else {
                    let mut k = a + 2;
                    while k < toks.end && w(k) != "," {
                        k += 1;
                    }
                    if k + 1 >= toks.end {
                        continue;
                    }
                    Span::new(seg.tokens[k + 1].span.start, s.span.end)
                };
                out.push(StatementFact {
                    speakers: vec![e],
                    text: trim_punct(text, clause),
                    kind: QuoteKind::Indirect,
                    cue: "according to".into(),
                    evidence,
                    confidence: 0.7,
                });
            }
            continue;
        }
        if let Some(c) = cue {
            let Some(sp) = speaker_near(ents, c) else {
                continue;
            };
            let mut k = c + 1;
            // skip the addressee of "told": "told reporters (that)"
            if w(c).starts_with("told") || w(c).starts_with("tell") {
                while k < toks.end && !matches!(w(k), "that" | ",") && k < c + 4 {
                    k += 1;
                }
            }
            if k < toks.end && matches!(w(k), "that" | "on" | ",") {
                if w(k) == "on" {
                    // "said on Monday that"
                    while k < toks.end && !matches!(w(k), "that") && k < c + 5 {
                        k += 1;
                    }
                }
                k += 1;
            }
            if k + 2 >= toks.end {
                // "CLAUSE, X said."
                if c > toks.start + 3 {
                    let mut e = c;
                    while e > toks.start && w(e - 1) != "," {
                        e -= 1;
                    }
                    if e > toks.start + 2 {
                        let clause = Span::new(s.span.start, seg.tokens[e - 2].span.end);
                        out.push(StatementFact {
                            speakers: vec![sp],
                            text: trim_punct(text, clause),
                            kind: QuoteKind::Indirect,
                            cue: w(c).to_string(),
                            evidence,
                            confidence: 0.6,
                        });
                    }
                }
                continue;
            }
            let clause = Span::new(seg.tokens[k].span.start, s.span.end);
            let _ = si;
            out.push(StatementFact {
                speakers: vec![sp],
                text: trim_punct(text, clause),
                kind: QuoteKind::Indirect,
                cue: w(c).to_string(),
                evidence,
                confidence: 0.6,
            });
        }
    }
    out.retain(|s| !s.speakers.is_empty() && s.text.len() > 3);
    // a speaker must be an actor
    out.retain(|s| {
        s.speakers
            .iter()
            .all(|&e| ents.entities[e].kind != NodeKind::Proposal)
    });
    out
}

/// Trims spaces and trailing punctuation off a span.
fn trim_punct(text: &str, s: Span) -> Span {
    let t = &text[s.range()];
    let trimmed_end =
        t.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':'));
    let trimmed = trimmed_end.trim_start();
    let start = s.start + (trimmed_end.len() - trimmed.len());
    Span::new(start, start + trimmed.len())
}
