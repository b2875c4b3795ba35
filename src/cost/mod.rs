//! The cost model: what a quote costs the client at its volume, and how quotes
//! compare (`termlint compare`, and the `cost.*` paths of the rules language).
//!
//! - [`money`]: exact amounts in millionths of a minor unit, and explicit rounding;
//! - [`plan`]: a checked contract's prices read into charges, or the gaps that stop
//!   it being costed;
//! - [`footing`]: one currency and one tax basis for every quote;
//! - [`curve`]: the monthly bill as a piecewise-linear function of volume, and the
//!   exact volumes where two bills cross;
//! - [`compare`]: the comparison itself;
//! - [`figures`]: one contract's own figures as the `cost.*` values of rules;
//! - [`quotes`]: reading the files given into quotes, through the check pipeline;
//! - [`report`]: the comparison as a table for people and as CSV;
//! - [`html`] and [`chart`]: the comparison as a self-contained page with an SVG chart;
//! - [`words`]: the wording of every gap, note and warning, in English and Japanese.

pub mod chart;
pub mod compare;
pub mod curve;
pub mod figures;
pub mod footing;
pub mod html;
pub mod money;
pub mod plan;
pub mod quotes;
pub mod report;
pub mod words;
