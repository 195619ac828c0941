//! Expiry events: a renewal sweep sends ACM's "ACM Certificate Approaching
//! Expiration" event, in EventBridge's shape, once a day per active
//! certificate within the region's DaysBeforeExpiry, to a JSON-lines file
//! or a command's stdin; imported certificates too. Days are moved with
//! ACMCTL_NOW.

use crate::common::*;
use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

const REGION: &str = "eu-west-1";

fn not_after(env: &Env, arn: &str) -> OffsetDateTime {
    let c = env.describe(REGION, arn);
    OffsetDateTime::parse(c["NotAfter"].as_str().unwrap(), &Rfc3339).unwrap()
}

fn at(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap()
}

fn lines(path: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect()
}

/// A sweep at `now` with `extra` arguments; its JSON.
fn sweep(env: &Env, now: OffsetDateTime, vars: &[(&str, &str)], extra: &[&str]) -> Run {
    let mut args = vec!["--region", REGION, "--output", "json", "renew"];
    args.extend(extra);
    let mut all = vec![("ACMCTL_NOW", at(now))];
    all.extend(vars.iter().map(|(k, v)| (*k, v.to_string())));
    let all: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
    env.run_env(&all, &args)
}

fn assert_event(e: &Value, arn: &str, expires: OffsetDateTime, common_name: &str, now: OffsetDateTime) {
    let days = (expires - now).whole_days();
    assert_eq!(e["source"], "aws.acm", "{e}");
    assert_eq!(e["detail-type"], "ACM Certificate Approaching Expiration", "{e}");
    assert_eq!(e["version"], "0", "{e}");
    assert_eq!(e["resources"], serde_json::json!([arn]), "{e}");
    assert_eq!(e["detail"]["DaysToExpiry"], days, "{e}");
    assert_eq!(e["detail"]["CommonName"], common_name, "{e}");
    assert_eq!(e["region"], REGION, "{e}");
    assert_eq!(e["account"], arn.split(':').nth(4).unwrap(), "{e}");
    assert_eq!(e["time"], at(now), "{e}");
    let id = e["id"].as_str().unwrap();
    assert!(id.len() == 36 && id.split('-').count() == 5, "{id}");
}

#[test]
fn expiry_events_go_out_once_a_day_to_a_file_or_a_command() {
    let env = Env::new();
    let ca = env.root(REGION, "EC_prime256v1");
    let private = env.private_cert(REGION, &ca, "EC_prime256v1", &["www.example.com"]);
    // An imported certificate valid 40 days from now.
    let key = env.path("imported.key");
    let cert = env.path("imported.pem");
    let (ok, out) = tool("openssl", &[
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "40",
        "-subj", "/CN=imported.example.com", "-addext", "subjectAltName=DNS:imported.example.com",
        "-keyout", key.to_str().unwrap(), "-out", cert.to_str().unwrap(),
    ]);
    assert!(ok, "{out}");
    let imported = env
        .run(&["--region", REGION, "import", "--certificate", cert.to_str().unwrap(), "--private-key", key.to_str().unwrap()])
        .ok()
        .line();
    let file = env.path("events.jsonl");
    let file_flag = ["--event-file", file.to_str().unwrap()];

    // Ten days before the imported one expires: its event, and only its
    // (the private one has a year left).
    // At midnight UTC, so that every sweep of a "day" below is in one.
    let expires = not_after(&env, &imported);
    let day1 = (expires - Duration::days(10)).replace_time(time::Time::MIDNIGHT);
    let r = sweep(&env, day1, &[], &file_flag).ok();
    let sent = r.json()["ExpiryEvents"].clone();
    assert_eq!(sent.as_array().unwrap().len(), 1, "{sent}");
    assert_eq!(sent[0]["Status"], "SENT");
    let events = lines(&file);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_event(&events[0], &imported, expires, "imported.example.com", day1);
    assert_eq!(events[0]["detail"]["DaysToExpiry"], 10);
    assert_eq!(sent[0]["Event"], events[0], "the JSON output holds the event sent");
    // The event round-trips through JSON unchanged.
    let text = serde_json::to_string(&events[0]).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), events[0]);

    // The same day again, later: nothing more; the next day: one more.
    let r = sweep(&env, day1 + Duration::minutes(30), &[], &file_flag).ok();
    assert_eq!(r.json()["ExpiryEvents"], serde_json::json!([]));
    assert_eq!(lines(&file).len(), 1);
    let day2 = day1 + Duration::days(1);
    sweep(&env, day2, &[], &file_flag).ok();
    let events = lines(&file);
    assert_eq!(events.len(), 2);
    assert_event(&events[1], &imported, expires, "imported.example.com", day2);
    assert_eq!(events[1]["detail"]["DaysToExpiry"], 9);
    assert_ne!(events[0]["id"], events[1]["id"]);

    // The sink from the environment: a command that gets the event on stdin.
    let piped = env.path("piped.jsonl");
    let day3 = day2 + Duration::days(1);
    let cmd = format!("cat >> '{}'", piped.display());
    sweep(&env, day3, &[("ACMCTL_EVENT_COMMAND", &cmd)], &[]).ok();
    let got = lines(&piped);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_event(&got[0], &imported, expires, "imported.example.com", day3);
    assert_eq!(lines(&file).len(), 2, "one sink at a time");

    // A command that fails: exit 1, and the day is not marked, so the next
    // sweep of the day sends it.
    let day4 = day3 + Duration::days(1);
    let r = sweep(&env, day4, &[], &["--event-command", "cat > /dev/null; exit 3"]).code(1);
    assert!(r.stderr.contains("expiry events could not be sent") && r.stderr.contains(&imported), "{}", r.stderr);
    assert_eq!(r.json()["ExpiryEvents"][0]["Status"], "FAILED");
    sweep(&env, day4 + Duration::hours(1), &[], &file_flag).ok();
    assert_eq!(lines(&file).len(), 3);
    assert_event(&lines(&file)[2], &imported, expires, "imported.example.com", day4 + Duration::hours(1));

    // No sink: no event, nothing marked.
    let day5 = day4 + Duration::days(1);
    let r = sweep(&env, day5, &[], &[]).ok();
    assert_eq!(r.json()["ExpiryEvents"], serde_json::json!([]));
    sweep(&env, day5, &[("ACMCTL_EVENT_FILE", file.to_str().unwrap())], &[]).ok();
    assert_eq!(lines(&file).len(), 4, "the sink from ACMCTL_EVENT_FILE");

    // The private certificate, 44 days before it expires (45 is the
    // default window); the imported one has expired: no event for it.
    let private_expires = not_after(&env, &private);
    let late = private_expires - Duration::days(44) - Duration::hours(1);
    sweep(&env, late, &[], &file_flag).ok();
    let events = lines(&file);
    assert_eq!(events.len(), 5);
    assert_event(&events[4], &private, private_expires, "www.example.com", late);
    assert_eq!(events[4]["detail"]["DaysToExpiry"], 44);
    // A smaller window for the region: not yet.
    env.run(&["--region", REGION, "account", "config", "put", "--days-before-expiry", "30"]).ok();
    sweep(&env, late + Duration::days(1), &[], &file_flag).ok();
    assert_eq!(lines(&file).len(), 5);
    sweep(&env, not_after(&env, &private) - Duration::days(29), &[], &file_flag).ok();
    assert_eq!(lines(&file).len(), 6);

    // Both sinks at once, or a sink with an ARN, is a usage error.
    let r = env.run_env(&[("ACMCTL_EVENT_FILE", "a"), ("ACMCTL_EVENT_COMMAND", "b")], &["--region", REGION, "renew"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    env.run(&["--region", REGION, "renew", &private, "--event-file", "x"]).code(2);
    env.run(&["--region", REGION, "store", "check"]).ok();
}
