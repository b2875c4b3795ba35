//! A contract as a list of clauses, each named by its path in the schema, so two
//! versions can be compared clause by clause instead of line by line.
//!
//! Paths follow the blocks: `pricing.overage`, `vendor["Seagull Ltd."].staff.operators`.
//! A block written with arguments is named by them (`service[inbound order_taking]`,
//! `waiver[long-lock-in]`), so two services never share a path; a leaf written more
//! than once in a block is named by its first value (`fee["GDS licence"]`).  Values
//! are as written, in `termlint fmt`'s spacing (`250 JPY / call`), so a reformatted
//! file has the same clauses.

use std::collections::{BTreeMap, HashMap};

use crate::syntax::lexeme::canonical_value;
use crate::syntax::tree::{Node, Value};

/// One contract of a file: its id and its clauses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    pub id: String,
    /// Path → value as written.  A block's own line is a clause too when it has
    /// values (`service[inbound order_taking]` is `inbound order_taking`).
    pub clauses: BTreeMap<String, String>,
}

/// The contracts of a `.terms` text; none when it does not parse (its syntax errors
/// are findings, which the diff reports).
#[must_use]
pub fn contracts(text: &str) -> Vec<Contract> {
    let parsed = crate::syntax::parse(text);
    if !parsed.problems.is_empty() {
        return Vec::new();
    }
    parsed
        .document
        .nodes
        .iter()
        .filter(|node| node.name == "contract")
        .map(|node| {
            let mut clauses = BTreeMap::new();
            children(text, node.children(), "", &mut clauses);
            let id = match node.args.first().map(|arg| &arg.value) {
                Some(Value::Str(id)) => id.to_string(),
                _ => written(text, node, 0),
            };
            Contract { id, clauses }
        })
        .collect()
}

fn children(text: &str, nodes: &[Node<'_>], prefix: &str, out: &mut BTreeMap<String, String>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for node in nodes {
        *seen.entry(node.name).or_default() += 1;
    }
    let mut taken: HashMap<String, usize> = HashMap::new();
    for node in nodes {
        let keyed = node.block.is_some() && !node.args.is_empty()
            || node.block.is_none() && seen[node.name] > 1 && !node.args.is_empty();
        let (segment, value) = if node.block.is_some() && keyed {
            (format!("{}[{}]", node.name, written(text, node, 0)), None)
        } else if keyed {
            (
                format!("{}[{}]", node.name, written_one(text, node, 0)),
                Some(written(text, node, 1)),
            )
        } else {
            (node.name.to_string(), Some(written(text, node, 0)))
        };
        // The same path twice (two identical lines): number the later ones.
        let n = taken.entry(segment.clone()).or_default();
        *n += 1;
        let segment = if *n > 1 {
            format!("{segment}#{n}")
        } else {
            segment
        };
        let path = if prefix.is_empty() {
            segment
        } else {
            format!("{prefix}.{segment}")
        };
        if let Some(block) = &node.block {
            children(text, &block.children, &path, out);
            if block.children.is_empty() {
                out.insert(path, "{}".to_string());
            }
        } else {
            out.insert(path, value.unwrap_or_default());
        }
    }
}

/// A node's values from the `from`th on, each in fmt's spacing, one space apart.
fn written(text: &str, node: &Node<'_>, from: usize) -> String {
    node.args
        .iter()
        .skip(from)
        .map(|arg| canonical_value(arg.span.text(text)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn written_one(text: &str, node: &Node<'_>, at: usize) -> String {
    node.args
        .get(at)
        .map(|arg| canonical_value(arg.span.text(text)).into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_are_named_by_their_path_and_keep_their_values_as_written() {
        let text = r#"contract "acme" {
  vendor "Seagull" { staff { operators 15; supervisors 2 } }
  service inbound order_taking { hours weekdays 09:00-18:00 }
  service outbound telemarketing { hours weekdays 10:00-19:00 }
  pricing {
    overage 250 JPY/call  // agreed
    fee "GDS" tbd
    fee "reports" 10_000 JPY / month
  }
  data {}
}"#;
        let got = &contracts(text)[0];
        assert_eq!(got.id, "acme");
        let clauses: Vec<String> = got
            .clauses
            .iter()
            .map(|(path, value)| format!("{path} = {value}"))
            .collect();
        assert_eq!(
            clauses,
            [
                "data = {}",
                "pricing.fee[\"GDS\"] = tbd",
                "pricing.fee[\"reports\"] = 10_000 JPY / month",
                "pricing.overage = 250 JPY / call",
                "service[inbound order_taking].hours = weekdays 09:00-18:00",
                "service[outbound telemarketing].hours = weekdays 10:00-19:00",
                "vendor[\"Seagull\"].staff.operators = 15",
                "vendor[\"Seagull\"].staff.supervisors = 2",
            ]
        );
    }

    #[test]
    fn a_file_that_does_not_parse_has_no_clauses() {
        assert!(contracts("contract \"a\" {").is_empty());
    }
}
