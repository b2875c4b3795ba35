//! Schema validation: the nodes of a file in, validated contracts and TL002–TL005 out.
//!
//! Every problem of a file is collected; nothing stops at the first.  A problem inside
//! a `waiver` only disables that waiver; anywhere else it marks the contract as not
//! auditable (LANGUAGE.md §2.2).
//!
//! There is one validator, `Validator`, and it takes a file one node at a
//! time ([`Sink`]): the fast reader drives it as it reads, so a well-formed file
//! never becomes a syntax tree; a tree the grammar built is replayed into it by
//! [`validate`].  Both paths give the same [`Validated`] (tested below).  This file
//! checks the structure (known, repeated and missing fields, waivers); a node's
//! arguments are read by `args.rs`.

use std::borrow::Cow;
use std::sync::Arc;

use super::args::{push_args, take_at_final_number, ArgReader, Head};
use super::model::{slot_bit, Contract, TArg, TNode, TValue, EXTENSION};
use super::problems::{Path, Problems};
use super::table::SCHEMA;
use super::types::{Field, Ty};
use super::waiver::read_waiver;
use crate::problem::{Kind, Problem, Words};
use crate::span::Span;
use crate::suggest::closest;
use crate::syntax::tree::{head_span, Arg, Document};
use crate::syntax::{self, BlockEdges, Sink};

/// Validated contracts and every problem, each with the index of the contract it
/// belongs to (`None` outside any contract).
#[derive(Debug, Default, PartialEq)]
pub struct Validated {
    pub contracts: Vec<Contract>,
    pub problems: Vec<(Option<usize>, Problem)>,
}

/// Validates a parsed document; `syntax` are the parser's problems, attributed here
/// to the contract they fall in.
#[must_use]
pub fn validate(document: &Document, syntax: Vec<Problem>, text: &str) -> Validated {
    let mut validator = Validator::new(text);
    validator.attribute(document, syntax);
    syntax::sink::replay(&document.nodes, &mut validator);
    validator.finish()
}

/// Parses and validates `.terms` text, as `check` does each file: a well-formed
/// file goes from the fast reader straight into the validator, with no syntax tree
/// in between; any other is parsed by the grammar, which reports its syntax
/// problems, and validated from that tree.
#[must_use]
pub fn read_and_validate(text: &str) -> Validated {
    let mut validator = Validator::new(text);
    if syntax::read_well_formed(text, &mut validator).is_some() {
        return validator.finish();
    }
    let parsed = syntax::parse_with_grammar(text);
    validate(&parsed.document, parsed.problems, text)
}

/// Validates a file given one node at a time: each node's head when it is read
/// ([`Validator::open`]), then its children, then its end ([`Validator::close`]).
pub(crate) struct Validator<'t> {
    /// The file's text, to quote values in fixes.
    text: &'t str,
    out: Validated,
    /// For each contract (by index), whether a syntax problem falls inside it.
    blocked: Vec<bool>,
    /// The nodes open, outermost first.
    open: Vec<Open>,
    /// The typed node of every open node (but skipped ones), each with its
    /// children so far above it.  A node is written here once, when its head is
    /// read, and stays until its parent ends: then its siblings and it are moved
    /// into the parent, as a vector of exactly their number.
    nodes: Vec<TNode>,
    /// The arguments of the contract being read, in the order they were read:
    /// each node's are a range of these ([`ArgRange`]).  Copied out, at their
    /// final number, when the contract ends.
    args: Vec<TArg>,
    /// The field names from `contract` down to the innermost open schema field:
    /// where diagnostics say a problem is.
    path: Vec<&'static str>,
    /// Problems of the contract being read.
    problems: Problems,
    /// For each child of the contract so far, in order: whether it is a waiver
    /// without problems.
    waiver_ok: Vec<bool>,
}

/// One open node: what the validator needs to know of it until it ends (its
/// typed node is on [`Validator::nodes`]).
struct Open {
    role: Role,
    /// Where its typed node is on [`Validator::nodes`] (skipped nodes have none).
    at: usize,
    /// Which slots its children hold so far ([`slot_bit`]): its `child_slots`.
    seen: u64,
    is_waiver: bool,
}

/// What an open node is to the schema.
#[derive(Clone, Copy)]
enum Role {
    /// A schema field: its arguments and children are checked.
    Field(&'static Field),
    /// An `x_` field or anything inside one: kept with raw values, never checked.
    Extension,
    /// Reported (unknown or duplicate) or outside any contract: dropped with
    /// everything inside.
    Skipped,
}

impl Open {
    fn skipped() -> Open {
        Open {
            role: Role::Skipped,
            at: 0,
            seen: 0,
            is_waiver: false,
        }
    }
}

impl<'t> Sink<'t> for Validator<'_> {
    type Mark = ();

    fn head(&mut self, name: &'t str, name_span: Span, args: &mut Vec<Arg<'t>>) {
        self.open(name, name_span, args);
    }

    fn end(&mut self, (): (), _block: Option<BlockEdges>) {
        self.close();
    }
}

/// The validator's stacks, empty, kept from one file to the next on each thread:
/// they would otherwise be allocated (and most of them grown) for every file.
#[derive(Default)]
struct Stacks {
    open: Vec<Open>,
    nodes: Vec<TNode>,
    args: Vec<TArg>,
    path: Vec<&'static str>,
    waiver_ok: Vec<bool>,
}

thread_local! {
    static SPARE_STACKS: std::cell::Cell<Stacks> = std::cell::Cell::default();
}

impl<'t> Validator<'t> {
    fn new(text: &'t str) -> Self {
        let Stacks {
            mut open,
            mut nodes,
            mut args,
            mut path,
            mut waiver_ok,
        } = SPARE_STACKS.take();
        // Left over if the last file's fast read stopped halfway.
        open.clear();
        nodes.clear();
        args.clear();
        path.clear();
        waiver_ok.clear();
        Validator {
            text,
            out: Validated::default(),
            blocked: Vec::new(),
            open,
            nodes,
            args,
            path,
            problems: Problems::default(),
            waiver_ok,
        }
    }

    /// Takes the parser's problems, before any node: each belongs to the
    /// top-level node whose text holds it, and blocks that node's contract; one
    /// between nodes (a stray `}` after a contract) belongs to none.
    fn attribute(&mut self, document: &Document, syntax: Vec<Problem>) {
        let contract_name = SCHEMA.children[0].name;
        let mut contracts = 0;
        let contract_of: Vec<Option<usize>> = document
            .nodes
            .iter()
            .map(|node| {
                (node.name == contract_name).then(|| {
                    contracts += 1;
                    contracts - 1
                })
            })
            .collect();
        self.blocked = vec![false; contracts];
        for problem in syntax {
            let at = problem.span.start;
            let contract = document
                .nodes
                .iter()
                .position(|n| n.name_span.start <= at && at < n.end().max(n.name_span.end))
                .and_then(|i| contract_of[i]);
            if let Some(c) = contract {
                self.blocked[c] = true;
            }
            self.out.problems.push((contract, problem));
        }
    }

    /// Every contract read, once the last node has ended.
    fn finish(self) -> Validated {
        SPARE_STACKS.set(Stacks {
            open: self.open,
            nodes: self.nodes,
            args: self.args,
            path: self.path,
            waiver_ok: self.waiver_ok,
        });
        self.out
    }

    /// A node's head: its name and arguments, before any of its children.
    fn open(&mut self, name: &str, name_span: Span, args: &[Arg]) {
        let head = head_span(name_span, args);
        let opened = match self.open.last().map(|parent| parent.role) {
            None => self.open_top(name, name_span, head, args),
            Some(Role::Field(field)) => self.open_child(field, name, name_span, head, args),
            Some(Role::Extension) => self.open_extension(name, head, args),
            Some(Role::Skipped) => Open::skipped(),
        };
        self.open.push(opened);
    }

    /// A node at the top of the file: a contract, or an `x_` field, or a mistake.
    fn open_top(&mut self, name: &str, name_span: Span, head: Span, args: &[Arg]) -> Open {
        let contract = &SCHEMA.children[0];
        if name.starts_with("x_") {
            // Extension fields are accepted anywhere, the top of a file included.
            return Open::skipped();
        }
        if name != contract.name {
            let place = Words::new("the top of the file", "ファイルの最上位");
            let kind = unknown_field(name, &SCHEMA, place);
            self.out
                .problems
                .push((None, Problem::new(name_span, kind)));
            return Open::skipped();
        }
        self.open_field(contract, 0, name, head, args, false)
    }

    /// A node in the block of schema field `parent`.
    fn open_child(
        &mut self,
        parent: &'static Field,
        name: &str,
        name_span: Span,
        head: Span,
        args: &[Arg],
    ) -> Open {
        if name.starts_with("x_") {
            return self.open_extension(name, head, args);
        }
        let Some((slot, field)) = parent.child(name) else {
            let place = format!("`{}`", Path(&self.path));
            let kind = unknown_field(name, parent, Words::new(place.clone(), place));
            // Unknown nodes are dropped (and so kept out of `waiver_ok` too).
            self.problems.report(name_span, kind);
            return Open::skipped();
        };
        if !field.repeatable {
            if let Some(first) = self.first_among_siblings(slot) {
                let field_path = Path(&self.path).child(field.name);
                self.problems.report_problem(
                    Problem::new(head, Kind::Duplicate { field: field_path }).with_related(first),
                );
                return Open::skipped();
            }
        }
        let is_waiver = self.open.len() == 1 && field.name == "waiver";
        if is_waiver {
            self.problems.in_waiver += 1;
            self.problems.waiver_broken = false;
        }
        self.open_field(field, slot, name, head, args, is_waiver)
    }

    /// Opens a schema field, its arguments read by the field's signature.
    fn open_field(
        &mut self,
        field: &'static Field,
        slot: usize,
        name: &str,
        head: Span,
        args: &[Arg],
        is_waiver: bool,
    ) -> Open {
        self.path.push(field.name);
        let mut reader = ArgReader {
            text: self.text,
            problems: &mut self.problems,
            path: Path(&self.path),
        };
        let args = reader.args(&Head { name, head, args }, field, &mut self.args);
        let at = self.nodes.len();
        self.nodes.push(TNode {
            slot: u16::try_from(slot).unwrap_or(EXTENSION - 1),
            name: Cow::Borrowed(field.name),
            head,
            args,
            children: Box::default(),
            child_slots: 0,
        });
        Open {
            role: Role::Field(field),
            at,
            seen: 0,
            is_waiver,
        }
    }

    /// Opens an `x_` field, or a node inside one: kept as written.
    fn open_extension(&mut self, name: &str, head: Span, args: &[Arg]) -> Open {
        let at = self.nodes.len();
        self.nodes.push(TNode {
            slot: EXTENSION,
            name: Cow::Owned(name.to_string()),
            head,
            args: push_args(
                &mut self.args,
                args.iter().map(|a| TArg {
                    value: TValue::Raw(a.value.clone().into_owned()),
                    span: a.span,
                }),
            ),
            children: Box::default(),
            child_slots: 0,
        });
        Open {
            role: Role::Extension,
            at,
            seen: 0,
            is_waiver: false,
        }
    }

    /// The validated children of the open node `node` so far.
    fn children_of(&self, node: &Open) -> &[TNode] {
        &self.nodes[node.at + 1..]
    }

    /// Where the innermost open node's first child of `slot` is, if it has one.
    fn first_among_siblings(&self, slot: usize) -> Option<Span> {
        let parent = self.open.last()?;
        first_of(self.children_of(parent), parent.seen, slot)
    }

    /// The innermost open node ends: it becomes a child of its parent, or, at the
    /// top, a contract.
    fn close(&mut self) {
        let Some(node) = self.open.pop() else {
            return;
        };
        match node.role {
            Role::Skipped => return,
            Role::Extension => {}
            Role::Field(field) => {
                self.report_missing_children(field, &node);
                self.path.pop();
                if node.is_waiver {
                    self.problems.in_waiver -= 1;
                }
            }
        }
        // Most nodes have no block: no children to move.  `split_off` moves them
        // with one `memcpy` (`drain(..).collect()` moved them one at a time).
        if self.nodes.len() > node.at + 1 {
            let children = self.nodes.split_off(node.at + 1);
            self.nodes[node.at].children = children.into_boxed_slice();
        }
        self.nodes[node.at].child_slots = node.seen;
        let slot = self.nodes[node.at].slot;
        let in_contract = self.open.len() == 1;
        let Some(parent) = self.open.last_mut() else {
            // The contract itself has ended: its node is the only one left.
            if let Some(root) = self.nodes.pop() {
                self.finish_contract(root);
            }
            return;
        };
        parent.seen |= slot_bit(slot);
        if in_contract {
            self.waiver_ok
                .push(node.is_waiver && !self.problems.waiver_broken);
        }
    }

    /// Reports each required child field that `node`, now ending, lacks.
    fn report_missing_children(&mut self, field: &'static Field, node: &Open) {
        for (slot, child_field) in field.children.iter().enumerate() {
            if child_field.required && first_of(self.children_of(node), node.seen, slot).is_none() {
                let example = format!(
                    "{} {}",
                    child_field.name,
                    child_field.value_ty().map_or(String::new(), Ty::example)
                );
                self.problems.report(
                    self.nodes[node.at].head,
                    Kind::MissingChild {
                        field: Path(&self.path).to_string(),
                        child: child_field.name.to_string(),
                        example,
                    },
                );
            }
        }
    }

    /// The contract node has ended: the contract is complete, and its problems
    /// are the file's.
    fn finish_contract(&mut self, root: TNode) {
        let contract_field = &SCHEMA.children[0];
        let id = match root.args.of(&self.args).first().map(|a| &a.value) {
            Some(TValue::Str(s)) => Arc::from(s.as_str()),
            _ => Arc::from(""),
        };
        let waivers = root
            .children
            .iter()
            .zip(&self.waiver_ok)
            .filter(|(c, _)| {
                c.slot != EXTENSION && contract_field.children[usize::from(c.slot)].name == "waiver"
            })
            .map(|(c, ok)| read_waiver(c, &self.args, *ok))
            .collect();
        let index = self.out.contracts.len();
        let blocked = self.blocked.get(index).copied().unwrap_or(false);
        let auditable = !blocked && !self.problems.list.iter().any(|(_, blocking)| *blocking);
        self.out.problems.extend(
            self.problems
                .list
                .drain(..)
                .map(|(problem, _)| (Some(index), problem)),
        );
        self.problems.in_waiver = 0;
        self.problems.waiver_broken = false;
        self.waiver_ok.clear();
        self.out.contracts.push(Contract {
            id,
            root,
            args: take_at_final_number(&mut self.args),
            waivers,
            auditable,
        });
    }
}

/// Where the first of `children` in `slot` is: `seen` (their slot bits) answers
/// "none" at once; the rare duplicate or missing field looks it up.
fn first_of(children: &[TNode], seen: u64, slot: usize) -> Option<Span> {
    if seen & slot_bit(u16::try_from(slot).unwrap_or(u16::MAX)) == 0 {
        return None;
    }
    children
        .iter()
        .find(|c| usize::from(c.slot) == slot)
        .map(|c| c.head)
}

fn unknown_field(name: &str, field: &Field, place: Words) -> Kind {
    let names = field.children.iter().map(|f| f.name);
    Kind::UnknownField {
        name: name.to_string(),
        place,
        suggestion: closest(name, names.clone()),
        allowed: names.map(str::to_string).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::model::ArgRange;

    /// `text` validated with the fast reader driving the validator, or `None`
    /// when the fast reader refuses the text.
    fn driven_by_the_fast_reader(text: &str) -> Option<Validated> {
        let mut validator = Validator::new(text);
        syntax::read_well_formed(text, &mut validator)?;
        Some(validator.finish())
    }

    /// `text` parsed by the grammar alone, its tree replayed into the validator.
    fn replayed_from_the_grammar(text: &str) -> Validated {
        let parsed = syntax::parse_with_grammar(text);
        validate(&parsed.document, parsed.problems, text)
    }

    /// Both ways into the one validator give the same contracts and problems, on
    /// every `.terms` file in the repository; `read_and_validate` gives the same.
    #[test]
    fn the_fast_reader_and_the_grammar_tree_validate_alike_on_every_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut both = 0;
        for dir in ["contracts", "tests", "rules"] {
            for entry in walkdir::WalkDir::new(root.join(dir)) {
                let entry = entry.unwrap();
                if entry.path().extension().is_none_or(|e| e != "terms") {
                    continue;
                }
                let shown = entry.path().display();
                let text = std::fs::read_to_string(entry.path()).unwrap();
                let replayed = replayed_from_the_grammar(&text);
                if let Some(driven) = driven_by_the_fast_reader(&text) {
                    assert_eq!(driven, replayed, "{shown}");
                    both += 1;
                } else {
                    let syntax = syntax::parse_with_grammar(&text).problems;
                    assert!(!syntax.is_empty(), "fast reader refused {shown}");
                }
                assert_eq!(read_and_validate(&text), replayed, "{shown}");
            }
        }
        assert!(both > 50, "{both} files read by both paths");
    }

    /// The same on schema mistakes of every kind, in and out of waivers and
    /// extensions, several contracts to a file (the repository's well-formed files
    /// have none).
    #[test]
    fn the_fast_reader_and_the_grammar_tree_validate_alike_on_schema_mistakes() {
        for text in [
            "contract \"a\" {\n  title \"t\"\n  title \"u\"\n  bogus 1 { title 2 }\n\
             x_note \"n\" { x_a 1; nested 2 { deep yes } }\n\
             vendor \"v\" { staff { operators many; turnover 5% }; certifications iso9001 nope }\n\
             waiver TL101 { expires 2027-01-01 }\n  waiver bad_ref { reason \"r\" }\n\
             waiver TL102 { reason \"ok\"; extra 1 }\n  waiver TL103 { reason \"fine\" }\n\
             pricing { base_fee 100 JPY; model per_call per_seat; overage 5 }\n\
             kpi { service_level 90% 20 s; abandon_rate >= 5%; report }\n}\n",
            "x_top 1 { a 2 }\nthing 3 { contract }\ncontract tbd { start tbd }\n\
             contract \"b\" { title 5; term { minimum 12 months; renewal sometimes } }\n\
             contract\n",
            "contract \"c\" { data { personal_data maybe; retention 1 JPY } }",
        ] {
            let driven = driven_by_the_fast_reader(text).expect("well-formed");
            assert!(driven.problems.len() > 1, "{text:?}: {:?}", driven.problems);
            assert_eq!(driven, replayed_from_the_grammar(text), "{text:?}");
        }
    }

    /// Each node's arguments are its own, in order; a contract's arguments are
    /// its nodes' in document order, each once; a second contract's start again.
    #[test]
    fn a_contract_holds_the_arguments_of_its_nodes_in_document_order() {
        fn ranges(node: &TNode, out: &mut Vec<ArgRange>) {
            out.push(node.args);
            for child in &node.children {
                ranges(child, out);
            }
        }
        let text = "contract \"a\" {\n  kpi { service_level 90% within 20 s }\n  x_note 1 2\n}\n\
                    contract \"b\" { term { minimum 12 months } }\n";
        let validated = read_and_validate(text);
        assert!(validated.problems.is_empty(), "{:?}", validated.problems);
        for contract in &validated.contracts {
            let mut all = Vec::new();
            ranges(&contract.root, &mut all);
            let mut next = 0;
            for range in all {
                assert_eq!(range.start, next, "{range:?}");
                next = range.end;
            }
            assert_eq!(next as usize, contract.args.len());
        }
        let written = |contract: &Contract, node: &TNode| -> Vec<String> {
            let args = contract.args_of(node).iter();
            args.map(|a| a.span.text(text).to_string()).collect()
        };
        let [a, b] = &validated.contracts[..] else {
            panic!("two contracts");
        };
        assert_eq!(written(a, &a.root), ["\"a\""]);
        let service_level = &a.root.children[0].children[0];
        assert_eq!(written(a, service_level), ["90%", "within", "20 s"]);
        assert_eq!(written(a, &a.root.children[1]), ["1", "2"]);
        assert_eq!(written(b, &b.root), ["\"b\""]);
        assert_eq!(written(b, &b.root.children[0].children[0]), ["12 months"]);
    }
}
