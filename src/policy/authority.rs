//! Authorities: the names they take, who may sign a subordinate, and when
//! an authority may issue.

use time::OffsetDateTime;

use super::{Refusal, Rule};
use crate::clock::rfc3339;
use crate::model::{AuthorityMode, AuthorityRecord, AuthorityStatus};

/// The longest common name an authority takes, as X.509's upper bound.
pub const MAX_COMMON_NAME: usize = 64;

/// `--common-name` of `ca init`.
pub fn check_common_name(cn: &str) -> Result<(), Refusal> {
    if cn.trim().is_empty() || cn.len() > MAX_COMMON_NAME {
        return Err(Refusal::new(
            Rule::CommonNameLength,
            format!("common name '{cn}' must be 1 to {MAX_COMMON_NAME} characters"),
            "",
        ));
    }
    Ok(())
}

/// The parent of a new private subordinate, at `now`.
pub fn check_parent(parent: &AuthorityRecord, now: OffsetDateTime) -> Result<(), Refusal> {
    if parent.mode != AuthorityMode::Private {
        return Err(Refusal::new(
            Rule::ParentPrivate,
            format!("parent {} is a public authority; a private subordinate needs a private parent", parent.arn),
            "",
        ));
    }
    if parent.path_len == Some(0) {
        return Err(Refusal::new(
            Rule::ParentPathLength,
            format!("parent {} has path length 0 and cannot sign another authority", parent.arn),
            "sign the subordinate with the root or a higher subordinate",
        ));
    }
    if now >= parent.not_after {
        return Err(Refusal::new(
            Rule::AuthorityNotExpired,
            format!("parent {} has expired and can no longer issue", parent.arn),
            "",
        ));
    }
    check_can_issue(parent, now)
}

/// The status as of `now`: an authority past its NotAfter is EXPIRED.
pub fn effective_status(ca: &AuthorityRecord, now: OffsetDateTime) -> AuthorityStatus {
    match ca.status {
        AuthorityStatus::Active | AuthorityStatus::Disabled if ca.has_certificate() && now > ca.not_after => {
            AuthorityStatus::Expired
        }
        other => other,
    }
}

/// An authority signs only while ACTIVE, and only within its own validity.
pub fn check_can_issue(ca: &AuthorityRecord, now: OffsetDateTime) -> Result<(), Refusal> {
    if ca.status != AuthorityStatus::Active {
        let (why, hint) = match ca.status {
            AuthorityStatus::PendingCertificate => {
                ("it has no certificate yet", "import one with 'acmctl ca import-certificate'")
            }
            AuthorityStatus::Disabled => {
                ("it issues nothing while disabled", "enable it with 'acmctl ca update CA_ARN --status ACTIVE'")
            }
            AuthorityStatus::Deleted => {
                ("it is deleted", "restore it with 'acmctl ca restore CA_ARN' within its restore window")
            }
            _ => ("it is not active", ""),
        };
        return Err(Refusal::new(
            Rule::AuthorityActive,
            format!("certificate authority {} is {}: {why}", ca.arn, ca.status),
            hint,
        ));
    }
    if now >= ca.not_after {
        return Err(Refusal::new(
            Rule::AuthorityNotExpired,
            format!("certificate authority {} expired at {}; it can no longer issue", ca.arn, rfc3339(ca.not_after)),
            "",
        ));
    }
    if now < ca.not_before {
        return Err(Refusal::new(
            Rule::AuthorityNotExpired,
            format!(
                "certificate authority {} is not valid until {}; it cannot issue a certificate that starts before it",
                ca.arn,
                rfc3339(ca.not_before)
            ),
            "check the clock (ACMCTL_NOW)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AuthorityArn, AuthorityType, KeyAlgorithm};
    use time::Duration;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2027-01-01 00:00 UTC);

    pub(super) fn ca(mode: AuthorityMode, path_len: Option<u8>) -> AuthorityRecord {
        AuthorityRecord {
            arn: AuthorityArn::new("us-east-1".parse().unwrap(), "123456789012".parse().unwrap()),
            mode,
            authority_type: AuthorityType::Root,
            parent: None,
            path_len,
            common_name: "x".into(),
            key_algorithm: KeyAlgorithm::EcPrime256v1,
            serial: "01".into(),
            not_before: NOW - Duration::days(1),
            not_after: NOW + Duration::days(1),
            created_at: NOW - Duration::days(1),
            key_encrypted: false,
            crl_number: 1,
            revoked: vec![],
            status: crate::model::AuthorityStatus::Active,
            last_state_change_at: None,
            tags: Vec::new(),
            restorable_until: None,
            subject: None,
            revocation: None,
        }
    }

    #[test]
    fn common_names_table() {
        let rows: [(&str, bool); 5] =
            [("Example Root CA", true), ("", false), ("   ", false), (&"x".repeat(64), true), (&"x".repeat(65), false)];
        for (cn, ok) in rows {
            let got = check_common_name(cn);
            assert_eq!(got.is_ok(), ok, "{cn:?}");
            if let Err(r) = got {
                assert_eq!(r.rule, Rule::CommonNameLength);
            }
        }
    }

    #[test]
    fn parents_table() {
        let day = Duration::days(1);
        let rows = [
            (ca(AuthorityMode::Private, None), NOW, None),
            (ca(AuthorityMode::Private, Some(1)), NOW, None),
            (ca(AuthorityMode::Public, None), NOW, Some(Rule::ParentPrivate)),
            (ca(AuthorityMode::Private, Some(0)), NOW, Some(Rule::ParentPathLength)),
            (ca(AuthorityMode::Private, None), NOW + day, Some(Rule::AuthorityNotExpired)),
        ];
        for (parent, now, want) in rows {
            assert_eq!(check_parent(&parent, now).err().map(|r| r.rule), want, "{parent:?} at {now}");
        }
    }

    #[test]
    fn an_authority_issues_only_within_its_validity() {
        let a = ca(AuthorityMode::Private, None);
        assert!(check_can_issue(&a, NOW).is_ok());
        let late = check_can_issue(&a, NOW + Duration::days(1)).unwrap_err();
        assert!(late.message.contains("expired at 2027-01-02T00:00:00Z"), "{}", late.message);
        let early = check_can_issue(&a, NOW - Duration::days(2)).unwrap_err();
        assert_eq!(early.rule, Rule::AuthorityNotExpired);
        assert!(early.message.contains("not valid until"), "{}", early.message);
    }
}

/// UpdateCertificateAuthority: ACTIVE and DISABLED authorities only.
pub fn check_update(ca: &AuthorityRecord, now: OffsetDateTime) -> Result<(), Refusal> {
    match effective_status(ca, now) {
        AuthorityStatus::Active | AuthorityStatus::Disabled => Ok(()),
        other => Err(Refusal::new(
            Rule::AuthorityLifecycle,
            format!(
                "The certificate authority must be in the ACTIVE or DISABLED state to be updated; {} is {other}",
                ca.arn
            ),
            "",
        )),
    }
}

/// DeleteCertificateAuthority: an authority that has issued is disabled first.
pub fn check_delete(ca: &AuthorityRecord, now: OffsetDateTime) -> Result<(), Refusal> {
    match effective_status(ca, now) {
        AuthorityStatus::Disabled
        | AuthorityStatus::PendingCertificate
        | AuthorityStatus::Creating
        | AuthorityStatus::Expired
        | AuthorityStatus::Failed => Ok(()),
        other => Err(Refusal::new(
            Rule::AuthorityLifecycle,
            format!("certificate authority {} is {other}; only a DISABLED authority can be deleted", ca.arn),
            "disable it first with 'acmctl ca update CA_ARN --status DISABLED'",
        )),
    }
}

/// RestoreCertificateAuthority: a DELETED authority, within its window.
pub fn check_restore(ca: &AuthorityRecord, now: OffsetDateTime) -> Result<(), Refusal> {
    match (ca.status, ca.restorable_until) {
        (AuthorityStatus::Deleted, Some(until)) if now <= until => Ok(()),
        (AuthorityStatus::Deleted, _) => Err(Refusal::new(
            Rule::AuthorityLifecycle,
            format!("certificate authority {} was deleted and its restore window has passed", ca.arn),
            "",
        )),
        (other, _) => Err(Refusal::new(
            Rule::AuthorityLifecycle,
            format!("certificate authority {} is {other}; only a DELETED authority can be restored", ca.arn),
            "",
        )),
    }
}

/// A DELETED authority past its restore window is gone for every purpose.
pub fn is_gone(ca: &AuthorityRecord, now: OffsetDateTime) -> bool {
    ca.status == AuthorityStatus::Deleted && ca.restorable_until.is_none_or(|t| now > t)
}

#[cfg(test)]
mod lifecycle_tests {
    use super::*;
    use time::Duration;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2027-01-01 00:00 UTC);

    fn with(status: AuthorityStatus) -> AuthorityRecord {
        let mut a = tests::ca(AuthorityMode::Private, None);
        a.status = status;
        a
    }

    #[test]
    fn the_lifecycle_table() {
        use AuthorityStatus::*;
        // (status, can issue, can update, can delete, can restore)
        let rows = [
            (Active, true, true, false, false),
            (Disabled, false, true, true, false),
            (PendingCertificate, false, false, true, false),
            (Deleted, false, false, false, true),
        ];
        for (status, issue, update, delete, restore) in rows {
            let mut a = with(status);
            a.restorable_until = Some(NOW + Duration::days(7));
            assert_eq!(check_can_issue(&a, NOW).is_ok(), issue, "issue from {status}");
            assert_eq!(check_update(&a, NOW).is_ok(), update, "update from {status}");
            assert_eq!(check_delete(&a, NOW).is_ok(), delete, "delete from {status}");
            assert_eq!(check_restore(&a, NOW).is_ok(), restore, "restore from {status}");
        }
        let mut deleted = with(Deleted);
        deleted.restorable_until = Some(NOW - Duration::seconds(1));
        assert!(check_restore(&deleted, NOW).is_err() && is_gone(&deleted, NOW));
        let r = check_update(&with(PendingCertificate), NOW).unwrap_err();
        assert!(
            r.message.starts_with("The certificate authority must be in the ACTIVE or DISABLED state to be updated")
        );
        assert_eq!(effective_status(&with(Active), NOW + Duration::days(2)), Expired);
    }
}
