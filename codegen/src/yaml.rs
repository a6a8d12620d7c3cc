//! YAML text to a tree of located nodes, and typed reading of that tree.
//!
//! The parser is granit-parser (the event parser serde-saphyr is built on), used without serde:
//! the spec model is read by [`FromNode`] impls written with [`read_mapping!`], so the codegen
//! crate needs no serde at all and a downstream build compiles it while serde_core, serde_json,
//! syn and serde_derive are still building. The tree keeps every node's place for diagnostics;
//! anchors, aliases and `<<` merge keys are resolved while it is built; explicit tags (`!!str`)
//! are refused rather than half-honoured.

use std::collections::HashMap;
use std::ops::Range;

use granit_parser::{Event, Marker, Parser, ScalarStyle, ScanError, Span};

/// Where a value was written: 1-based line and column, and its byte range in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Location {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    start: usize,
    end: usize,
}

impl Location {
    /// The byte range the value covers (empty for a value that is not written, such as `key:`).
    pub(crate) fn range(&self) -> Option<Range<usize>> {
        (self.end > self.start).then_some(self.start..self.end)
    }
}

/// A value with the place it came from.
#[derive(Debug, Clone)]
pub(crate) struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub at: Location,
}

/// A YAML node.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub(crate) kind: Kind,
    pub(crate) at: Location,
}

/// The three YAML node kinds; a scalar remembers whether it was plain (only plain scalars can
/// be `null`, `true` or a number).
#[derive(Debug, Clone)]
pub(crate) enum Kind {
    Scalar { text: String, plain: bool },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

/// A problem found reading a file, where it is, and what kind it is (the kind, not the
/// wording, chooses the diagnostic's hint).
#[derive(Debug)]
pub(crate) struct Problem {
    pub(crate) at: Location,
    pub(crate) kind: ProblemKind,
}

#[derive(Debug)]
pub(crate) enum ProblemKind {
    /// Text that is not YAML.
    Syntax(ScanError),
    /// A second `---` document, an alias to an unknown anchor, a key that is not text.
    Unsupported(String),
    UnknownField {
        field: String,
        expected: &'static [&'static str],
    },
    /// Located at the mapping's last key (or the mapping when empty): where an entry cut short
    /// by an indentation slip ends.
    MissingField {
        field: &'static str,
    },
    DuplicateKey {
        key: String,
    },
    WrongShape {
        expected: &'static str,
        found: String,
    },
    NotWholeNumber,
}

impl Problem {
    fn new(at: Location, kind: ProblemKind) -> Self {
        Problem { at, kind }
    }
}

/// Parses one YAML document into a tree.
pub(crate) fn parse(text: &str) -> Result<Node, Problem> {
    let mut builder = Builder {
        text,
        stack: Vec::new(),
        anchors: HashMap::new(),
        root: None,
        documents: 0,
        offsets: Offsets::new(text),
        copied: 0,
    };
    for next in Parser::new_from_str(text) {
        let (event, span) = next.map_err(|e| {
            let at = builder.offsets.location(e.marker(), e.marker());
            Problem::new(at, ProblemKind::Syntax(e))
        })?;
        builder.event(event, span)?;
    }
    Ok(builder.root.unwrap_or_else(|| Node {
        kind: Kind::Scalar {
            text: String::new(),
            plain: true,
        },
        at: Location {
            line: 1,
            column: 1,
            start: 0,
            end: 0,
        },
    }))
}

/// Byte offsets for the parser's character offsets, when it gives none.
struct Offsets {
    /// Byte offset of each character (and of the end), only for non-ASCII texts.
    bytes: Option<Vec<usize>>,
    len: usize,
}

impl Offsets {
    fn new(text: &str) -> Self {
        let bytes = (!text.is_ascii()).then(|| {
            text.char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(text.len()))
                .collect()
        });
        Offsets {
            bytes,
            len: text.len(),
        }
    }

    fn byte(&self, m: &Marker) -> usize {
        let at = m.byte_offset().unwrap_or_else(|| match &self.bytes {
            Some(bytes) => bytes.get(m.index()).copied().unwrap_or(self.len),
            None => m.index(),
        });
        at.min(self.len)
    }

    fn location(&self, start: &Marker, end: &Marker) -> Location {
        Location {
            line: u32::try_from(start.line()).unwrap_or(u32::MAX),
            column: u32::try_from(start.col().saturating_add(1)).unwrap_or(u32::MAX),
            start: self.byte(start),
            end: self.byte(end),
        }
    }
}

/// A collection being read.
enum Open {
    Seq {
        items: Vec<Node>,
        at: Location,
        anchor: usize,
    },
    Map {
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        at: Location,
        anchor: usize,
    },
}

struct Builder<'t> {
    text: &'t str,
    stack: Vec<Open>,
    /// Anchored nodes with their size in nodes.
    anchors: HashMap<usize, (Node, usize)>,
    root: Option<Node>,
    documents: usize,
    offsets: Offsets,
    /// Nodes copied by aliases so far, bounded by [`ALIAS_BUDGET`].
    copied: usize,
}

/// How many nodes aliases may copy into one file: far beyond any spec, and small enough that
/// aliases of aliases ("billion laughs") are refused instead of exhausting memory.
const ALIAS_BUDGET: usize = 1_000_000;

/// A node's size in nodes.
fn size(node: &Node) -> usize {
    match &node.kind {
        Kind::Scalar { .. } => 1,
        Kind::Seq(items) => items.iter().map(size).fold(1, usize::saturating_add),
        Kind::Map(entries) => entries
            .iter()
            .map(|(k, v)| size(k).saturating_add(size(v)))
            .fold(1, usize::saturating_add),
    }
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), Problem> {
        let at = self.offsets.location(&span.start, &span.end);
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(Problem::new(
                        at,
                        ProblemKind::Unsupported(
                            "a second YAML document starts here; a spec file holds one".into(),
                        ),
                    ));
                }
            }
            Event::Scalar(_, _, _, Some(_))
            | Event::SequenceStart(_, _, Some(_))
            | Event::MappingStart(_, _, Some(_)) => {
                let tag = span
                    .tag_span()
                    .and_then(|t| t.slice(self.text))
                    .unwrap_or("!");
                let message = format!("tags such as `{tag}` are not supported in spec files");
                return Err(Problem::new(at, ProblemKind::Unsupported(message)));
            }
            Event::Scalar(value, style, anchor, None) => {
                let plain = matches!(style, ScalarStyle::Plain);
                let node = Node {
                    kind: Kind::Scalar {
                        text: value.into_owned(),
                        plain,
                    },
                    at,
                };
                self.add(node, anchor)?;
            }
            Event::SequenceStart(_, anchor, None) => self.stack.push(Open::Seq {
                items: Vec::new(),
                at,
                anchor,
            }),
            Event::MappingStart(_, anchor, None) => self.stack.push(Open::Map {
                entries: Vec::new(),
                key: None,
                at,
                anchor,
            }),
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Open::Seq { items, at, anchor }) => (
                        Node {
                            kind: Kind::Seq(items),
                            at,
                        },
                        anchor,
                    ),
                    Some(Open::Map {
                        entries,
                        at,
                        anchor,
                        ..
                    }) => (
                        Node {
                            kind: Kind::Map(merge(entries)),
                            at,
                        },
                        anchor,
                    ),
                    None => return Ok(()),
                };
                self.add(node, anchor)?;
            }
            Event::Alias(id) => {
                let Some((node, n)) = self.anchors.get(&id) else {
                    let name = span.slice(self.text).unwrap_or("*");
                    return Err(Problem::new(
                        at,
                        ProblemKind::Unsupported(format!("`{name}` names no anchor above it")),
                    ));
                };
                self.copied = self.copied.saturating_add(*n);
                if self.copied > ALIAS_BUDGET {
                    return Err(Problem::new(
                        at,
                        ProblemKind::Unsupported(format!(
                            "aliases in this file copy more than {ALIAS_BUDGET} values"
                        )),
                    ));
                }
                // The alias's own place, so problems in it point where it is used.
                let node = Node { at, ..node.clone() };
                self.add(node, 0)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Adds a finished node to the open collection (or makes it the document).
    fn add(&mut self, node: Node, anchor: usize) -> Result<(), Problem> {
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), size(&node)));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Open::Seq { items, .. }) => items.push(node),
            Some(Open::Map { entries, key, .. }) => match key.take() {
                None => {
                    if !matches!(node.kind, Kind::Scalar { .. }) {
                        return Err(Problem::new(
                            node.at,
                            ProblemKind::Unsupported(
                                "a key must be text, not a list or a mapping".into(),
                            ),
                        ));
                    }
                    *key = Some(node);
                }
                Some(k) => entries.push((k, node)),
            },
        }
        Ok(())
    }
}

/// Applies `<<` merge keys: the merged mappings' entries whose keys the mapping does not
/// write itself, after its own entries.
fn merge(entries: Vec<(Node, Node)>) -> Vec<(Node, Node)> {
    let is_merge = |k: &Node| matches!(&k.kind, Kind::Scalar { text, plain: true } if text == "<<");
    if !entries.iter().any(|(k, _)| is_merge(k)) {
        return entries;
    }
    let mut own = Vec::new();
    let mut merged = Vec::new();
    for (k, v) in entries {
        if !is_merge(&k) {
            own.push((k, v));
            continue;
        }
        let sources = match v.kind {
            Kind::Seq(items) => items,
            kind => vec![Node { kind, at: v.at }],
        };
        for source in sources {
            match source.kind {
                Kind::Map(more) => merged.extend(more),
                kind => own.push((
                    k.clone(),
                    Node {
                        kind,
                        at: source.at,
                    },
                )),
            }
        }
    }
    for (k, v) in merged {
        let taken = own.iter().any(|(o, _)| o.key_text() == k.key_text());
        if !taken {
            own.push((k, v));
        }
    }
    own
}

/// A plain scalar's boolean under YAML's core schema (`true`, `True`, `TRUE`, and `false` alike).
pub(crate) fn plain_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

impl Node {
    /// A key's text (keys are always scalars).
    pub(crate) fn key_text(&self) -> &str {
        match &self.kind {
            Kind::Scalar { text, .. } => text,
            _ => "",
        }
    }

    /// `null`, `~` or nothing, written plain.
    pub(crate) fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { text, plain: true }
            if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// What the node is, for "expected …, found …".
    fn describe(&self) -> String {
        match &self.kind {
            _ if self.is_null() => "nothing".into(),
            Kind::Scalar { text, .. } => {
                let short: String = text.chars().take(40).collect();
                format!("the text `{short}`")
            }
            Kind::Seq(_) => "a list".into(),
            Kind::Map(_) => "a mapping".into(),
        }
    }

    fn wrong(&self, expected: &'static str) -> Problem {
        Problem::new(
            self.at,
            ProblemKind::WrongShape {
                expected,
                found: self.describe(),
            },
        )
    }

    /// The entries of a mapping, or a problem saying `what` was expected.
    pub(crate) fn entries(&self, what: &'static str) -> Result<&[(Node, Node)], Problem> {
        match &self.kind {
            Kind::Map(entries) => Ok(entries),
            _ => Err(self.wrong(what)),
        }
    }

    /// Where a missing key is reported: the mapping's last key, where an entry that an
    /// indentation slip cut short ends.
    fn end_of_entries(&self) -> Location {
        match &self.kind {
            Kind::Map(entries) => entries.last().map_or(self.at, |(k, _)| k.at),
            _ => self.at,
        }
    }
}

/// A value the spec model reads from a node.
pub(crate) trait FromNode: Sized {
    fn from_node(node: &Node) -> Result<Self, Problem>;

    /// The value of a key that is not written; `None` makes the key required.
    fn absent() -> Option<Self> {
        None
    }
}

impl FromNode for Spanned<String> {
    fn from_node(node: &Node) -> Result<Self, Problem> {
        match &node.kind {
            Kind::Scalar { text, .. } if !node.is_null() => Ok(Spanned {
                value: text.clone(),
                at: node.at,
            }),
            _ => Err(node.wrong("text")),
        }
    }
}

impl FromNode for Spanned<bool> {
    fn from_node(node: &Node) -> Result<Self, Problem> {
        let value = match &node.kind {
            Kind::Scalar { text, plain: true } => plain_bool(text),
            _ => None,
        };
        value
            .map(|value| Spanned { value, at: node.at })
            .ok_or_else(|| node.wrong("`true` or `false`"))
    }
}

/// Non-negative whole numbers.
macro_rules! whole_number {
    ($($t:ty),*) => {$(
        impl FromNode for Spanned<$t> {
            fn from_node(node: &Node) -> Result<Self, Problem> {
                match &node.kind {
                    Kind::Scalar { text, .. } => text
                        .trim()
                        .parse::<$t>()
                        .map(|value| Spanned { value, at: node.at })
                        .map_err(|_| Problem::new(node.at, ProblemKind::NotWholeNumber)),
                    _ => Err(node.wrong("a non-negative whole number")),
                }
            }
        }
    )*};
}
whole_number!(u16, u32);

impl<T: FromNode> FromNode for Option<T> {
    fn from_node(node: &Node) -> Result<Self, Problem> {
        if node.is_null() {
            Ok(None)
        } else {
            T::from_node(node).map(Some)
        }
    }

    fn absent() -> Option<Self> {
        Some(None)
    }
}

impl<T: FromNode> FromNode for Vec<T> {
    fn from_node(node: &Node) -> Result<Self, Problem> {
        match &node.kind {
            Kind::Seq(items) => items.iter().map(T::from_node).collect(),
            _ if node.is_null() => Ok(Vec::new()),
            _ => Err(node.wrong("a list")),
        }
    }

    fn absent() -> Option<Self> {
        Some(Vec::new())
    }
}

impl<T: FromNode> FromNode for Box<T> {
    fn from_node(node: &Node) -> Result<Self, Problem> {
        T::from_node(node).map(Box::new)
    }
}

/// Stores a key's value, refusing a key written twice.
pub(crate) fn set<T: FromNode>(
    slot: &mut Option<T>,
    key: &Node,
    value: &Node,
) -> Result<(), Problem> {
    if slot.is_some() {
        return Err(Problem::new(
            key.at,
            ProblemKind::DuplicateKey {
                key: key.key_text().to_string(),
            },
        ));
    }
    *slot = Some(T::from_node(value)?);
    Ok(())
}

/// A key's value, its default when the key is optional, or a missing-key problem.
pub(crate) fn finish<T: FromNode>(
    slot: Option<T>,
    field: &'static str,
    mapping: &Node,
    required: bool,
) -> Result<T, Problem> {
    let default = if required { None } else { T::absent() };
    slot.or(default).ok_or_else(|| {
        Problem::new(
            mapping.end_of_entries(),
            ProblemKind::MissingField { field },
        )
    })
}

/// A key the mapping's type does not have.
pub(crate) fn unknown(key: &Node, expected: &'static [&'static str]) -> Problem {
    Problem::new(
        key.at,
        ProblemKind::UnknownField {
            field: key.key_text().to_string(),
            expected,
        },
    )
}

/// `impl FromNode` for a struct read from a mapping: `field: "key"` for each field, in any
/// order; `[required]` after a key whose type has a default (a list) makes it required.
/// Values are read in the order the file writes them, so the first problem reported is the
/// first in the file; unknown and repeated keys are problems, a missing key is reported once
/// the mapping is read.
macro_rules! read_mapping {
    ($ty:ident, $what:literal, { $($field:ident : $key:literal $([$req:ident])?),* $(,)? }) => {
        impl $crate::yaml::FromNode for $ty {
            fn from_node(node: &$crate::yaml::Node) -> Result<Self, $crate::yaml::Problem> {
                const KEYS: &[&str] = &[$($key),*];
                $(let mut $field = None;)*
                for (key, value) in node.entries($what)? {
                    match key.key_text() {
                        $($key => $crate::yaml::set(&mut $field, key, value)?,)*
                        _ => return Err($crate::yaml::unknown(key, KEYS)),
                    }
                }
                Ok($ty {
                    $($field: $crate::yaml::finish(
                        $field, $key, node, read_mapping!(@required $($req)?),
                    )?,)*
                })
            }
        }
    };
    (@required required) => { true };
    (@required) => { false };
}
pub(crate) use read_mapping;

#[cfg(test)]
mod tests {
    use super::*;

    fn node(text: &str) -> Node {
        parse(text).unwrap()
    }

    fn json(text: &str) -> serde_json::Value {
        let ours = crate::json::Json::from_node(&node(text)).unwrap();
        serde_json::from_str(&ours.to_string()).unwrap()
    }

    fn problem(text: &str) -> Problem {
        parse(text).unwrap_err()
    }

    #[test]
    fn plain_scalars_follow_the_core_schema_and_quoted_ones_stay_text() {
        let v = json("[1, -2, 1.5, 1e3, true, False, null, ~, '7', \"true\", 0x1F, 1.2.3, abc]");
        assert_eq!(
            v,
            serde_json::json!([
                1, -2, 1.5, 1000.0, true, false, null, null, "7", "true", "0x1F", "1.2.3", "abc"
            ])
        );
        assert_eq!(json("a: \n"), serde_json::json!({"a": null}));
    }

    #[test]
    fn aliases_and_merge_keys_are_resolved_with_own_keys_first() {
        let v = json(
            "base: &b {x: 1, y: 2}\ncopy: *b\nmerged: {<<: *b, y: 3}\nlist: [{<<: [*b], z: 4}]\n",
        );
        assert_eq!(v["copy"], serde_json::json!({"x": 1, "y": 2}));
        assert_eq!(v["merged"], serde_json::json!({"x": 1, "y": 3}));
        assert_eq!(v["list"][0], serde_json::json!({"x": 1, "y": 2, "z": 4}));
        // An alias is located where it is used.
        let n = node("a: &s text\nb: *s\n");
        let Kind::Map(entries) = &n.kind else {
            panic!("a mapping")
        };
        assert_eq!((entries[1].1.at.line, entries[1].1.at.column), (2, 4));
    }

    #[test]
    fn locations_are_one_based_with_byte_ranges_past_non_ascii_text() {
        let text = "заголовок: x\nkey: значение\n";
        let n = node(text);
        let Kind::Map(entries) = &n.kind else {
            panic!("a mapping")
        };
        let (k, v) = &entries[1];
        assert_eq!((k.at.line, k.at.column), (2, 1));
        assert_eq!((v.at.line, v.at.column), (2, 6));
        assert_eq!(&text[v.at.range().unwrap()], "значение");
    }

    #[test]
    fn what_cannot_be_read_is_a_located_problem() {
        let p = problem("a: 1\n---\nb: 2\n");
        assert!(matches!(p.kind, ProblemKind::Unsupported(_)) && p.at.line == 2);
        let p = problem("a: *nowhere\n");
        assert!(matches!(
            p.kind,
            ProblemKind::Syntax(_) | ProblemKind::Unsupported(_)
        ));
        let p = problem("? [a, b]\n: c\n");
        assert!(matches!(p.kind, ProblemKind::Unsupported(_)) && p.at.line == 1);
        let p = problem("a: [1, 2\n");
        assert!(matches!(p.kind, ProblemKind::Syntax(_)));
        // Aliases of aliases that would copy a billion values are refused early.
        let mut laughs = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip("bcdefghij".chars())
        {
            let refs = vec![format!("*{prev}"); 10].join(", ");
            laughs.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        let p = problem(&laughs);
        assert!(matches!(p.kind, ProblemKind::Unsupported(_)), "{p:?}");
        // Tags are refused, not ignored.
        let p = problem("a: !!str 12\n");
        assert!(
            matches!(&p.kind, ProblemKind::Unsupported(m) if m.contains("!!str")),
            "{p:?}"
        );
        assert!(problem("a: !custom [1]\n").at.line == 1);
        // An empty document is a null node, which typed reading refuses.
        assert!(node("# only a comment\n").is_null());
    }

    #[derive(Debug)]
    struct Pair {
        first: Spanned<String>,
        second: Option<Spanned<u32>>,
        rest: Vec<Spanned<bool>>,
        must: Vec<Spanned<String>>,
    }
    read_mapping!(Pair, "a pair", {
        first: "first",
        second: "2nd",
        rest: "rest",
        must: "must" [required],
    });

    fn pair(text: &str) -> Result<Pair, Problem> {
        Pair::from_node(&node(text))
    }

    #[test]
    fn mappings_read_optional_required_unknown_and_repeated_keys() {
        let p = pair("first: a\nmust: []\n").unwrap();
        assert_eq!(p.first.value, "a");
        assert!(p.second.is_none() && p.rest.is_empty() && p.must.is_empty());
        let p = pair("first: a\n2nd: 7\nrest: [true, false]\nmust: [x]\n").unwrap();
        assert_eq!(p.second.map(|s| s.value), Some(7));
        assert_eq!(p.rest.len(), 2);

        let e = pair("first: a\n").unwrap_err();
        assert!(matches!(
            e.kind,
            ProblemKind::MissingField { field: "must" }
        ));
        assert_eq!(e.at.line, 1, "at the mapping's last key");
        let e = pair("first: a\nmust: []\nfirts: b\n").unwrap_err();
        assert!(
            matches!(&e.kind, ProblemKind::UnknownField { field, .. } if field == "firts")
                && e.at.line == 3
        );
        let e = pair("first: a\nfirst: b\nmust: []\n").unwrap_err();
        assert!(matches!(e.kind, ProblemKind::DuplicateKey { .. }) && e.at.line == 2);
        let e = pair("first: a\n2nd: two\nmust: []\n").unwrap_err();
        assert!(matches!(e.kind, ProblemKind::NotWholeNumber));
        let e = pair("first: {a: 1}\nmust: []\n").unwrap_err();
        assert!(matches!(&e.kind, ProblemKind::WrongShape { found, .. } if found == "a mapping"));
        let e = pair("first: a\nrest: [yes]\nmust: []\n").unwrap_err();
        assert!(matches!(e.kind, ProblemKind::WrongShape { .. }) && e.at.line == 2);
        // Problems come in file order: the nested one before the missing key.
        let e = pair("rest: [1]\n").unwrap_err();
        assert!(matches!(e.kind, ProblemKind::WrongShape { .. }));
        assert!(pair("- a\n").is_err());
    }
}
