//! The syntax tree of a `.rules` file, as written (before type checking).

use crate::span::Span;
use crate::value::{Date, Quantity};

#[derive(Debug, Clone)]
pub struct Spanned<T> {
    pub node: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(node: T, span: Span) -> Self {
        Self { node, span }
    }
}

#[derive(Debug, Default)]
pub struct RuleFile {
    pub uses: Vec<Spanned<UseTarget>>,
    pub sets: Vec<SetItem>,
    pub rules: Vec<RuleDecl>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UseTarget {
    Builtin,
    File(String),
}

/// `set TL305 severity off`
#[derive(Debug)]
pub struct SetItem {
    pub target: Spanned<String>,
    /// `None` for `off`.
    pub severity: Spanned<Option<crate::severity::Severity>>,
}

/// `rule ID slug { … }`
#[derive(Debug)]
pub struct RuleDecl {
    pub id: Spanned<String>,
    pub slug: Spanned<String>,
    /// The whole `rule ID slug` head.
    pub head: Span,
    pub severity: Option<Spanned<Option<crate::severity::Severity>>>,
    pub category: Option<Spanned<String>>,
    pub each: Option<Spanned<Path>>,
    pub when: Option<Spanned<Expr>>,
    /// The `when` condition as written, on one line (comments dropped, runs of
    /// whitespace outside strings made one space): what `explain` prints.  Taken from
    /// the source rather than printed from the tree, so brackets stay as written.
    pub when_text: String,
    pub at: Vec<Spanned<Path>>,
    pub message: Option<Spanned<String>>,
    pub help: Option<Spanned<String>>,
    pub ja_message: Option<Spanned<String>>,
    pub ja_help: Option<Spanned<String>>,
    pub doc: Option<String>,
    /// Statements written twice, reported by the compiler: (keyword, second span).
    pub repeated: Vec<(&'static str, Span)>,
}

/// `a.b.c` (steps may be `*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    pub steps: Vec<Spanned<String>>,
}

impl Path {
    #[must_use]
    pub fn text(&self) -> String {
        self.steps
            .iter()
            .map(|s| s.node.as_str())
            .collect::<Vec<_>>()
            .join(".")
    }
}

impl PartialEq for Spanned<String> {
    fn eq(&self, other: &Self) -> bool {
        self.node == other.node
    }
}
impl Eq for Spanned<String> {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Debug, Clone)]
pub enum Expr {
    Or(Vec<Spanned<Expr>>),
    And(Vec<Spanned<Expr>>),
    Not(Box<Spanned<Expr>>),
    Compare(CmpOp, Box<Spanned<Expr>>, Box<Spanned<Expr>>),
    Arith(ArithOp, Box<Spanned<Expr>>, Box<Spanned<Expr>>),
    Call(Spanned<String>, Vec<Spanned<Expr>>),
    List(Vec<Spanned<Expr>>),
    Path(Path),
    Str(String),
    Num(Quantity),
    Date(Date),
    DaySet(crate::schema::model::DaySet),
    TimeRange(crate::value::TimeRange),
}
