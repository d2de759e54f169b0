//! The arguments of a predicate: its auxiliary chain (negation, modality, passive), its
//! subjects (walking left over adverbs, prepositional phrases, parentheticals and reduced
//! relatives; following to-infinitive control) and its objects by the lexicon's pattern.

use super::chunks::{Sent, is_time_head};
use super::facts::{Extractor, Obj, Side};
use crate::lexicon::relations::{Entry, Pos, Sense};
use crate::lexicon::words::{WordClass, is};
use crate::stages::entities::Entities;
use crate::tagger::Upos;
use crate::vocab::Stance;

impl<'a> Extractor<'a> {
    /// The auxiliary chain before token `v`: (first token, negated, modal, passive-be).
    pub(super) fn aux_chain(&self, s: &Sent, v: usize) -> (usize, bool, bool, bool) {
        let mut k = v;
        let (mut neg, mut modal, mut be) = (false, false, false);
        let mut nearest = true;
        while k > 0 {
            let p = k - 1;
            let w = s.lw(p);
            let t = s.tag[p];
            let is_aux = t == Upos::Aux
                || matches!(w, "not" | "n't" | "never")
                || (t == Upos::Adv && !matches!(w, "then" | "where" | "when" | "again"));
            if !is_aux {
                break;
            }
            match w {
                "not" | "n't" | "never" | "cannot" => neg = true,
                "will" | "would" | "'ll" | "may" | "might" | "could" | "can" | "shall"
                | "should" => modal = true,
                _ => {}
            }
            if w == "cannot" || w == "won't" {
                neg = true;
                modal = true;
            }
            if t == Upos::Aux && nearest {
                nearest = false;
                be = s.is_be(p) || matches!(w, "get" | "got" | "gets");
            }
            k = p;
        }
        (k, neg, modal, be)
    }

    /// Is the predicate at `v` under a modal of possibility (would, could, might, may)?
    pub(super) fn conditional_modal(&self, s: &Sent, v: usize) -> bool {
        let (first, _, _, _) = self.aux_chain(s, v);
        (first..v).any(|k| {
            matches!(
                s.lw(k),
                "would" | "could" | "might" | "may" | "should" | "can" | "'d"
            )
        })
    }

    /// Is token `v` inside an if/unless/whether clause?
    pub(super) fn hypothetical(&self, s: &Sent, v: usize) -> bool {
        let mut k = v;
        while k > 0 {
            k -= 1;
            match s.lw(k) {
                "," | ";" | ":" => return false,
                "if" | "unless" | "whether" | "lest" => return true,
                _ => {}
            }
        }
        false
    }

    /// The subject phrases of a predicate whose first token (auxiliaries included) is
    /// `at`. `participle` lets an `-ing` form take the phrase right before it even after
    /// a preposition (`with critics accusing X`).
    pub(super) fn subject_nps(
        &self,
        s: &Sent,
        at: usize,
        participle: bool,
        adj: bool,
    ) -> Vec<usize> {
        let mut k = at;
        let mut steps = 0;
        let mut first = true;
        while k > 0 && steps < 60 {
            steps += 1;
            let p = k - 1;
            let w = s.lw(p);
            let t = s.tag[p];
            if t == Upos::Adv && !matches!(w, "where" | "when") {
                k = p;
                continue;
            }
            if adj
                && (t == Upos::Aux
                    || matches!(w, "while" | "although" | "though")
                    || (w == "," && first && k < at + 2 && k != at))
            {
                k = p;
                continue;
            }
            if matches!(w, "who" | "which" | "that") && t != Upos::Det {
                k = p;
                if s.lw(k.saturating_sub(1)) == "," {
                    k -= 1;
                }
                first = false;
                continue;
            }
            if let Some(j) = s.np[p] {
                let np = &s.nps[j];
                if is_time_head(s.lw(np.head())) {
                    k = np.start;
                    continue;
                }
                let before = np.start.checked_sub(1);
                let in_pp = before.is_some_and(|b| s.tag[b] == Upos::Adp);
                if in_pp && !(participle && first) {
                    k = before.unwrap_or(0);
                    first = false;
                    continue;
                }
                // "members of Congress": go to the head phrase of an of-phrase
                let mut out = vec![j];
                let mut b = np.start;
                loop {
                    let mut q = b;
                    if q == 0 {
                        break;
                    }
                    let cw = s.lw(q - 1);
                    if cw != "and" && cw != "or" && cw != "," {
                        break;
                    }
                    q -= 1;
                    if q > 0 && s.lw(q - 1) == "," {
                        q -= 1;
                    }
                    match q.checked_sub(1).and_then(|r| s.np[r]) {
                        Some(j2) if s.nps[j2].end == q => {
                            let before2 = s.nps[j2].start.checked_sub(1);
                            if before2.is_some_and(|b2| s.tag[b2] == Upos::Adp) {
                                break;
                            }
                            out.push(j2);
                            b = s.nps[j2].start;
                        }
                        _ => break,
                    }
                }
                out.reverse();
                return out;
            }
            first = false;
            if w == "," {
                // a parenthetical or apposition between commas: skip it
                let Some(c) = (0..p).rev().take(30).find(|&q| s.lw(q) == ",") else {
                    return Vec::new();
                };
                let seg_start = c + 1;
                let opener = s.lw(seg_start);
                let appositive = (seg_start..p)
                    .all(|q| s.np[q].is_some() || matches!(s.lw(q), "and" | "of" | "'s" | "’s"));
                if matches!(
                    opener,
                    "who"
                        | "which"
                        | "while"
                        | "although"
                        | "though"
                        | "including"
                        | "whose"
                        | "like"
                        | "during"
                ) || appositive
                {
                    k = c;
                    continue;
                }
                return Vec::new();
            }
            // a reduced relative: "A draft leaked last month was denounced"
            if t == Upos::Verb
                && (w.ends_with("ed") || w.ends_with("en"))
                && p > 0
                && s.np[p - 1].is_some()
            {
                k = p;
                continue;
            }
            return Vec::new();
        }
        Vec::new()
    }

    /// The actors a predicate at `v` has as subject, following to-infinitive control and
    /// indefinite subjects. Returns (subjects, extra negation, planned, weak).
    pub(super) fn subjects(
        &self,
        s: &Sent,
        v: usize,
        ents: &Entities,
        depth: usize,
    ) -> (Vec<Side>, bool, bool, bool) {
        let (first, neg, modal, _) = self.aux_chain(s, v);
        // to-infinitive: the controller's subject
        if first > 0 && s.lw(first - 1) == "to" && depth < 4 {
            let mut c = first - 1;
            while c > 0 && s.tag[c - 1] == Upos::Adv {
                c -= 1;
            }
            if c == 0 {
                return (Vec::new(), neg, modal, false);
            }
            let ctl = c - 1;
            let Some(sense) = self.controller(s, ctl) else {
                return (Vec::new(), neg, modal, false);
            };
            let (subj, cneg, cplan, weak) = self.subjects(s, ctl, ents, depth + 1);
            let negated = neg || cneg || matches!(sense, Sense::Negate | Sense::Stance(_));
            let planned = modal || cplan || sense == Sense::Plan;
            return (subj, negated, planned, weak);
        }
        let participle = first == v && s.lw(v).ends_with("ing");
        // "…, accusing X": a participle after a comma takes the main clause's subject
        if participle && first > 0 && s.lw(first - 1) == "," && depth < 4 {
            if let Some(m) = (0..first - 1).find(|&q| matches!(s.tag[q], Upos::Verb | Upos::Aux)) {
                let (subj, _, _, weak) = self.subjects(s, m, ents, depth + 1);
                return (subj, neg, modal, weak);
            }
            return (Vec::new(), neg, modal, false);
        }
        let adj = s.tag[v] == Upos::Adj;
        let nps = self.subject_nps(s, first, participle, adj);
        let mut out = Vec::new();
        let mut weak = false;
        for j in nps {
            let np = &s.nps[j];
            if np.end - np.start == 1 && is(WordClass::IndefiniteSubject, s.lw(np.start)) {
                // "with one questioning …": one of the main clause's subjects
                if depth < 4
                    && let Some(m) =
                        (0..np.start).find(|&q| matches!(s.tag[q], Upos::Verb | Upos::Aux))
                {
                    let (subj, _, _, _) = self.subjects(s, m, ents, depth + 1);
                    out.extend(subj);
                    weak = true;
                }
                continue;
            }
            if let Some(side) = self.np_actor(s, np, ents) {
                weak |= side.weak;
                out.push(side);
            }
        }
        (out, neg, modal, weak)
    }

    /// The sense of a controller (verb or adjective before `to`) at `c`.
    pub(super) fn controller(&self, s: &Sent, c: usize) -> Option<Sense> {
        let w = s.lw(c);
        let from_adj = self
            .lx
            .exact(Pos::Adj, w)
            .find(|e| e.allows("to"))
            .map(|e| e.sense);
        if from_adj.is_some() {
            return from_adj;
        }
        if matches!(s.tag[c], Upos::Verb | Upos::Aux) {
            return self
                .lx
                .verb(w)
                .into_iter()
                .find(|e| e.allows("to"))
                .map(|e| e.sense);
        }
        None
    }

    /// Does the entry's particle list match after `v`? Returns the token after them.
    pub(super) fn particles(&self, s: &Sent, v: usize, e: &Entry) -> Option<usize> {
        let mut k = v + 1;
        for p in &e.particles {
            while s.tag.get(k) == Some(&Upos::Adv) && s.lw(k) != *p {
                k += 1;
            }
            if s.lw(k) != *p {
                return None;
            }
            k += 1;
        }
        Some(k)
    }

    /// The clause after `that` at `i`: (subject phrase, negated, verb, token after verb).
    pub(super) fn clause(&self, s: &Sent, i: usize) -> Option<(usize, bool, usize)> {
        let j = s.np.get(i).copied().flatten()?;
        if s.nps[j].start != i {
            return None;
        }
        let mut k = s.nps[j].end;
        let mut neg = false;
        while k < s.n() && matches!(s.tag[k], Upos::Aux | Upos::Adv | Upos::Part) {
            neg |= matches!(s.lw(k), "not" | "n't" | "never" | "cannot");
            k += 1;
        }
        (k < s.n() && s.tag[k] == Upos::Verb).then_some((j, neg, k))
    }

    /// A gerund phrase for a clause: "Ukraine will never join NATO" → "Ukraine joining NATO".
    pub(super) fn gerund_name(&self, s: &Sent, subj: usize, v: usize) -> String {
        let np = &s.nps[subj];
        let mut a = np.start;
        while a < np.head() && is(WordClass::Determiner, s.lw(a)) {
            a += 1;
        }
        let mut parts: Vec<String> = s.words[a..np.end].iter().map(|w| w.to_string()).collect();
        let lemma = self
            .lx
            .verb(s.lw(v))
            .first()
            .map(|e| e.lemma.clone())
            .unwrap_or_else(|| s.lw(v).trim_end_matches('s').to_string());
        let stem = lemma
            .strip_suffix('e')
            .filter(|x| !x.ends_with('e'))
            .unwrap_or(&lemma);
        parts.push(format!("{stem}ing"));
        let end = self.vp_end(s, v + 1);
        parts.extend(s.words[v + 1..end].iter().map(|w| w.to_string()));
        parts.join(" ")
    }

    /// Where a verb phrase's complement ends: at a comma, conjunction + verb, relative
    /// pronoun or after 10 tokens.
    pub(super) fn vp_end(&self, s: &Sent, from: usize) -> usize {
        let mut k = from;
        while k < s.n() && k < from + 10 {
            let w = s.lw(k);
            if matches!(
                w,
                "," | ";" | ":" | "." | "that" | "which" | "who" | "as" | "because"
            ) || s.tag[k] == Upos::Punct
                || s.tag[k] == Upos::Aux
                || (k > from && s.tag[k] == Upos::Verb && !matches!(s.lw(k - 1), "to" | "and"))
                || (w == "and" && s.tag.get(k + 1).is_some_and(|t| *t == Upos::Verb))
            {
                break;
            }
            k += 1;
        }
        k
    }

    /// Objects of a verb or adjective predicate at `v` (after its particles at `after`).
    /// Returns (objects, weak).
    pub(super) fn objects(
        &mut self,
        s: &Sent,
        e: &Entry,
        after: usize,
        ents: &Entities,
    ) -> Vec<(Obj, bool)> {
        let mut k = after;
        while k < s.n() && s.tag[k] == Upos::Adv && s.np[k].is_none() {
            k += 1;
        }
        let w = s.lw(k).to_string();
        let relation = match e.sense {
            Sense::Stance(r) => Some(r),
            _ => None,
        };
        // a that-clause
        if w == "that" && e.allows("that") {
            if let Some((j, _, _)) = self.clause(s, k + 1) {
                let np = &s.nps[j];
                if let Some(o) = self.np_obj(s, np, ents) {
                    return vec![o];
                }
            }
            return Vec::new();
        }
        // a preposition
        if s.tag.get(k) == Some(&Upos::Adp) || matches!(w.as_str(), "with" | "of" | "about") {
            if !e.allows(&w) {
                // "met in Geneva": no object
                return Vec::new();
            }
            k += 1;
        } else if !e.allows("-") {
            return Vec::new();
        }
        // a gerund: "proposed holding the next round of talks" names a proposal
        if s.tag.get(k) == Some(&Upos::Verb) && s.lw(k).ends_with("ing") {
            if relation == Some(Stance::Criticized) || relation == Some(Stance::MetWith) {
                return Vec::new();
            }
            let end = match s.np_starting(k + 1) {
                Some(np) => {
                    let mut end = np.end;
                    if s.lw(end) == "of"
                        && let Some(n2) = s.np_starting(end + 1)
                    {
                        end = n2.end;
                    }
                    end
                }
                None => k + 1,
            };
            let name = s.words[k..end].join(" ");
            return vec![(Obj::Proposal(name), false)];
        }
        let (list, end) = self.np_list(s, k, ents, true);
        // "called for him to go": the object is an event, not the actor
        if s.lw(end) == "to"
            && s.tag.get(end + 1) == Some(&Upos::Verb)
            && !matches!(
                relation,
                Some(Stance::Warned) | Some(Stance::Criticized) | Some(Stance::MetWith)
            )
        {
            return Vec::new();
        }
        // "proposing the parties end the war": a clause, not an object
        if relation != Some(Stance::Warned)
            && s.tag
                .get(end)
                .is_some_and(|t| matches!(t, Upos::Verb | Upos::Aux))
            && !s.lw(end).ends_with("ing")
        {
            return Vec::new();
        }
        let mut out = Vec::new();
        for j in list {
            let np = &s.nps[j];
            // criticism is of actors: look through "the mandate of a negotiator like X"
            if relation == Some(Stance::Criticized) || relation == Some(Stance::MetWith) {
                if let Some(side) = self.np_actor(s, np, ents) {
                    out.push((Obj::Actor(side.actor), side.weak));
                    continue;
                }
                if relation == Some(Stance::Criticized) {
                    let stop = (np.end..s.n().min(np.end + 10))
                        .find(|&q| matches!(s.lw(q), "," | ";" | ".") || s.tag[q] == Upos::Verb)
                        .unwrap_or(s.n().min(np.end + 10));
                    if let Some(side) = (np.end..stop)
                        .filter_map(|q| s.np_starting(q))
                        .find_map(|n2| self.np_actor(s, n2, ents))
                    {
                        out.push((Obj::Actor(side.actor), true));
                        break;
                    }
                }
                continue;
            }
            if let Some(o) = self.np_obj(s, np, ents) {
                out.push(o);
            }
        }
        out
    }
}
