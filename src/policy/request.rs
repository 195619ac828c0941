//! RequestCertificate: the shape of a request (names, key algorithm,
//! idempotency token) and which authority takes a public one.

use std::collections::HashSet;

use time::OffsetDateTime;

use super::{Refusal, Rule, active_public_authority};
use crate::model::domain::MAX_COMMON_NAME_LEN;
use crate::model::{AuthorityRecord, DomainName, KeyAlgorithm, Region};

/// The key algorithms a certificate may be requested with.
pub fn check_key_algorithm(alg: KeyAlgorithm) -> Result<(), Refusal> {
    if alg.allowed_for_requests() {
        return Ok(());
    }
    Err(Refusal::new(
        Rule::RequestKeyAlgorithm,
        format!("key algorithm {alg} cannot be requested; certificates take RSA_2048, EC_prime256v1 or EC_secp384r1"),
        "",
    ))
}

/// The names of one certificate, the first first, each once, gathered as
/// they are read: the quota is checked at every new name, so that a
/// request with a million names stops at the quota's, and each name is
/// looked up in a set, not compared with every other.
pub struct Names {
    quota: usize,
    list: Vec<DomainName>,
    seen: HashSet<DomainName>,
}

impl Names {
    pub fn new(quota: usize) -> Names {
        Names { quota, list: Vec::new(), seen: HashSet::new() }
    }

    /// Adds `name` unless it is there already.
    pub fn push(&mut self, name: DomainName) -> Result<(), Refusal> {
        if self.list.is_empty() && name.as_str().len() > MAX_COMMON_NAME_LEN {
            return Err(Refusal::new(
                Rule::CommonNameLength,
                format!(
                    "domain name '{name}' is {} characters long; the first name becomes the common name, which is limited to {MAX_COMMON_NAME_LEN}",
                    name.as_str().len()
                ),
                "put a shorter name first and the long one in --subject-alternative-names",
            ));
        }
        if self.seen.contains(&name) {
            return Ok(());
        }
        if self.list.len() == self.quota {
            return Err(Refusal::new(
                Rule::NameQuota,
                format!(
                    "the request has more than {} names; the quota is {} names per certificate",
                    self.quota, self.quota
                ),
                "split the names over several certificates, or raise san_quota in the config file (up to 100)",
            ));
        }
        self.seen.insert(name.clone());
        self.list.push(name);
        Ok(())
    }

    /// The names, or None if there are none.
    pub fn finish(self) -> Option<Vec<DomainName>> {
        (!self.list.is_empty()).then_some(self.list)
    }
}

/// Every name of a request (all of them already in hand), the domain name
/// first, without repeats. Over the quota, the refusal says how many
/// different names there were.
pub fn collect_names(first: &DomainName, more: &[DomainName], quota: usize) -> Result<Vec<DomainName>, Refusal> {
    let mut names = Names::new(quota);
    names.push(first.clone())?;
    for (i, n) in more.iter().enumerate() {
        if let Err(mut refusal) = names.push(n.clone()) {
            if refusal.rule == Rule::NameQuota {
                let mut all = names.seen;
                all.extend(more[i..].iter().cloned());
                refusal.message =
                    format!("the request has {} names; the quota is {quota} names per certificate", all.len());
            }
            return Err(refusal);
        }
    }
    Ok(names.finish().expect("the first name is there"))
}

/// `IdempotencyToken`: 1 to 32 word characters.
pub fn check_token(token: &str) -> Result<(), Refusal> {
    if token.is_empty() || token.len() > 32 || !token.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(Refusal::new(
            Rule::IdempotencyToken,
            format!("idempotency token '{token}' must be 1 to 32 word characters (letters, digits, underscore)"),
            "",
        ));
    }
    Ok(())
}

/// The authority that takes a public request in `region`: the region's
/// public authority, which must exist.
pub fn public_authority(
    authorities: &[AuthorityRecord],
    now: OffsetDateTime,
    region: Region,
) -> Result<&AuthorityRecord, Refusal> {
    active_public_authority(authorities, now).ok_or_else(|| {
        Refusal::new(
            Rule::PublicAuthorityRequired,
            format!("region {region} has no public certificate authority to issue a public certificate"),
            "run 'acmctl ca init --mode public', or name a private authority with --certificate-authority-arn",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<DomainName> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    #[test]
    fn key_algorithms_table() {
        for (alg, ok) in [
            (KeyAlgorithm::Rsa2048, true),
            (KeyAlgorithm::EcPrime256v1, true),
            (KeyAlgorithm::EcSecp384r1, true),
            (KeyAlgorithm::Rsa3072, false),
            (KeyAlgorithm::Rsa4096, false),
            (KeyAlgorithm::EcSecp521r1, false),
        ] {
            assert_eq!(check_key_algorithm(alg).is_ok(), ok, "{alg}");
        }
    }

    #[test]
    fn names_are_deduplicated_and_counted_against_the_quota() {
        let first: DomainName = "a.example.com".parse().unwrap();
        let got = collect_names(&first, &names(&["b.example.com", "a.example.com", "b.example.com"]), 10).unwrap();
        assert_eq!(got, names(&["a.example.com", "b.example.com"]));
        let nine: Vec<String> = (1..10).map(|i| format!("n{i}.example.com")).collect();
        let nine: Vec<&str> = nine.iter().map(String::as_str).collect();
        assert_eq!(collect_names(&first, &names(&nine), 10).unwrap().len(), 10);
        let over = [names(&nine), names(&["z.example.com", "y.example.com", "z.example.com"])].concat();
        let r = collect_names(&first, &over, 10).unwrap_err();
        assert_eq!(r.rule, Rule::NameQuota);
        assert!(r.message.starts_with("the request has 12 names; the quota is 10"), "{}", r.message);
        // A repeat does not count.
        let repeat = [names(&nine), names(&["a.example.com"])].concat();
        assert!(collect_names(&first, &repeat, 10).is_ok());
    }

    #[test]
    fn names_stop_being_read_at_the_quota() {
        let mut names = Names::new(100);
        let mut read = 0;
        let refused = (0..).find_map(|i| {
            read += 1;
            names.push(format!("n{i}.example.com").parse().unwrap()).err()
        });
        assert_eq!(refused.unwrap().rule, Rule::NameQuota);
        assert_eq!(read, 101, "the first name past the quota stops the reading");
    }

    #[test]
    fn the_first_name_is_the_common_name() {
        let long: DomainName = format!("{}.example.com", "a".repeat(60)).parse().unwrap();
        assert_eq!(collect_names(&long, &[], 10).unwrap_err().rule, Rule::CommonNameLength);
        let short: DomainName = "a.example.com".parse().unwrap();
        assert!(collect_names(&short, &[long], 10).is_ok(), "a long name may follow");
    }

    #[test]
    fn tokens_table() {
        for (t, ok) in [("tf123", true), ("a_b", true), ("", false), ("a-b", false), (&"x".repeat(33), false)] {
            assert_eq!(check_token(t).is_ok(), ok, "{t:?}");
        }
    }
}
