//! Who a speaker phrase names, one per conjunct: an entity, a pronoun (the discourse's
//! speaker first, then the pronoun resolver), a demonym for its state, a role noun held by
//! a person (`the spokesman`), or a group or institution named by its phrase.

use super::context::Cx;
use super::subjects::is_pronoun;
use crate::lexicon::words::{WordClass, is};
use crate::lexicon::{Gender, SpeakerClass};
use crate::stages::entities::{ActorRef, Actors, Entities};
use crate::stages::segment::TokenKind;
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
        // a name the entity stage left out ("Ada Christian" read as a demonym): two or
        // three capitalized words opening with a known given name
        if h_end == b
            && (2..=3).contains(&(b - s))
            && ents.mention_at(s).is_none()
            && self.lx.given_names.contains_key(self.tok.word(s))
            && (s..b).all(|k| {
                self.tok.kind(k) == TokenKind::Word
                    && crate::text::shape::is_capitalized(self.tok.word(k))
            })
        {
            let name = self.tok.text
                [self.tok.seg.tokens[s].span.start..self.tok.seg.tokens[b - 1].span.end]
                .to_string();
            return Some(ents.request(EntityKind::Person, &name, None));
        }
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
        // `the Egyptian leader said`: the person the article named just before
        if class == SpeakerClass::One
            && definite
            && !indefinite
            && h_end == b
            && let Some(p) = self
                .recent_subject_person(ents, a, 3)
                .or_else(|| self.recent_entity(ents, a, 3, |e| e.kind == EntityKind::Person))
        {
            return Some(ActorRef::Entity(p));
        }
        // `the committee said`: the organization of that kind named before; `the firm`,
        // `the company`: the organization named just before
        if class == SpeakerClass::Body && definite && affil.is_none() && country.is_none() {
            let generic = matches!(hw.as_str(), "firm" | "company" | "group" | "bank");
            let head = hw.clone();
            if let Some(o) = self.recent_entity(ents, a, if generic { 4 } else { 12 }, |e| {
                e.kind == EntityKind::Organization
                    && (generic || e.name.to_lowercase().split_whitespace().any(|w| w == head))
            }) {
                return Some(ActorRef::Entity(o));
            }
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
        if kind == EntityKind::Group && class == SpeakerClass::One {
            // one unnamed person ("a spokeswoman", "a Treasury official"): a speaker of
            // this document only, never the same as one of another article
            return Some(ents.request_scoped(kind, &name, &self.scope));
        }
        Some(ents.request(kind, &name, None))
    }

    /// The entity of the latest mention before token `before`, at most `sentences`
    /// sentences back, that passes `ok`.
    pub(super) fn recent_entity(
        &self,
        ents: &Entities,
        before: usize,
        sentences: usize,
        ok: impl Fn(&crate::stages::entities::Entity) -> bool,
    ) -> Option<usize> {
        let si = self.sent(before);
        let n = ents.mentions.partition_point(|m| m.tokens.start < before);
        for mi in (0..n).rev().take(60) {
            let m = &ents.mentions[mi];
            if m.sentence + sentences < si {
                break;
            }
            let e = ents.mention_entity[mi];
            if ok(&ents.entities[e]) {
                return Some(e);
            }
        }
        None
    }

    /// A person of gender `g` (or unknown) who is the subject of sentence `si - 1` or `si`
    /// and was named after sentence `since` (the last statement's).
    fn subject_since(
        &self,
        ents: &Entities,
        si: usize,
        since: Option<usize>,
        g: Gender,
    ) -> Option<usize> {
        let since = since?;
        for s in [si.checked_sub(1), Some(si)].into_iter().flatten() {
            if s <= since {
                continue;
            }
            let start = self.tok.seg.sentences[s].tokens.start;
            let mi = ents.mentions.partition_point(|m| m.tokens.start < start);
            let Some(m) = ents.mentions.get(mi) else {
                continue;
            };
            if m.sentence != s || m.tokens.start > start + 4 || self.quoted(m.tokens.start) {
                continue;
            }
            let e = ents.mention_entity[mi];
            let ent = &ents.entities[e];
            if ent.kind == EntityKind::Person && ent.gender.is_none_or(|x| x == g) {
                return Some(e);
            }
        }
        None
    }

    /// The person of gender `g` (or unknown) named last before `t` outside quotations,
    /// at most two sentences back.
    fn recent_person_outside_quotes(&self, ents: &Entities, t: usize, g: Gender) -> Option<usize> {
        let si = self.sent(t);
        let n = ents.mentions.partition_point(|m| m.tokens.start < t);
        for mi in (0..n).rev().take(40) {
            let m = &ents.mentions[mi];
            if m.sentence + 2 < si {
                break;
            }
            let e = ents.mention_entity[mi];
            let ent = &ents.entities[e];
            if !self.quoted(m.tokens.start)
                && ent.kind == EntityKind::Person
                && ent.gender.is_none_or(|x| x == g)
            {
                return Some(e);
            }
        }
        None
    }

    /// The person who is the subject (named first, near the start, outside quotations) of
    /// the latest of the `sentences` sentences before token `before` that has one.
    fn recent_subject_person(
        &self,
        ents: &Entities,
        before: usize,
        sentences: usize,
    ) -> Option<usize> {
        self.recent_subject_person_of(ents, before, sentences, None)
    }

    /// [`Self::recent_subject_person`] of gender `g` (or unknown) when `g` is given.
    fn recent_subject_person_of(
        &self,
        ents: &Entities,
        before: usize,
        sentences: usize,
        g: Option<Gender>,
    ) -> Option<usize> {
        let si = self.sent(before);
        for s in (si.saturating_sub(sentences)..=si).rev() {
            let sr = self.tok.seg.sentences[s].tokens.clone();
            let mi = ents.mentions.partition_point(|m| m.tokens.start < sr.start);
            let Some(m) = ents.mentions.get(mi) else {
                continue;
            };
            if m.sentence != s || m.tokens.start >= before || self.quoted(m.tokens.start) {
                continue;
            }
            // `However, X`: a connective and a comma may come first
            let lead = m.tokens.start - sr.start;
            let before_name = m.title.as_ref().map_or(m.tokens.start, |t| t.tokens.start);
            if lead > 6 || (sr.start..before_name).any(|k| self.tok.tag(k) == Upos::Verb) {
                continue;
            }
            let e = ents.mention_entity[mi];
            let ent = &ents.entities[e];
            if ent.kind == EntityKind::Person && g.is_none_or(|g| ent.gender.is_none_or(|x| x == g))
            {
                return Some(e);
            }
        }
        None
    }

    /// Entity `e` has a mention outside quotation runs before token `t`.
    /// (Mentions are in text order: the scan stops at `t`, and after 64 quoted ones, so a
    /// name repeated inside quotations on hostile input stays cheap.)
    fn named_outside_quotes(&self, ents: &Entities, e: usize, t: usize) -> bool {
        ents.entities[e]
            .mentions
            .iter()
            .map(|&m| ents.mentions[m].tokens.start)
            .take_while(|&s| s < t)
            .take(64)
            .any(|s| !self.quoted(s))
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
        let pi = self.para_of_sentence(si);
        // the speaker of the discourse: the last statement, up to four sentences back
        // in this paragraph or the one before
        let recent = self
            .last
            .as_ref()
            .filter(|(_, s)| {
                *s <= si
                    && si - *s <= 4
                    && (si - *s <= 1
                        || self
                            .para_of_sentence(*s)
                            .zip(pi)
                            .is_some_and(|(a, b)| a + 1 >= b))
            })
            .map(|(v, s)| (v.clone(), *s));
        let last_sentence = recent.as_ref().map(|(_, s)| *s);
        let recent = recent.map(|(v, _)| v).unwrap_or_default();
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
                        // a person of that gender who became the subject of a sentence
                        // since the last statement takes over
                        if let Some(o) = self.subject_since(ents, si, last_sentence, g)
                            && ActorRef::Entity(o) != *e
                        {
                            return Some(ActorRef::Entity(o));
                        }
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
                // the subject of this or the previous sentence
                if let Some(o) = self.recent_subject_person_of(ents, t, 1, Some(g)) {
                    return Some(ActorRef::Entity(o));
                }
                // a person named outside quotations (one merely named inside a quote is
                // not who speaks next)
                let r = ents.resolve_pronoun(self.tok.seg, self.tok.text, t);
                match r {
                    Some(o) if self.named_outside_quotes(ents, o, t) => Some(ActorRef::Entity(o)),
                    _ => self
                        .recent_person_outside_quotes(ents, t, g)
                        .map(ActorRef::Entity),
                }
            }
            "they" | "their" | "them" | "it" | "its" => {
                let want_person = false;
                recent
                    .iter()
                    .copied()
                    .find(|&e| (ents.kind(e) == EntityKind::Person) == want_person)
                    .or_else(|| {
                        // `The agency … It says`: the organization named last, outside
                        // quotations, in this sentence or the one before
                        let si = self.sent(t);
                        let n = ents.mentions.partition_point(|m| m.tokens.start < t);
                        (0..n)
                            .rev()
                            .take(20)
                            .take_while(|&mi| ents.mentions[mi].sentence + 1 >= si)
                            .find(|&mi| {
                                !self.quoted(ents.mentions[mi].tokens.start)
                                    && ents.entities[ents.mention_entity[mi]].kind
                                        == EntityKind::Organization
                            })
                            .map(|mi| ActorRef::Entity(ents.mention_entity[mi]))
                    })
            }
            _ => None,
        }
    }
}
