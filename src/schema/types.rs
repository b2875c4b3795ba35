//! The vocabulary of the schema table: fields, argument signatures, value types.

use crate::problem::Words;

/// One field of the schema: where it may appear is given by the table's nesting.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    /// Positional arguments, in order.
    pub args: &'static [ArgSpec],
    /// Child fields allowed in this field's block.
    pub children: &'static [Field],
    /// May appear more than once in its parent.
    pub repeatable: bool,
    /// Must appear in its parent (only `waiver.reason` today).
    pub required: bool,
    /// One-line description in English, for `termlint schema` and editors.
    pub en: &'static str,
    /// One-line description in Japanese.
    pub ja: &'static str,
}

impl Field {
    /// A child field by name, with its index in `children` (the *slot* the typed
    /// tree and compiled rule paths use).
    #[must_use]
    pub fn child(&self, name: &str) -> Option<(usize, &'static Field)> {
        let children: &'static [Field] = self.children;
        // Every node of every contract is looked up here, among up to a few dozen
        // siblings, and many share a length (`title`, `start`, `model`): the first
        // byte tells most of them apart before `==` calls `memcmp`.
        let first = name.as_bytes().first();
        children
            .iter()
            .enumerate()
            .find(|(_, f)| f.name.as_bytes().first() == first && f.name == name)
    }

    /// A named argument by name, with its position.
    #[must_use]
    pub fn arg(&self, name: &str) -> Option<(usize, &'static ArgSpec)> {
        let args: &'static [ArgSpec] = self.args;
        args.iter()
            .enumerate()
            .find(|(_, a)| !a.name.is_empty() && a.name == name && !matches!(a.ty, Ty::Keyword(_)))
    }

    /// The type a path naming this field has: its first argument, or the list for
    /// `…+` fields.  `None` for block-only fields.
    #[must_use]
    pub fn value_ty(&self) -> Option<&'static Ty> {
        let args: &'static [ArgSpec] = self.args;
        args.first().map(|a| &a.ty)
    }

    /// The signature as written in LANGUAGE.md §2.2, e.g. `<target: percent> within <within: duration>`.
    #[must_use]
    pub fn signature(&self) -> String {
        self.args
            .iter()
            .map(ArgSpec::signature)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// One positional argument.
#[derive(Debug)]
pub struct ArgSpec {
    /// The argument's name as a path step (`direction`), or empty when unnamed.
    pub name: &'static str,
    pub ty: Ty,
    pub optional: bool,
}

impl ArgSpec {
    fn signature(&self) -> String {
        let ty = self.ty.signature();
        let mut s = match (&self.ty, self.name) {
            (Ty::Keyword(k), _) => (*k).to_string(),
            (_, "") => ty,
            (_, name) => format!("<{name}: {ty}>"),
        };
        if self.optional {
            s.push('?');
        }
        s
    }
}

/// The base of a numeric type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// A plain number or a count quantity (`40`, `40 operators`).
    Count,
    Percent,
    Money,
    Duration,
}

/// The per-unit a numeric field is written with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Per {
    /// No per-unit.
    None,
    /// Per a time unit; the value is its name in the schema (`month`), values of
    /// other time units are converted.
    Time(&'static str),
    /// Per a count that is not a result (`/ call`, `/ contact`, `/ seat`); every
    /// such count label is accepted.
    Count(&'static str),
    /// Per a result, as an outcome fee is paid: `/ acquisition`, `/ appointment`,
    /// `/ sale`, `/ lead` or `/ order` ([`crate::units::OUTCOMES`]).
    Outcome,
    /// Any per-unit, or none (`fee` amounts).
    Any,
}

/// What an argument accepts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ty {
    Str,
    Date,
    Bool,
    DaySet,
    TimeRange,
    /// A rule id or slug (`waiver`).
    RuleRef,
    /// One symbol of the set.
    Sym(&'static [&'static str]),
    /// One or more symbols of the set (`…+`).
    List(&'static [&'static str]),
    Num(Base, Per),
    /// `bound-or-percent`, `bound-or-duration`: a bound whose direction is fixed by
    /// `minimum`, or a bare value meaning that direction.
    Bound {
        minimum: bool,
        base: Base,
    },
    /// A word written as is (`within`).
    Keyword(&'static str),
}

impl Ty {
    /// The type as the spec writes it (`money/month`, `{auto|manual}`).
    #[must_use]
    pub fn signature(&self) -> String {
        match self {
            Ty::Str => "string".into(),
            Ty::Date => "date".into(),
            Ty::Bool => "bool".into(),
            Ty::DaySet => "dayset".into(),
            Ty::TimeRange => "timerange".into(),
            Ty::RuleRef => "id-or-slug".into(),
            Ty::Sym(set) => format!("{{{}}}", set.join("|")),
            Ty::List(set) => format!("{{{}}}+", set.join("|")),
            Ty::Num(base, per) => {
                let b = base_name(*base);
                match per {
                    Per::None => b.into(),
                    Per::Time(u) | Per::Count(u) => format!("{b} / {u}"),
                    Per::Outcome => format!("{b} / acquisition"),
                    Per::Any => format!("{b}[/P]"),
                }
            }
            Ty::Bound { base, .. } => format!("bound-or-{}", base_name(*base)),
            Ty::Keyword(k) => (*k).to_string(),
        }
    }

    /// What to write, in words, for diagnostics.
    #[must_use]
    pub fn describe(&self) -> Words {
        match self {
            Ty::Str => Words::new(
                "a string in quotes (`\"…\"`)",
                "引用符で囲んだ文字列（`\"…\"`）",
            ),
            Ty::Date => Words::new("a date (`2027-03-31`)", "日付（`2027-03-31`）"),
            Ty::Bool => Words::new("`yes` or `no`", "`yes` か `no`"),
            Ty::DaySet => Words::new(
                "a day set (`mon-fri`, `sat`, `daily`, `weekends`, `holidays`)",
                "曜日（`mon-fri`、`sat`、`daily`、`weekends`、`holidays` など）",
            ),
            Ty::TimeRange => Words::new("a time range (`09:00-18:00`)", "時間帯（`09:00-18:00`）"),
            Ty::RuleRef => Words::new(
                "a rule id or slug (`TL101`, `pure-outcome-fees`)",
                "ルールの ID かスラッグ（`TL101`、`pure-outcome-fees`）",
            ),
            Ty::Sym(set) | Ty::List(set) => Words::new(
                format!("one of {}", quoted(set)),
                format!("{} のいずれか", quoted(set)),
            ),
            Ty::Num(base, per) => num_words(*base, *per),
            Ty::Bound { minimum, base } => {
                let (op, en, ja) = if *minimum {
                    (">=", "a minimum", "下限")
                } else {
                    ("<=", "a maximum", "上限")
                };
                let ex = match base {
                    Base::Duration => "20 s",
                    _ => "90%",
                };
                Words::new(
                    format!("{en} such as `{op} {ex}` or `{ex}`"),
                    format!("`{op} {ex}` や `{ex}` のような{ja}"),
                )
            }
            Ty::Keyword(k) => Words::new(format!("the word `{k}`"), format!("`{k}` という語")),
        }
    }

    /// An example value of this type, for "write `…`" help.
    #[must_use]
    pub fn example(&self) -> String {
        match self {
            Ty::Str => "\"…\"".into(),
            Ty::Date => "2027-03-31".into(),
            Ty::Bool => "yes".into(),
            Ty::DaySet => "mon-fri".into(),
            Ty::TimeRange => "09:00-18:00".into(),
            Ty::RuleRef => "TL101".into(),
            Ty::Sym(set) | Ty::List(set) => set.first().copied().unwrap_or("…").into(),
            Ty::Num(base, per) => {
                let b = match base {
                    Base::Count => "100",
                    Base::Percent => "10%",
                    Base::Money => "300_000 JPY",
                    Base::Duration => "30 days",
                };
                match per {
                    Per::None | Per::Any => b.into(),
                    Per::Time(u) | Per::Count(u) => format!("{b} / {u}"),
                    Per::Outcome => format!("{b} / acquisition"),
                }
            }
            Ty::Bound { minimum, base } => {
                let op = if *minimum { ">=" } else { "<=" };
                match base {
                    Base::Duration => format!("{op} 20 s"),
                    _ => format!("{op} 90%"),
                }
            }
            Ty::Keyword(k) => (*k).to_string(),
        }
    }
}

fn base_name(base: Base) -> &'static str {
    match base {
        Base::Count => "count",
        Base::Percent => "percent",
        Base::Money => "money",
        Base::Duration => "duration",
    }
}

fn quoted(set: &[&str]) -> String {
    set.iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn num_words(base: Base, per: Per) -> Words {
    let (en, ja, ex) = match base {
        Base::Count => ("a number", "数", "100"),
        Base::Percent => ("a percent", "パーセント", "10%"),
        Base::Money => ("an amount of money", "金額", "300_000 JPY"),
        Base::Duration => ("a duration", "期間", "30 days"),
    };
    match per {
        Per::None => Words::new(format!("{en} (`{ex}`)"), format!("{ja}（`{ex}`）")),
        Per::Time(u) | Per::Count(u) => {
            let ja_per = per_ja(u);
            Words::new(
                format!("{en} per {u} (`{ex} / {u}`)"),
                format!("{ja_per}あたりの{ja}（`{ex} / {u}`）"),
            )
        }
        Per::Outcome => Words::new(
            format!("{en} per result (`{ex} / acquisition`, or per `appointment`, `sale`, `lead`, `order`)"),
            format!("成果1件あたりの{ja}（`{ex} / acquisition`。`appointment`・`sale`・`lead`・`order` も使えます）"),
        ),
        Per::Any => Words::new(
            format!("{en}, optionally per a unit (`{ex}` or `{ex} / month`)"),
            format!("{ja}（`{ex}` や `{ex} / month`）"),
        ),
    }
}

fn per_ja(unit: &str) -> &'static str {
    match unit {
        "month" => "月",
        "year" => "年",
        "hour" => "1 時間",
        "minute" => "1 分",
        "call" => "1 件",
        "acquisition" => "成果 1 件",
        _ => "単位",
    }
}

#[cfg(test)]
mod tests {
    use super::Field;
    use crate::schema::table::SCHEMA;

    /// Every field of the schema is found by its name, at its own slot; a name
    /// that differs from one only in its first or last byte, or is empty, is not
    /// found (unless a sibling has that name).
    #[test]
    fn child_finds_every_field_by_its_name_alone() {
        fn check(parent: &'static Field) -> usize {
            let mut seen = 0;
            for (slot, field) in parent.children.iter().enumerate() {
                let (found, by_name) = parent.child(field.name).expect(field.name);
                assert_eq!(found, slot, "{}", field.name);
                assert!(std::ptr::eq(by_name, field), "{}", field.name);
                let name = field.name;
                let near = [
                    format!("q{}", &name[1..]),
                    format!("{}q", &name[..name.len() - 1]),
                    String::new(),
                ];
                for near in near {
                    if parent.children.iter().all(|f| f.name != near) {
                        assert!(parent.child(&near).is_none(), "{near:?}");
                    }
                }
                seen += 1 + check(field);
            }
            seen
        }
        assert!(check(&SCHEMA) > 50);
    }
}
