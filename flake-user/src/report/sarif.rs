//! `--sarif FILE`: the causes as a SARIF 2.1.0 log, for code-scanning
//! views (GitHub code scanning, IDE SARIF viewers): one rule per root-cause
//! category, one result per cause of a flaky test at its root-cause line
//! (relative to the rootdir, through the `ROOTDIR` base URI), the evidence
//! and fix as its message; proven causes are warnings, unproven ones notes;
//! confidence, rank, test and proof in its properties.

use std::path::Path;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::{json, Value};

use super::outputs::{counts_text, Session};
use super::Category;

/// Version of the SARIF format written.
pub const SARIF_VERSION: &str = "2.1.0";
const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The base URI id of paths relative to pytest's rootdir.
pub const ROOT_ID: &str = "ROOTDIR";

/// Characters escaped in a URI path (RFC 3986: all but unreserved, `/` and a few sub-delims).
const PATH: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'<').add(b'>').add(b'?').add(b'[').add(b']').add(b'\\').add(b'^').add(b'`').add(b'{').add(b'|').add(b'}');

fn uri_path(p: &str) -> String {
    utf8_percent_encode(p, PATH).to_string()
}

/// What a category of cause means, for its rule.
fn describe(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::TimeDependency => ("FlakyTimeDependency", "The outcome depends on the wall-clock time (a second, minute, hour or day boundary)."),
        Category::Timing => ("FlakyTiming", "The outcome depends on how long something takes (a fixed sleep or timeout racing real work)."),
        Category::ThreadRace => ("FlakyThreadRace", "Threads interleave differently in failing runs (unsynchronised shared state)."),
        Category::AsyncRace => ("FlakyAsyncRace", "asyncio tasks interleave differently in failing runs (state shared across an await)."),
        Category::OrderDependency => ("FlakyOrderDependency", "An earlier test leaves state behind that makes this one fail."),
        Category::Randomness => ("FlakyRandomness", "An unseeded random draw (or hash order) decides the outcome."),
        Category::IoExternal => ("FlakyIoExternal", "The outcome depends on the outside world (files, network, environment)."),
        Category::Resource => ("FlakyResource", "A shared resource (port, file, lock) is held or exhausted in failing runs."),
    }
}

fn rules() -> Vec<Value> {
    Category::ALL
        .iter()
        .map(|&c| {
            let (name, text) = describe(c);
            json!({
                "id": c.as_str(),
                "name": name,
                "shortDescription": {"text": format!("Flaky test root cause: {}", c.as_str().replace('_', " "))},
                "fullDescription": {"text": text},
                "defaultConfiguration": {"level": "warning"},
                "properties": {"tags": ["flaky-test", c.as_str()]},
            })
        })
        .collect()
}

/// The location of a cause: relative to `ROOTDIR`, or an absolute file URI.
fn location(file: &str, line: u32, function: &str) -> Value {
    let artifact = if Path::new(file).is_absolute() {
        json!({"uri": format!("file://{}", uri_path(file))})
    } else {
        json!({"uri": uri_path(file), "uriBaseId": ROOT_ID})
    };
    json!({
        "physicalLocation": {"artifactLocation": artifact, "region": {"startLine": line.max(1)}},
        "logicalLocations": [{"fullyQualifiedName": function, "kind": "function"}],
    })
}

/// The SARIF log of a session.
pub fn render(s: &Session) -> String {
    let r = s.report;
    let mut results = vec![];
    for t in s.flaky() {
        for (rank, c) in t.causes.iter().enumerate() {
            let rule_index = Category::ALL.iter().position(|&k| k == c.category).unwrap_or(0);
            let proof = if c.proven { "Proven by a controlled rerun" } else { "Not proven by a controlled rerun" };
            let mut props = json!({
                "test": t.nodeid,
                "rank": rank + 1,
                "confidence": c.confidence,
                "proven": c.proven,
                "testOutcomes": t.outcomes,
            });
            if let Some(p) = &c.polluter {
                props["polluter"] = json!(p);
            }
            results.push(json!({
                "ruleId": c.category.as_str(),
                "ruleIndex": rule_index,
                "level": if c.proven { "warning" } else { "note" },
                "message": {"text": format!(
                    "{} is flaky ({}): {} at {}:{}. {}. Evidence: {} Fix: {}",
                    t.nodeid, counts_text(t), c.category.as_str().replace('_', " "), c.file, c.line, proof, c.evidence, c.fix
                )},
                "locations": [location(&c.file, c.line, &c.function)],
                "partialFingerprints": {"flakebpf/v1": format!("{}|{}|{}:{}", t.nodeid, c.category.as_str(), c.file, c.line)},
                "properties": props,
            }));
        }
    }
    let root = format!("file://{}/", uri_path(r.rootdir.trim_end_matches('/')));
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": r.tool.name,
                "version": r.tool.version,
                "semanticVersion": r.tool.version,
                "rules": rules(),
            }},
            "invocations": [{
                "executionSuccessful": true,
                "commandLine": crate::report::table::shell_words(&r.command),
                "properties": {"runs": r.runs, "python": r.python, "lostEvents": r.lost_events},
            }],
            "originalUriBaseIds": {ROOT_ID: {"uri": root}},
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).expect("SARIF serializes");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_relative_to_the_rootdir() {
        let l = location("src/a b.py", 12, "f");
        assert_eq!(l["physicalLocation"]["artifactLocation"], json!({"uri": "src/a%20b.py", "uriBaseId": "ROOTDIR"}));
        assert_eq!(l["physicalLocation"]["region"]["startLine"], 12);
        let l = location("/usr/lib/x.py", 0, "g");
        assert_eq!(l["physicalLocation"]["artifactLocation"], json!({"uri": "file:///usr/lib/x.py"}));
        assert_eq!(l["physicalLocation"]["region"]["startLine"], 1);
        assert_eq!(rules().len(), 8);
    }
}
