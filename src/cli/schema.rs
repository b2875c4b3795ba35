//! `termlint schema [FIELD]`: the schema reference, from the embedded table.

use super::error::CommandResult;
use super::{exit, Io};
use crate::lang::Lang;
use crate::schema::{self, Field};

pub(super) fn run(field: Option<&str>, lang: Lang, io: &mut Io<'_>) -> CommandResult {
    let mut out = String::new();
    match field {
        None => write_tree(&mut out, schema::table::contract(), 0, lang),
        Some(path) => {
            let Some(f) = schema::lookup(path) else {
                let _ = writeln!(io.stderr, "error: `{path}` is not a field of the schema\n  help: `termlint schema` lists every field");
                return Ok(exit::USAGE);
            };
            write_tree(&mut out, f, 0, lang);
        }
    }
    io.stdout.write_all(out.as_bytes())?;
    Ok(exit::CLEAN)
}

/// One line per field: name, signature, flags, description; children indented.
pub fn write_tree(out: &mut String, field: &Field, depth: usize, lang: Lang) {
    let indent = "  ".repeat(depth);
    let mut head = format!("{indent}{}", field.name);
    let sig = field.signature();
    if !sig.is_empty() {
        head.push(' ');
        head.push_str(&sig);
    }
    if !field.children.is_empty() {
        head.push_str(" { … }");
    }
    let mut flags = Vec::new();
    if field.repeatable {
        flags.push(lang.pick("repeatable", "繰り返し可"));
    }
    if field.required {
        flags.push(lang.pick("required", "必須"));
    }
    let flags = if flags.is_empty() {
        String::new()
    } else {
        format!(" [{}]", flags.join(", "))
    };
    let width = 60usize.saturating_sub(head.chars().count()).max(1);
    out.push_str(&format!(
        "{head}{:width$}// {}{flags}\n",
        "",
        lang.pick(field.en, field.ja)
    ));
    for child in field.children {
        write_tree(out, child, depth + 1, lang);
    }
}
