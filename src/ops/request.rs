//! RequestCertificate: a private certificate, issued at once by a private
//! authority of the region, or a public one, recorded PENDING_VALIDATION
//! until its names are validated. Also many private certificates at once.

use time::OffsetDateTime;

use super::issue::{SigningAuthority, apply_info, new_key};
use super::{Scope, authority, par_map};
use crate::error::{Error, Result};
use crate::model::{
    AuthorityArn, AuthorityMode, CertificateArn, CertificateOptions, CertificateRecord, CertificateStatus,
    CertificateType, DomainName, DomainValidation, FailureReason, IdempotencyRecord, KeyAlgorithm, Tag,
    ValidationMethod,
};
use crate::passphrase::Passphrase;
use crate::pki::profile::PRIVATE_LEAF_DAYS;
use crate::policy::{self, IDEMPOTENCY_WINDOW, Rule};
use crate::store::RegionTx;
use crate::validation::{email, record};

/// One certificate request.
pub struct Request {
    pub domain_name: DomainName,
    pub subject_alternative_names: Vec<DomainName>,
    /// The private authority that issues it; none for a public certificate.
    pub authority: Option<AuthorityArn>,
    /// How a public certificate's names are validated [default: DNS].
    pub validation_method: Option<ValidationMethod>,
    /// EMAIL validation: the domain whose addresses approve.
    pub validation_domain: Option<DomainName>,
    pub key_algorithm: KeyAlgorithm,
    pub idempotency_token: Option<String>,
    pub tags: Vec<Tag>,
    /// CertificateOptions as requested (the CT logging preference is kept
    /// and echoed); none: the defaults of the certificate's type.
    pub options: Option<CertificateOptions>,
    /// Unlocks the authority's key if it is encrypted.
    pub passphrase: Option<Passphrase>,
}

/// What a request came to.
#[derive(Debug)]
pub struct Requested {
    pub arn: CertificateArn,
    /// Public certificates: how its names are validated.
    pub validation_method: Option<ValidationMethod>,
    /// The same request, with the same token, within the hour: the
    /// certificate made then.
    pub replayed: bool,
    /// EMAIL validation: the domains whose approval message was sent.
    pub emailed: Vec<String>,
    /// EMAIL validation: why a message could not be sent. The certificate
    /// is recorded all the same; resending the email retries.
    pub email_failure: Option<Error>,
    /// Why a public certificate was recorded FAILED (a name no public
    /// authority issues for): the request stands, as in ACM, whose
    /// RequestCertificate returns the ARN of the FAILED certificate.
    pub failure: Option<Error>,
}

impl Requested {
    fn replay(arn: CertificateArn) -> Requested {
        Requested {
            arn,
            validation_method: None,
            replayed: true,
            emailed: Vec::new(),
            email_failure: None,
            failure: None,
        }
    }
}

pub fn request(scope: &Scope, input: &Request) -> Result<Requested> {
    match input.authority {
        Some(_) => {
            let (ca, prepared) = prepare(scope, input)?;
            let mut done = issue_private(scope, ca, input.passphrase.as_ref(), vec![prepared]);
            done.pop().expect("one answer for each request")
        }
        None => {
            let names = checked_names(scope, input)?;
            request_public(scope, input, &names)
        }
    }
}

/// The request's names, token and key algorithm, checked.
fn checked_names(scope: &Scope, input: &Request) -> Result<Vec<DomainName>> {
    let names =
        policy::request::collect_names(&input.domain_name, &input.subject_alternative_names, scope.settings.san_quota)?;
    if let Some(t) = &input.idempotency_token {
        policy::request::check_token(t)?;
    }
    policy::request::check_key_algorithm(input.key_algorithm)?;
    Ok(names)
}

/// What makes two requests "the same request" for an idempotency token.
fn fingerprint(input: &Request, names: &[DomainName]) -> String {
    let names: Vec<&str> = names.iter().map(|n| n.as_str()).collect();
    format!(
        "names={};method={};vd={};ca={};key={}{}",
        names.join(","),
        input.validation_method.map(|m| m.as_str()).unwrap_or(""),
        input.validation_domain.as_ref().map(|d| d.as_str()).unwrap_or(""),
        input.authority.map(|a| a.to_string()).unwrap_or_default(),
        input.key_algorithm,
        // Only where it differs from before export could be asked for, so
        // that tokens remembered then still match.
        match input.options.map(|o| o.export) {
            Some(crate::model::Preference::Enabled) if input.authority.is_none() => ";export",
            _ => "",
        }
    )
}

/// The certificate an earlier request with the same idempotency token made
/// within the hour, if any (in the write transaction).
fn replay(tx: &mut dyn RegionTx, token: Option<&str>, fp: &str, now: OffsetDateTime) -> Result<Option<CertificateArn>> {
    let Some(token) = token else { return Ok(None) };
    let Some(prev) = tx.idempotency(token)? else { return Ok(None) };
    let Some(made) = prev.certificate_arn else { return Ok(None) };
    if now >= prev.created_at + IDEMPOTENCY_WINDOW || tx.certificate(&made)?.is_none() {
        return Ok(None);
    }
    if prev.fingerprint != fp {
        return Err(token_conflict(token, made));
    }
    Ok(Some(made))
}

fn token_conflict(token: &str, made: CertificateArn) -> Error {
    Error::conflict(format!("idempotency token '{token}' was used within the hour for a different request ({made})"))
        .with_hint("use a new token for a new request")
        .with_api("ValidationException")
}

fn remember(
    tx: &mut dyn RegionTx,
    token: Option<&str>,
    fp: &str,
    arn: CertificateArn,
    now: OffsetDateTime,
) -> Result<()> {
    if let Some(token) = token {
        tx.remember(&IdempotencyRecord {
            token: token.to_string(),
            fingerprint: fp.to_string(),
            certificate_arn: Some(arn),
            resource_arn: None,
            created_at: now,
        })?;
    }
    Ok(())
}

/// The private authority of a request or a manifest, checked.
fn private_authority(scope: &Scope, ca: AuthorityArn, what: &str) -> Result<()> {
    let a = scope.read(|tx| authority(tx, &ca, Rule::AuthorityInRegion))?;
    if a.mode != AuthorityMode::Private {
        return Err(Error::invalid(format!("{ca} is the region's public authority; {what}"))
            .with_api("InvalidParameterException"));
    }
    Ok(())
}

/// A private request checked, with its key made: ready to be issued by
/// `issue_private`, alone or with others of the same authority.
pub struct PreparedPrivate {
    names: Vec<String>,
    fingerprint: String,
    key: crate::pki::PrivateKey,
    token: Option<String>,
    tags: Vec<Tag>,
    options: Option<CertificateOptions>,
    key_algorithm: KeyAlgorithm,
}

/// Checks a request for a private certificate (`input.authority` names
/// its authority) and makes its key: everything that needs no lock.
pub fn prepare(scope: &Scope, input: &Request) -> Result<(AuthorityArn, PreparedPrivate)> {
    let names = checked_names(scope, input)?;
    let Some(ca) = input.authority else {
        return Err(Error::invalid("a public certificate is validated before it is issued; name a private authority"));
    };
    Ok((ca, prepare_private(scope, input, &names, ca)?))
}

fn prepare_private(scope: &Scope, input: &Request, names: &[DomainName], ca: AuthorityArn) -> Result<PreparedPrivate> {
    if input.validation_domain.is_some() {
        return Err(Error::invalid(
            "--validation-domain is for EMAIL validation of public certificates; a private certificate is issued without validation",
        ));
    }
    if input.validation_method.is_some() {
        return Err(Error::invalid(
            "a private certificate is issued without validation; drop --validation-method or --certificate-authority-arn",
        ));
    }
    private_authority(scope, ca, "request a public certificate without --certificate-authority-arn")?;
    // The key is made before the lock is taken: RSA generation is slow and
    // needs nothing from the store.
    Ok(PreparedPrivate {
        fingerprint: fingerprint(input, names),
        key: new_key(input.key_algorithm)?,
        names: names.iter().map(|n| n.to_string()).collect(),
        token: input.idempotency_token.clone(),
        tags: input.tags.clone(),
        options: input.options,
        key_algorithm: input.key_algorithm,
    })
}

/// Issues prepared requests of one authority in one write transaction, so
/// that they share one round of syncs (serve gathers the requests that
/// arrive together). Each gets its own answer, in order: a token used
/// earlier in the batch replays (or conflicts with) that request, as it
/// would one after the other. A failure to sign or store fails them all,
/// and stores none.
pub fn issue_private(
    scope: &Scope,
    ca: AuthorityArn,
    passphrase: Option<&Passphrase>,
    items: Vec<PreparedPrivate>,
) -> Vec<Result<Requested>> {
    let n = items.len();
    let done = scope.write(|tx| {
        let a = authority(tx, &ca, Rule::AuthorityInRegion)?;
        policy::authority::check_can_issue(&a, scope.now)?;
        let signer = SigningAuthority::load(tx, a, passphrase)?;
        let account = tx.account();
        let mut answers: Vec<Option<Result<Requested>>> = (0..n).map(|_| None).collect();
        let mut fresh: Vec<(usize, CertificateArn)> = Vec::with_capacity(n);
        for (i, p) in items.iter().enumerate() {
            let token = p.token.as_deref();
            let earlier = token.and_then(|t| {
                fresh.iter().find(|(j, _)| items[*j].token.as_deref() == Some(t)).map(|&(j, arn)| (j, arn))
            });
            let replayed = match (earlier, token) {
                (Some((j, arn)), Some(t)) if items[j].fingerprint != p.fingerprint => Err(token_conflict(t, arn)),
                (Some((_, arn)), _) => Ok(Some(arn)),
                (None, _) => replay(tx, token, &p.fingerprint, scope.now),
            };
            match replayed {
                Ok(Some(prev)) => answers[i] = Some(Ok(Requested::replay(prev))),
                Ok(None) => fresh.push((i, CertificateArn::new(scope.region, account))),
                Err(e) => answers[i] = Some(Err(e)),
            }
        }
        let serials = signer.reserve_serials(tx, fresh.len())?;
        let work: Vec<(&(usize, CertificateArn), &[u8; 16])> = fresh.iter().zip(&serials).collect();
        // Signing is CPU work: a batch uses every core.
        let made = par_map(&work, |&(&(i, arn), serial)| {
            let p = &items[i];
            let (material, info) = signer.sign_leaf(&p.names, &p.key, false, PRIVATE_LEAF_DAYS, scope.now, serial)?;
            let mut rec = prepared_record(arn, p, ca, scope.now);
            apply_info(&mut rec, &info);
            Ok((rec, Some(material)))
        })?;
        tx.create_certificates(&made, Some(&ca))?;
        for &(i, arn) in &fresh {
            remember(tx, items[i].token.as_deref(), &items[i].fingerprint, arn, scope.now)?;
            answers[i] = Some(Ok(Requested {
                arn,
                validation_method: None,
                replayed: false,
                emailed: Vec::new(),
                email_failure: None,
                failure: None,
            }));
        }
        Ok(answers)
    });
    match done {
        Ok(answers) => answers.into_iter().map(|a| a.expect("every request is answered")).collect(),
        Err(e) => (0..n).map(|_| Err(e.copy())).collect(),
    }
}

/// The record of a private certificate issued now, before its certificate's
/// own fields are copied in.
fn private_record(
    arn: CertificateArn,
    names: Vec<String>,
    input: &Request,
    ca: AuthorityArn,
    now: OffsetDateTime,
) -> CertificateRecord {
    CertificateRecord {
        domain_name: names[0].clone(),
        subject_alternative_names: names,
        authority: Some(ca),
        version: 1,
        issued_at: Some(now),
        idempotency_token: input.idempotency_token.clone(),
        tags: input.tags.clone(),
        options: input.options,
        ..CertificateRecord::new(arn, CertificateType::Private, CertificateStatus::Issued, input.key_algorithm, now)
    }
}

/// `private_record` of a prepared request.
fn prepared_record(
    arn: CertificateArn,
    p: &PreparedPrivate,
    ca: AuthorityArn,
    now: OffsetDateTime,
) -> CertificateRecord {
    CertificateRecord {
        domain_name: p.names[0].clone(),
        subject_alternative_names: p.names.clone(),
        authority: Some(ca),
        version: 1,
        issued_at: Some(now),
        idempotency_token: p.token.clone(),
        tags: p.tags.clone(),
        options: p.options,
        ..CertificateRecord::new(arn, CertificateType::Private, CertificateStatus::Issued, p.key_algorithm, now)
    }
}

/// The validation entry of each name: its DNS record, or the addresses
/// of its validation domain.
fn validation_entries(
    account: crate::model::AccountId,
    method: ValidationMethod,
    names: &[DomainName],
    validation_domain: Option<&DomainName>,
) -> Result<Vec<DomainValidation>> {
    names
        .iter()
        .map(|n| {
            let base = n.base().to_string();
            let mut entry = DomainValidation {
                domain_name: n.to_string(),
                validation_domain: base.clone(),
                validation_status: record::PENDING.into(),
                resource_record_name: None,
                resource_record_value: None,
                validation_emails: Vec::new(),
                detail: None,
                reason: None,
                token_sha256: None,
            };
            match method {
                ValidationMethod::Dns => {
                    let r = record::dns_record(account, &base);
                    entry.resource_record_name = Some(r.name);
                    entry.resource_record_value = Some(r.value);
                }
                ValidationMethod::Email => {
                    if let Some(vd) = validation_domain {
                        if vd.is_wildcard() || !record::covers(vd.as_str(), n.as_str()) {
                            return Err(Error::invalid(format!(
                                "validation domain '{vd}' is neither {base} nor a parent domain of it"
                            ))
                            .with_hint(
                                "give the name's own domain or a parent, such as example.com for www.example.com",
                            )
                            .with_api("InvalidDomainValidationOptionsException"));
                        }
                        entry.validation_domain = vd.to_string();
                    }
                    entry.validation_emails = record::validation_emails(&entry.validation_domain);
                }
            }
            Ok(entry)
        })
        .collect()
}

/// A public certificate: recorded as PENDING_VALIDATION; signed by the
/// region's public authority once its names are validated. EMAIL
/// validation sends the approval messages once the record is stored.
fn request_public(scope: &Scope, input: &Request, names: &[DomainName]) -> Result<Requested> {
    let method = input.validation_method.unwrap_or(ValidationMethod::Dns);
    if method == ValidationMethod::Dns && input.validation_domain.is_some() {
        return Err(Error::invalid(
            "--validation-domain is for EMAIL validation; DNS validation uses each name's own domain",
        ));
    }
    let authorities = scope.read(|tx| Ok(tx.authorities()?))?;
    let ca = policy::request::public_authority(&authorities, scope.now, scope.region)?.arn;
    let mut entries = validation_entries(scope.account(), method, names, input.validation_domain.as_ref())?;
    // A name no public authority issues for fails the certificate, as ACM
    // records it: FAILED with INVALID_PUBLIC_DOMAIN, nothing to validate.
    let mut refusal = None;
    for (entry, name) in entries.iter_mut().zip(names) {
        if let Err(r) = policy::request::check_public_name(name) {
            entry.validation_status = record::FAILED.into();
            entry.detail = Some(r.message.clone());
            refusal.get_or_insert(r);
        }
    }
    let relay = match (method, &refusal) {
        (ValidationMethod::Email, None) => Some(scope.settings.smtp_relay().ok_or_else(email::no_relay_error)?),
        _ => None,
    };
    let fp = fingerprint(input, names);
    let token = input.idempotency_token.as_deref();
    let made = scope.write(|tx| {
        if let Some(prev) = replay(tx, token, &fp, scope.now)? {
            return Ok(Err(prev));
        }
        let arn = CertificateArn::new(scope.region, tx.account());
        let mut rec = CertificateRecord {
            domain_name: names[0].to_string(),
            subject_alternative_names: names.iter().map(|n| n.to_string()).collect(),
            authority: Some(ca),
            idempotency_token: input.idempotency_token.clone(),
            tags: input.tags.clone(),
            options: input.options,
            validation_method: Some(method),
            domain_validation: entries.clone(),
            ..CertificateRecord::new(
                arn,
                CertificateType::AmazonIssued,
                CertificateStatus::PendingValidation,
                input.key_algorithm,
                scope.now,
            )
        };
        if refusal.is_some() {
            rec.status = CertificateStatus::Failed;
            rec.failure_reason = Some(FailureReason::InvalidPublicDomain);
        }
        let tokens = match (method, &refusal) {
            (ValidationMethod::Email, None) => email::issue_tokens(&mut rec, None),
            _ => Vec::new(),
        };
        tx.create_certificates(&[(rec.clone(), None)], None)?;
        remember(tx, token, &fp, arn, scope.now)?;
        Ok(Ok((rec, tokens)))
    })?;
    let (rec, tokens) = match made {
        Ok(made) => made,
        Err(prev) => {
            // The same request again: the same FAILED certificate, and the
            // same refusal with it.
            let mut replayed = Requested::replay(prev);
            replayed.failure = refusal.map(Error::from);
            return Ok(replayed);
        }
    };
    let mut out = Requested {
        arn: rec.arn,
        validation_method: Some(method),
        replayed: false,
        emailed: Vec::new(),
        email_failure: None,
        failure: refusal.map(|r| {
            Error::from(r).with_hint(format!(
                "the certificate is recorded FAILED; delete it with 'acmctl --region {} cert delete {}' and request public certificates for names under a registered domain, or internal names from a private authority (--certificate-authority-arn)",
                rec.arn.region(),
                rec.arn
            ))
        }),
    };
    if let Some(relay) = relay {
        let (sent, failure) = send_approvals(scope, relay, &rec, &tokens)?;
        out.emailed = sent;
        out.email_failure = failure;
    }
    Ok(out)
}

/// Sends approval messages (outside any transaction: the network may be
/// slow), and records in the certificate the domains whose message could
/// not be sent. Returns the domains sent to, and the first failure.
pub(super) fn send_approvals(
    scope: &Scope,
    relay: &str,
    rec: &CertificateRecord,
    tokens: &[(String, String)],
) -> Result<(Vec<String>, Option<Error>)> {
    let (sent, failed) = email::deliver(relay, rec, tokens);
    let Some((_, first)) = failed.first() else { return Ok((sent, None)) };
    let message = first.message.clone();
    scope.write(|tx| {
        if let Some(mut current) = tx.certificate(&rec.arn)? {
            for (domain, e) in &failed {
                email::mark_not_sent(&mut current, domain, &e.message);
            }
            tx.save_certificate(&current)?;
        }
        Ok(())
    })?;
    let failure = Error::failure(message).with_hint(format!(
        "the request is recorded; when the relay is reachable, run 'acmctl --region {} cert resend-validation-email {}'",
        rec.arn.region(),
        rec.arn
    ));
    Ok((sent, Some(failure)))
}

/// Many private certificates from one authority, in one process: one line
/// of names per certificate (each already within the quota).
pub struct Manifest {
    pub lines: Vec<Vec<DomainName>>,
    pub authority: AuthorityArn,
    pub key_algorithm: KeyAlgorithm,
    pub tags: Vec<Tag>,
    pub passphrase: Option<Passphrase>,
}

/// Certificates signed and stored per transaction step: large enough that
/// the syncs are rare, small enough that memory stays flat.
const BATCH: usize = 2048;

/// Issues every line of `input`, under one lock, with the store's syncs
/// gathered per batch and the signing spread over every core. `progress`
/// hears how many certificates each stored batch held. The ARNs come in
/// the order of the lines, once every certificate is durable.
pub fn manifest(scope: &Scope, input: &Manifest, progress: &dyn Fn(u64)) -> Result<Vec<CertificateArn>> {
    policy::request::check_key_algorithm(input.key_algorithm)?;
    private_authority(scope, input.authority, "--manifest issues private certificates only")?;
    let (now, region, ca) = (scope.now, scope.region, input.authority);
    let request = Request {
        domain_name: input.lines[0][0].clone(),
        subject_alternative_names: Vec::new(),
        authority: Some(ca),
        validation_method: None,
        validation_domain: None,
        key_algorithm: input.key_algorithm,
        idempotency_token: None,
        tags: input.tags.clone(),
        options: None,
        passphrase: None,
    };
    scope.write(|tx| {
        let a = authority(tx, &ca, Rule::AuthorityInRegion)?;
        let signer = SigningAuthority::load(tx, a, input.passphrase.as_ref())?;
        signer.check_can_issue(now)?;
        let account = tx.account();
        let sign = |(names, serial): &(&Vec<DomainName>, [u8; 16])| -> Result<(CertificateRecord, Option<_>)> {
            let key = new_key(input.key_algorithm)?;
            let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            let (material, info) = signer.sign_leaf(&names, &key, false, PRIVATE_LEAF_DAYS, now, serial)?;
            let mut rec = private_record(CertificateArn::new(region, account), names, &request, ca, now);
            apply_info(&mut rec, &info);
            Ok((rec, Some(material)))
        };
        let mut arns = Vec::with_capacity(input.lines.len());
        let batches: Vec<&[Vec<DomainName>]> = input.lines.chunks(BATCH).collect();
        // The next batch is signed while this one is stored: storing mostly
        // waits on the disk, and signing needs only the CPU. Its serials are
        // reserved first, in this thread, and made durable by the store
        // before any of its certificates.
        fn reserve<'b>(
            signer: &SigningAuthority,
            tx: &mut dyn RegionTx,
            batch: &'b [Vec<DomainName>],
        ) -> Result<Vec<(&'b Vec<DomainName>, [u8; 16])>> {
            let serials = signer.reserve_serials(tx, batch.len())?;
            Ok(batch.iter().zip(serials).collect())
        }
        std::thread::scope(|threads| -> Result<()> {
            let first = reserve(&signer, tx, batches[0])?;
            let mut next = Some(threads.spawn(move || par_map(&first, sign)));
            for i in 0..batches.len() {
                let items = next.take().expect("a batch is being signed").join().expect("signing does not panic")?;
                next = match batches.get(i + 1) {
                    Some(batch) => {
                        let work = reserve(&signer, tx, batch)?;
                        Some(threads.spawn(move || par_map(&work, sign)))
                    }
                    None => None,
                };
                tx.create_certificates(&items, Some(&ca))?;
                arns.extend(items.iter().map(|(r, _)| r.arn));
                progress(items.len() as u64);
            }
            Ok(())
        })?;
        Ok(arns)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::settings;
    use crate::store::Store;

    use crate::ops::testing::private_request as request;

    /// A batch answers each request as the same requests one after another
    /// would: a token used earlier in the batch replays that request's
    /// certificate, or is refused for a different request; every new
    /// certificate is stored, with a serial of its own.
    #[test]
    fn a_batch_answers_each_request_as_one_at_a_time_would() {
        let dir = tempfile::tempdir().unwrap();
        let settings = settings(dir.path());
        let store = Store::open(&settings.store).unwrap();
        let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
        let scope = Scope { store: &store, region: settings.region, now, settings: &settings };
        let ca = crate::ops::testing::private_root(&scope, None).arn;
        let batch = [
            request("a.example.com", ca, Some("t1")),
            request("a.example.com", ca, Some("t1")),
            request("other.example.com", ca, Some("t1")),
            request("b.example.com", ca, None),
            request("b.example.com", ca, None),
        ];
        let prepared = batch.iter().map(|r| prepare(&scope, r).unwrap().1).collect();
        let answers = issue_private(&scope, ca, None, prepared);
        assert_eq!(answers.len(), 5);
        let first = answers[0].as_ref().unwrap();
        assert!(!first.replayed);
        let again = answers[1].as_ref().unwrap();
        assert!(again.replayed && again.arn == first.arn);
        let refused = answers[2].as_ref().unwrap_err();
        assert_eq!(refused.api, Some("ValidationException"), "{refused:?}");
        let (b1, b2) = (answers[3].as_ref().unwrap().arn, answers[4].as_ref().unwrap().arn);
        assert!(b1 != b2 && b1 != first.arn);
        let serials: std::collections::HashSet<String> = [first.arn, b1, b2]
            .iter()
            .map(|arn| {
                let rec = crate::ops::certificate::describe(&scope, arn).unwrap();
                assert_eq!(rec.status, CertificateStatus::Issued);
                rec.serial.unwrap()
            })
            .collect();
        assert_eq!(serials.len(), 3);
        // The token is remembered as a request alone would have left it.
        let later = super::request(&scope, &request("a.example.com", ca, Some("t1"))).unwrap();
        assert!(later.replayed && later.arn == first.arn);
        let report = store.check(now).unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert_eq!(report.certificates, 3);
    }

    /// An authority that cannot issue fails every request of the batch, and
    /// nothing is stored.
    #[test]
    fn a_batch_for_a_missing_authority_fails_whole() {
        let dir = tempfile::tempdir().unwrap();
        let settings = settings(dir.path());
        let store = Store::open(&settings.store).unwrap();
        let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
        let scope = Scope { store: &store, region: settings.region, now, settings: &settings };
        let ca: AuthorityArn = format!(
            "arn:aws:acm-pca:eu-west-1:{}:certificate-authority/11111111-2222-3333-4444-555555555555",
            store.account()
        )
        .parse()
        .unwrap();
        let items = ["a.example.com", "b.example.com"]
            .iter()
            .map(|n| PreparedPrivate {
                names: vec![n.to_string()],
                fingerprint: n.to_string(),
                key: new_key(KeyAlgorithm::EcPrime256v1).unwrap(),
                token: None,
                tags: Vec::new(),
                options: None,
                key_algorithm: KeyAlgorithm::EcPrime256v1,
            })
            .collect();
        let answers = issue_private(&scope, ca, None, items);
        assert_eq!(answers.len(), 2);
        for a in &answers {
            let e = a.as_ref().unwrap_err();
            assert!(e.message.contains("does not exist"), "{e:?}");
        }
        assert_eq!(store.check(now).unwrap().certificates, 0);
    }
}
