//! The built-in functions of the rules language (`present`, `has`, `weekly_hours`,
//! `floor`, …): how each call is checked and compiled (LANGUAGE.md §3.2).

use super::{Checker, Type};
use crate::rules::ast::{Expr, Spanned};
use crate::rules::ir::{Ir, Rounding, Step};
use crate::span::Span;
use crate::suggest::closest;
use crate::units::Dim;

impl Checker<'_> {
    pub(super) fn call(
        &mut self,
        name: &Spanned<String>,
        args: &[Spanned<Expr>],
        span: Span,
    ) -> Option<(Ir, Type)> {
        const FUNCTIONS: &[&str] = &[
            "present",
            "absent",
            "is_tbd",
            "has",
            "count",
            "weekly_hours",
            "nights",
            "weekends",
            "matches",
            "today",
            "floor",
            "ceil",
            "round",
        ];
        let arity = |cx: &mut Self, want: usize, at_least: bool| {
            let ok = if at_least {
                args.len() >= want
            } else {
                args.len() == want
            };
            if !ok {
                cx.error(
                    span,
                    format!(
                        "`{}` takes {}{want} argument{}, not {}",
                        name.node,
                        if at_least { "at least " } else { "" },
                        if want == 1 { "" } else { "s" },
                        args.len()
                    ),
                    "wrong number of arguments",
                    None,
                );
            }
            ok
        };
        let fname = name.node.as_str();
        match fname {
            "today" => arity(self, 0, false).then_some((Ir::Today, Type::Date)),
            "floor" | "ceil" | "round" => {
                if !arity(self, 1, false) {
                    return None;
                }
                let (ir, ty) = self.expr(&args[0], None)?;
                let Type::Num(dim) = ty else {
                    self.error(
                        args[0].span,
                        format!("`{fname}` rounds a number, but this is {}", ty.describe()),
                        "not a number",
                        None,
                    );
                    return None;
                };
                let rounding = match fname {
                    "floor" => Rounding::Down,
                    "ceil" => Rounding::Up,
                    _ => Rounding::Nearest,
                };
                Some((Ir::Round(rounding, Box::new(ir)), Type::Num(dim)))
            }
            "present" | "absent" | "is_tbd" | "count" => {
                if !arity(self, 1, false) {
                    return None;
                }
                let (path, _) = self.path_arg(&args[0], fname)?;
                Some(match fname {
                    "present" => (Ir::Present(path), Type::Bool),
                    "absent" => (Ir::Absent(path), Type::Bool),
                    "is_tbd" => (Ir::IsTbd(path), Type::Bool),
                    _ => (Ir::Count(path), Type::Num(Dim::NONE)),
                })
            }
            "weekly_hours" | "nights" | "weekends" => {
                if !arity(self, 1, false) {
                    return None;
                }
                let (path, _) = self.path_arg(&args[0], fname)?;
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
                        args[0].span,
                        format!("`{fname}` takes a `service`"),
                        "not a service",
                        Some(format!("write `{fname}(service)`")),
                    );
                    return None;
                }
                Some(match fname {
                    "weekly_hours" => (Ir::WeeklyHours(path), Type::Num(Dim::NONE)),
                    "nights" => (Ir::Nights(path), Type::Bool),
                    _ => (Ir::Weekends(path), Type::Bool),
                })
            }
            "has" => {
                if !arity(self, 2, true) {
                    return None;
                }
                let (path, ty) = self.path_arg(&args[0], fname)?;
                if !path.list {
                    self.error(
                        args[0].span,
                        format!("`has` takes a list field (one written `…+` in the schema), but `{}` holds one value", path.text),
                        "not a list",
                        Some(format!("compare it instead: `{} == …`", path.text)),
                    );
                    return None;
                }
                let Type::Sym(set) = ty else {
                    self.error(
                        args[0].span,
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
                let mut symbols = Vec::new();
                for arg in &args[1..] {
                    match self.symbol(arg, set, &path.text) {
                        Some(s) => symbols.push(s),
                        None => return None,
                    }
                }
                Some((Ir::Has(path, symbols), Type::Bool))
            }
            "matches" => {
                if !arity(self, 2, false) {
                    return None;
                }
                let (path, ty) = self.path_arg(&args[0], fname)?;
                if !matches!(ty, Type::Str | Type::Any) {
                    self.error(
                        args[0].span,
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
                let Expr::Str(pattern) = &args[1].node else {
                    self.error(
                        args[1].span,
                        "the pattern of `matches` must be a string literal".into(),
                        "not a string",
                        Some("write the regular expression in quotes".into()),
                    );
                    return None;
                };
                match regex::Regex::new(pattern) {
                    Ok(re) => Some((Ir::Matches(path, re), Type::Bool)),
                    Err(e) => {
                        // The regex crate's message spans lines with its own caret;
                        // keep its last line, the reason.
                        let text = e.to_string();
                        let reason = text
                            .lines()
                            .rev()
                            .find(|l| !l.trim().is_empty())
                            .unwrap_or(&text)
                            .trim()
                            .trim_start_matches("error: ")
                            .to_string();
                        self.error(
                            args[1].span,
                            format!("invalid regular expression: {reason}"),
                            "invalid regex",
                            Some("the syntax is that of the `regex` crate".into()),
                        );
                        None
                    }
                }
            }
            _ => {
                self.error(
                    name.span,
                    format!("unknown function `{fname}`"),
                    "unknown function",
                    Some(match closest(fname, FUNCTIONS.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!("functions are {}", FUNCTIONS.join(", ")),
                    }),
                );
                None
            }
        }
    }
}
