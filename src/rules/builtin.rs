//! The built-in rule set: the `.rules` files under `rules/`, embedded in the binary
//! with virtual paths so errors and `explain` point into them.

/// (virtual path, text) of every built-in rule file, in catalogue order.
pub const FILES: &[(&str, &str)] = &[
    (
        "builtin:rules/pricing.rules",
        include_str!("../../rules/pricing.rules"),
    ),
    (
        "builtin:rules/security.rules",
        include_str!("../../rules/security.rules"),
    ),
    (
        "builtin:rules/staffing.rules",
        include_str!("../../rules/staffing.rules"),
    ),
    (
        "builtin:rules/service.rules",
        include_str!("../../rules/service.rules"),
    ),
    (
        "builtin:rules/kpi.rules",
        include_str!("../../rules/kpi.rules"),
    ),
    (
        "builtin:rules/term.rules",
        include_str!("../../rules/term.rules"),
    ),
    (
        "builtin:rules/data.rules",
        include_str!("../../rules/data.rules"),
    ),
];
