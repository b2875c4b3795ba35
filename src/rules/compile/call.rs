//! The built-in functions of the rules language (`present`, `has`, `weekly_hours`,
//! `floor`, …): how each call is checked and compiled (LANGUAGE.md §3.2).
//!
//! [`FUNCTIONS`] is the one list of them: a name, how many arguments, and what the
//! arguments must be, which also says what the call compiles to and its type.

use super::{Checker, Type};
use crate::rules::ast::{Expr, Spanned};
use crate::rules::ir::{Ir, PathIr, Rounding, Step};
use crate::span::Span;
use crate::suggest::closest;
use crate::units::Dim;

/// One built-in function.
struct Function {
    name: &'static str,
    arity: Arity,
    takes: Takes,
}

/// How many arguments a function takes.
#[derive(Clone, Copy)]
enum Arity {
    Exactly(usize),
    AtLeast(usize),
}

/// What a function's arguments must be, and what the call becomes.
#[derive(Clone, Copy)]
enum Takes {
    /// No argument: `today()`.
    Nothing(Ir0, Type),
    /// A number, rounded to a whole number of its unit; the result keeps the unit.
    Number(Rounding),
    /// Any field path.
    Field(fn(PathIr) -> Ir, Type),
    /// A `service` block, for its opening hours.
    Service(fn(PathIr) -> Ir, Type),
    /// A list field of symbols, then one or more of its symbols: `has`.
    ListAndSymbols,
    /// A string field, then a regular expression literal: `matches`.
    StringAndPattern,
}

/// The IR of a call without arguments (a function pointer, so the table is a
/// constant).
type Ir0 = fn() -> Ir;

const BOOL: Type = Type::Bool;
const COUNT: Type = Type::Num(Dim::NONE);

/// The names of the built-in functions, for an editor's completion.
pub fn function_names() -> impl Iterator<Item = &'static str> {
    FUNCTIONS.iter().map(|f| f.name)
}

const FUNCTIONS: &[Function] = &[
    Function::new(
        "present",
        Arity::Exactly(1),
        Takes::Field(Ir::Present, BOOL),
    ),
    Function::new("absent", Arity::Exactly(1), Takes::Field(Ir::Absent, BOOL)),
    Function::new("is_tbd", Arity::Exactly(1), Takes::Field(Ir::IsTbd, BOOL)),
    Function::new("has", Arity::AtLeast(2), Takes::ListAndSymbols),
    Function::new("count", Arity::Exactly(1), Takes::Field(Ir::Count, COUNT)),
    Function::new(
        "weekly_hours",
        Arity::Exactly(1),
        Takes::Service(Ir::WeeklyHours, COUNT),
    ),
    Function::new(
        "nights",
        Arity::Exactly(1),
        Takes::Service(Ir::Nights, BOOL),
    ),
    Function::new(
        "weekends",
        Arity::Exactly(1),
        Takes::Service(Ir::Weekends, BOOL),
    ),
    Function::new("matches", Arity::Exactly(2), Takes::StringAndPattern),
    Function::new(
        "today",
        Arity::Exactly(0),
        Takes::Nothing(|| Ir::Today, Type::Date),
    ),
    Function::new("floor", Arity::Exactly(1), Takes::Number(Rounding::Down)),
    Function::new("ceil", Arity::Exactly(1), Takes::Number(Rounding::Up)),
    Function::new("round", Arity::Exactly(1), Takes::Number(Rounding::Nearest)),
];

impl Function {
    const fn new(name: &'static str, arity: Arity, takes: Takes) -> Self {
        Function { name, arity, takes }
    }
}

impl Arity {
    fn accepts(self, given: usize) -> bool {
        match self {
            Arity::Exactly(n) => given == n,
            Arity::AtLeast(n) => given >= n,
        }
    }

    /// "takes at least 2 arguments"
    fn describe(self) -> String {
        let (at_least, n) = match self {
            Arity::Exactly(n) => ("", n),
            Arity::AtLeast(n) => ("at least ", n),
        };
        format!("{at_least}{n} argument{}", if n == 1 { "" } else { "s" })
    }
}

impl Checker<'_> {
    pub(super) fn call(
        &mut self,
        name: &Spanned<String>,
        args: &[Spanned<Expr>],
        span: Span,
    ) -> Option<(Ir, Type)> {
        let fname = name.node.as_str();
        let Some(function) = FUNCTIONS.iter().find(|f| f.name == fname) else {
            self.unknown_function(name);
            return None;
        };
        if !function.arity.accepts(args.len()) {
            self.error(
                span,
                format!(
                    "`{fname}` takes {}, not {}",
                    function.arity.describe(),
                    args.len()
                ),
                "wrong number of arguments",
                None,
            );
            return None;
        }
        match function.takes {
            Takes::Nothing(ir, ty) => Some((ir(), ty)),
            Takes::Number(rounding) => self.rounded(fname, rounding, &args[0]),
            Takes::Field(ir, ty) => {
                let (path, _) = self.path_arg(&args[0], fname)?;
                Some((ir(path), ty))
            }
            Takes::Service(ir, ty) => {
                let path = self.service_arg(fname, &args[0])?;
                Some((ir(path), ty))
            }
            Takes::ListAndSymbols => self.has(&args[0], &args[1..]),
            Takes::StringAndPattern => self.matches(&args[0], &args[1]),
        }
    }

    fn unknown_function(&mut self, name: &Spanned<String>) {
        let names = FUNCTIONS.iter().map(|f| f.name);
        let help = match closest(&name.node, names.clone()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("functions are {}", names.collect::<Vec<_>>().join(", ")),
        };
        self.error(
            name.span,
            format!("unknown function `{}`", name.node),
            "unknown function",
            Some(help),
        );
    }

    /// `floor(x)`, `ceil(x)`, `round(x)`.
    fn rounded(
        &mut self,
        fname: &str,
        rounding: Rounding,
        arg: &Spanned<Expr>,
    ) -> Option<(Ir, Type)> {
        let (ir, ty) = self.expr(arg, None)?;
        let Type::Num(dim) = ty else {
            self.error(
                arg.span,
                format!("`{fname}` rounds a number, but this is {}", ty.describe()),
                "not a number",
                None,
            );
            return None;
        };
        Some((Ir::Round(rounding, Box::new(ir)), Type::Num(dim)))
    }

    /// The `service` block an hours function is given: a `service` path, or the
    /// block of an `each service` rule.
    fn service_arg(&mut self, fname: &str, arg: &Spanned<Expr>) -> Option<PathIr> {
        let (path, _) = self.path_arg(arg, fname)?;
        let is_service = matches!(path.steps.last(), Some(Step::Slot(_)))
            && path.text.rsplit('.').next() == Some("service")
            || (path.steps.is_empty()
                && path.from_each
                && self
                    .each
                    .as_ref()
                    .is_some_and(|(p, _)| p.text().ends_with("service")));
        if !is_service {
            self.error(
                arg.span,
                format!("`{fname}` takes a `service`"),
                "not a service",
                Some(format!("write `{fname}(service)`")),
            );
            return None;
        }
        Some(path)
    }

    /// `has(list, symbol, …)`.
    fn has(&mut self, list: &Spanned<Expr>, symbols: &[Spanned<Expr>]) -> Option<(Ir, Type)> {
        let (path, ty) = self.path_arg(list, "has")?;
        if !path.list {
            self.error(
                list.span,
                format!("`has` takes a list field (one written `…+` in the schema), but `{}` holds one value", path.text),
                "not a list",
                Some(format!("compare it instead: `{} == …`", path.text)),
            );
            return None;
        }
        let Type::Sym(set) = ty else {
            self.error(
                list.span,
                format!(
                    "`has` takes a list field, but `{}` is {}",
                    path.text,
                    ty.describe()
                ),
                "not a list",
                None,
            );
            return None;
        };
        let symbols = symbols
            .iter()
            .map(|arg| self.symbol(arg, set, &path.text))
            .collect::<Option<Vec<_>>>()?;
        Some((Ir::Has(path, symbols), Type::Bool))
    }

    /// `matches(field, "regex")`.
    fn matches(&mut self, field: &Spanned<Expr>, pattern: &Spanned<Expr>) -> Option<(Ir, Type)> {
        let (path, ty) = self.path_arg(field, "matches")?;
        if !matches!(ty, Type::Str | Type::Any) {
            self.error(
                field.span,
                format!(
                    "`matches` takes a string field, but `{}` is {}",
                    path.text,
                    ty.describe()
                ),
                "not a string",
                None,
            );
            return None;
        }
        let Expr::Str(text) = &pattern.node else {
            self.error(
                pattern.span,
                "the pattern of `matches` must be a string literal".into(),
                "not a string",
                Some("write the regular expression in quotes".into()),
            );
            return None;
        };
        match regex::Regex::new(text) {
            Ok(re) => Some((Ir::Matches(path, re), Type::Bool)),
            Err(e) => {
                self.error(
                    pattern.span,
                    format!("invalid regular expression: {}", regex_reason(&e)),
                    "invalid regex",
                    Some("the syntax is that of the `regex` crate".into()),
                );
                None
            }
        }
    }
}

/// The regex crate's message spans lines with its own caret; its last line is the
/// reason.
fn regex_reason(e: &regex::Error) -> String {
    let text = e.to_string();
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(&text)
        .trim()
        .trim_start_matches("error: ")
        .to_string()
}
