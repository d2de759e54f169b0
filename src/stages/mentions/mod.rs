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

use std::collections::HashSet;
use std::ops::Range;

use crate::lexicon::words::{WordClass, is};
use crate::lexicon::{Gender, Lexicon, lexicon};
use crate::stages::segment::{Segmentation, Span, TokenKind};
use crate::stages::tokens::TokenView;
use crate::tagger::Upos;
use crate::tagging::Tags;
use crate::text::Document;
use crate::text::shape::{
    is_all_caps, is_capitalized, is_clitic, is_initial, is_plural_acronym, is_title_case,
};
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

/// Read-only view of the text for the detectors.
struct Ctx<'a> {
    tok: TokenView<'a>,
    /// Sentences written mostly in capitals (headlines, shouting): no acronyms there.
    caps_sentences: Vec<bool>,
    /// Sentences in headline capitalization: capitals there do not mark names.
    title_case: Vec<bool>,
    lx: &'static Lexicon,
    /// Word forms capitalized somewhere that is not a sentence start.
    inner_caps: HashSet<&'a str>,
}

impl<'a> Ctx<'a> {
    fn is_cap(&self, t: usize) -> bool {
        if !self.tok.is_word(t) {
            return false;
        }
        let w = self.tok.word(t);
        if is_capitalized(w) {
            return !is_clitic(w);
        }
        // "al-Qaeda", "bin-Salman", "el-Sisi": a particle joined to a capitalized name
        w.split_once('-')
            .is_some_and(|(p, rest)| is(WordClass::NameParticle, p) && is_capitalized(rest))
    }

    /// In a headline-capitalized sentence, a capitalized common word ("Invokes", "In")
    /// is not part of a name.
    fn headline_word(&self, si: usize, t: usize) -> bool {
        self.title_case[si] && {
            let w = self.tok.word(t);
            let lw = w.to_lowercase();
            is(WordClass::FunctionWord, lw.as_str())
                || (lookup(self.lx, w).is_none()
                    && self.lx.title(&lw).is_none()
                    && ((self.lx.is_common(&lw) && !self.lx.given_names.contains_key(w))
                        || matches!(
                            self.tok.tag(t),
                            Upos::Verb | Upos::Aux | Upos::Adp | Upos::Det | Upos::Cconj
                        )
                        || (["ing", "ed", "es", "s"].iter().any(|e| lw.ends_with(e))
                            && !self.lx.given_names.contains_key(w)
                            && !self.lx.surnames.contains(&lw))))
        }
    }

    fn title_words(&self, t: usize, end: usize) -> Option<usize> {
        title_len(self, t, end)
    }
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
    let mut out = Vec::new();
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
    out
}

/// Extends a capitalized run from `t` over capitalized words and name connectors.
fn extend_run(ctx: &Ctx, si: usize, t: usize, end: usize) -> usize {
    let mut j = t + 1;
    let mut has_of = false;
    while j < end {
        if ctx.headline_word(si, j) {
            break;
        }
        if ctx.is_cap(j) {
            // "U.S. Senate" but not a run across a comma or quote (different tokens anyway)
            j += 1;
            continue;
        }
        let w = ctx.tok.word(j);
        let next_cap = j + 1 < end && ctx.is_cap(j + 1);
        if next_cap && ctx.tok.is_word(j) && is(WordClass::NameParticle, w) && j > t {
            j += 1;
            continue;
        }
        if next_cap && matches!(w, "of" | "for" | "on") {
            let prev = ctx.tok.word(j - 1);
            if is(WordClass::OfHead, prev) || ctx.lx.org_words.contains(prev) {
                has_of = true;
                j += 1;
                continue;
            }
        }
        if next_cap && w == "and" && (has_of || and_joins_org(ctx, t, j, end)) {
            j += 1;
            continue;
        }
        if next_cap && w == "the" && j > t && ctx.tok.word(j - 1) == "of" {
            j += 1;
            continue;
        }
        break;
    }
    j
}

/// `Exhibition and Conference Centre`: an `and` at `j` inside one organization's name —
/// the capitalized words after it end with an organization head word, and the words
/// before it are neither a known name nor a complete organization name.
fn and_joins_org(ctx: &Ctx, t: usize, j: usize, end: usize) -> bool {
    let mut k = j + 1;
    while k < end && ctx.is_cap(k) {
        k += 1;
    }
    let left_last = ctx.tok.word(j - 1);
    let left = span_of(ctx, &(t..j));
    k > j + 1
        && ctx.lx.org_words.contains(ctx.tok.word(k - 1))
        && !ctx.lx.org_words.contains(left_last)
        && lookup(ctx.lx, &ctx.tok.text[left.range()]).is_none()
        && lookup(ctx.lx, left_last).is_none()
        && j - t <= 3
        && (t..j).all(|k| {
            let w = ctx.tok.word(k);
            !ctx.lx.given_names.contains_key(w) && ctx.lx.title(&w.to_lowercase()).is_none()
        })
        && (t..j)
            .filter(|&k| ctx.lx.is_common(&ctx.tok.word(k).to_lowercase()))
            .count()
            * 2
            >= j - t
}

/// Longest title in tokens ("Deputy Assistant Secretary of State for …" is 7).
const MAX_TITLE_TOKENS: usize = 12;

/// Length in tokens of a title at `t` ("Foreign Minister", "Press Secretary",
/// "Secretary of State", "President"), or None.
fn title_len(ctx: &Ctx, t: usize, end: usize) -> Option<usize> {
    let lx = ctx.lx;
    // titles are short; the cap keeps runs of title words ("Deputy Deputy …") linear
    let end = end.min(t + MAX_TITLE_TOKENS);
    // modifiers then a head; all tokens capitalized in a name run
    let mut k = t;
    let mut last_head = None;
    while k < end && ctx.tok.is_word(k) {
        let lw = ctx.tok.word(k).to_lowercase();
        let lw = lw.trim_end_matches('.');
        if lx.title(lw).is_some() {
            last_head = Some(k);
            // "Secretary of State", "Minister of Defence", "Chief of Staff"
            if k + 2 < end
                && ctx.tok.word(k + 1) == "of"
                && ctx.is_cap(k + 2)
                && is(WordClass::TitleComplement, ctx.tok.word(k + 2))
            {
                last_head = Some(k + 2);
                k += 3;
                continue;
            }
            k += 1;
            continue;
        }
        if lx.title_modifiers.contains(lw) {
            k += 1;
            continue;
        }
        break;
    }
    last_head.map(|h| h + 1 - t)
}

/// A run starting at `start` begins with a multi-word lexicon name ("White House").
fn known_prefix(ctx: &Ctx, start: usize, end: usize) -> bool {
    (start + 2..=end.min(start + 5)).any(|e| {
        let sp = span_of(ctx, &(start..e));
        lookup(ctx.lx, &ctx.tok.text[sp.range()]).is_some()
    })
}

/// Looks a surface form up in the place and organization lexicons.
fn lookup(lx: &Lexicon, name: &str) -> Option<(EntityKind, String, Option<String>)> {
    if let Some(o) = lx.orgs.get(name) {
        return Some((EntityKind::Organization, o.canonical.clone(), None));
    }
    if let Some(p) = lx.places.get(name) {
        return Some((EntityKind::Place, p.canonical.clone(), p.capital_of.clone()));
    }
    None
}

fn span_of(ctx: &Ctx, r: &Range<usize>) -> Span {
    Span::new(
        ctx.tok.seg.tokens[r.start].span.start,
        ctx.tok.seg.tokens[r.end - 1].span.end,
    )
}

fn process_run(ctx: &Ctx, si: usize, run: Range<usize>, sent_start: usize, out: &mut Vec<Mention>) {
    let lx = ctx.lx;
    let mut start = run.start;
    let end = run.end;
    let mut title: Option<TitleInfo> = None;
    let mut gender = None;
    let mut person_evidence = false;

    loop {
        if start >= end {
            return;
        }
        // hyphenated compounds of known names: "U.S.-Ukraine", "US-mediated"
        if end - start == 1
            && ctx.tok.word(start).contains('-')
            && lookup(lx, ctx.tok.word(start)).is_none()
        {
            compound_mentions(ctx, si, start, out);
            return;
        }
        // an adjective compound before a name: "US-based X", "Kremlin-backed X"
        if let Some((_, tail)) = ctx.tok.word(start).rsplit_once('-')
            && tail.chars().all(char::is_lowercase)
            && !tail.is_empty()
        {
            compound_mentions(ctx, si, start, out);
            start += 1;
            continue;
        }
        // plural acronyms are people, not organizations: "MEPs", "MPs", "CEOs"
        if is_plural_acronym(ctx.tok.word(start)) {
            start += 1;
            continue;
        }
        let w = ctx.tok.word(start);
        let at_sentence_start = start == sent_start || {
            let prev = ctx.tok.seg.tokens[start - 1];
            matches!(
                prev.kind,
                TokenKind::OpenQuote | TokenKind::Dash | TokenKind::SingleQuote
            ) || matches!(&ctx.tok.text[prev.span.range()], ":" | "(" | ";")
        };
        if let Some(g) = lx.honorific(w) {
            gender = gender.or(g);
            person_evidence = true;
            let sp = span_of(ctx, &(start..start + 1));
            title = Some(TitleInfo {
                text: w.to_string(),
                span: sp,
                tokens: start..start + 1,
            });
            start += 1;
            continue;
        }
        if let Some(n) = ctx.title_words(start, end)
            && start + n < end
        {
            let r = start..start + n;
            let sp = span_of(ctx, &r);
            title = Some(TitleInfo {
                text: ctx.tok.text[sp.range()].to_string(),
                span: sp,
                tokens: r,
            });
            person_evidence = true;
            start += n;
            continue;
        }
        if let Some(n) = ctx.title_words(start, end)
            && start + n == end
        {
            // a bare title ("the President said"): not a named mention
            return;
        }
        // a demonym before a title or a name: "Russian President X", "Israeli X"
        // a demonym is not a name: "Russian President X", "Israeli officials", "Israelis";
        // but it belongs to an organization's name: "Palestinian Authority", "Ukrainian Air Force"
        if (lx.demonyms.contains_key(w) || lx.party_adjectives.contains(w))
            && lookup(lx, w).is_none()
            && !known_prefix(ctx, start, end)
            && !(start + 1 < end
                && lx.org_words.contains(ctx.tok.word(end - 1))
                && (start + 1..end).all(|k| ctx.title_words(k, end).is_none()))
        {
            start += 1;
            continue;
        }
        if at_sentence_start
            && lx.is_common(&w.to_lowercase())
            && !known_prefix(ctx, start, end)
            && !ctx.inner_caps.contains(w)
            && lookup(lx, w).is_none()
            && !(start + 1 < end && lx.given_names.contains_key(w))
        {
            start += 1;
            continue;
        }
        // headline capitalization: a name starts at its given name ("Rival Dana Korvel")
        if ctx.title_case[si]
            && start + 2 < end
            && !lx.given_names.contains_key(w)
            && lx.given_names.contains_key(ctx.tok.word(start + 1))
            && lookup(lx, w).is_none()
            && ctx.title_words(start, end).is_none()
        {
            start += 1;
            continue;
        }
        if ctx.lx.not_names.contains(w)
            || (is(WordClass::FunctionWord, w.to_lowercase().as_str())
                && !known_prefix(ctx, start, end))
        {
            start += 1;
            continue;
        }
        break;
    }

    // An honorific inside the run starts a new name: "told the BBC Mr Hale had ..."
    if let Some(k) =
        (start + 1..end.saturating_sub(1)).find(|&k| lx.honorific(ctx.tok.word(k)).is_some())
    {
        process_run(ctx, si, start..k, sent_start, out);
        process_run(ctx, si, k..end, sent_start, out);
        return;
    }
    // An affiliation and a title inside the run: "White House Press Secretary Jane Roe",
    // "U.S. Secretary of State John Roe".
    if title.is_none() {
        for k in start + 1..end {
            if let Some(n) = ctx.title_words(k, end)
                && k + n < end
            {
                let left = start..k;
                let left_text = &ctx.tok.text[span_of(ctx, &left).range()];
                let left_known = lookup(lx, left_text).is_some()
                    || lx.org_words.contains(ctx.tok.word(k - 1))
                    || (k == start + 1 && is_all_caps(left_text) && left_text.len() >= 2)
                    || lx.demonyms.contains_key(left_text);
                if left_known {
                    if !lx.demonyms.contains_key(left_text) {
                        push_name(ctx, si, left, None, None, false, out);
                    }
                    let r = k..k + n;
                    let sp = span_of(ctx, &r);
                    title = Some(TitleInfo {
                        text: ctx.tok.text[sp.range()].to_string(),
                        span: sp,
                        tokens: r,
                    });
                    person_evidence = true;
                    start = k + n;
                    break;
                }
            }
        }
    }
    if start >= end {
        return;
    }
    // drop trailing day/month words ("Moscow Tuesday")
    let mut end = end;
    while end > start + 1 && lx.not_names.contains(ctx.tok.word(end - 1)) {
        end -= 1;
    }
    // "the Harmon administration": a government named after its leader
    if end < ctx.tok.seg.sentences[si].tokens.end
        && matches!(ctx.tok.word(end), "administration" | "Administration")
        && title.is_none()
    {
        let r = start..end + 1;
        let span = span_of(ctx, &r);
        out.push(Mention {
            tokens: r,
            span,
            sentence: si,
            kind: EntityKind::Organization,
            text: ctx.tok.text[span.range()].to_string(),
            canonical: None,
            title: None,
            gender: None,
            capital_of: None,
            confidence: 0.8,
            tentative: false,
            weak: false,
        });
        return;
    }
    push_name(ctx, si, start..end, title, gender, person_evidence, out);
}

/// A hyphenated token: mention each part that is a known place or organization.
fn compound_mentions(ctx: &Ctx, si: usize, t: usize, out: &mut Vec<Mention>) {
    let tok = ctx.tok.seg.tokens[t];
    let w = ctx.tok.word(t);
    let mut off = 0;
    for part in w.split('-') {
        let p_start = tok.span.start + off;
        off += part.len() + 1;
        if part.is_empty() {
            continue;
        }
        if let Some((kind, canonical, capital_of)) = lookup(ctx.lx, part) {
            out.push(Mention {
                tokens: t..t + 1,
                span: Span::new(p_start, p_start + part.len()),
                sentence: si,
                kind,
                text: part.to_string(),
                canonical: Some(canonical),
                title: None,
                gender: None,
                capital_of,
                confidence: 0.8,
                tentative: false,
                weak: false,
            });
        }
    }
}

fn push_name(
    ctx: &Ctx,
    si: usize,
    r: Range<usize>,
    title: Option<TitleInfo>,
    gender: Option<Gender>,
    person_evidence: bool,
    out: &mut Vec<Mention>,
) {
    let lx = ctx.lx;
    let span = span_of(ctx, &r);
    let text = &ctx.tok.text[span.range()];
    let n = r.len();
    let first = ctx.tok.word(r.start);
    let last = ctx.tok.word(r.end - 1);
    let mut m = Mention {
        tokens: r.clone(),
        span,
        sentence: si,
        kind: EntityKind::Person,
        text: text.to_string(),
        canonical: None,
        title,
        gender,
        capital_of: None,
        confidence: 0.9,
        tentative: false,
        weak: false,
    };
    if n == 1 && (lx.not_names.contains(first) || is_initial(first)) {
        return;
    }
    if let Some((kind, canonical, capital_of)) = lookup(lx, text) {
        if person_evidence && kind == EntityKind::Place {
            // "President Jackson", "Mr Washington": a person named like a place
            m.kind = EntityKind::Person;
        } else {
            m.kind = kind;
            m.canonical = Some(canonical);
            m.capital_of = capital_of;
            m.confidence = 0.95;
        }
        out.push(m);
        return;
    }
    if person_evidence {
        if m.gender.is_none() {
            m.gender = given_gender(lx, first);
        }
        out.push(m);
        return;
    }
    // organization head words: "Chatham House", "Ministry of Defence", "Labour Party"
    if lx.org_words.contains(last)
        || (n > 1 && is(WordClass::OfHead, first) && text.contains(" of "))
    {
        m.kind = EntityKind::Organization;
        m.confidence = 0.85;
        out.push(m);
        return;
    }
    // place head and first words: "Pennsylvania Avenue", "Lake Worth", "Mount Kenya"
    if n >= 2 && (lx.place_heads.contains(last) || lx.place_firsts.contains(first)) {
        m.kind = EntityKind::Place;
        m.confidence = 0.75;
        out.push(m);
        return;
    }
    if text.contains(" of ") {
        // "Gulf of Mexico", "Republic of Korea"
        m.kind = EntityKind::Place;
        m.confidence = 0.6;
        out.push(m);
        return;
    }
    // acronyms: "OPEC", "IAEA"
    let shouting = ctx.caps_sentences[si];
    if n == 1
        && !shouting
        && is_all_caps(first)
        && first.chars().filter(|c| c.is_alphabetic()).count() >= 2
    {
        m.kind = EntityKind::Organization;
        m.confidence = 0.7;
        out.push(m);
        return;
    }
    if n >= 2 {
        // a run of five or more words, or of capitals only ("READERS SAY"), is no name
        if n >= 5
            || ctx.tok.seg.tokens[r.clone()]
                .iter()
                .all(|t| is_all_caps(&ctx.tok.text[t.span.range()]))
        {
            return;
        }
        // a multi-word name whose words are not common words is a person's name,
        // the more so with a known given name
        let given = lx.given_names.contains_key(first);
        let proper = r.clone().any(|t| ctx.tok.tag(t) == Upos::Propn);
        if !proper && !given {
            return;
        }
        let commons = ctx.tok.seg.tokens[r.clone()]
            .iter()
            .filter(|t| {
                let w = &ctx.tok.text[t.span.range()];
                lx.is_common(&w.to_lowercase()) && !lx.given_names.contains_key(w)
            })
            .count();
        if given || commons == 0 {
            m.gender = given_gender(lx, first);
            m.confidence = if given { 0.9 } else { 0.7 };
            out.push(m);
        } else if commons < n {
            // "Harmon Group"-like runs without a head word: keep as a weak organization
            m.kind = EntityKind::Organization;
            m.confidence = 0.4;
            out.push(m);
        }
        return;
    }
    // a single unknown capitalized word: a surname, a place or an organization; the
    // entity stage decides from coreference, this stage from context
    if shouting || (lx.is_common(&first.to_lowercase()) && !ctx.inner_caps.contains(first)) {
        return;
    }
    // a word alone in quotation marks is a title or a term: “Unfit,”
    let quoted = r.start > 0
        && ctx.tok.seg.tokens[r.start - 1].kind == TokenKind::OpenQuote
        && ctx.tok.seg.tokens.get(r.end).is_some_and(|t| {
            t.kind == TokenKind::CloseQuote || matches!(&ctx.tok.text[t.span.range()], "," | ".")
        });
    if quoted {
        return;
    }
    // not tagged a proper noun: kept only if it turns out to be a known person's surname
    // Also weak: a word capitalized only where a sentence starts ("Licensees must ...").
    let sentence_initial = r.start == ctx.tok.seg.sentences[si].tokens.start;
    m.weak = ctx.tok.tag(r.start) != Upos::Propn
        || (sentence_initial
            && !ctx.inner_caps.contains(first)
            && !lx.surnames.contains(&first.to_lowercase()));
    let prev = (r.start > 0).then(|| ctx.tok.word(r.start - 1).to_lowercase());
    let prev2 = (r.start > 1).then(|| ctx.tok.word(r.start - 2).to_lowercase());
    let place_ctx = prev
        .as_deref()
        .is_some_and(|p| is(WordClass::PlacePreposition, p))
        || (prev.as_deref() == Some("of")
            && prev2
                .as_deref()
                .is_some_and(|p| is(WordClass::PlaceNoun, p)));
    if place_ctx {
        m.kind = EntityKind::Place;
        m.confidence = 0.6;
    } else if lx.surnames.contains(&first.to_lowercase())
        || lx.given_names.contains_key(first)
        || next_is_cue(ctx, r.end)
    {
        m.gender = given_gender(lx, first);
        m.confidence = 0.5;
    } else {
        // a lone unknown proper noun with no person evidence: most often a company,
        // party or body ("Enron", "Hamas"); coreference may still make it a surname
        m.kind = EntityKind::Organization;
        m.confidence = 0.4;
    }
    m.tentative = true;
    out.push(m);
}

/// The word after a name is a speech verb ("X said", "X told").
fn next_is_cue(ctx: &Ctx, t: usize) -> bool {
    t < ctx.tok.seg.tokens.len()
        && ctx
            .lx
            .cues
            .get(ctx.tok.word(t))
            .is_some_and(|c| c.strength == 1)
}

fn given_gender(lx: &Lexicon, first: &str) -> Option<Gender> {
    lx.given_names
        .get(first)
        .filter(|(_, share)| *share >= 0.85)
        .map(|(g, _)| *g)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::segment::segment;

    fn mentions(text: &str) -> Vec<(String, EntityKind, Option<String>)> {
        let doc = Document::new("t", text);
        let seg = segment(&doc);
        detect(&doc, &seg, &crate::tagging::tag(&doc, &seg))
            .into_iter()
            .map(|m| (m.text, m.kind, m.title.map(|t| t.text)))
            .collect()
    }

    fn names(text: &str) -> Vec<(String, EntityKind)> {
        mentions(text).into_iter().map(|(n, k, _)| (n, k)).collect()
    }

    fn has(ms: &[(String, EntityKind, Option<String>)], name: &str, kind: EntityKind) -> bool {
        ms.iter().any(|(n, k, _)| n == name && *k == kind)
    }

    #[test]
    fn titles_split_from_names() {
        let ms = mentions(
            "Estonian President Mart Kivisoo met Prime Minister Ilse Vandamme and Lunar Ministry spokesman Oskar Pellinen in Tallinn.",
        );
        assert!(ms.contains(&(
            "Mart Kivisoo".into(),
            EntityKind::Person,
            Some("President".into())
        )));
        assert!(ms.contains(&(
            "Ilse Vandamme".into(),
            EntityKind::Person,
            Some("Prime Minister".into())
        )));
        assert!(has(&ms, "Lunar Ministry", EntityKind::Organization));
        assert!(has(&ms, "Oskar Pellinen", EntityKind::Person));
        assert!(has(&ms, "Tallinn", EntityKind::Place));
    }

    #[test]
    fn affiliation_inside_a_capitalized_run() {
        let ms = mentions("White House Press Secretary Dana Korvel spoke on Monday.");
        assert!(has(&ms, "White House", EntityKind::Organization));
        assert!(ms.contains(&(
            "Dana Korvel".into(),
            EntityKind::Person,
            Some("Press Secretary".into())
        )));
    }

    #[test]
    fn sentence_initial_common_words_are_not_names() {
        let ms = mentions("Following the vote, officials left. Key issues remain unresolved.");
        assert!(ms.is_empty(), "{ms:?}");
    }

    #[test]
    fn organizations_by_head_word_and_of() {
        let ms = mentions(
            "Anna Berg of Harwood House spoke to the Ministry of Defence and the Bank of Lorland.",
        );
        assert!(has(&ms, "Anna Berg", EntityKind::Person));
        assert!(has(&ms, "Harwood House", EntityKind::Organization));
        assert!(has(&ms, "Ministry of Defence", EntityKind::Organization));
        assert!(has(&ms, "Bank of Lorland", EntityKind::Organization));
    }

    #[test]
    fn hyphenated_compounds_and_honorifics() {
        let ms = mentions("After U.S.-Ukraine talks, Mr Dorrance said NATO would wait.");
        assert!(has(&ms, "U.S.", EntityKind::Place));
        assert!(has(&ms, "Ukraine", EntityKind::Place));
        assert!(ms.contains(&("Dorrance".into(), EntityKind::Person, Some("Mr".into()))));
        assert!(has(&ms, "NATO", EntityKind::Organization));
    }

    #[test]
    fn unknown_word_after_place_preposition_is_a_place() {
        let ms = mentions("Troops captured the hub of Zorivka and moved near Balakivsk.");
        assert!(has(&ms, "Zorivka", EntityKind::Place));
        assert!(has(&ms, "Balakivsk", EntityKind::Place));
    }

    #[test]
    fn demonym_organizations_and_administrations() {
        let ms = names(
            "The Palestinian Authority and the Ukrainian Air Force said the Harmon administration erred.",
        );
        assert!(
            ms.contains(&("Palestinian Authority".into(), EntityKind::Organization)),
            "{ms:?}"
        );
        assert!(
            ms.contains(&("Ukrainian Air Force".into(), EntityKind::Organization)),
            "{ms:?}"
        );
        assert!(
            ms.contains(&("Harmon administration".into(), EntityKind::Organization)),
            "{ms:?}"
        );
    }

    #[test]
    fn continental_adjectives_and_initials_are_not_names() {
        let ms = names("European diplomats met Asian envoys. She wrote on X.");
        assert!(ms.is_empty(), "{ms:?}");
    }

    #[test]
    fn and_inside_an_organization_name() {
        let ms =
            names("The casino could be built at the Northern Exhibition and Conference Centre.");
        assert!(
            ms.contains(&(
                "Northern Exhibition and Conference Centre".into(),
                EntityKind::Organization
            )),
            "{ms:?}"
        );
        let ms = names("Officials from Brandt and Halvorsen Group attended.");
        assert!(!ms.iter().any(|(n, _)| n.contains(" and ")), "{ms:?}");
    }

    #[test]
    fn adjective_compounds_and_plural_acronyms() {
        let ms = names(
            "The US-based Zentrix Corp hired two MEPs and the Kremlin-backed Nordvale Group.",
        );
        assert!(ms.contains(&("US".into(), EntityKind::Place)), "{ms:?}");
        assert!(
            ms.contains(&("Zentrix Corp".into(), EntityKind::Organization)),
            "{ms:?}"
        );
        assert!(
            ms.contains(&("Nordvale Group".into(), EntityKind::Organization)),
            "{ms:?}"
        );
        assert!(!ms.iter().any(|(n, _)| n == "MEPs"), "{ms:?}");
    }

    #[test]
    fn an_honorific_inside_a_run_starts_a_new_name() {
        let ms = names("Aides told the BBC Mr Dorrance had always backed the plan.");
        assert!(
            ms.contains(&("BBC".into(), EntityKind::Organization)),
            "{ms:?}"
        );
        assert!(
            ms.contains(&("Dorrance".into(), EntityKind::Person)),
            "{ms:?}"
        );
    }

    #[test]
    fn headline_capitalization_and_quoted_words() {
        let ms = names(
            "The campaign ran ads this week.\n\nSenator Invokes Rival Dana Korvel In Ad Attacking Mayor Lena Brandt. The second spot, titled \u{201c}Unfit,\u{201d} aired. HUFFPOST READERS wrote on Nov. 8.",
        );
        assert!(
            ms.contains(&("Dana Korvel".into(), EntityKind::Person)),
            "{ms:?}"
        );
        assert!(
            ms.contains(&("Lena Brandt".into(), EntityKind::Person)),
            "{ms:?}"
        );
        assert!(
            !ms.iter()
                .any(|(n, _)| n.contains("Invokes") || n.contains("Attacking")),
            "{ms:?}"
        );
        assert!(
            !ms.iter()
                .any(|(n, _)| n == "Unfit" || n.contains("READERS") || n.starts_with("Nov")),
            "{ms:?}"
        );
    }

    #[test]
    fn party_adjectives_acronym_affiliations_and_place_words() {
        let ms = names(
            "Republican Dana Korvel met NRB Chairman Lars Ekdahl on Harlow Avenue near Lake Brenner, Fla. He left.",
        );
        assert!(
            ms.contains(&("Dana Korvel".into(), EntityKind::Person)),
            "{ms:?}"
        );
        assert!(
            ms.contains(&("NRB".into(), EntityKind::Organization)),
            "{ms:?}"
        );
        assert!(
            ms.contains(&("Lars Ekdahl".into(), EntityKind::Person)),
            "{ms:?}"
        );
        assert!(
            ms.contains(&("Harlow Avenue".into(), EntityKind::Place)),
            "{ms:?}"
        );
        assert!(
            ms.contains(&("Lake Brenner".into(), EntityKind::Place)),
            "{ms:?}"
        );
        assert!(ms.contains(&("Fla.".into(), EntityKind::Place)), "{ms:?}");
        assert!(!ms.iter().any(|(n, _)| n.contains("He")), "{ms:?}");
        let ms = names(
            "The Republican Party and the Green Party met the Liberal Democrats to discuss reforms.",
        );
        assert!(
            ms.contains(&("Liberal Democrats".into(), EntityKind::Organization)),
            "{ms:?}"
        );
        assert!(
            ms.contains(&("Republican Party".into(), EntityKind::Organization)),
            "{ms:?}"
        );
    }

    #[test]
    fn listening_to_someone_is_not_a_place() {
        let ms = names("They can listen to Brahmsley while they wait.");
        assert!(!ms.iter().any(|(_, k)| *k == EntityKind::Place), "{ms:?}");
    }
}
