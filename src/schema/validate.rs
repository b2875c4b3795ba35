//! Schema validation: the nodes of a file in, validated contracts and TL002–TL005 out.
//!
//! Every problem of a file is collected; nothing stops at the first.  A problem inside
//! a `waiver` only disables that waiver; anywhere else it marks the contract as not
//! auditable (LANGUAGE.md §2.2).
//!
//! There is one validator, `Validator`, and it takes a file one node at a
//! time ([`Sink`]): the fast reader drives it as it reads, so a well-formed file
//! never becomes a syntax tree; a tree the grammar built is replayed into it by
//! [`validate`].  Both paths give the same [`Validated`] (tested below).

use std::borrow::Cow;
use std::sync::Arc;

use super::model::{
    slot_bit, ArgRange, Contract, DaySet, Num, TArg, TNode, TValue, Waiver, EXTENSION,
};
use super::table::SCHEMA;
use super::types::{Base, Field, Per, Ty};
use crate::problem::{Kind, Problem, Words};
use crate::span::Span;
use crate::suggest::closest;
use crate::syntax::tree::{head_span, Arg, Document, Node, Quantity, Value};
use crate::syntax::{self, BlockEdges, Sink};
use crate::units::{Dim, Unit};

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
    replay(&document.nodes, &mut validator);
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

/// Hands a tree to the validator node by node, in the order the fast reader would.
fn replay(nodes: &[Node], validator: &mut Validator) {
    for node in nodes {
        validator.open(node.name, node.name_span, &node.args);
        replay(node.children(), validator);
        validator.close();
    }
}

/// The waiver `node`, whose arguments are in `args` (its contract's).
fn read_waiver(node: &TNode, args: &[TArg], valid: bool) -> Waiver {
    let rule = match args[node.args.indices()].first().map(|a| &a.value) {
        Some(TValue::RuleRef(r)) => r.clone(),
        _ => String::new(),
    };
    let child = |name: &str| {
        node.children
            .iter()
            .find(|c| c.name == name)
            .and_then(|c| args[c.args.indices()].first())
            .map(|a| &a.value)
    };
    Waiver {
        rule,
        span: node.head,
        reason: match child("reason") {
            Some(TValue::Str(s)) => Some(s.clone()),
            _ => None,
        },
        expires: match child("expires") {
            Some(TValue::Date(d)) => Some(*d),
            _ => None,
        },
        valid,
    }
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
        let id = match self.args[root.args.indices()].first().map(|a| &a.value) {
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

/// The problems of the contract being read.
#[derive(Default)]
struct Problems {
    /// Each with whether it blocks the audit (false inside waivers).
    list: Vec<(Problem, bool)>,
    /// Depth inside a waiver (0 outside).
    in_waiver: usize,
    /// Whether the current waiver has a problem so far.
    waiver_broken: bool,
}

impl Problems {
    fn report(&mut self, span: Span, kind: Kind) {
        self.report_problem(Problem::new(span, kind));
    }

    fn report_problem(&mut self, problem: Problem) {
        if self.in_waiver > 0 {
            self.waiver_broken = true;
        }
        self.list.push((problem, self.in_waiver == 0));
    }
}

/// A node's head as read: what its arguments are checked against.
struct Head<'a, 't> {
    name: &'a str,
    /// Name and arguments: where problems with the arguments as a whole point.
    head: Span,
    args: &'a [Arg<'t>],
}

/// Reads one node's arguments by its field's signature, reporting what does not fit.
struct ArgReader<'a> {
    text: &'a str,
    problems: &'a mut Problems,
    /// Where the node stands.
    path: Path<'a>,
}

impl ArgReader<'_> {
    fn report(&mut self, span: Span, kind: Kind) {
        self.problems.report(span, kind);
    }

    /// Reads the arguments of `node` by the signature of `field` onto `out`, the
    /// contract's arguments; gives where they are.
    fn args(&mut self, node: &Head, field: &'static Field, out: &mut Vec<TArg>) -> ArgRange {
        let start = out.len();
        self.read_args(node, field, out);
        arg_range(start, out.len())
    }

    /// Reads the arguments of `node` by the signature of `field` onto `out`.
    fn read_args(&mut self, node: &Head, field: &'static Field, out: &mut Vec<TArg>) {
        let specs = field.args;
        let given = node.args;
        // A lone `tbd` stands for all of a field's arguments.
        if let [only] = given {
            if is_tbd(&only.value) && !specs.is_empty() {
                out.extend(specs.iter().map(|_| TArg {
                    value: TValue::Tbd,
                    span: only.span,
                }));
                return;
            }
        }
        let mut next = 0;
        // One omission is one diagnostic, however many arguments it leaves out.
        let mut reported_missing = false;
        for (i, spec) in specs.iter().enumerate() {
            if let Ty::List(set) = spec.ty {
                if next >= given.len() {
                    self.missing(node, field, spec.name);
                }
                for arg in &given[next..] {
                    out.push(self.arg(arg, &Ty::Sym(set)));
                }
                next = given.len();
                continue;
            }
            let Some(arg) = given.get(next) else {
                if !spec.optional && !reported_missing {
                    // A missing keyword means the argument after it is missing too:
                    // name that one (`within`), not the keyword.
                    let name = match spec.ty {
                        Ty::Keyword(_) => specs.get(i + 1).map_or(spec.name, |s| s.name),
                        _ => spec.name,
                    };
                    self.missing(node, field, name);
                    reported_missing = true;
                }
                out.push(TArg {
                    value: TValue::Absent,
                    span: node.head,
                });
                continue;
            };
            if let Ty::Keyword(k) = spec.ty {
                if matches!(&arg.value, Value::Word(w) if w == k) {
                    out.push(TArg {
                        value: TValue::Keyword,
                        span: arg.span,
                    });
                    next += 1;
                } else {
                    self.report(
                        arg.span,
                        Kind::ExpectedKeyword {
                            field: self.path.to_string(),
                            keyword: k,
                        },
                    );
                    out.push(TArg {
                        value: TValue::Absent,
                        span: arg.span,
                    });
                    // Do not consume: the argument may be the one after the keyword.
                }
                continue;
            }
            out.push(self.arg(arg, &spec.ty));
            next += 1;
        }
        // After an argument the parser already reported, the count is unreliable (the
        // broken token may have swallowed a separator): one mistake, one diagnostic.
        // (Matched, not compared with `==`: that is a call per argument.)
        if given.iter().any(|a| matches!(a.value, Value::Invalid)) {
            return;
        }
        if let Some(extra) = given
            .get(next..)
            .and_then(|rest| rest.iter().find(|a| !matches!(a.value, Value::Invalid)))
        {
            self.report(
                extra.span,
                Kind::ExtraArgument {
                    field: self.path.to_string(),
                    max: specs.len(),
                },
            );
        }
    }

    fn missing(&mut self, node: &Head, field: &'static Field, arg_name: &str) {
        let argument = if arg_name.is_empty() {
            "value".to_string()
        } else {
            format!("`{arg_name}`")
        };
        // Keep what was written and fill in the rest with examples.
        let mut words: Vec<String> = node
            .args
            .iter()
            .map(|a| a.span.text(self.text).to_string())
            .collect();
        words.extend(
            field
                .args
                .iter()
                .filter(|a| !a.optional)
                .skip(node.args.len())
                .map(|a| match a.name {
                    // The one duration argument that counts seconds, not days.
                    "within" => "20 s".to_string(),
                    _ => a.ty.example(),
                }),
        );
        let example = format!("{} {}", node.name, words.join(" "));
        self.report(
            node.head,
            Kind::MissingArgument {
                field: self.path.to_string(),
                argument,
                example,
            },
        );
    }

    /// Reads one argument as `ty`; reports and yields `Absent` when it does not fit.
    fn arg(&mut self, arg: &Arg, ty: &Ty) -> TArg {
        let value = self.value(arg, ty).unwrap_or(TValue::Absent);
        TArg {
            value,
            span: arg.span,
        }
    }

    fn value(&mut self, arg: &Arg, ty: &Ty) -> Option<TValue> {
        let span = arg.span;
        if is_tbd(&arg.value) {
            return Some(TValue::Tbd);
        }
        match (&arg.value, ty) {
            (Value::Invalid, _) => None,
            (Value::Str(s), Ty::Str) => Some(TValue::Str(s.to_string())),
            (Value::Date(d), Ty::Date) => Some(TValue::Date(*d)),
            (Value::TimeRange(r), Ty::TimeRange) => Some(TValue::TimeRange(*r)),
            (Value::Word(w), Ty::Bool) if matches!(&**w, "yes" | "true") => {
                Some(TValue::Bool(true))
            }
            (Value::Word(w), Ty::Bool) if matches!(&**w, "no" | "false") => {
                Some(TValue::Bool(false))
            }
            (Value::Word(w), Ty::DaySet) if let Some(days) = DaySet::parse(w) => {
                Some(TValue::DaySet(days))
            }
            (Value::Word(w), Ty::RuleRef) => {
                if is_rule_ref(w) {
                    Some(TValue::RuleRef(w.to_string()))
                } else {
                    self.report(
                        span,
                        Kind::BadRuleRef {
                            found: w.to_string(),
                        },
                    );
                    None
                }
            }
            (Value::Word(w), Ty::Sym(set)) => {
                if let Some(s) = set.iter().find(|s| **s == &**w) {
                    Some(TValue::Sym(s))
                } else {
                    self.report(
                        span,
                        Kind::BadSymbol {
                            field: self.path.to_string(),
                            found: w.to_string(),
                            allowed: set.iter().map(|s| (*s).to_string()).collect(),
                            suggestion: closest(w, set.iter().copied()),
                        },
                    );
                    None
                }
            }
            (Value::Num(q), Ty::Num(base, per)) => self.num(q, span, *base, *per),
            (Value::Num(q), Ty::Bound { base, .. }) => self.num(q, span, *base, Per::None),
            (Value::Bound(op, q), Ty::Bound { minimum, base }) => {
                if op.is_minimum() != *minimum {
                    self.report(
                        span,
                        Kind::BoundDirection {
                            field: self.path.to_string(),
                            found: op.as_str().to_string(),
                            expected: if *minimum { ">=" } else { "<=" },
                        },
                    );
                    return None;
                }
                self.num(q, span, *base, Per::None)
            }
            (found, _) => {
                self.report(
                    span,
                    Kind::WrongKind {
                        field: self.path.to_string(),
                        expected: ty.describe(),
                        found: describe_value(found),
                    },
                );
                None
            }
        }
    }

    /// Checks a quantity's unit and per-unit against the field and converts it to base units.
    fn num(&mut self, q: &Quantity, span: Span, base: Base, per: Per) -> Option<TValue> {
        // Described only when a diagnostic needs it: this runs for every number read.
        let expected = || Ty::Num(base, per).describe();
        let wrong = |v: &mut Self| {
            v.report(
                span,
                Kind::WrongKind {
                    field: v.path.to_string(),
                    expected: expected(),
                    found: describe_value(&Value::Num(*q)),
                },
            );
            None
        };
        let (mut value, mut dim) = match (base, q.percent, q.unit) {
            (Base::Count, false, None | Some(Unit::Count(_))) => (q.amount, Dim::NONE),
            (Base::Percent, true, None) => (q.amount / 100.0, Dim::PERCENT),
            (Base::Money, false, Some(Unit::Money(c))) => (q.amount, Dim::money(Some(c))),
            (Base::Duration, false, Some(Unit::Time(secs))) => (q.amount * secs, Dim::TIME),
            _ => return wrong(self),
        };
        match (per, q.per) {
            (Per::None, None) | (Per::Any, None) => {}
            (Per::Any, Some(unit)) => {
                if let Unit::Time(secs) = unit {
                    value /= secs;
                }
                dim = dim.per(unit);
            }
            (Per::Time(_), Some(Unit::Time(secs))) => {
                value /= secs;
                dim = dim.per(Unit::Time(secs));
            }
            (Per::Count(_), Some(Unit::Count(_))) => {}
            (Per::Time(u) | Per::Count(u), None) => {
                let written = span.text(self.text);
                self.report(
                    span,
                    Kind::MissingPer {
                        field: self.path.to_string(),
                        fix: format!("{} {written} / {u}", self.path.name()),
                    },
                );
                return None;
            }
            (_, Some(_)) => {
                // The per-unit as written: the word after the last `/`.
                let written = span.text(self.text);
                let found = written
                    .rsplit('/')
                    .next()
                    .unwrap_or(written)
                    .trim()
                    .to_string();
                self.report(
                    span,
                    Kind::WrongPer {
                        field: self.path.to_string(),
                        expected: expected(),
                        found,
                    },
                );
                return None;
            }
        }
        Some(TValue::Num(Num { value, dim }))
    }
}

/// Moves `args` out, into a vector of exactly their number; `args` keeps its
/// capacity, for the next contract.  (`append` moves them with one `memcpy`;
/// `drain(..).collect()` moved them one at a time.)
fn take_at_final_number(args: &mut Vec<TArg>) -> Box<[TArg]> {
    let mut taken = Vec::with_capacity(args.len());
    taken.append(args);
    taken.into_boxed_slice()
}

/// Pushes `args` onto `out`, the contract's arguments; gives where they are.
fn push_args(out: &mut Vec<TArg>, args: impl Iterator<Item = TArg>) -> ArgRange {
    let start = out.len();
    out.extend(args);
    arg_range(start, out.len())
}

/// The positions `start..end` among a contract's arguments.
fn arg_range(start: usize, end: usize) -> ArgRange {
    // A contract of 2^32 arguments would take a file of more than 8 GB.
    let position = |i: usize| u32::try_from(i).expect("fewer than 2^32 arguments a contract");
    ArgRange {
        start: position(start),
        end: position(end),
    }
}

/// Where a node stands: the field names from `contract` down, formatted
/// (`pricing.overage`) only when a diagnostic needs it, not for every node read.
#[derive(Clone, Copy)]
struct Path<'a>(&'a [&'static str]);

impl Path<'_> {
    /// The innermost field's name.
    fn name(self) -> &'static str {
        self.0.last().copied().unwrap_or("contract")
    }

    /// The path of child field `name`, formatted.
    fn child(self, name: &str) -> String {
        if self.0.len() > 1 {
            format!("{self}.{name}")
        } else {
            name.to_string()
        }
    }
}

impl std::fmt::Display for Path<'_> {
    /// `contract` for the contract itself; below it the path without that prefix,
    /// as rules write it (`vendor.staff.turnover`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            [] | [_] => f.write_str(self.name()),
            [_, below @ ..] => {
                for (i, name) in below.iter().enumerate() {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(name)?;
                }
                Ok(())
            }
        }
    }
}

fn is_tbd(value: &Value) -> bool {
    // Matched as bytes: asked of every argument read, and `==` on a `str` is a call
    // to `memcmp` for each three-letter word (`yes`, `mon`, `sat`…).
    matches!(value, Value::Word(w) if matches!(w.as_bytes(), [b't', b'b', b'd']))
}

/// `TL101`, `ACME-7` (ids) or `pure-outcome-fees` (slugs), per LANGUAGE.md §1.
#[must_use]
pub fn is_rule_ref(word: &str) -> bool {
    is_rule_id(word) || is_slug(word)
}

/// `[A-Z][A-Z0-9]*(-?[0-9]+)`
#[must_use]
pub fn is_rule_id(word: &str) -> bool {
    let b = word.as_bytes();
    if b.is_empty() || !b[0].is_ascii_uppercase() || !b[b.len() - 1].is_ascii_digit() {
        return false;
    }
    let digits_from = b
        .iter()
        .rposition(|c| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    let head = &b[..digits_from];
    let head = head.strip_suffix(b"-").unwrap_or(head);
    !head.is_empty()
        && head
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// `[a-z][a-z0-9-]*`
#[must_use]
pub fn is_slug(word: &str) -> bool {
    let b = word.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
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

/// What a written value is, in words, for "takes X, not Y".
fn describe_value(value: &Value) -> Words {
    match value {
        Value::Str(_) => Words::new("a string", "文字列"),
        Value::Num(q) => match (q.percent, q.unit) {
            (true, _) => Words::new("a percent", "パーセント"),
            (false, Some(Unit::Money(_))) => Words::new("an amount of money", "金額"),
            (false, Some(Unit::Time(_))) => Words::new("a duration", "期間"),
            (false, _) => Words::new("a number", "数値"),
        },
        Value::Bound(..) => Words::new("a bound", "不等式"),
        Value::Date(_) => Words::new("a date", "日付"),
        Value::TimeRange(_) => Words::new("a time range", "時間帯"),
        Value::Word(w) => Words::new(format!("the word `{w}`"), format!("`{w}` という語")),
        Value::Invalid => Words::new("an invalid value", "不正な値"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn rule_references() {
        for ok in ["TL101", "ACME-7", "A1", "high-turnover", "x"] {
            assert!(is_rule_ref(ok), "{ok}");
        }
        for bad in ["TL", "acme_7", "Acme-7", "TL-", "-x"] {
            assert!(!is_rule_ref(bad), "{bad}");
        }
    }
}
