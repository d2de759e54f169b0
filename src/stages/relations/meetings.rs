//! Meetings: a meeting verb with its participants (`A met B`, `A and B met`), meeting nouns
//! (`talks between A and B`, `A's meeting with B`, `held talks`), and their place and time
//! (one meeting per `again`).

use super::chunks::Sent;
use super::confidence;
use super::dates;
use super::facts::{Actor, Extractor, Fact, MeetingInfo, Obj, Side};
use crate::lexicon::lexicon as world;
use crate::lexicon::words::{WordClass, is};
use crate::stages::entities::{Actors, Entities};
use crate::tagger::Upos;
use crate::vocab::{EntityKind, Stance, Status};

impl<'a> Extractor<'a> {
    /// Place and time phrases after a meeting predicate, split into one item per event
    /// (`in Geneva and again this past weekend in Florida`).
    pub(super) fn meeting_details(
        &self,
        s: &Sent,
        from: usize,
        status: Status,
        ents: &Entities,
    ) -> Vec<MeetingInfo> {
        let mut items = vec![MeetingInfo::default()];
        let planned = status == Status::Planned;
        let mut k = from;
        let limit = s.n().min(from + 25);
        while k < limit {
            let w = s.lw(k);
            if matches!(
                w,
                ";" | "." | "to" | "because" | "after" | "before" | "where"
            ) || matches!(s.tag[k], Upos::Verb | Upos::Aux)
            {
                break;
            }
            if w == "again" {
                let cur = items.last().expect("one item");
                if cur.place.is_some() || cur.when.is_some() {
                    items.push(MeetingInfo::default());
                }
                k += 1;
                continue;
            }
            if let Some(t) = dates::time_at(&s.words, k, self.published, planned) {
                let cur = items.last_mut().expect("one item");
                if cur.when.is_none() {
                    cur.when = Some(t.when);
                    cur.date = t.date;
                }
                k += t.len;
                continue;
            }
            if matches!(w, "in" | "at")
                && let Some(e) = ents.entity_at(s.lo + k + 1)
                && ents.entities[e].kind == EntityKind::Place
            {
                let cur = items.last_mut().expect("one item");
                if cur.place.is_none() {
                    cur.place = Some(e);
                }
                k += 1;
                while k < limit && ents.entity_at(s.lo + k) == Some(e) {
                    k += 1;
                }
                continue;
            }
            k += 1;
        }
        // time before the predicate: "On Tuesday, X met Y"
        if items.len() == 1 && items[0].when.is_none() {
            for q in 0..from.min(s.n()) {
                if matches!(
                    s.lw(q),
                    "on" | "in" | "last" | "this" | "earlier" | "yesterday"
                ) && let Some(t) = dates::time_at(&s.words, q, self.published, planned)
                    && !t.when.chars().next().is_some_and(|c| c.is_ascii_digit())
                {
                    items[0].when = Some(t.when);
                    items[0].date = t.date;
                    break;
                }
            }
        }
        items
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn verbal_meeting(
        &mut self,
        s: &Sent,
        v: usize,
        after: usize,
        subj: &[Side],
        objects: &[(Obj, bool)],
        status: Status,
        ents: &Entities,
        out: &mut Vec<Fact>,
    ) {
        let cue = s.words[v..after].join(" ");
        let objs: Vec<Side> = objects
            .iter()
            .filter_map(|(o, weak)| match o {
                Obj::Actor(a) => Some(Side {
                    actor: a.clone(),
                    weak: *weak,
                }),
                Obj::Proposal(_) => None,
            })
            .collect();
        // where the place and time phrases start: after the objects
        let mut from = after;
        while from < s.n()
            && (s.np[from].is_some() || matches!(s.lw(from), "with" | "and" | "," | "'s"))
            && !matches!(s.lw(from), "in" | "on" | "at")
        {
            if dates::time_at(&s.words, from, self.published, status == Status::Planned).is_some() {
                break;
            }
            from += 1;
        }
        let details = self.meeting_details(s, from, status, ents);
        let groups: Vec<Vec<Side>> = if objs.is_empty() {
            // co-subjects met each other only when no object follows ("A and B met in X")
            let mut k = after;
            while s.tag.get(k) == Some(&Upos::Adv) {
                k += 1;
            }
            let object_follows = s.np_starting(k).is_some()
                && dates::time_at(&s.words, k, self.published, false).is_none();
            if subj.len() < 2 || object_follows || !objects.is_empty() {
                return;
            }
            vec![subj.to_vec()]
        } else {
            objs.iter()
                .map(|o| {
                    let mut g = subj.to_vec();
                    g.push(o.clone());
                    g
                })
                .collect()
        };
        for g in &groups {
            let weak = g.iter().any(|x| x.weak);
            // one met-with per pair: subjects with each object, or co-subjects with each
            // other when no object is named ("A and B met")
            let firsts = if objs.is_empty() { g.len() } else { subj.len() };
            for (a, sa) in g.iter().enumerate().take(firsts) {
                for sb in &g[(a + 1).max(if objs.is_empty() { 0 } else { subj.len() })..] {
                    if sa.actor == sb.actor {
                        continue;
                    }
                    let mut c = confidence::MET;
                    if sa.weak || sb.weak {
                        c -= confidence::WEAK_SIDE;
                    }
                    out.push(Fact::Rel {
                        subj: sa.clone(),
                        obj: Obj::Actor(sb.actor.clone()),
                        relation: Stance::MetWith,
                        cue: cue.clone(),
                        confidence: c,
                        status,
                    });
                }
            }
            for d in &details {
                out.push(Fact::Meeting {
                    parts: g.clone(),
                    info: d.clone(),
                    status,
                    pred: v,
                    gathering: false,
                    confidence: if weak {
                        confidence::MEETING_WEAK
                    } else {
                        confidence::MEETING
                    },
                });
            }
        }
    }

    /// `talks between X and Y`, `X's meeting with Y`, `U.S.-Ukraine negotiations`,
    /// `held talks with Y` (the holder is the clause's subject).
    /// A meeting noun that its clause says was not held: a denial, cancellation or "no"
    /// up to eight words before it, within its clause ("dismissed reports of a follow-up
    /// meeting", "no such talks were scheduled", "cancelled his meeting with").
    pub(super) fn denied(&self, s: &Sent, i: usize) -> bool {
        let lo = i.saturating_sub(8);
        for k in (lo..i).rev() {
            let w = s.lw(k);
            if matches!(w, "," | ";" | ":") {
                return false;
            }
            if is(WordClass::MeetingDenial, w) {
                return true;
            }
        }
        false
    }

    /// `only_gathering`: the noun names one body's own gathering and nothing else ("the
    /// party's conference"; "a conference with reporters" is no meeting).
    pub(super) fn nominal_meeting(
        &mut self,
        s: &Sent,
        i: usize,
        ents: &mut Actors,
        out: &mut Vec<Fact>,
        only_gathering: bool,
    ) {
        if self.hypothetical(s, i) || self.denied(s, i) {
            return;
        }
        let Some(np) = s.np_at(i) else { return };
        if np.head() != i {
            return;
        }
        let mut side_a: Vec<Side> = Vec::new();
        let mut place = None;
        let push = |v: &mut Vec<Side>, a: Actor| {
            if !v.iter().any(|x| x.actor == a) {
                v.push(Side {
                    actor: a,
                    weak: false,
                });
            }
        };
        let mut planned = false;
        for k in np.start..i {
            let w = s.words[k];
            if matches!(
                s.lw(k),
                "next" | "upcoming" | "planned" | "future" | "proposed"
            ) {
                planned = true;
            }
            let hy = self.hyphen_countries(w);
            if !hy.is_empty() {
                for c in hy {
                    push(&mut side_a, Actor::Country(c));
                }
                continue;
            }
            if let Some(e) = ents.entity_at(s.lo + k) {
                let en = &ents.entities[e];
                if en.kind == EntityKind::Place && !self.is_country_entity(ents, e) {
                    place = Some(e);
                } else {
                    push(&mut side_a, Actor::Ent(e));
                }
                continue;
            }
            if is(WordClass::Possessive, s.lw(k))
                && k == np.start
                && let Some(e) = ents.resolve_pronoun(self.tok.seg, self.tok.text, s.lo + k)
            {
                push(&mut side_a, Actor::Ent(e));
                continue;
            }
            if let Some((c, false)) = world().demonyms.get(w) {
                push(&mut side_a, Actor::Country(c.clone()));
            }
        }
        // after the noun: "in Abu Dhabi", "between A and B", "with B"
        let mut with: Vec<Side> = Vec::new();
        let mut between = false;
        let mut k = i + 1;
        let limit = s.n().min(i + 16);
        while k < limit {
            let w = s.lw(k);
            if matches!(w, "in" | "at")
                && let Some(e) = ents.entity_at(s.lo + k + 1)
                && ents.entities[e].kind == EntityKind::Place
            {
                place.get_or_insert(e);
                k += 1;
                while k < limit && ents.entity_at(s.lo + k) == Some(e) {
                    k += 1;
                }
                continue;
            }
            if matches!(w, "between" | "with" | "among") {
                let (list, end) = self.np_list(s, k + 1, ents, w == "with");
                for j in list {
                    if let Some(side) = self.np_actor(s, &s.nps[j], ents) {
                        if w == "with" {
                            with.push(side);
                        } else {
                            between = true;
                            push(&mut side_a, side.actor);
                        }
                    }
                }
                k = end.max(k + 1);
                continue;
            }
            if dates::time_at(&s.words, k, self.published, planned).is_some() {
                k += 1;
                continue;
            }
            break;
        }
        let _ = between;
        let mut weak = false;
        if !with.is_empty() && side_a.is_empty() {
            // the one who holds the talks: the governing verb's subject, else the
            // subject of the main clause after a fronted phrase
            let gov = (0..np.start)
                .rev()
                .find(|&q| matches!(s.tag[q], Upos::Verb))
                .filter(|&q| !(q..np.start).any(|r| s.lw(r) == ","));
            let mut subj = Vec::new();
            if let Some(g) = gov {
                subj = self.subjects(s, g, ents, 0).0;
            }
            if subj.is_empty()
                && let Some(c) = (k..s.n()).find(|&q| s.lw(q) == ",")
                && let Some(m) = (c..s.n()).find(|&q| matches!(s.tag[q], Upos::Verb | Upos::Aux))
            {
                subj = self.subjects(s, m, ents, 0).0;
            }
            side_a = subj;
            weak = true;
        }
        // "A and B held talks (in X)": the co-subjects of a light verb met each other
        if side_a.is_empty() && with.is_empty() {
            let gov = (0..np.start)
                .rev()
                .find(|&q| matches!(s.tag[q], Upos::Verb))
                .filter(|&q| np.start - q <= 2 && is(WordClass::LightMeetingVerb, s.lw(q)));
            if let Some(g) = gov {
                let subj = self.subjects(s, g, ents, 0).0;
                if subj.len() >= 2 {
                    side_a = subj;
                    weak = true;
                }
            }
        }
        if side_a.is_empty() {
            return;
        }
        let status = if planned {
            Status::Planned
        } else {
            Status::Held
        };
        let mut details = self.meeting_details(s, i + 1, status, ents);
        for d in &mut details {
            d.place = d.place.or(place);
        }
        // one body's own gathering ("the NATO summit", "OPEC's ministerial meeting"): the
        // organization named before the noun is its one participant
        // (not a seat of government, "a White House meeting": the building is where others
        // met; not a press conference, which is no meeting of the body)
        let gathering = with.is_empty()
            && !weak
            && !(np.start..i).any(|k| matches!(s.lw(k), "press" | "news"))
            && matches!(side_a.as_slice(), [one] if matches!(one.actor, Actor::Ent(e)
                if ents.entities[e].kind == EntityKind::Organization
                    && !world().orgs.get(&ents.entities[e].name).is_some_and(|o| o.seat)));
        if only_gathering && !gathering {
            return;
        }
        let groups: Vec<Vec<Side>> = if with.is_empty() {
            vec![side_a]
        } else {
            with.iter()
                .map(|w| {
                    let mut g = side_a.clone();
                    if !g.iter().any(|x| x.actor == w.actor) {
                        g.push(w.clone());
                    }
                    g
                })
                .collect()
        };
        let cue = s.words[i].to_string();
        for g in groups {
            if g.len() < 2 && !gathering {
                continue;
            }
            for (a, sa) in g.iter().enumerate() {
                for sb in &g[a + 1..] {
                    out.push(Fact::Rel {
                        subj: sa.clone(),
                        obj: Obj::Actor(sb.actor.clone()),
                        relation: Stance::MetWith,
                        cue: cue.clone(),
                        confidence: if weak {
                            confidence::NOMINAL_MEETING_WEAK
                        } else {
                            confidence::NOMINAL_MEETING
                        },
                        status,
                    });
                }
            }
            out.push(Fact::Meeting {
                parts: g,
                info: details[0].clone(),
                status,
                pred: i,
                gathering,
                confidence: if weak {
                    confidence::NOMINAL_MEETING_WEAK
                } else {
                    confidence::NOMINAL_MEETING
                },
            });
        }
    }

    /// A body whose name is a gathering ("the UN General Assembly", "the European
    /// Council") named as the time or place of something — after `at`, `during`, `after`,
    /// `following`, `before`, `ahead of`, `on the sidelines of`, or with a time possessive
    /// ("tomorrow's European Council") — is its own meeting. `i` is the name's last token;
    /// the name as a clause's subject ("after the council voted") is not.
    pub(super) fn named_gathering(
        &mut self,
        s: &Sent,
        i: usize,
        ents: &Actors,
        out: &mut Vec<Fact>,
    ) {
        let Some(m) = ents.mention_at(s.lo + i) else {
            return;
        };
        let e = ents.mention_entity[m];
        let tokens = &ents.mentions[m].tokens;
        if ents.entities[e].kind != EntityKind::Organization
            || tokens.end != s.lo + i + 1
            || tokens.start < s.lo
            || !is(WordClass::GatheringName, s.lw(i))
            || (i + 1 < s.n() && matches!(s.tag[i + 1], Upos::Verb | Upos::Aux))
        {
            return;
        }
        let mut q = tokens.start - s.lo;
        let mut planned = false;
        let mut timed = false;
        while q > 0 && matches!(s.lw(q - 1), "the" | "this" | "next" | "last" | "upcoming") {
            planned |= matches!(s.lw(q - 1), "next" | "upcoming");
            q -= 1;
        }
        if q >= 2
            && matches!(s.lw(q - 1), "'s" | "’s")
            && (is(WordClass::TimeHead, s.lw(q - 2)) || crate::text::date::is_weekday(s.lw(q - 2)))
        {
            timed = true;
            planned |= matches!(s.lw(q - 2), "tomorrow" | "next");
        }
        let adjunct = q >= 1
            && match s.lw(q - 1) {
                "at" | "during" | "after" | "following" | "before" => true,
                "of" => q >= 2 && matches!(s.lw(q - 2), "sidelines" | "margins" | "ahead" | "eve"),
                _ => false,
            };
        if !(timed || adjunct) || self.hypothetical(s, i) {
            return;
        }
        let status = if planned {
            Status::Planned
        } else {
            Status::Held
        };
        let details = self.meeting_details(s, i + 1, status, ents);
        out.push(Fact::Meeting {
            parts: vec![Side {
                actor: Actor::Ent(e),
                weak: false,
            }],
            info: details[0].clone(),
            status,
            pred: i,
            gathering: true,
            confidence: confidence::NOMINAL_MEETING,
        });
    }
}
