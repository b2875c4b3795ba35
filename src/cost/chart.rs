//! The compare report's chart: monthly cost against volume, one line per quote, the
//! forecast and the break-evens marked, drawn as SVG with plotters.
//!
//! Amounts become pixels here and only here, so this is the one place they are
//! floats: a line's position on the page, never a figure anyone reads.  The figures
//! shown are the comparison's own integers, formatted as the table formats them.

use plotters::prelude::*;

use super::compare::Comparison;
use super::words;
use crate::lang::Lang;

/// The colour of each quote's line, in turn (Okabe–Ito: told apart by most readers
/// with a colour vision deficiency).
pub const COLOURS: [(u8, u8, u8); 7] = [
    (0, 114, 178),
    (213, 94, 0),
    (0, 158, 115),
    (204, 121, 167),
    (230, 159, 0),
    (86, 180, 233),
    (0, 0, 0),
];

/// The colour of the `n`th quote's line, as CSS writes it.
#[must_use]
pub fn colour(n: usize) -> String {
    let (r, g, b) = COLOURS[n % COLOURS.len()];
    format!("#{r:02X}{g:02X}{b:02X}")
}

/// The chart as an SVG element.  Only numbers and the report's own headings are
/// drawn as text: quotes are named in the HTML legend beside it.
///
/// # Errors
/// When plotters cannot draw (never expected with an SVG string as the target).
pub fn svg(c: &Comparison, lang: Lang) -> Result<String, String> {
    let volumes = &c.sweep.volumes;
    let (Some(&low), Some(&high)) = (volumes.first(), volumes.last()) else {
        return Ok(String::new());
    };
    let highest = c
        .sweep
        .monthly
        .iter()
        .flatten()
        .flatten()
        .copied()
        .max()
        .unwrap_or(0);
    let top = (highest as f64 * 1.08).max(1.0);
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (880, 480)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let (x_desc, y_desc) = match lang {
            Lang::En => (
                "contacts a month".to_string(),
                format!("monthly cost ({})", c.currency),
            ),
            Lang::Ja => ("月間件数".to_string(), format!("月額（{}）", c.currency)),
        };
        let mut chart = ChartBuilder::on(&root)
            .margin(16)
            .x_label_area_size(44)
            .y_label_area_size(96)
            .build_cartesian_2d(low as f64..high as f64, 0f64..top)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .x_desc(x_desc)
            .y_desc(y_desc)
            .x_label_formatter(&|v| words::contacts(*v as i128))
            .y_label_formatter(&|v| words::contacts(*v as i128))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(|e| e.to_string())?;
        for (n, costs) in c.sweep.monthly.iter().enumerate() {
            let Some(costs) = costs else { continue };
            let (r, g, b) = COLOURS[n % COLOURS.len()];
            let points = volumes
                .iter()
                .zip(costs)
                .map(|(&v, &m)| (v as f64, m as f64));
            chart
                .draw_series(LineSeries::new(points, RGBColor(r, g, b).stroke_width(3)))
                .map_err(|e| e.to_string())?;
        }
        // The forecast: a dashed vertical line with its volume.
        let forecast = c.forecast as f64;
        if (low as f64..=high as f64).contains(&forecast) {
            let grey = RGBColor(90, 90, 90);
            let steps = 24;
            for i in (0..steps).step_by(2) {
                let (y0, y1) = (
                    top * f64::from(i) / f64::from(steps),
                    top * f64::from(i + 1) / f64::from(steps),
                );
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        vec![(forecast, y0), (forecast, y1)],
                        grey.stroke_width(1),
                    )))
                    .map_err(|e| e.to_string())?;
            }
            let label = match lang {
                Lang::En => format!("forecast {}", words::contacts(c.forecast)),
                Lang::Ja => format!("想定 {} 件", words::contacts(c.forecast)),
            };
            chart
                .draw_series(std::iter::once(Text::new(
                    label,
                    (forecast, top * 0.97),
                    ("sans-serif", 14).into_font().color(&grey),
                )))
                .map_err(|e| e.to_string())?;
        }
        // Each break-even inside the range: a ring where the lines cross.
        for b in &c.break_evens {
            let v = b.exact[0] as f64 / b.exact[1] as f64;
            if !(low as f64..=high as f64).contains(&v) {
                continue;
            }
            let Some(curve) = c.quotes[b.cheaper].curve else {
                continue;
            };
            let cost = curve.at(b.above).minor() as f64;
            chart
                .draw_series(std::iter::once(Circle::new(
                    (v, cost),
                    6,
                    BLACK.stroke_width(2),
                )))
                .map_err(|e| e.to_string())?;
            chart
                .draw_series(std::iter::once(Text::new(
                    words::contacts(b.above),
                    (v, cost),
                    ("sans-serif", 13).into_font().color(&BLACK),
                )))
                .map_err(|e| e.to_string())?;
        }
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(out)
}
