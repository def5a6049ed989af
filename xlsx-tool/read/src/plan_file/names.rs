//! Resolving the unit and group names typed in a plan file (责任单位, 填报单位, 成员)
//! against the file's own units, aliases and groups, the way the plan itself resolves them.

use std::collections::HashMap;

use jz_core::plan::name_key;
use jz_core::text::{fold_width, strip_spaces};

use super::suggest::{hint, split_names};

/// Names known to one plan file.
#[derive(Debug, Default)]
pub(crate) struct Names {
    /// Spelling key → canonical unit name (names and aliases, exact and loose keys).
    units: HashMap<String, String>,
    /// Canonical unit names in order.
    canonical: Vec<String>,
    /// Group names with their members.
    groups: Vec<(String, Vec<String>)>,
    /// (spelling, canonical) of every unit name, alias and group, for suggestions.
    spellings: Vec<(String, String)>,
    /// The plan's 地区, a prefix that names may carry or leave out.
    region: String,
}

fn exact(s: &str) -> String {
    strip_spaces(&fold_width(s))
}

/// A name as resolved: a unit (canonical name) or a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Name {
    Unit(String),
    Group(String),
}

impl Name {
    pub(crate) fn text(&self) -> &str {
        match self {
            Name::Unit(s) | Name::Group(s) => s,
        }
    }
}

impl Names {
    /// No names yet, for a plan of `region` (`焦作市`).
    pub(crate) fn new(region: &str) -> Names {
        Names { region: region.to_string(), ..Names::default() }
    }

    /// Adds a unit with its aliases; returns the spellings that already belong to another
    /// unit (with that unit's name).
    pub(crate) fn add_unit(&mut self, name: &str, aliases: &[String]) -> Vec<(String, String)> {
        let mut clashes = Vec::new();
        for spelling in std::iter::once(name).chain(aliases.iter().map(String::as_str)) {
            for key in [exact(spelling), name_key(spelling, &self.region)] {
                match self.units.get(&key) {
                    Some(other) if other != name => clashes.push((spelling.to_string(), other.clone())),
                    Some(_) => {}
                    None => {
                        self.units.insert(key, name.to_string());
                    }
                }
            }
            self.spellings.push((spelling.to_string(), name.to_string()));
        }
        clashes.dedup();
        self.canonical.push(name.to_string());
        clashes
    }

    /// Adds a group.
    pub(crate) fn add_group(&mut self, name: &str, members: Vec<String>) {
        self.spellings.push((name.to_string(), name.to_string()));
        self.groups.push((name.to_string(), members));
    }

    /// The canonical unit a spelling names.
    pub(crate) fn unit(&self, spelling: &str) -> Option<&str> {
        let e = exact(spelling);
        if e.is_empty() {
            return None;
        }
        self.units.get(&e).or_else(|| self.units.get(&name_key(&e, &self.region))).map(String::as_str)
    }

    /// Whether `name` is a group.
    pub(crate) fn group(&self, spelling: &str) -> Option<&str> {
        let e = exact(spelling);
        self.groups.iter().find(|(g, _)| exact(g) == e).map(|(g, _)| g.as_str())
    }

    fn members(&self, group: &str) -> &[String] {
        self.groups.iter().find(|(g, _)| g == group).map_or(&[], |(_, m)| m.as_slice())
    }

    /// What to say about an unknown spelling: the closest name, else the valid names.
    pub(crate) fn hint(&self, typed: &str, units_only: bool) -> String {
        let candidates: Vec<(&str, &str)> = self
            .spellings
            .iter()
            .filter(|(_, v)| !units_only || self.canonical.contains(v))
            .map(|(s, v)| (s.as_str(), v.as_str()))
            .collect();
        let mut all: Vec<&str> = self.canonical.iter().map(String::as_str).collect();
        if !units_only {
            all.extend(self.groups.iter().map(|(g, _)| g.as_str()));
        }
        hint(typed, &candidates, &all)
    }

    /// Resolves a cell listing unit and group names (`市场监管局、各县区`, also
    /// `市人大、市委宣传部等联席会成员单位`: units before `等<group>` that are members of the
    /// group are folded into it). Returns the names resolved and the spellings not known.
    pub(crate) fn resolve_list(&self, text: &str) -> (Vec<Name>, Vec<String>) {
        let mut names: Vec<Name> = Vec::new();
        let mut unknown = Vec::new();
        for piece in split_names(text) {
            // `A等B`: A is a name, B (after 等) a group or unit; a trailing `等` is dropped.
            let parts: Vec<&str> = match piece.split_once('等') {
                Some((a, b)) if self.unit(&piece).is_none() => vec![a, b],
                _ => vec![piece.as_str()],
            };
            for part in parts.into_iter().map(|p| p.trim_end_matches(['等', '。'])).filter(|p| !p.is_empty()) {
                let name = match (self.group(part), self.unit(part)) {
                    (Some(g), _) => Name::Group(g.to_string()),
                    (None, Some(u)) => Name::Unit(u.to_string()),
                    (None, None) => {
                        unknown.push(part.to_string());
                        continue;
                    }
                };
                if let Name::Group(g) = &name {
                    let members = self.members(g);
                    names.retain(|n| !matches!(n, Name::Unit(u) if members.contains(u)));
                }
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        (names, unknown)
    }
}
