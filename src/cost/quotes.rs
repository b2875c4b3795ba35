//! The files given to `termlint compare`, read into quotes through the check
//! pipeline: files found as `check` finds them, each parsed and validated once.

use std::path::PathBuf;

use rayon::prelude::*;

use super::compare::Quote;
use super::plan::{self, Assumptions};
use crate::check::{collect, read_whole, Entry, Exclude, MissingPath};
use crate::schema::model::{Contract, TValue, EXTENSION};
use crate::schema::validate::read_and_validate;

/// The quotes of the files given, and what could not be read.
#[derive(Debug, Default)]
pub struct Loaded {
    pub quotes: Vec<Quote>,
    /// One sentence per file that could not be read as text.
    pub unread: Vec<String>,
}

/// Reads every contract of the files and folders given, in path order.
///
/// # Errors
/// The first explicit path that does not exist.
pub fn load(paths: &[PathBuf], assume: &Assumptions) -> Result<Loaded, MissingPath> {
    let walk = collect(paths, &Exclude::default())?;
    let files: Vec<Result<Vec<Quote>, String>> = walk
        .entries
        .par_iter()
        .map(|entry| match entry {
            Entry::File(path) => {
                let shown = path.display().to_string();
                let bytes = read_whole(path).map_err(|e| format!("{shown}: {e}"))?;
                let text = crate::syntax::decode(&bytes).map_err(|_| {
                    format!("{shown}: not UTF-8 text; run `termlint check {shown}`")
                })?;
                Ok(read_and_validate(text)
                    .contracts
                    .iter()
                    .map(|contract| quote(&shown, contract, text, assume))
                    .collect())
            }
            Entry::Unreadable { path, reason } => Err(format!("{}: {reason}", path.display())),
        })
        .collect();
    let mut loaded = Loaded::default();
    loaded.unread.extend(walk.notes);
    for file in files {
        match file {
            Ok(mut quotes) => loaded.quotes.append(&mut quotes),
            Err(sentence) => loaded.unread.push(sentence),
        }
    }
    Ok(loaded)
}

/// One contract as a quote.
#[must_use]
pub fn quote(file: &str, contract: &Contract, text: &str, assume: &Assumptions) -> Quote {
    let string = |node: &str| {
        let node = contract
            .root
            .children
            .iter()
            .find(|c| c.slot != EXTENSION && c.name == node)?;
        match &contract.args_of(node).first()?.value {
            TValue::Str(s) => Some(s.clone()),
            _ => None,
        }
    };
    Quote {
        file: file.to_string(),
        id: contract.id.to_string(),
        vendor: string("vendor"),
        title: string("title"),
        plan: plan::read(contract, text, assume),
    }
}
