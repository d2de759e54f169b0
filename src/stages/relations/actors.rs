//! What a noun phrase stands for: an actor (an entity, a resolved pronoun, a country for a
//! demonym or a state noun, a group for a collective noun) or a proposal; and the lists of
//! coordinated phrases (`A, B and C`) with appositions folded in.

use super::chunks::{Np, Sent, is_time_head};
use super::facts::{Actor, Extractor, KnownProposal, LOOKBACK, Obj, Side};
use crate::lexicon::relations::{Pos, Sense};
use crate::lexicon::words::{WordClass, is};
use crate::lexicon::{PlaceKind, lexicon as world};
use crate::stages::entities::Entities;
use crate::tagger::Upos;
use crate::vocab::EntityKind;

/// Titles with a description's head word looked back at for its holder.
const TITLE_LOOKBACK: usize = 32;

impl<'a> Extractor<'a> {
    pub(super) fn country_of_word(&self, w: &str) -> Option<String> {
        let lx = world();
        let w = w.trim_end_matches(['\'', '’']);
        if let Some((c, _)) = lx.demonyms.get(w) {
            return Some(c.clone());
        }
        lx.places
            .get(w)
            .filter(|p| p.kind == PlaceKind::Country)
            .map(|p| p.canonical.clone())
    }

    /// Countries named inside a hyphenated word: `U.S.-Ukraine`, `US-mediated`.
    pub(super) fn hyphen_countries(&self, w: &str) -> Vec<String> {
        if !w.contains('-') {
            return Vec::new();
        }
        let mut out = Vec::new();
        for part in w.split('-') {
            if let Some(c) = self.country_of_word(part)
                && !out.contains(&c)
            {
                out.push(c);
            }
        }
        out
    }

    pub(super) fn is_country_entity(&self, ents: &Entities, e: usize) -> bool {
        let en = &ents.entities[e];
        en.kind == EntityKind::Place
            && world()
                .places
                .get(&en.name)
                .is_some_and(|p| p.kind == PlaceKind::Country)
    }

    /// The group name of a phrase: its words without leading determiners, with a
    /// following `of` phrase (`members of Congress`).
    pub(super) fn group_name(&self, s: &Sent, np: &Np) -> String {
        let mut a = np.start;
        while a < np.head() && is(WordClass::Determiner, s.lw(a)) {
            a += 1;
        }
        let mut end = np.end;
        if s.lw(end) == "of"
            && let Some(n2) = s.np_starting(end + 1)
        {
            end = n2.end;
        }
        let mut name = s.words[a..end].join(" ");
        if s.tag[a] == Upos::Noun
            && let Some(c) = name.chars().next()
            && c.is_uppercase()
        {
            name = c.to_lowercase().chain(name.chars().skip(1)).collect();
        }
        name
    }

    /// The actor a noun phrase stands for.
    /// "the Tory spokesman", "the prime minister": a definite description whose words are
    /// all words of a title the article gave a named person earlier (its head among
    /// them) is that person — the most recent such holder.
    fn title_holder(&self, s: &Sent, np: &Np) -> Option<usize> {
        if s.lw(np.start) != "the" || np.end - np.start < 2 || np.end - np.start > 5 {
            return None;
        }
        let at = self.tok.seg.tokens[s.lo + np.start].span.start;
        let words = np.start + 1..np.end;
        if words.clone().any(|k| {
            s.tag[k] == Upos::Propn && !s.words[k].is_empty() && {
                // a proper name inside ("the Kovac government") names its own actor
                s.words[k].chars().next().is_some_and(char::is_uppercase)
                    && !self.titles_by_word.contains_key(s.lw(k))
            }
        }) {
            return None;
        }
        // the titles holding the head word, latest first before the description (a bounded
        // look back: a long text of titles stays linear)
        let with_head = self.titles_by_word.get(s.lw(np.head()))?;
        let before = with_head.partition_point(|&i| self.titles[i].2 < at);
        with_head[..before]
            .iter()
            .rev()
            .take(TITLE_LOOKBACK)
            .map(|&i| &self.titles[i])
            .find(|t| words.clone().all(|k| t.0.iter().any(|w| w == s.lw(k))))
            .map(|t| t.1)
    }

    pub(super) fn np_actor(&self, s: &Sent, np: &Np, ents: &Entities) -> Option<Side> {
        let h = np.head();
        let hw = s.lw(h);
        if np.end - np.start == 1 && is(WordClass::PersonalPronoun, hw) {
            return ents
                .resolve_pronoun(self.tok.seg, self.tok.text, s.lo + h)
                .map(|e| Side {
                    actor: Actor::Ent(e),
                    weak: true,
                });
        }
        if let Some(e) = self.title_holder(s, np) {
            return Some(Side {
                actor: Actor::Ent(e),
                weak: true,
            });
        }
        if let Some(e) = ents.entity_at(s.lo + h) {
            let kind = ents.entities[e].kind;
            // a hyphenated compound names no actor by itself (`U.S.-Ukraine`)
            if !(s.words[h].contains('-') && kind == EntityKind::Place) {
                return Some(Side {
                    actor: Actor::Ent(e),
                    weak: false,
                });
            }
        }
        // "Chilean and Peruvian negotiators": the demonym shares the next phrase's head
        if np.end - np.start == 1
            && let Some((c, false)) = world().demonyms.get(s.words[h])
            && matches!(s.lw(np.end), "and" | "or")
            && let Some(next) = s.np_starting(np.end + 1)
            && self
                .lx
                .exact(Pos::Actor, s.lw(next.head()))
                .any(|e| e.sense == Sense::State)
        {
            return Some(Side {
                actor: Actor::Country(c.clone()),
                weak: false,
            });
        }
        // demonym nouns: "the Americans"
        if let Some((c, true)) = world().demonyms.get(s.words[h]) {
            return Some(Side {
                actor: Actor::Country(c.clone()),
                weak: false,
            });
        }
        let senses: Vec<Sense> = self.lx.exact(Pos::Actor, hw).map(|e| e.sense).collect();
        if senses.is_empty() {
            return None;
        }
        if senses.contains(&Sense::State) {
            for k in np.start..h {
                if let Some(e) = ents.entity_at(s.lo + k)
                    && self.is_country_entity(ents, e)
                {
                    return Some(Side {
                        actor: Actor::Ent(e),
                        weak: false,
                    });
                }
                if let Some(c) = self.country_of_word(s.words[k]) {
                    return Some(Side {
                        actor: Actor::Country(c),
                        weak: false,
                    });
                }
            }
        }
        Some(Side {
            actor: Actor::Group(self.group_name(s, np)),
            weak: false,
        })
    }

    /// A short name for a non-actor phrase, linked to an earlier proposal it repeats.
    pub(super) fn proposal_name(&mut self, s: &Sent, np: &Np) -> Option<String> {
        let mut a = np.start;
        // skip determiners and a possessor ("Russia 's", "his")
        for k in np.start..np.end {
            if matches!(s.lw(k), "'s" | "’s") {
                a = k + 1;
            }
        }
        while a < np.head() && is(WordClass::Determiner, s.lw(a)) {
            a += 1;
        }
        if a >= np.end
            || is_time_head(s.lw(np.head()))
            || !matches!(
                s.tag[np.head()],
                Upos::Noun | Upos::Propn | Upos::Adj | Upos::Num
            )
            || is(WordClass::Determiner, s.lw(np.head()))
        {
            return None;
        }
        let hw = s.lw(np.head()).to_string();
        if world().non_proposals.contains(hw.as_str()) {
            return None;
        }
        let mut end = np.end;
        if s.lw(end) == "of"
            && let Some(n2) = s.np_starting(end + 1)
            && n2.end - n2.start <= 4
        {
            end = n2.end;
        }
        let name = s.words[a..end].join(" ");
        let is_proposal_noun = self
            .lx
            .exact(Pos::Noun, &hw)
            .any(|e| e.sense == Sense::Proposal);
        if !is_proposal_noun {
            return Some(name);
        }
        let mods: Vec<String> = (a..np.head())
            .map(|k| s.lower[k].clone())
            .filter(|m| !is(WordClass::GenericModifier, m.as_str()))
            .collect();
        let definite = matches!(s.lw(np.start), "the" | "this" | "that" | "these" | "those")
            || is(WordClass::Possessive, s.lw(np.start));
        if !mods.is_empty() || definite {
            let lo = self.proposals.len().saturating_sub(LOOKBACK);
            if let Some(p) = self.proposals[lo..]
                .iter()
                .rev()
                .find(|p| mods.iter().all(|m| p.mods.contains(m)))
            {
                return Some(p.name.clone());
            }
        }
        let mut all_mods = mods;
        all_mods.push(hw);
        self.proposals.push(KnownProposal {
            name: name.clone(),
            mods: all_mods,
        });
        Some(name)
    }

    pub(super) fn np_obj(&mut self, s: &Sent, np: &Np, ents: &Entities) -> Option<(Obj, bool)> {
        if let Some(side) = self.np_actor(s, np, ents) {
            return Some((Obj::Actor(side.actor), side.weak));
        }
        if np.end - np.start == 1 && s.tag[np.start] == Upos::Pron {
            return None;
        }
        self.proposal_name(s, np).map(|n| (Obj::Proposal(n), false))
    }

    /// Noun phrases coordinated with the one starting at `i` (`A, B and C`), appositions
    /// folded in (`her counterpart, Ines Varga,` → the named one). Returns phrase
    /// indices and the token after the list.
    pub(super) fn np_list(
        &self,
        s: &Sent,
        i: usize,
        ents: &Entities,
        clause_break: bool,
    ) -> (Vec<usize>, usize) {
        let mut out = Vec::new();
        let Some(first) = s.np.get(i).copied().flatten() else {
            return (out, i);
        };
        let mut cur = first;
        let mut k;
        loop {
            k = s.nps[cur].end;
            // "members of Congress": the of-phrase belongs to the item
            if s.lw(k) == "of"
                && let Some(j) = s.np.get(k + 1).copied().flatten()
                && ents.entity_at(s.lo + s.nps[cur].head()).is_none()
            {
                k = s.nps[j].end;
            }
            // apposition: an unnamed phrase followed by ", Name"
            if s.lw(k) == ","
                && let Some(j) = s.np.get(k + 1).copied().flatten()
                && s.nps[j].start == k + 1
                && ents.entity_at(s.lo + s.nps[cur].head()).is_none()
                && ents.entity_at(s.lo + s.nps[j].head()).is_some()
                && matches!(s.lw(s.nps[j].end), "," | "." | "and" | "or" | "")
            {
                cur = j;
                k = s.nps[j].end;
                if s.lw(k) == "," && matches!(s.lw(k + 1), "and" | "or") {
                    k += 1;
                }
            }
            out.push(cur);
            let mut n = k;
            if s.lw(n) == "," {
                n += 1;
            }
            let conj = matches!(s.lw(n), "and" | "or");
            if conj {
                n += 1;
            }
            if !conj && s.lw(k) != "," {
                break;
            }
            if s.lw(n) == "other" || s.lw(n) == "also" {
                // "and other leaders" is still the list
            }
            match s.np.get(n).copied().flatten() {
                // "… and Howard may …": the subject of a new clause
                Some(j)
                    if clause_break
                        && s.nps[j].start == n
                        && s.tag
                            .get(s.nps[j].end)
                            .is_some_and(|t| matches!(t, Upos::Verb | Upos::Aux)) =>
                {
                    break;
                }
                Some(j) if s.nps[j].start == n && j != cur => {
                    // "A, B" without a conjunction only continues before a later "and"
                    if !conj
                        && !(s.nps[j].end..s.n().min(s.nps[j].end + 6)).any(|q| s.lw(q) == "and")
                    {
                        break;
                    }
                    cur = j;
                }
                _ => break,
            }
        }
        (out, k)
    }
}
