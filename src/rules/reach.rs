//! Where a rule set's paths land in one contract, found once per contract.
//!
//! The built-in catalogue's `each`, `when` and `at` lines name 110 paths from the
//! contract, only 51 of them distinct, and the distinct ones share their first
//! steps (`vendor.staff.operators`, `vendor.staff.training`).  Walked one use at a
//! time, every use scanned the contract's top-level fields again.  So a rule set
//! merges its paths into one tree of steps ([`PathTree`]), each path recording its
//! node there (`PathIr::place`), and each contract is walked along that tree once
//! ([`Reached`]): a path's nodes are then a slice, in the document order a walk of
//! the path itself reaches them.
//!
//! Paths from a rule's `each` node are not merged: they start at a different node
//! for every match, and walk its few children directly.

use super::ir::{Ir, Part, PathIr, Rule, Step, Template};
use crate::schema::model::TNode;

/// The contract itself: the tree's root, the parent of every first step.
const ROOT: u32 = 0;

/// The distinct steps of a rule set's paths from the contract, as a tree.
#[derive(Debug, Clone)]
pub struct PathTree {
    /// The root first; a node always comes after its parent, so one pass in order
    /// resolves every node from an already resolved one.
    nodes: Vec<TreeNode>,
}

#[derive(Debug, Clone)]
struct TreeNode {
    parent: u32,
    /// The step from the parent (unused for the root).
    step: Step,
}

impl PathTree {
    /// Merges the paths from the contract of every rule, and records in each its
    /// node of the tree.
    pub fn build(rules: &mut [Rule]) -> PathTree {
        let mut tree = PathTree {
            nodes: vec![TreeNode {
                parent: ROOT,
                step: Step::Any,
            }],
        };
        for rule in rules {
            for_each_path(rule, &mut |path| {
                path.place = (!path.from_each).then(|| tree.place(&path.steps));
            });
        }
        tree
    }

    /// The node reached by `steps` from the root, added with any missing parents.
    fn place(&mut self, steps: &[Step]) -> u32 {
        steps.iter().fold(ROOT, |parent, step| {
            self.child(parent, step)
                .unwrap_or_else(|| self.push(parent, step.clone()))
        })
    }

    /// The existing child of `parent` by `step` (the root, at 0, is no one's child).
    fn child(&self, parent: u32, step: &Step) -> Option<u32> {
        let mut later = self.nodes.iter().skip(1);
        let found = later.position(|n| n.parent == parent && n.step == *step)?;
        Some(to_u32(found + 1))
    }

    fn push(&mut self, parent: u32, step: Step) -> u32 {
        self.nodes.push(TreeNode { parent, step });
        to_u32(self.nodes.len() - 1)
    }
}

fn to_u32(i: usize) -> u32 {
    u32::try_from(i).expect("a rule set has fewer than 2^32 distinct paths")
}

/// The contract nodes each node of a [`PathTree`] reaches in one contract.
#[derive(Debug)]
pub struct Reached<'c> {
    /// Every tree node's contract nodes, one run after another.
    nodes: Vec<&'c TNode>,
    /// Per tree node, its run in `nodes` (start, end).
    runs: Vec<(u32, u32)>,
}

impl<'c> Reached<'c> {
    /// Walks `root` along `tree`: for each tree node in order, the matching children
    /// of each node its parent reached, parents and children in document order.
    #[must_use]
    pub fn new(tree: &PathTree, root: &'c TNode) -> Reached<'c> {
        let mut reached = Reached {
            nodes: Vec::with_capacity(tree.nodes.len() * 2),
            runs: Vec::with_capacity(tree.nodes.len()),
        };
        reached.nodes.push(root);
        reached.runs.push((0, 1));
        for node in &tree.nodes[1..] {
            let start = to_u32(reached.nodes.len());
            let (from, to) = reached.runs[node.parent as usize];
            for i in from..to {
                let parent = reached.nodes[i as usize];
                reached.push_children(parent, &node.step);
            }
            reached.runs.push((start, to_u32(reached.nodes.len())));
        }
        reached
    }

    fn push_children(&mut self, parent: &'c TNode, step: &Step) {
        if parent.child_slots & step.slot_bits() == 0 {
            return;
        }
        let hits = parent.children.iter().filter(|child| step.reaches(child));
        self.nodes.extend(hits);
    }

    /// The nodes the path whose tree node is `place` reaches, in document order.
    #[must_use]
    pub fn nodes(&self, place: u32) -> &[&'c TNode] {
        let (from, to) = self.runs[place as usize];
        &self.nodes[from as usize..to as usize]
    }
}

/// Calls `f` on every path of a rule: `each`, `when`, `at`, the paths `when`
/// mentions and those of its messages.
pub(super) fn for_each_path(rule: &mut Rule, f: &mut impl FnMut(&mut PathIr)) {
    if let Some(each) = &mut rule.each {
        f(each);
    }
    for_each_path_in(&mut rule.when, f);
    rule.at
        .iter_mut()
        .chain(&mut rule.when_paths)
        .for_each(&mut *f);
    let templates = [
        Some(&mut rule.message),
        rule.help.as_mut(),
        rule.ja_message.as_mut(),
        rule.ja_help.as_mut(),
    ];
    for template in templates.into_iter().flatten() {
        for_each_path_of(template, f);
    }
}

fn for_each_path_in(ir: &mut Ir, f: &mut impl FnMut(&mut PathIr)) {
    match ir {
        Ir::And(parts) | Ir::Or(parts) | Ir::List(parts) => {
            parts.iter_mut().for_each(|p| for_each_path_in(p, f));
        }
        Ir::Not(inner) | Ir::Round(_, inner) => for_each_path_in(inner, f),
        Ir::Compare(_, l, r) => {
            for_each_path_in(l, f);
            for_each_path_in(r, f);
        }
        Ir::Arith(_, l, r) => {
            for_each_path_in(l, f);
            for_each_path_in(r, f);
        }
        Ir::Path(p)
        | Ir::Present(p)
        | Ir::Absent(p)
        | Ir::IsTbd(p)
        | Ir::Has(p, _)
        | Ir::Count(p)
        | Ir::WeeklyHours(p)
        | Ir::Nights(p)
        | Ir::Weekends(p)
        | Ir::Matches(p, _) => f(p),
        Ir::Const(_) | Ir::Today | Ir::Cost(_) => {}
    }
}

fn for_each_path_of(template: &mut Template, f: &mut impl FnMut(&mut PathIr)) {
    for part in &mut template.parts {
        match part {
            Part::Value(path, _) => f(path),
            Part::Computed(ir, _) => for_each_path_in(ir, f),
            Part::Text(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use super::*;
    use crate::lang::Lang;
    use crate::rules::eval::Scope;
    use crate::rules::testing::{builtin, contracts, fixtures};
    use crate::rules::{names, EvalContext};
    use crate::schema::model::Contract;
    use crate::value::Date;

    /// The steps from the root of `tree` to `place`.
    fn steps_to(tree: &PathTree, place: u32) -> Vec<Step> {
        let mut steps = Vec::new();
        let mut at = place;
        while at != ROOT {
            let node = &tree.nodes[at as usize];
            steps.push(node.step.clone());
            at = node.parent;
        }
        steps.reverse();
        steps
    }

    /// The nodes a walk of `steps` from the contract reaches, as the evaluator finds
    /// them without a `Reached`.
    fn walked(contract: &Contract, steps: Vec<Step>, clash: &AtomicBool) -> Vec<*const TNode> {
        let path = PathIr {
            from_each: false,
            steps,
            arg: super::super::ir::ArgSel::Value,
            list: false,
            text: "".into(),
            place: None,
        };
        let scope = Scope {
            contract,
            each: None,
            reached: None,
            today: Date::parse("2026-01-01").expect("date"),
            currency_clash: clash,
            cost: None,
        };
        let mut found = Vec::new();
        scope.any_node(&path, &mut |n| {
            found.push(std::ptr::from_ref(n));
            false
        });
        found
    }

    #[test]
    fn each_tree_node_reaches_what_a_walk_of_its_steps_reaches() {
        let rules = builtin();
        let clash = AtomicBool::new(false);
        let mut nodes_seen = 0;
        for text in fixtures() {
            for contract in contracts(&text) {
                let reached = Reached::new(&rules.paths, &contract.root);
                for place in 0..to_u32(rules.paths.nodes.len()) {
                    let steps = steps_to(&rules.paths, place);
                    let expected = walked(&contract, steps, &clash);
                    let got: Vec<_> = reached
                        .nodes(place)
                        .iter()
                        .map(|&n| std::ptr::from_ref(n))
                        .collect();
                    assert_eq!(got, expected, "tree node {place}");
                    nodes_seen += got.len();
                }
            }
        }
        assert!(nodes_seen > 1000, "too few nodes reached: {nodes_seen}");
    }

    #[test]
    fn each_path_from_the_contract_has_the_tree_node_of_its_steps() {
        let rules = builtin();
        let (mut from_contract, mut from_each) = (0, 0);
        for mut rule in rules.rules().iter().cloned() {
            for_each_path(&mut rule, &mut |path| match path.place {
                Some(place) => {
                    assert!(!path.from_each, "{}", path.text);
                    assert_eq!(steps_to(&rules.paths, place), path.steps, "{}", path.text);
                    from_contract += 1;
                }
                None => {
                    assert!(path.from_each, "{} has no tree node", path.text);
                    from_each += 1;
                }
            });
        }
        assert!(
            from_contract > 100 && from_each > 10,
            "{from_contract} {from_each}"
        );
    }

    #[test]
    fn the_tree_holds_each_distinct_path_once() {
        let rules = builtin();
        let mut all: Vec<Vec<Step>> = (0..to_u32(rules.paths.nodes.len()))
            .map(|place| steps_to(&rules.paths, place))
            .collect();
        let count = all.len();
        all.sort_by_key(|steps| format!("{steps:?}"));
        all.dedup();
        assert_eq!(all.len(), count);
        // Far fewer than the catalogue's 261 uses of paths from the contract.
        assert!(count < 80, "{count} tree nodes");
    }

    #[test]
    fn findings_are_the_same_with_and_without_the_reached_nodes() {
        let rules = builtin();
        let mut findings = 0;
        for text in fixtures() {
            for contract in contracts(&text) {
                for lang in [Lang::En, Lang::Ja] {
                    let run = |reached: Option<&Reached<'_>>| {
                        let clash = AtomicBool::new(false);
                        let cx = EvalContext {
                            today: Date::parse("2026-11-29").expect("date"),
                            lang,
                            text: &text,
                            currency_clash: &clash,
                        };
                        let found = names::with_names(rules.serial, &rules.rules, |names| {
                            rules.evaluate_with(&contract, &cx, names, reached)
                        });
                        (found, clash.into_inner())
                    };
                    let reached = Reached::new(&rules.paths, &contract.root);
                    let with = run(Some(&reached));
                    assert_eq!(with, run(None));
                    findings += with.0.len();
                }
            }
        }
        assert!(findings > 200, "too few findings to compare: {findings}");
    }
}
