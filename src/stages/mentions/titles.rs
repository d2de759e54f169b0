//! Titles inside capitalized runs: modifiers then a head (`Deputy Foreign Minister`),
//! with `of` complements (`Secretary of State`).

use super::context::Ctx;
use crate::lexicon::words::{WordClass, is};

/// Longest title in tokens ("Deputy Assistant Secretary of State for …" is 7).
pub(super) const MAX_TITLE_TOKENS: usize = 12;

/// Length in tokens of a title at `t` ("Foreign Minister", "Press Secretary",
/// "Secretary of State", "President"), or None.
pub(super) fn title_len(ctx: &Ctx, t: usize, end: usize) -> Option<usize> {
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
