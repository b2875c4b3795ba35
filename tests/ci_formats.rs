//! SARIF and GitHub annotations: the formats a CI system reads.

mod common;

use common::termlint_parts as cli;
use std::path::{Path, PathBuf};

/// `termlint check --format FORMAT --today 2026-11-29 ARGS…`: (exit code, stdout, stderr).
fn check_as(format: &str, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["check", "--format", format, "--today", "2026-11-29"];
    all.extend_from_slice(args);
    cli(&all)
}

/// The OASIS SARIF 2.1.0 schema, kept in the repository (`tests/data`, with its notice)
/// so that a fresh clone validates its SARIF with nothing beside it.
fn sarif_schema() -> (boon::Schemas, boon::SchemaIndex) {
    let text = include_str!("data/sarif-schema-2.1.0.json");
    let schema: serde_json::Value = serde_json::from_str(text).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource("sarif-schema-2.1.0.json", schema)
        .unwrap();
    let index = compiler
        .compile("sarif-schema-2.1.0.json", &mut schemas)
        .unwrap();
    (schemas, index)
}

fn contracts() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "terms"))
        .collect();
    files.sort();
    files
}

#[test]
fn sarif_of_every_example_contract_validates_against_the_oasis_schema() {
    let (schemas, index) = sarif_schema();
    let files = contracts();
    assert!(files.len() >= 6);
    for file in files {
        for extra in [&[][..], &["--show-waived"][..]] {
            let path = file.to_str().unwrap();
            let mut args = extra.to_vec();
            args.push(path);
            let (_, out, _) = check_as("sarif", &args);
            let log: serde_json::Value = serde_json::from_str(&out).unwrap();
            if let Err(e) = schemas.validate(&log, index) {
                panic!("SARIF for {path} does not validate: {e:#}");
            }
        }
    }
}

#[test]
fn the_schema_check_can_fail() {
    let (schemas, index) = sarif_schema();
    let (_, out, _) = check_as("sarif", &["contracts/"]);
    let mut log: serde_json::Value = serde_json::from_str(&out).unwrap();
    log["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(
        schemas.validate(&log, index).is_err(),
        "a level outside the enum must not validate"
    );
}

#[test]
fn sarif_lists_every_rule_and_points_results_at_them() {
    let (_, out, err) = check_as("sarif", &["contracts/"]);
    assert!(err.contains("files checked"), "summary on stderr: {err}");
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(
        rules.len(),
        8 + 53,
        "document codes and the built-in catalogue"
    );
    assert_eq!(run["tool"]["driver"]["name"], "termlint");
    let tl102 = rules.iter().find(|r| r["id"] == "TL102").unwrap();
    assert_eq!(tl102["name"], "unclear-overage");
    assert_eq!(tl102["defaultConfiguration"]["level"], "error");
    assert_eq!(tl102["properties"]["category"], "pricing");
    assert!(tl102["help"]["markdown"]
        .as_str()
        .unwrap()
        .contains("## Why it matters"));
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let i = usize::try_from(r["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[i]["id"], r["ruleId"]);
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(loc["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .starts_with("contracts/"));
        assert!(
            r["partialFingerprints"]["termlintFinding/v1"]
                .as_str()
                .unwrap()
                .len()
                == 16
        );
    }
}

/// Code scanning closes an alert as dismissed when its result comes back suppressed;
/// a result that vanishes instead leaves the alert open as "fixed" — so waived
/// findings are always results, with the waiver written in the contract as an
/// accepted in-source suppression (SARIF 2.1.0 §3.35), `--show-waived` or not.
#[test]
fn waived_findings_are_accepted_in_source_suppressions_with_the_waiver_reason() {
    for extra in [&[][..], &["--show-waived"][..]] {
        let mut args = extra.to_vec();
        args.push("contracts/");
        let (_, out, _) = check_as("sarif", &args);
        let log: serde_json::Value = serde_json::from_str(&out).unwrap();
        let suppressions: Vec<serde_json::Value> = log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r.get("suppressions").cloned())
            .collect();
        let (_, json_out, _) = check_as("json", &args);
        let json: serde_json::Value = serde_json::from_str(&json_out).unwrap();
        let reasons: Vec<serde_json::Value> = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["waived"] == true)
            .map(|d| d["waiver_reason"].clone())
            .collect();
        assert_eq!(reasons.len(), 2, "the example contracts hold two waivers");
        let expected: Vec<serde_json::Value> = reasons
            .iter()
            .map(|reason| {
                serde_json::json!([{
                    "kind": "inSource",
                    "status": "accepted",
                    "justification": reason,
                }])
            })
            .collect();
        assert_eq!(suppressions, expected, "with {extra:?}");
        // JSON also says who accepted each risk and until when.
        let accepted: Vec<(serde_json::Value, serde_json::Value)> = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["waived"] == true)
            .map(|d| (d["waiver_approved_by"].clone(), d["waiver_expires"].clone()))
            .collect();
        assert_eq!(
            accepted,
            [
                ("IT Procurement Board".into(), "2027-09-30".into()),
                ("Legal and Compliance (M. Sato)".into(), "2027-06-30".into()),
            ]
        );
    }
}

#[test]
fn fingerprints_survive_edits_elsewhere_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string("contracts/northwind-telesales.terms").unwrap();
    let a = dir.path().join("a.terms");
    std::fs::write(&a, &original).unwrap();
    let fingerprints = |path: &Path| -> Vec<(String, String)> {
        let (_, out, _) = check_as("sarif", &[path.to_str().unwrap()]);
        let log: serde_json::Value = serde_json::from_str(&out).unwrap();
        let mut v: Vec<(String, String)> = log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap().to_string(),
                    r["partialFingerprints"]["termlintFinding/v1"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let before = fingerprints(&a);
    // Push every line down and add an unrelated field: lines change, fingerprints do not.
    let edited = format!("// reviewed 2026-11-29\n// by procurement\n\n{original}");
    std::fs::write(&a, edited).unwrap();
    let after = fingerprints(&a);
    assert!(!before.is_empty());
    assert_eq!(before, after);
}

#[test]
fn github_annotations_escape_hostile_contract_text() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("echo.rules");
    std::fs::write(
        &rules,
        "rule EVIL-1 vendor-name {\n  severity warning\n  when present(vendor)\n  at vendor\n  message \"vendor is {vendor.name}\"\n}\n",
    )
    .unwrap();
    let contract = dir.path().join("hostile, name:1.terms");
    std::fs::write(
        &contract,
        "contract \"c\" {\n  vendor \"Evil\\n::error file=x.terms,line=1::pwned 100%\\u{D}\" {\n  }\n}\n",
    )
    .unwrap();
    let (code, out, _) = cli(&[
        "check",
        "--no-builtin",
        "--rules",
        rules.to_str().unwrap(),
        "--format",
        "github",
        contract.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "a warning does not fail the run: {out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "one finding, one line, whatever the text holds: {out}"
    );
    let line = lines[0];
    assert!(line.starts_with("::warning file="), "{line}");
    assert!(
        line.contains("hostile%2C name%3A1.terms,line=2,col=3,endLine=2,endColumn="),
        "{line}"
    );
    assert!(line.contains(",title=EVIL-1 vendor-name::"), "{line}");
    assert!(
        line.ends_with("::vendor is Evil%0A::error file=x.terms,line=1::pwned 100%25%0D"),
        "{line}"
    );
}

#[test]
fn github_severities_map_to_workflow_commands() {
    let (code, out, err) = check_as("github", &["contracts/"]);
    assert_eq!(code, 1, "the examples hold error findings");
    assert!(err.contains("files checked"));
    assert!(out.lines().all(|l| l.starts_with("::error ")
        || l.starts_with("::warning ")
        || l.starts_with("::notice ")));
    for kind in ["::error ", "::warning ", "::notice "] {
        assert!(out.contains(kind), "{kind} missing");
    }
}
