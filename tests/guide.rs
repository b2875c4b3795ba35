//! docs/guide.md lists every field from the schema table; this test fails when the
//! guide is stale.  `UPDATE_GUIDE=1 cargo test --test guide` rewrites it.

use termlint::schema::reference::{markdown, BEGIN, END};

#[test]
fn the_field_reference_in_the_guide_matches_the_schema() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/guide.md");
    let guide = std::fs::read_to_string(path).unwrap();
    let start = guide
        .find(BEGIN)
        .expect("docs/guide.md lacks the fields:begin marker")
        + BEGIN.len();
    let end = guide
        .find(END)
        .expect("docs/guide.md lacks the fields:end marker");
    let generated = markdown();
    if guide[start..end] == generated {
        return;
    }
    if std::env::var_os("UPDATE_GUIDE").is_some() {
        let updated = format!("{}{generated}{}", &guide[..start], &guide[end..]);
        std::fs::write(path, updated).unwrap();
        return;
    }
    panic!("docs/guide.md is stale: run `UPDATE_GUIDE=1 cargo test --test guide` and commit it");
}

#[test]
fn every_field_of_the_schema_is_in_the_guide() {
    let guide =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/guide.md")).unwrap();
    for name in [
        "overage",
        "knowledge_transfer",
        "always_hiring",
        "service_level",
        "waiver",
        "approved_by",
    ] {
        assert!(
            guide.contains(&format!("| `{name}` |")),
            "{name} missing from the guide"
        );
    }
}
