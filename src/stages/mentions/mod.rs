//! Mentions: named mentions of people, organizations and places, with their type, any
//! title written before them, and the evidence that typed them.
//!
//! Entry point: [`detect`]. A mention is found from linguistic evidence only:
//! capitalized runs of tokens (with name connectors like `de`, `al-`, and `of` inside
//! organization names), split where a title or an affiliation stands inside the run
//! (`White House Press Secretary Jane Roe` → `White House`, title, `Jane Roe`), then typed
//! by lexicons of places and organizations, organization head words, honorifics and
//! titles, given names, and context (`in X` → place). Sentence-initial words and
//! title-case headings do not create mentions unless the same word is capitalized
//! elsewhere in the document.
//!
//! Files: `context.rs` (the detectors' view, lexicon lookups), `runs.rs` (capitalized runs
//! and how they split), `titles.rs`, `typing.rs` (what a name is), `confidence.rs`,
//! `typer.rs` (the trained check that drops mentions of no actor).

mod confidence;
mod context;
mod runs;
mod titles;
pub mod typer;
mod typing;

use context::Ctx;
use runs::{extend_run, process_run};

use std::collections::HashSet;
use std::ops::Range;

use crate::lexicon::{Gender, lexicon};
use crate::stages::segment::{Segmentation, Span, TokenKind};
use crate::stages::tokens::TokenView;
use crate::tagging::Tags;
use crate::text::Document;
use crate::text::shape::{is_all_caps, is_title_case};
use crate::vocab::EntityKind;

/// How a title relates to the name it precedes.
#[derive(Clone, Debug, PartialEq)]
pub struct TitleInfo {
    /// Title text as written ("foreign policy chief", "President").
    pub text: String,
    pub span: Span,
    pub tokens: Range<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Tokens of the name (without titles and honorifics).
    pub tokens: Range<usize>,
    /// Byte span of the name (may be part of a token: `U.S.` in `U.S.-Ukraine`).
    pub span: Span,
    pub sentence: usize,
    pub kind: EntityKind,
    /// The name as written.
    pub text: String,
    /// Canonical name from a lexicon (`United States` for `U.S.`).
    pub canonical: Option<String>,
    /// A title or honorific written right before the name (`President`, `Mr`).
    pub title: Option<TitleInfo>,
    /// Gender evidence from an honorific or given name.
    pub gender: Option<Gender>,
    /// A capital city (its country's name) — it may stand for the government.
    pub capital_of: Option<String>,
    /// How sure the typing is.
    pub confidence: f32,
    /// A single unknown capitalized word whose type comes from coreference or context.
    pub tentative: bool,
    /// Weak evidence (not tagged a proper noun): dropped unless coreference confirms it.
    pub weak: bool,
}

/// Detects named mentions in the body sentences of a segmented document.
pub fn detect(doc: &Document, seg: &Segmentation, tags: &Tags) -> Vec<Mention> {
    let text = doc.text.as_str();
    let lx = lexicon();
    let caps_sentences = seg
        .sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = seg.tokens[s.tokens.clone()]
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| &text[t.span.range()])
                .collect();
            words.len() >= 4
                && words.iter().filter(|w| is_all_caps(w)).count() * 10 > words.len() * 6
        })
        .collect();
    let title_case = seg
        .sentences
        .iter()
        .map(|s| is_title_case(&text[s.span.range()]))
        .collect();
    let mut ctx = Ctx {
        tok: TokenView::tagged(text, seg, tags),
        caps_sentences,
        title_case,
        lx,
        inner_caps: HashSet::new(),
    };
    // capitalized forms seen away from sentence starts
    let mut inner = HashSet::new();
    for (_, s) in seg.body_sentences() {
        for t in s.tokens.clone().skip(1) {
            let prev = seg.tokens[t - 1];
            let after_open = matches!(
                prev.kind,
                TokenKind::OpenQuote | TokenKind::Dash | TokenKind::SingleQuote
            ) || matches!(&text[prev.span.range()], ":" | "(");
            if !after_open && ctx.is_cap(t) {
                inner.insert(ctx.tok.word(t));
            }
        }
    }
    ctx.inner_caps = inner;
    let mut out = dateline_places(&ctx);
    for (si, s) in seg.body_sentences() {
        let mut t = s.tokens.start;
        let end = s.tokens.end;
        while t < end {
            if !ctx.is_cap(t) || ctx.headline_word(si, t) {
                t += 1;
                continue;
            }
            let run_end = extend_run(&ctx, si, t, end);
            process_run(&ctx, si, t..run_end, s.tokens.start, &mut out);
            t = run_end;
        }
    }
    join_nicknames(&ctx, &mut out);
    out
}

/// A quoted nickname between a given name (or a word typed a person's) and a surname
/// (`Tomas “Tommy” Varenko`, `Dana ‘The Hawk’ Morrow`): one person, named by the given
/// name and the surname.
fn join_nicknames(ctx: &Ctx, out: &mut Vec<Mention>) {
    let toks = &ctx.tok.seg.tokens;
    let quote = |k: usize| {
        matches!(
            toks[k].kind,
            TokenKind::OpenQuote | TokenKind::CloseQuote | TokenKind::SingleQuote
        )
    };
    // the mentions a join swallows, removed at the end in one pass (removing them one
    // join at a time made a text of many nicknames quadratic)
    let mut gone = vec![false; out.len()];
    let mut i = 0;
    while i < out.len() {
        if gone[i] {
            i += 1;
            continue;
        }
        let a = &out[i];
        let open = a.tokens.end;
        let joined = (a.tokens.len() == 1
            && (a.kind == EntityKind::Person || ctx.lx.given_names.contains_key(a.text.as_str())))
        .then(|| {
            if open >= toks.len() || !quote(open) {
                return None;
            }
            // the closing quote within four words, all capitalized
            let close = (open + 1..toks.len().min(open + 6)).find(|&k| quote(k))?;
            if close == open + 1 || (open + 1..close).any(|k| !ctx.is_cap(k)) {
                return None;
            }
            // mentions are in text order: the first one after the quote, if it starts
            // right there
            let j = (i + 1..out.len()).find(|&j| out[j].tokens.start > close)?;
            let b = &out[j];
            if b.tokens.start != close + 1 || gone[j] {
                return None;
            }
            (b.kind == EntityKind::Person || b.tentative).then_some(j)
        })
        .flatten();
        if let Some(j) = joined {
            let b = out[j].clone();
            let a = &mut out[i];
            // the name without the nickname; the span covers all of it
            a.text = format!("{} {}", a.text, b.text);
            a.tokens = a.tokens.start..b.tokens.end;
            a.span = Span::new(a.span.start, b.span.end);
            a.kind = EntityKind::Person;
            a.tentative = false;
            a.weak = false;
            a.confidence = a.confidence.max(b.confidence);
            // the nickname's own mention and the surname's go
            let (s, e) = (a.tokens.start, a.tokens.end);
            for k in i + 1..out.len() {
                if out[k].tokens.start >= e {
                    break;
                }
                if out[k].tokens.start >= s && out[k].tokens.end <= e {
                    gone[k] = true;
                }
            }
            // and any before it inside the joined name
            for k in (0..i).rev() {
                if out[k].tokens.end <= s {
                    break;
                }
                if out[k].tokens.start >= s && out[k].tokens.end <= e {
                    gone[k] = true;
                }
            }
        }
        i += 1;
    }
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        !gone[k - 1]
    });
}

/// The places of an all-caps dateline (`WARSAW, Poland —`, `RIO DE JANEIRO, BRAZIL –`):
/// each run of capitalized words the place lexicon knows. The dateline is in no sentence;
/// its mentions belong to the sentence after it.
fn dateline_places(ctx: &Ctx) -> Vec<Mention> {
    let seg = ctx.tok.seg;
    let mut out = Vec::new();
    let Some(r) = seg.dateline.clone() else {
        return out;
    };
    let Some(si) = seg.sentences.iter().position(|s| s.tokens.start >= r.end) else {
        return out;
    };
    let mut t = r.start;
    while t < r.end {
        if !ctx.is_cap(t) {
            t += 1;
            continue;
        }
        let mut e = t + 1;
        while e < r.end && ctx.is_cap(e) {
            e += 1;
        }
        let span = context::span_of(ctx, &(t..e));
        if let Some((kind @ EntityKind::Place, canonical, capital_of)) =
            context::lookup(ctx.lx, &ctx.tok.text[span.range()])
        {
            out.push(Mention {
                tokens: t..e,
                span,
                sentence: si,
                kind,
                text: ctx.tok.text[span.range()].to_string(),
                canonical: Some(canonical),
                title: None,
                gender: None,
                capital_of,
                confidence: confidence::LEXICON,
                tentative: false,
                weak: false,
            });
        }
        t = e;
    }
    out
}

#[cfg(test)]
mod tests;
