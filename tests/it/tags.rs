//! Tags that change, certificate options and the account's settings: each
//! round-trips through the JSON output, within ACM's limits.

use crate::common::*;

const REGION: &str = "eu-west-1";

fn tags(v: &serde_json::Value) -> Vec<(String, String)> {
    v["Tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["Key"].as_str().unwrap().to_string(), t["Value"].as_str().unwrap().to_string()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn certificate_tags_are_added_replaced_removed_and_listed() {
    let env = Env::new();
    let ca = env.root(REGION, "EC_prime256v1");
    let cert = env
        .run(&["--region", REGION, "cert", "request", "--domain-name", "t.example.com", "--certificate-authority-arn", &ca,
               "--key-algorithm", "EC_prime256v1", "--tags", "team=web"])
        .ok()
        .line();
    let json = |args: &[&str]| {
        let mut all = vec!["--region", REGION, "--output", "json", "cert", "tags"];
        all.extend(args);
        env.run(&all).ok().json()
    };
    assert_eq!(tags(&json(&["list", &cert])), pairs(&[("team", "web")]));
    let added = json(&["add", &cert, "--tags", "env=prod", "team=db", "owner=Zoë Ñ"]);
    assert_eq!(tags(&added), pairs(&[("team", "db"), ("env", "prod"), ("owner", "Zoë Ñ")]));
    // A value that does not match leaves the tag; a bare key removes it.
    assert_eq!(tags(&json(&["remove", &cert, "--tags", "env=dev"])).len(), 3);
    let left = json(&["remove", &cert, "--tags", "env", "owner=Zoë Ñ"]);
    assert_eq!(tags(&left), pairs(&[("team", "db")]));
    // Describe shows the same tags, and so does the record after a reload.
    let described = env.describe(REGION, &cert);
    assert_eq!(described["Tags"][0]["Key"], "team");
    env.run(&["store", "check"]).ok();
}

#[test]
fn tags_beyond_acms_limits_are_refused_and_change_nothing() {
    let env = Env::new();
    let ca = env.root(REGION, "EC_prime256v1");
    let cert = env.private_cert(REGION, &ca, "EC_prime256v1", &["limits.example.com"]);
    let fifty: Vec<String> = (0..50).map(|i| format!("k{i}=v")).collect();
    let mut args = vec!["--region", REGION, "cert", "tags", "add", &cert, "--tags"];
    args.extend(fifty.iter().map(String::as_str));
    env.run(&args).ok();
    let before = env.snapshot();
    let r = env.run(&["--region", REGION, "cert", "tags", "add", &cert, "--tags", "one=more"]).code(3);
    assert!(r.stderr.contains("at most 50 tags"), "{}", r.stderr);
    let r = env.run(&["--region", REGION, "cert", "tags", "add", &cert, "--tags", "aws:owner=me"]).code(3);
    assert!(r.stderr.contains("reserved prefix 'aws:'"), "{}", r.stderr);
    let r = env.run(&["--region", REGION, "cert", "tags", "add", &cert, "--tags", &format!("{}=v", "k".repeat(129))]).code(3);
    assert!(r.stderr.contains("1 to 128 characters"), "{}", r.stderr);
    let r = env.run(&["--region", REGION, "cert", "tags", "add", &cert, "--tags", "k=line\nbreak"]).code(3);
    assert!(r.stderr.contains("\\n") && !r.stderr.contains("line\nbreak"), "{}", r.stderr);
    assert_same_store(&before, &env.snapshot(), "refused tags");
    // Replacing a value is not a new tag.
    let v = env.run(&["--region", REGION, "--output", "json", "cert", "tags", "add", &cert, "--tags", "k0=again"]).ok().json();
    assert_eq!(tags(&v).len(), 50);
}

#[test]
fn authority_tags_round_trip() {
    let env = Env::new();
    let ca = env.root(REGION, "EC_prime256v1");
    let add = env.run(&["--region", REGION, "--output", "json", "ca", "tags", "add", &ca, "--tags", "team=pki"]).ok().json();
    assert_eq!(tags(&add), pairs(&[("team", "pki")]));
    let list = env.run(&["--region", REGION, "--output", "json", "ca", "tags", "list", &ca]).ok().json();
    assert_eq!(tags(&list), pairs(&[("team", "pki")]));
    let gone = env.run(&["--region", REGION, "--output", "json", "ca", "tags", "remove", &ca, "--tags", "team"]).ok().json();
    assert!(tags(&gone).is_empty());
    // Another region's authority is refused as every resource is.
    env.run(&["--region", "us-east-1", "ca", "tags", "list", &ca]).code(5);
}

#[test]
fn the_ct_logging_preference_is_kept_and_export_follows_the_type() {
    let env = Env::new();
    let ca = env.root(REGION, "EC_prime256v1");
    let cert = env.private_cert(REGION, &ca, "EC_prime256v1", &["ct.example.com"]);
    let options = |env: &Env| env.describe(REGION, &cert)["Options"].clone();
    assert_eq!(options(&env)["CertificateTransparencyLoggingPreference"], "ENABLED", "requested certificates log");
    assert_eq!(options(&env)["Export"], "ENABLED", "private certificates export");
    let v = env
        .run(&["--region", REGION, "--output", "json", "cert", "update-options", &cert,
               "--certificate-transparency-logging-preference", "DISABLED"])
        .ok()
        .json();
    assert_eq!(v["Options"]["CertificateTransparencyLoggingPreference"], "DISABLED");
    assert_eq!(options(&env)["CertificateTransparencyLoggingPreference"], "DISABLED");
    env.run(&["--region", REGION, "cert", "update-options", &cert, "--certificate-transparency-logging-preference", "MAYBE"]).code(3);
}

#[test]
fn the_account_configuration_is_kept_per_region() {
    let env = Env::new();
    let get = |region: &str| {
        env.run(&["--region", region, "--output", "json", "account", "config", "get"]).ok().json()["ExpiryEvents"]["DaysBeforeExpiry"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(get(REGION), 45, "ACM's default");
    env.run(&["--region", REGION, "account", "config", "put", "--days-before-expiry", "30"]).ok();
    assert_eq!(get(REGION), 30);
    assert_eq!(get("us-east-1"), 45, "another region keeps its own");
    env.run(&["--region", REGION, "account", "config", "put", "--days-before-expiry", "0"]).code(3);
    assert_eq!(get(REGION), 30);
}
