//! `termlint compare`: quotes compared at the client's volume.

use std::collections::BTreeMap;

use super::error::CommandResult;
use super::{exit, CompareArgs, CompareFormat, Io, TaxBasis};
use crate::cost::compare::{compare, Refusal, Volumes};
use crate::cost::footing::{Footing, Rate};
use crate::cost::money::decimal_micros;
use crate::cost::plan::{Assumptions, Ppm, Tax, WHOLE};
use crate::cost::{quotes, report};
use crate::units::{Currency, Unit, MONTH};

pub(super) fn run(args: &CompareArgs, io: &mut Io<'_>) -> CommandResult {
    let lang = args.lang.unwrap_or(io.lang);
    let request = match Request::read(args) {
        Ok(request) => request,
        Err(message) => {
            let _ = writeln!(io.stderr, "error: {message}");
            return Ok(exit::USAGE);
        }
    };
    let paths = if args.paths.is_empty() {
        vec![std::path::PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let loaded = match quotes::load(&paths, &request.assume) {
        Ok(loaded) => loaded,
        Err(missing) => {
            let _ = writeln!(io.stderr, "error: {} does not exist", missing.0.display());
            return Ok(exit::USAGE);
        }
    };
    for sentence in &loaded.unread {
        let _ = writeln!(io.stderr, "warning: {sentence}");
    }
    let currency = request
        .currency
        .unwrap_or_else(|| most_used_currency(&loaded.quotes));
    let footing = Footing {
        currency,
        basis: request.basis,
        tax_rate: request.tax_rate,
        rates: request.rates,
    };
    let comparison = match compare(loaded.quotes, &footing, &request.volumes) {
        Ok(comparison) => comparison,
        Err(Refusal::NoQuotes) => {
            let _ = writeln!(
                io.stderr,
                "error: no contracts found in {}\n  help: give the quote files or their folder: `termlint compare contracts/quotes/`",
                shown(&paths)
            );
            return Ok(exit::USAGE);
        }
        Err(Refusal::NoForecast) => {
            let _ = writeln!(
                io.stderr,
                "error: no forecast volume to compare at: no quote states `volume` in its `service`\n  help: pass the client's forecast, e.g. `--volume 4000calls/month`"
            );
            return Ok(exit::USAGE);
        }
    };
    let text = match args.format {
        CompareFormat::Human => report::human(&comparison, lang),
        CompareFormat::Json => {
            let mut text = serde_json::to_string_pretty(&comparison)?;
            text.push('\n');
            text
        }
        CompareFormat::Csv => report::csv(&comparison, lang),
        CompareFormat::Html => crate::cost::html::page(&comparison, lang),
    };
    let _ = io.stdout.write_all(text.as_bytes());
    Ok(exit::CLEAN)
}

fn shown(paths: &[std::path::PathBuf]) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    names.join(", ")
}

/// The currency most quotes price in (the first of equals, in path order), JPY when
/// none states one.
fn most_used_currency(quotes: &[crate::cost::compare::Quote]) -> Currency {
    let mut counts: BTreeMap<Currency, (usize, usize)> = BTreeMap::new();
    for (i, q) in quotes.iter().enumerate() {
        if let Ok(plan) = &q.plan {
            let entry = counts.entry(plan.currency).or_insert((0, i));
            entry.0 += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|(_, (n, first)), (_, (m, other))| n.cmp(m).then(other.cmp(first)))
        .map_or(Currency::Jpy, |(c, _)| c)
}

/// The command line read into the comparison's inputs.
struct Request {
    volumes: Volumes,
    rates: Vec<Rate>,
    currency: Option<Currency>,
    basis: Tax,
    tax_rate: Ppm,
    assume: Assumptions,
}

impl Request {
    fn read(args: &CompareArgs) -> Result<Request, String> {
        let mut volumes = Volumes {
            points: args.points,
            ..Volumes::default()
        };
        if args.points < 2 {
            return Err("--points must be at least 2".into());
        }
        for written in &args.volume {
            if let Some((low, high)) = written.split_once("..") {
                let unit = unit_suffix(high);
                let low = monthly_volume(&format!("{}{unit}", low.trim()))?;
                let high = monthly_volume(high)?;
                if low >= high || volumes.range.is_some() {
                    return Err(format!(
                        "`{written}` is not a range from a lower to a higher volume (give one range, e.g. `1000..10000calls/month`)"
                    ));
                }
                volumes.range = Some((low, high));
            } else {
                let v = monthly_volume(written)?;
                volumes.forecast = Some(volumes.forecast.unwrap_or(0) + v);
            }
        }
        let rates = args
            .rate
            .iter()
            .map(|r| Rate::parse(r))
            .collect::<Result<Vec<_>, _>>()?;
        let currency = match &args.currency {
            None => None,
            Some(code) => match Unit::parse(code) {
                Some(Unit::Money(c)) => Some(c),
                _ => {
                    return Err(format!(
                        "`{code}` is not a currency (JPY, USD, EUR, GBP, CNY, KRW)"
                    ))
                }
            },
        };
        let assume = Assumptions {
            handle_time: args.handle_time.as_deref().map(seconds).transpose()?,
            outcome_rate: args.outcome_rate.as_deref().map(share).transpose()?,
        };
        Ok(Request {
            volumes,
            rates,
            currency,
            basis: match args.tax_basis {
                TaxBasis::Excluded => Tax::Excluded,
                TaxBasis::Included => Tax::Included,
            },
            tax_rate: share(&args.tax_rate)?,
            assume,
        })
    }
}

/// The unit part of a written volume (`calls/month` of `10000calls/month`).
fn unit_suffix(written: &str) -> &str {
    let written = written.trim();
    let start = written
        .find(|c: char| !(c.is_ascii_digit() || c == '_'))
        .unwrap_or(written.len());
    &written[start..]
}

/// A volume as contacts a month: `4000`, `4_000 calls/month`, `200 calls / day`.
fn monthly_volume(written: &str) -> Result<i128, String> {
    let text = written.trim();
    let number = &text[..text.len() - unit_suffix(text).len()];
    let bad = || {
        format!("`{written}` is not a volume: write a whole number of contacts a month, e.g. `4000calls/month` or `200calls/day`")
    };
    let count = decimal_micros(number, 0).ok_or_else(bad)? / 1_000_000;
    let unit = unit_suffix(text).replace(' ', "");
    let per = match unit.split_once('/') {
        None if unit.is_empty() => return Ok(count),
        None => return Err(bad()),
        Some((what, per)) => {
            if !what.is_empty() && !matches!(Unit::parse(what), Some(Unit::Count(_))) {
                return Err(bad());
            }
            per
        }
    };
    match Unit::parse(per) {
        Some(Unit::Time(secs)) => Ok(crate::cost::money::round_div(
            count * MONTH as i128,
            secs as i128,
        )),
        _ => Err(bad()),
    }
}

/// A duration in whole seconds: `4min`, `270 s`, `4.5 minutes`.
fn seconds(written: &str) -> Result<i128, String> {
    let text = written.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '_'))
        .unwrap_or(text.len());
    let bad = || format!("`{written}` is not a duration: write e.g. `4min` or `270s`");
    let micros = decimal_micros(&text[..split], 0).ok_or_else(bad)?;
    match Unit::parse(text[split..].trim()) {
        Some(Unit::Time(secs)) => Ok(crate::cost::money::round_div(
            micros * secs as i128,
            1_000_000,
        )),
        _ => Err(bad()),
    }
}

/// A percent in ppm: `10%` is 100,000.
fn share(written: &str) -> Result<Ppm, String> {
    let text = written.trim();
    let bad = || format!("`{written}` is not a percent: write e.g. `10%`");
    let number = text.strip_suffix('%').ok_or_else(bad)?.trim();
    let ppm = decimal_micros(number, 0).ok_or_else(bad)? / 100;
    if ppm > 100 * WHOLE {
        return Err(bad());
    }
    Ok(ppm)
}

#[cfg(test)]
mod tests {
    use super::{monthly_volume, seconds, share};

    #[test]
    fn volumes_durations_and_percents_are_read_as_written() {
        assert_eq!(monthly_volume("4000"), Ok(4000));
        assert_eq!(monthly_volume("4_000 calls/month"), Ok(4000));
        assert_eq!(monthly_volume("4000calls / month"), Ok(4000));
        assert_eq!(monthly_volume("200 calls/day"), Ok(6000));
        assert_eq!(monthly_volume("120000 contacts/year"), Ok(10000));
        assert!(monthly_volume("4000 JPY/month").is_err());
        assert!(monthly_volume("lots").is_err());
        assert_eq!(seconds("4min"), Ok(240));
        assert_eq!(seconds("4.5 minutes"), Ok(270));
        assert_eq!(seconds("270s"), Ok(270));
        assert!(seconds("4").is_err());
        assert_eq!(share("10%"), Ok(100_000));
        assert_eq!(share("8.5 %"), Ok(85_000));
        assert!(share("10").is_err());
    }
}
