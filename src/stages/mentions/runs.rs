//! Capitalized runs: where a run of name words ends (name particles, `of` after an
//! organization head, `and` inside an organization's name), and how a run splits into
//! titles, honorifics, demonyms and names (`White House Press Secretary Jane Roe`).

use std::ops::Range;

use super::confidence;
use super::context::{Ctx, known_prefix, lookup, span_of};
use super::typing::push_name;
use super::{Mention, TitleInfo};
use crate::lexicon::words::{WordClass, is};
use crate::stages::segment::{Span, TokenKind};
use crate::text::shape::{controls_as_spaces, is_all_caps, is_plural_acronym};
use crate::vocab::EntityKind;

/// Extends a capitalized run from `t` over capitalized words and name connectors.
pub(super) fn extend_run(ctx: &Ctx, si: usize, t: usize, end: usize) -> usize {
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
        // name particles, also in a chain: "de Souza", "von der Aue"
        let particle =
            |k: usize| ctx.tok.is_word(k) && is(WordClass::NameParticle, ctx.tok.word(k));
        if j > t
            && particle(j)
            && (next_cap || (j + 2 < end && particle(j + 1) && ctx.is_cap(j + 2)))
        {
            j += 1;
            continue;
        }
        // "Ministry of the Interior": `of the` after an organization head
        let the_cap = j + 2 < end && ctx.tok.word(j + 1) == "the" && ctx.is_cap(j + 2);
        if (next_cap || (the_cap && w == "of")) && matches!(w, "of" | "for" | "on") {
            let prev = ctx.tok.word(j - 1);
            if is(WordClass::OfHead, prev) || ctx.lx.org_words.contains(prev) {
                has_of = true;
                j += 1;
                continue;
            }
            // "Secretary of State X": a title with its complement
            if w == "of"
                && next_cap
                && ctx.lx.title(&prev.to_lowercase()).is_some()
                && is(WordClass::TitleComplement, ctx.tok.word(j + 1))
            {
                j += 1;
                continue;
            }
        }
        // "Prime Minister's Office": a title's office
        if next_cap
            && matches!(w, "'s" | "’s")
            && ctx.lx.org_words.contains(ctx.tok.word(j + 1))
            && ctx.title_words(t, j) == Some(j - t)
        {
            j += 1;
            continue;
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
pub(super) fn and_joins_org(ctx: &Ctx, t: usize, j: usize, end: usize) -> bool {
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

pub(super) fn process_run(
    ctx: &Ctx,
    si: usize,
    run: Range<usize>,
    sent_start: usize,
    out: &mut Vec<Mention>,
) {
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
            && !org_tail(ctx, start, end)
        {
            let r = start..start + n;
            let sp = span_of(ctx, &r);
            title = Some(TitleInfo {
                text: controls_as_spaces(&ctx.tok.text[sp.range()]),
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
        // a two-word demonym: "South African President X", "North Korean officials"
        if start + 1 < end
            && lx
                .demonyms
                .contains_key(&format!("{w} {}", ctx.tok.word(start + 1)))
        {
            start += 2;
            continue;
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
        // a given name that is also a not-name word stays before a surname or an unknown
        // word ("Christian Lendel"; not "Christian Democrats")
        let given_before_surname = start + 2 == end && lx.given_names.contains_key(w) && {
            let next = ctx.tok.word(start + 1);
            let ln = next.to_lowercase();
            (lx.surnames.contains(&ln) || !lx.is_common(&ln))
                && lookup(lx, next).is_none()
                && !lx.org_words.contains(next)
                && !lx.party_adjectives.contains(next)
                && !lx.not_names.contains(next)
        };
        if (ctx.lx.not_names.contains(w) && !given_before_surname)
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
    if title.is_none() && !org_tail(ctx, start, end) {
        for k in start + 1..end {
            if let Some(n) = ctx.title_words(k, end)
                && k + n < end
            {
                // portfolio words before the title: "Commerce Minister X", "Pensions
                // Secretary X" (the words are no known name)
                if portfolio(ctx, start..k) {
                    let r = start..k + n;
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
                let left = start..k;
                let left_text = &ctx.tok.text[span_of(ctx, &left).range()];
                let left_known = lookup(lx, left_text).is_some()
                    || lx.org_words.contains(ctx.tok.word(k - 1))
                    || (k == start + 1 && is_all_caps(left_text) && left_text.len() >= 2)
                    || lx.demonyms.contains_key(left_text);
                // an unknown affiliation before a title and a name: "Kestrelix CEO Dana Morrow",
                // "Harbour Point chief economist Li Wenhao" (no given name before the title)
                let left_unknown = left.len() <= 3
                    && k + n + 2 <= end
                    && (start..k).all(|j| lx.title(&ctx.tok.lower(j)).is_none());
                if left_known || left_unknown {
                    if !lx.demonyms.contains_key(left_text) {
                        let before = out.len();
                        push_name(ctx, si, left.clone(), None, None, false, out);
                        // an unknown word before a title is where the title is held, not
                        // a person; coreference may still make it a surname ("Pryce
                        // adviser X" beside "Alan Pryce")
                        if !left_known
                            && let Some(m) = out.get_mut(before)
                            && m.tokens == left
                        {
                            m.weak = false;
                            if m.kind == EntityKind::Person
                                && !(left.len() >= 2
                                    && lx.given_names.contains_key(ctx.tok.word(left.start)))
                            {
                                m.kind = EntityKind::Organization;
                                m.confidence = confidence::WEAK_ORGANIZATION;
                                m.tentative = true;
                            }
                        }
                    }
                    let r = k..k + n;
                    let sp = span_of(ctx, &r);
                    title = Some(TitleInfo {
                        text: controls_as_spaces(&ctx.tok.text[sp.range()]),
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
    // drop trailing day/month words ("Moscow Tuesday"), post-nominal titles ("Dana Roe
    // QC", "Tom Ashby MP": the roles stage reads them) and connectors left at the end
    // ("High Court on Monday")
    let mut end = end;
    while end > start + 1 {
        let w = ctx.tok.word(end - 1);
        // a given name or surname after a given name stays ("Marta Christian")
        let surname_after_given = end == start + 2
            && lx.given_names.contains_key(ctx.tok.word(start))
            && (lx.given_names.contains_key(w) || lx.surnames.contains(&w.to_lowercase()));
        if (lx.not_names.contains(w) && !surname_after_given)
            || !ctx.is_cap(end - 1)
            || (is_all_caps(w) && lx.title(&w.to_lowercase()).is_some())
        {
            end -= 1;
        } else {
            break;
        }
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
            text: controls_as_spaces(&ctx.tok.text[span.range()]),
            canonical: None,
            title: None,
            gender: None,
            capital_of: None,
            confidence: confidence::ADMINISTRATION,
            tentative: false,
            weak: false,
        });
        return;
    }
    push_name(ctx, si, start..end, title, gender, person_evidence, out);
}

/// The run `start..end` ends with an organization's head word and holds a title word
/// before it: the title is part of the organization's name ("UN General Assembly").
fn org_tail(ctx: &Ctx, start: usize, end: usize) -> bool {
    end > start + 1
        && end - start <= 6
        && ctx.lx.org_words.contains(ctx.tok.word(end - 1))
        && ctx.lx.title(&ctx.tok.lower(end - 1)).is_none()
        && (start..end - 1).any(|k| ctx.title_words(k, end - 1).is_some())
}

/// Capitalized words before a title that qualify it ("Commerce" in "Commerce Minister"):
/// one to three common words, none a known place, organization, demonym or given name.
fn portfolio(ctx: &Ctx, r: Range<usize>) -> bool {
    let lx = ctx.lx;
    !r.is_empty()
        && r.len() <= 3
        && lookup(lx, &ctx.tok.text[span_of(ctx, &r).range()]).is_none()
        && r.clone().all(|k| {
            let w = ctx.tok.word(k);
            ctx.tok.is_word(k)
                && ctx.is_cap(k)
                && !is_all_caps(w)
                && lookup(lx, w).is_none()
                && !lx.given_names.contains_key(w)
                && !lx.demonyms.contains_key(w)
                && !lx.party_adjectives.contains(w)
                && !lx.org_words.contains(w)
                // common words ("Commerce", "Pensions"); an unknown word before a title
                // is rather where it is held ("Kestrelix CEO")
                && lx.is_common(&w.to_lowercase())
        })
}

/// A hyphenated token: mention each part that is a known place or organization.
pub(super) fn compound_mentions(ctx: &Ctx, si: usize, t: usize, out: &mut Vec<Mention>) {
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
                confidence: confidence::COMPOUND_PART,
                tentative: false,
                weak: false,
            });
        }
    }
}
