//! The type checker: rule syntax in, compiled rules out (LANGUAGE.md §3.2).
//!
//! Runs when rules load, before any contract is read.  Unknown paths, symbols outside
//! their set, mismatched dimensions and wrong argument counts are [`RuleError`]s that
//! point into the `.rules` file, with "did you mean" where a near name exists.

use std::sync::Arc;

mod call;
mod template;

pub use call::function_names;

use super::ast::{ArithOp, CmpOp, Expr, Path, RuleDecl, Spanned};
use super::error::{RuleError, RuleSource};
use super::ir::{ArgSel, Const, Ir, PathIr, Rule, Step};
use crate::cost::figures::{Figure, FIGURES};
use crate::schema::model::Num;
use crate::schema::table;
use crate::schema::types::{Base, Field, Per, Ty};
use crate::span::{LineIndex, Span};
use crate::suggest::closest;
use crate::units::{Dim, Unit};

/// The static type of an expression.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Type {
    Bool,
    Num(Dim),
    Str,
    Date,
    Sym(&'static [&'static str]),
    DaySet,
    TimeRange,
    /// A section without a value of its own (`pricing`): only for `present` & co.
    Block,
    /// `x_` fields and `*` steps: anything.
    Any,
}

impl Type {
    fn describe(self) -> String {
        match self {
            Type::Bool => "a yes/no value".into(),
            Type::Num(d) => d.to_string(),
            Type::Str => "a string".into(),
            Type::Date => "a date".into(),
            Type::Sym(set) => format!("a symbol ({})", set.join(", ")),
            Type::DaySet => "a day set".into(),
            Type::TimeRange => "a time range".into(),
            Type::Block => "a section with no value of its own".into(),
            Type::Any => "any value".into(),
        }
    }
}

/// Compiles one rule declaration.
///
/// # Errors
/// Every problem found in the rule, in source order.
pub fn compile_rule(
    decl: &RuleDecl,
    source: &RuleSource,
    line_index: &LineIndex,
) -> Result<Rule, Vec<RuleError>> {
    let mut cx = Checker {
        source,
        each: None,
        errors: Vec::new(),
        when_paths: Vec::new(),
        hint_field: None,
    };
    for (keyword, span) in &decl.repeated {
        cx.error(
            *span,
            format!("`{keyword}` is written twice in this rule"),
            "second one",
            Some("keep one".into()),
        );
    }
    if decl.id.node.starts_with("TL") && !source.name.starts_with("builtin:") {
        cx.error(
            decl.id.span,
            format!("`{}` uses the `TL` prefix, which is reserved for built-in rules", decl.id.node),
            "reserved prefix",
            Some("give your rule your own prefix, e.g. `ACME-1`; to change a built-in rule, copy it under your id and `set` the built-in `off`".into()),
        );
    }
    let mut missing = Vec::new();
    if decl.severity.is_none() {
        missing.push("severity");
    }
    if decl.when.is_none() {
        missing.push("when");
    }
    if decl.message.is_none() {
        missing.push("message");
    }
    if !missing.is_empty() {
        let list = missing
            .iter()
            .map(|m| format!("`{m}`"))
            .collect::<Vec<_>>()
            .join(", ");
        cx.error(
            decl.head,
            format!("rule `{}` needs {list}", decl.id.node),
            "incomplete rule",
            Some("a rule needs `severity`, `when` and `message`; the rest is optional".into()),
        );
    }

    let each = decl.each.as_ref().and_then(|e| cx.each_path(e));
    cx.each = each.as_ref().map(|(p, _)| {
        (
            decl.each
                .as_ref()
                .map(|e| e.node.clone())
                .unwrap_or_else(|| Path { steps: vec![] }),
            p.clone(),
        )
    });
    let when = decl.when.as_ref().and_then(|w| cx.condition(w));
    let when_paths = std::mem::take(&mut cx.when_paths);
    let at: Vec<PathIr> = decl
        .at
        .iter()
        .filter_map(|p| cx.path(p).map(|(ir, _)| ir))
        .collect();
    let message = decl
        .message
        .as_ref()
        .map(|m| cx.template(m))
        .unwrap_or_default();
    let help = decl.help.as_ref().map(|m| cx.template(m));
    let ja_message = decl.ja_message.as_ref().map(|m| cx.template(m));
    let ja_help = decl.ja_help.as_ref().map(|m| cx.template(m));

    if !cx.errors.is_empty() {
        return Err(cx.errors);
    }
    let severity = decl.severity.as_ref().and_then(|s| s.node);
    Ok(Rule {
        id: Arc::from(decl.id.node.as_str()),
        slug: Arc::from(decl.slug.node.as_str()),
        severity,
        default_severity: severity,
        category: Arc::from(decl.category.as_ref().map_or("custom", |c| c.node.as_str())),
        each: each.map(|(p, _)| p),
        when: when.unwrap_or(Ir::Const(Const::Bool(false))),
        at,
        when_paths,
        message,
        help,
        ja_message,
        ja_help,
        doc: decl.doc.clone(),
        when_text: decl.when_text.clone(),
        at_text: decl
            .at
            .iter()
            .map(|p| p.node.text())
            .collect::<Vec<_>>()
            .join(", "),
        each_text: decl.each.as_ref().map(|e| e.node.text()),
        origin: source.name.clone(),
        line: line_index.line_of(decl.head.start),
        message_source: decl
            .message
            .as_ref()
            .map(|m| m.node.clone())
            .unwrap_or_default(),
        help_source: decl.help.as_ref().map(|m| m.node.clone()),
        ja_message_source: decl.ja_message.as_ref().map(|m| m.node.clone()),
        ja_help_source: decl.ja_help.as_ref().map(|m| m.node.clone()),
    })
}

struct Checker<'s> {
    source: &'s RuleSource,
    /// The `each` path as written and compiled.
    each: Option<(Path, PathIr)>,
    errors: Vec<RuleError>,
    /// Every path met in `when`, in order (the default place a finding points at).
    when_paths: Vec<PathIr>,
    /// The field on the other side of the comparison being checked, for messages.
    hint_field: Option<String>,
}

impl Checker<'_> {
    fn error(&mut self, span: Span, message: String, label: &str, help: Option<String>) {
        let mut e = RuleError::new(self.source, span, message, label);
        e.help = help;
        self.errors.push(e);
    }

    fn each_path(&mut self, each: &Spanned<Path>) -> Option<(PathIr, Type)> {
        self.path(each)
    }

    /// A boolean expression.
    fn condition(&mut self, expr: &Spanned<Expr>) -> Option<Ir> {
        let (ir, ty) = self.expr(expr, None)?;
        if ty != Type::Bool {
            self.error(
                expr.span,
                format!(
                    "a condition must be true or false, but this is {}",
                    ty.describe()
                ),
                "not a condition",
                Some(
                    "compare it with something, e.g. `… > 30% / year`, or ask `present(…)`".into(),
                ),
            );
            return None;
        }
        Some(ir)
    }

    #[allow(clippy::too_many_lines)] // one arm per expression form
    fn expr(&mut self, expr: &Spanned<Expr>, hint: Option<Type>) -> Option<(Ir, Type)> {
        match &expr.node {
            Expr::Or(parts) | Expr::And(parts) => {
                let irs: Vec<Ir> = parts.iter().filter_map(|p| self.condition(p)).collect();
                if irs.len() != parts.len() {
                    return None;
                }
                let ir = if matches!(expr.node, Expr::Or(_)) {
                    Ir::Or(irs)
                } else {
                    Ir::And(irs)
                };
                Some((ir, Type::Bool))
            }
            Expr::Not(inner) => Some((Ir::Not(Box::new(self.condition(inner)?)), Type::Bool)),
            Expr::Compare(op, left, right) => self.compare(*op, left, right, expr.span),
            Expr::Arith(op, left, right) => self.arith(*op, left, right, expr.span),
            Expr::Call(name, args) => self.call(name, args, expr.span),
            Expr::List(items) => {
                let mut irs = Vec::new();
                let mut ty = hint;
                for item in items {
                    let (ir, t) = self.expr(item, ty)?;
                    ty.get_or_insert(t);
                    irs.push(ir);
                }
                Some((Ir::List(irs), ty.unwrap_or(Type::Any)))
            }
            Expr::Path(path) => self.path_or_word(path, expr.span, hint),
            Expr::Str(s) => Some((Ir::Const(Const::Str(Arc::from(s.as_str()))), Type::Str)),
            Expr::Date(d) => Some((Ir::Const(Const::Date(*d)), Type::Date)),
            Expr::DaySet(d) => Some((Ir::Const(Const::DaySet(*d)), Type::DaySet)),
            Expr::TimeRange(t) => Some((Ir::Const(Const::TimeRange(*t)), Type::TimeRange)),
            Expr::Num(q) => {
                let (value, dim) = literal_num(q);
                Some((Ir::Const(Const::Num(Num { value, dim })), Type::Num(dim)))
            }
        }
    }

    fn compare(
        &mut self,
        op: CmpOp,
        left: &Spanned<Expr>,
        right: &Spanned<Expr>,
        span: Span,
    ) -> Option<(Ir, Type)> {
        // A bare word takes its meaning from the other side (`pricing.model == outcome`),
        // so type the side that is not a bare word first.
        let (l, r) = if is_bare_word(left) && !is_bare_word(right) {
            let r = self.expr(right, None)?;
            self.hint_field = path_text(&r.0);
            let l = self.expr(left, Some(r.1));
            self.hint_field = None;
            (l?, r)
        } else {
            let l = self.expr(left, None)?;
            self.hint_field = path_text(&l.0);
            let r = self.expr(right, Some(l.1));
            self.hint_field = None;
            (l, r?)
        };
        let (lt, rt) = (l.1, r.1);
        let ok = match op {
            CmpOp::Eq | CmpOp::Ne | CmpOp::In => comparable(lt, rt),
            _ => {
                matches!((lt, rt), (Type::Num(a), Type::Num(b)) if a.same_kind(b))
                    || matches!((lt, rt), (Type::Date, Type::Date))
                    || matches!((lt, rt), (Type::Any, _) | (_, Type::Any))
            }
        };
        if !ok {
            let hint = match (lt, rt) {
                (Type::Num(a), Type::Num(b)) if a.percent == 1 && b == Dim::NONE || b.percent == 1 && a == Dim::NONE => {
                    Some("write the number as a percent, e.g. `80%`".to_string())
                }
                (Type::Num(_), Type::Num(_)) => Some("both sides must be the same kind of quantity: money with money, durations with durations, percents with percents".to_string()),
                _ => None,
            };
            self.error(
                span,
                format!("cannot compare {} with {}", lt.describe(), rt.describe()),
                "mismatched comparison",
                hint,
            );
            return None;
        }
        Some((Ir::Compare(op, Box::new(l.0), Box::new(r.0)), Type::Bool))
    }

    fn arith(
        &mut self,
        op: ArithOp,
        left: &Spanned<Expr>,
        right: &Spanned<Expr>,
        span: Span,
    ) -> Option<(Ir, Type)> {
        let l = self.expr(left, None)?;
        let r = self.expr(right, None)?;
        let dim = match (l.1, r.1) {
            (Type::Num(a), Type::Num(b)) => match op {
                ArithOp::Add | ArithOp::Sub => a.same_kind(b).then_some(a),
                ArithOp::Mul => a.times(b),
                ArithOp::Div => a.over(b),
            },
            (Type::Any, Type::Num(d)) | (Type::Num(d), Type::Any) => Some(d),
            _ => None,
        };
        let Some(dim) = dim else {
            let verb = match op {
                ArithOp::Add => "add",
                ArithOp::Sub => "subtract",
                ArithOp::Mul => "multiply",
                ArithOp::Div => "divide",
            };
            self.error(
                span,
                format!("cannot {verb} {} and {}", l.1.describe(), r.1.describe()),
                "mismatched arithmetic",
                Some("`+` and `-` need the same kind of quantity (and currency); `*` and `/` need numbers".into()),
            );
            return None;
        };
        Some((Ir::Arith(op, Box::new(l.0), Box::new(r.0)), Type::Num(dim)))
    }

    /// A function argument that must be a path.
    fn path_arg(&mut self, arg: &Spanned<Expr>, function: &str) -> Option<(PathIr, Type)> {
        if let Expr::Path(p) = &arg.node {
            if p.steps.first().is_some_and(|s| s.node == "cost") {
                self.error(
                    arg.span,
                    format!("`{function}` takes a field, and `{}` is computed, not written", p.text()),
                    "a cost figure",
                    Some("compare the figure itself (e.g. `cost.cpc > 200 JPY / call`): a figure the contract cannot give makes the comparison false".into()),
                );
                return None;
            }
            let out = self.path(&Spanned::new(p.clone(), arg.span))?;
            self.when_paths.push(out.0.clone());
            return Some(out);
        }
        self.error(
            arg.span,
            format!("`{function}` takes a field path"),
            "not a path",
            Some("e.g. `pricing.overage`".into()),
        );
        None
    }

    /// A word that must be a symbol of `set`.
    fn symbol(
        &mut self,
        arg: &Spanned<Expr>,
        set: &'static [&'static str],
        field: &str,
    ) -> Option<&'static str> {
        let word = match &arg.node {
            Expr::Path(p) if p.steps.len() == 1 => p.steps[0].node.as_str(),
            _ => {
                self.error(
                    arg.span,
                    format!("expected one of `{field}`'s values"),
                    "not a symbol",
                    Some(format!("values: {}", set.join(", "))),
                );
                return None;
            }
        };
        if let Some(s) = set.iter().find(|s| **s == word) {
            return Some(s);
        }
        self.bad_symbol(arg.span, word, set, field);
        None
    }

    fn bad_symbol(&mut self, span: Span, word: &str, set: &'static [&'static str], field: &str) {
        let help = match closest(word, set.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("values: {}", set.join(", ")),
        };
        self.error(
            span,
            format!("`{word}` is not a value of `{field}`"),
            "unknown symbol",
            Some(help),
        );
    }

    /// A path, or a bare word meaning a symbol or boolean where `hint` expects one.
    fn path_or_word(&mut self, path: &Path, span: Span, hint: Option<Type>) -> Option<(Ir, Type)> {
        if let [step] = path.steps.as_slice() {
            let word = step.node.as_str();
            match hint {
                Some(Type::Sym(set)) => {
                    if let Some(s) = set.iter().find(|s| **s == word) {
                        return Some((Ir::Const(Const::Sym(s)), Type::Sym(set)));
                    }
                    if lookup_field(table::contract(), word).is_none() {
                        let field = self
                            .hint_field
                            .clone()
                            .unwrap_or_else(|| "this field".into());
                        self.bad_symbol(span, word, set, &field);
                        return None;
                    }
                }
                Some(Type::DaySet) => {
                    if let Some(d) = crate::schema::model::DaySet::parse(word) {
                        return Some((Ir::Const(Const::DaySet(d)), Type::DaySet));
                    }
                }
                Some(Type::Bool) => match word {
                    "yes" | "true" => return Some((Ir::Const(Const::Bool(true)), Type::Bool)),
                    "no" | "false" => return Some((Ir::Const(Const::Bool(false)), Type::Bool)),
                    _ if lookup_field(table::contract(), word).is_none() => {
                        let field = self
                            .hint_field
                            .clone()
                            .unwrap_or_else(|| "this field".into());
                        self.error(
                            span,
                            format!("`{word}` is not a yes/no value for `{field}`"),
                            "not yes or no",
                            Some("write `yes` or `no` (`true` and `false` also work)".into()),
                        );
                        return None;
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        if path.steps.first().is_some_and(|s| s.node == "cost") {
            return self.cost_figure(path, span);
        }
        let (ir, ty) = self.path(&Spanned::new(path.clone(), span))?;
        self.when_paths.push(ir.clone());
        Some((Ir::Path(ir), ty))
    }

    /// `cost.monthly_at_forecast`, `cost.cpc`, …: a figure the cost model computes,
    /// typed like a written amount (src/cost/figures.rs lists them).
    pub(super) fn cost_figure(&mut self, path: &Path, span: Span) -> Option<(Ir, Type)> {
        let names = || FIGURES.iter().map(|f| f.1);
        let name = match path.steps.as_slice() {
            [_, name] => name,
            _ => {
                self.error(
                    span,
                    format!("`{}` is not a cost value", path.text()),
                    "not a cost value",
                    Some(format!(
                        "write `cost.` and one of: {}",
                        names().collect::<Vec<_>>().join(", ")
                    )),
                );
                return None;
            }
        };
        if let Some(figure) = Figure::named(&name.node) {
            return Some((Ir::Cost(figure), Type::Num(figure.dim())));
        }
        // `cost.monthly` is most likely the start of a longer name.
        let near = names()
            .find(|n| n.starts_with(name.node.as_str()))
            .map(str::to_string)
            .or_else(|| closest(&name.node, names()));
        let help = match near {
            Some(s) => format!("did you mean `cost.{s}`?"),
            None => format!("cost values: {}", names().collect::<Vec<_>>().join(", ")),
        };
        self.error(
            name.span,
            format!("unknown cost value `{}`", path.text()),
            "unknown cost value",
            Some(help),
        );
        None
    }

    /// Resolves a path against the schema (or the rule's `each` node).
    fn path(&mut self, path: &Spanned<Path>) -> Option<(PathIr, Type)> {
        let steps = &path.node.steps;
        let text = path.node.text();
        // Inside `each P`, a path starting with P starts at the current node.
        if let Some((each_path, each_ir)) = &self.each {
            let n = each_path.steps.len();
            if n > 0 && steps.len() >= n && steps[..n] == each_path.steps[..] {
                let start = each_field(each_path);
                return self.resolve(&steps[n..], start, true, text, each_ir.list);
            }
        }
        let (rest, start) = match steps.first() {
            Some(s) if s.node == "contract" => (&steps[1..], table::contract()),
            _ => (&steps[..], table::contract()),
        };
        self.resolve(rest, Some(start), false, text, false)
    }

    fn resolve(
        &mut self,
        steps: &[Spanned<String>],
        start: Option<&'static Field>,
        from_each: bool,
        text: String,
        each_list: bool,
    ) -> Option<(PathIr, Type)> {
        let mut field = start;
        let mut out = Vec::new();
        let mut arg = ArgSel::Value;
        let mut ty: Option<Type> = None;
        for (i, step) in steps.iter().enumerate() {
            let name = step.node.as_str();
            if ty.is_some() {
                self.error(
                    step.span,
                    format!("`{name}` follows an argument; a path ends at a named argument"),
                    "nothing to walk into",
                    None,
                );
                return None;
            }
            if name == "*" {
                out.push(Step::Any);
                field = None;
                continue;
            }
            if name.starts_with("x_") || field.is_none() {
                out.push(Step::Ext(name.into()));
                field = None;
                continue;
            }
            let current = field.expect("checked above");
            if let Some((slot, child)) = current.child(name) {
                out.push(Step::Slot(u16::try_from(slot).unwrap_or(u16::MAX)));
                field = Some(child);
                continue;
            }
            if let Some((pos, spec)) = current.arg(name) {
                arg = ArgSel::Index(pos);
                ty = Some(type_of(&spec.ty));
                continue;
            }
            let mut names: Vec<&str> = current.children.iter().map(|f| f.name).collect();
            names.extend(
                current
                    .args
                    .iter()
                    .filter(|a| !a.name.is_empty())
                    .map(|a| a.name),
            );
            let place = if i == 0 && !from_each {
                "a contract".to_string()
            } else {
                format!(
                    "`{}`",
                    steps[..i]
                        .iter()
                        .map(|s| s.node.as_str())
                        .collect::<Vec<_>>()
                        .join(".")
                )
            };
            let place = if i == 0 && from_each {
                "this node".to_string()
            } else {
                place
            };
            let help = match closest(name, names.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("fields here: {}", names.join(", ")),
            };
            self.error(
                step.span,
                format!("unknown path `{text}`: {place} has no field `{name}`"),
                "unknown field",
                Some(help),
            );
            return None;
        }
        let (ty, list) = match (ty, field) {
            (Some(t), _) => (t, false),
            (None, Some(f)) => match f.value_ty() {
                Some(Ty::List(set)) => (Type::Sym(set), true),
                Some(t) => (type_of(t), false),
                None => (Type::Block, false),
            },
            (None, None) => (Type::Any, steps.is_empty() && each_list),
        };
        Some((
            PathIr {
                from_each,
                steps: out,
                arg,
                list,
                text: text.into(),
                place: None,
            },
            ty,
        ))
    }
}

/// The field the `each` path names (for resolving the rest of a path), if a schema field.
fn each_field(each: &Path) -> Option<&'static Field> {
    let mut field = table::contract();
    for step in &each.steps {
        if step.node == "contract" {
            continue;
        }
        field = field.child(&step.node)?.1;
    }
    Some(field)
}

fn lookup_field(field: &'static Field, name: &str) -> Option<&'static Field> {
    field.child(name).map(|(_, f)| f)
}

fn is_bare_word(expr: &Spanned<Expr>) -> bool {
    matches!(&expr.node, Expr::Path(p) if p.steps.len() == 1)
}

/// The path an operand names, for messages about the other operand.
fn path_text(ir: &Ir) -> Option<String> {
    match ir {
        Ir::Path(p) => Some(p.text.to_string()),
        _ => None,
    }
}

fn comparable(a: Type, b: Type) -> bool {
    match (a, b) {
        (Type::Any, _) | (_, Type::Any) => true,
        (Type::Num(x), Type::Num(y)) => x.same_kind(y),
        (Type::Sym(_), Type::Sym(_)) => true,
        (x, y) => x == y,
    }
}

/// The static type of a schema argument type.
fn type_of(ty: &Ty) -> Type {
    match ty {
        Ty::Str | Ty::RuleRef => Type::Str,
        Ty::Date => Type::Date,
        Ty::Bool => Type::Bool,
        Ty::DaySet => Type::DaySet,
        Ty::TimeRange => Type::TimeRange,
        Ty::Sym(set) | Ty::List(set) => Type::Sym(set),
        Ty::Num(base, per) => Type::Num(num_dim(*base, *per)),
        Ty::Bound { base, .. } => Type::Num(num_dim(*base, Per::None)),
        Ty::Keyword(_) => Type::Any,
    }
}

fn num_dim(base: Base, per: Per) -> Dim {
    let dim = match base {
        Base::Count => Dim::NONE,
        Base::Percent => Dim::PERCENT,
        Base::Money => Dim::money(None),
        Base::Duration => Dim::TIME,
    };
    match per {
        Per::Time(_) => dim.per(Unit::Time(1.0)),
        _ => dim,
    }
}

/// A literal quantity in base units, with its dimension.
#[must_use]
pub fn literal_num(q: &crate::value::Quantity) -> (f64, Dim) {
    let (mut value, mut dim) = match (q.percent, q.unit) {
        (true, _) => (q.amount / 100.0, Dim::PERCENT),
        (false, Some(Unit::Money(c))) => (q.amount, Dim::money(Some(c))),
        (false, Some(Unit::Time(secs))) => (q.amount * secs, Dim::TIME),
        (false, _) => (q.amount, Dim::NONE),
    };
    if let Some(per) = q.per {
        if let Unit::Time(secs) = per {
            value /= secs;
        }
        dim = dim.per(per);
    }
    (value, dim)
}
