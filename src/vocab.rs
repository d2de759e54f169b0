//! The analysis vocabulary: the kinds of things the stages find, in the stages' own words.
//!
//! These enums are deliberately small and carry no serde: the stages speak them, and
//! [`crate::graph::build`] maps them onto the serialized `newsgraph/1` model
//! ([`crate::graph::NodeKind`], [`crate::graph::Relation`], …). A mention can only be one
//! of four actor kinds and a lexicon sense only one of six stances, so nothing has to
//! filter out `Meeting` mentions or `said` stances at run time.

/// What an actor is: the type of a mention and of an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    /// An unnamed collective (`officials`, `European leaders`).
    Group,
}

impl EntityKind {
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
        EntityKind::Group,
    ];

    /// The kind's name as the gold files and the graph write it (`Person`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "Person",
            EntityKind::Organization => "Organization",
            EntityKind::Place => "Place",
            EntityKind::Group => "Group",
        }
    }
}

/// The six stances one actor takes towards another actor or a proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stance {
    MetWith,
    Warned,
    Proposed,
    Opposes,
    Supports,
    Criticized,
}

impl Stance {
    pub const ALL: [Stance; 6] = [
        Stance::MetWith,
        Stance::Warned,
        Stance::Proposed,
        Stance::Opposes,
        Stance::Supports,
        Stance::Criticized,
    ];

    /// The stance's name, as the relation lexicon writes it (`met-with`).
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::MetWith => "met-with",
            Stance::Warned => "warned",
            Stance::Proposed => "proposed",
            Stance::Opposes => "opposes",
            Stance::Supports => "supports",
            Stance::Criticized => "criticized",
        }
    }

    /// Parses a stance's name (`met-with`); None for anything else.
    pub fn parse(s: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// `met-with` holds both ways.
    pub fn is_symmetric(self) -> bool {
        self == Stance::MetWith
    }
}

/// Direct (in quotation marks) or indirect (reported) speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QuoteKind {
    Direct,
    Indirect,
}

/// Whether an event or stance is reported as done or announced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Held,
    Planned,
}
