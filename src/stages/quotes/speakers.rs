//! Who a speaker phrase names, one per conjunct: an entity, a pronoun (the discourse's
//! speaker first, then the pronoun resolver), a demonym for its state, a role noun held by
//! a person (`the spokesman`), or a group or institution named by its phrase.

use super::context::Cx;
use super::subjects::is_pronoun;
use crate::lexicon::words::{WordClass, is};
use crate::lexicon::{Gender, SpeakerClass};
use crate::stages::entities::{ActorRef, Actors};
use crate::tagger::Upos;
use crate::text::shape::{controls_as_spaces, is_all_caps};
use crate::vocab::EntityKind;

impl<'a> Cx<'a> {
    /// The speakers a noun phrase names (one per conjunct).
    pub(super) fn resolve_np(
        &mut self,
        ents: &mut Actors,
        a: usize,
        b: usize,
        cue: usize,
    ) -> Vec<ActorRef> {
        let mut out = Vec::new();
        let mut s = a;
        let mut k = a;
        let push =
            |cx: &mut Self, ents: &mut Actors, s: usize, e: usize, out: &mut Vec<ActorRef>| {
                if s < e
                    && let Some(x) = cx.resolve_conjunct(ents, s, e, cue)
                    && !out.contains(&x)
                {
                    out.push(x);
                }
            };
        while k < b {
            let lw = self.tok.lower(k);
            let in_name = ents.mention_at(k).is_some();
            let split = !in_name
                && (matches!(lw.as_str(), "and" | "&" | "," | "including" | "plus")
                    || (lw == "as"
                        && k + 2 < b
                        && self.tok.lower(k + 1) == "well"
                        && self.tok.lower(k + 2) == "as")
                    || (lw == "along" && k + 1 < b && self.tok.lower(k + 1) == "with"));
            if split {
                // "X of A and B" keeps the post-modifier whole
                push(self, ents, s, k, &mut out);
                k += match lw.as_str() {
                    "as" => 3,
                    "along" => 2,
                    _ => 1,
                };
                s = k;
                continue;
            }
            k += 1;
        }
        push(self, ents, s, b, &mut out);
        out
    }

    /// One conjunct: a name, a pronoun, a demonym, a role noun or a group.
    pub(super) fn resolve_conjunct(
        &mut self,
        ents: &mut Actors,
        a: usize,
        b: usize,
        cue: usize,
    ) -> Option<ActorRef> {
        let mut s = a;
        while s < b
            && ents.mention_at(s).is_none()
            && is(WordClass::GroupDeterminer, self.tok.lower(s).as_str())
        {
            s += 1;
        }
        if s >= b {
            // a bare pronoun that is also a determiner ("her", "its")
            if b == a + 1 {
                return self.pronoun_at(ents, a);
            }
            return None;
        }
        if b == s + 1 && is_pronoun(&self.tok.lower(s)) {
            return self.pronoun_at(ents, s);
        }
        // the head: the last word before a post-modifier outside names
        let mut h_end = b;
        for k in s + 1..b {
            if ents.mention_at(k).is_none()
                && (is(WordClass::Postmodifier, self.tok.lower(k).as_str())
                    || self.tok.word(k) == ",")
            {
                h_end = k;
                break;
            }
        }
        let head = h_end - 1;
        // every entity is an actor
        if let Some(e) = ents.entity_at(head) {
            return Some(ActorRef::Entity(e));
        }
        let hw = self.tok.lower(head);
        let raw = self.tok.word(head);
        if let Some((country, true)) = self.lx.demonyms.get(raw) {
            let country = country.clone();
            return Some(ents.request(EntityKind::Place, &country, Some(raw)));
        }
        let class = self
            .lx
            .speaker_nouns
            .get(hw.as_str())
            .copied()
            .or_else(|| {
                self.lx.title(&hw).map(|_| SpeakerClass::One).or_else(|| {
                    hw.strip_suffix('s')
                        .and_then(|sg| self.lx.title(sg))
                        .map(|_| SpeakerClass::Many)
                })
            })?;
        // modifiers: a named entity or a demonym before the head
        let mut affil: Option<usize> = None;
        let mut country: Option<String> = None;
        for k in s..head {
            if let Some(e) = ents.entity_at(k) {
                affil = Some(e);
            } else if let Some((c, false)) = self.lx.demonyms.get(self.tok.word(k)) {
                country = Some(c.clone());
            }
        }
        let definite = s > a
            || matches!(
                self.tok.lower(a).as_str(),
                "the" | "his" | "her" | "their" | "its"
            )
            || affil.is_some();
        let indefinite = matches!(self.tok.lower(a).as_str(), "a" | "an" | "one");
        if class == SpeakerClass::State
            && (country.is_some()
                || affil.is_some_and(|e| ents.entities[e].kind == EntityKind::Place))
        {
            let c = country.or_else(|| affil.map(|e| ents.entities[e].name.clone()))?;
            return Some(ents.request(EntityKind::Place, &c, None));
        }
        if class == SpeakerClass::One
            && !indefinite
            && (definite || affil.is_some())
            && let Some(p) = self.person_with_role(ents, &hw, affil, cue)
        {
            return Some(ActorRef::Entity(p));
        }
        // `the spokesman` after `a spokesman for the ministry`: the group named before
        if definite
            && h_end == b
            && s == head
            && let Some(g) = ents.all().rev().find(|&x| {
                ents.kind(x) == EntityKind::Group
                    && ents.name(x).split_whitespace().next() == Some(hw.as_str())
            })
        {
            return Some(g);
        }
        // a bare definite role noun nobody holds here ("the prime minister said") names
        // one unknown person: no speaker rather than a group called "prime minister"
        if class == SpeakerClass::One
            && definite
            && !indefinite
            && affil.is_none()
            && country.is_none()
            && h_end == b
        {
            return None;
        }
        // a group (or an institution) named by its phrase
        let mut name_end = h_end;
        if h_end < b && b - h_end <= 6 {
            let pm = self.tok.lower(h_end);
            if matches!(
                pm.as_str(),
                "familiar"
                    | "close"
                    | "from"
                    | "at"
                    | "in"
                    | "of"
                    | "for"
                    | "with"
                    | "based"
                    | "involved"
            ) && (h_end..b).all(|k| {
                !matches!(self.tok.tag(k), Upos::Verb | Upos::Aux)
                    || self.tok.lower(k) == "involved"
                    || self.tok.lower(k) == "based"
            }) {
                name_end = b;
            }
        }
        let mut name = controls_as_spaces(
            &self.tok.text
                [self.tok.seg.tokens[s].span.start..self.tok.seg.tokens[name_end - 1].span.end],
        );
        // "Analysts said": a capital that only marks the sentence start is dropped; an
        // adjective capitalized mid-sentence ("other Nordic leaders") is kept
        let sentence_initial = self
            .tok
            .seg
            .sentence_of(s)
            .is_some_and(|si| self.tok.seg.sentences[si].tokens.start == s);
        let first_common = sentence_initial
            && self.lx.is_common(&self.tok.lower(s))
            && ents.mention_at(s).is_none()
            && !self.lx.demonyms.contains_key(self.tok.word(s))
            && !is_all_caps(self.tok.word(s));
        if first_common {
            let mut ch = name.chars();
            if let Some(f) = ch.next() {
                name = f.to_lowercase().collect::<String>() + ch.as_str();
            }
        }
        let kind = if class == SpeakerClass::Body && affil.is_some() {
            EntityKind::Organization
        } else {
            EntityKind::Group
        };
        Some(ents.request(kind, &name, None))
    }

    /// A noun that names a speaker (`spokesman`, `officials`, `embassy`) or a title.
    pub(super) fn is_speaker_noun(&self, lw: &str) -> bool {
        self.lx.speaker_nouns.contains_key(lw) || self.lx.title(lw).is_some()
    }

    pub(super) fn pronoun_at(&self, ents: &Actors, t: usize) -> Option<ActorRef> {
        let lw = self.tok.lower(t);
        self.pronoun_word(ents, &lw, t)
    }

    /// A pronoun's speaker: the speaker of the discourse (the last statement, one
    /// sentence back at most) when it fits, else
    /// [`Entities::resolve_pronoun`](crate::stages::entities::Entities::resolve_pronoun).
    pub(super) fn pronoun_word(&self, ents: &Actors, lw: &str, t: usize) -> Option<ActorRef> {
        let si = self.sent(t);
        let recent = self
            .last
            .as_ref()
            .filter(|(_, s)| *s <= si && si - *s <= 1)
            .map(|(v, _)| v.clone())
            .unwrap_or_default();
        match lw {
            "he" | "she" | "him" | "his" | "her" => {
                let g = if matches!(lw, "he" | "him" | "his") {
                    Gender::Male
                } else {
                    Gender::Female
                };
                if let [e] = recent.as_slice() {
                    let gender = ents.gender(*e);
                    if ents.kind(*e) == EntityKind::Person && gender.is_none_or(|x| x == g) {
                        // unless another person of that gender is the subject here
                        let r = ents.resolve_pronoun(self.tok.seg, self.tok.text, t);
                        match r {
                            Some(o)
                                if ActorRef::Entity(o) != *e
                                    && gender != Some(g)
                                    && ents.entities[o].gender == Some(g) =>
                            {
                                return Some(ActorRef::Entity(o));
                            }
                            _ => return Some(*e),
                        }
                    }
                }
                if lw == "his" || lw == "her" || lw == "him" {
                    // resolve_pronoun knows he/she forms; map the others
                    return ents.recent_person(self.tok.seg, t, g).map(ActorRef::Entity);
                }
                ents.resolve_pronoun(self.tok.seg, self.tok.text, t)
                    .map(ActorRef::Entity)
            }
            "they" | "their" | "them" | "it" | "its" => {
                let want_person = false;
                recent
                    .iter()
                    .copied()
                    .find(|&e| (ents.kind(e) == EntityKind::Person) == want_person)
            }
            _ => None,
        }
    }
}
