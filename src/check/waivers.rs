//! Waivers (LANGUAGE.md §2.3): accepting a rule's finding in one contract.

use crate::codes::DocCode;
use std::sync::Arc;

use crate::diagnostic::{Finding, Waived};
use crate::lang::Lang;
use crate::problem::{Kind, Problem};
use crate::rules::RuleSet;
use crate::schema::model::Contract;
use crate::suggest::closest;
use crate::value::Date;

/// Marks findings waived by the contract's waivers and adds TL006–TL008.
pub fn apply(
    contract: &Contract,
    findings: &mut Vec<Finding>,
    rules: &RuleSet,
    today: Date,
    lang: Lang,
) {
    let mut extra = Vec::new();
    for waiver in contract.waivers.iter().filter(|w| w.valid) {
        let problem = |kind| {
            Finding::from_problem(&Problem::new(waiver.span, kind), Some(&contract.id), lang)
        };
        if DocCode::lookup(&waiver.rule).is_some() {
            extra.push(problem(Kind::WaiverOfDocCode {
                rule: waiver.rule.clone(),
            }));
            continue;
        }
        let Some(rule) = rules.find(&waiver.rule) else {
            let suggestion = closest(&waiver.rule, rules.names());
            extra.push(problem(Kind::UnknownWaiver {
                rule: waiver.rule.clone(),
                suggestion,
            }));
            continue;
        };
        if let Some(expires) = waiver.expires.filter(|e| *e < today) {
            extra.push(problem(Kind::WaiverExpired {
                rule: waiver.rule.clone(),
                expires: expires.to_string(),
                today: today.to_string(),
            }));
            continue;
        }
        let waived = Arc::new(Waived {
            reason: waiver.reason.clone().unwrap_or_default(),
            approved_by: waiver.approved_by.clone(),
            expires: waiver.expires,
        });
        let mut matched = false;
        for f in findings
            .iter_mut()
            .filter(|f| f.rule == rule.id && f.waived.is_none())
        {
            f.waived = Some(Arc::clone(&waived));
            matched = true;
        }
        // A rule that is off (`set … severity off`, `--ignore`, outside `--select`)
        // had no chance to fire, so its waiver is not "unused".
        if !matched && rule.severity.is_some() {
            extra.push(problem(Kind::UnusedWaiver {
                rule: waiver.rule.clone(),
            }));
        }
    }
    findings.extend(extra);
}
