//! Checking what `import` is given: a certificate, its key and a chain, as
//! bytes. No I/O, so every refusal is tested here without files.

use ::time::OffsetDateTime;
use rcgen::PublicKeyData;
use x509_parser::prelude::*;

use super::chain::check_chain;
use super::inspect::{CertInfo, describe_spki};
use super::keys::PrivateKey;
use crate::model::KeyAlgorithm;

/// ACM's limits on what ImportCertificate takes.
pub const MAX_CERTIFICATE_BYTES: u64 = 32 * 1024;
pub const MAX_KEY_BYTES: u64 = 5 * 1024;
pub const MAX_CHAIN_BYTES: u64 = 2 * 1024 * 1024;

/// One input file: its name, for messages, and its bytes.
pub struct Input<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// What a successful check hands to the store.
#[derive(Debug)]
pub struct ImportBundle {
    pub certificate_pem: String,
    pub chain_pem: String,
    pub private_key_pem: String,
    pub key_algorithm: KeyAlgorithm,
    pub info: CertInfo,
}

/// Why an import was refused, naming the file it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    pub reason: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.reason)
    }
}

fn refuse(input: &Input<'_>, reason: impl Into<String>) -> ImportError {
    ImportError { file: input.name.to_string(), reason: reason.into() }
}

/// The size limit that a file of `role` exceeds, if it does.
pub fn check_size(role: Role, name: &str, len: u64) -> Result<(), ImportError> {
    if len > role.limit() {
        return Err(ImportError {
            file: name.to_string(),
            reason: format!("the {} is {len} bytes, over ACM's limit of {}", role.noun(), role.limit_text()),
        });
    }
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Certificate,
    PrivateKey,
    Chain,
}

impl Role {
    pub fn limit(self) -> u64 {
        match self {
            Role::Certificate => MAX_CERTIFICATE_BYTES,
            Role::PrivateKey => MAX_KEY_BYTES,
            Role::Chain => MAX_CHAIN_BYTES,
        }
    }

    fn limit_text(self) -> &'static str {
        match self {
            Role::Certificate => "32 KiB",
            Role::PrivateKey => "5 KiB",
            Role::Chain => "2 MiB",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Role::Certificate => "certificate",
            Role::PrivateKey => "private key",
            Role::Chain => "certificate chain",
        }
    }
}

fn text<'a>(input: &Input<'a>) -> Result<&'a str, ImportError> {
    std::str::from_utf8(input.bytes).map_err(|_| refuse(input, "not PEM: the file is not text"))
}

fn pem_blocks(input: &Input<'_>) -> Result<Vec<::pem::Pem>, ImportError> {
    let text = text(input)?;
    let blocks = ::pem::parse_many(text).map_err(|e| refuse(input, format!("not PEM: {e}")))?;
    if blocks.is_empty() {
        return Err(refuse(input, "not PEM: no '-----BEGIN' block was found"));
    }
    Ok(blocks)
}

fn certificates(input: &Input<'_>) -> Result<Vec<Vec<u8>>, ImportError> {
    pem_blocks(input)?
        .into_iter()
        .map(|b| {
            if b.tag() == "CERTIFICATE" {
                Ok(b.into_contents())
            } else {
                Err(refuse(input, format!("expected CERTIFICATE blocks, found a '{}' block", b.tag())))
            }
        })
        .collect()
}

/// A description of a PKCS#8 key's algorithm, for keys rcgen cannot read.
fn describe_pkcs8(der: &[u8]) -> String {
    use pkcs8::der::Decode;
    match pkcs8::PrivateKeyInfoRef::from_der(der) {
        Ok(info) => match info.algorithm.oid.to_string().as_str() {
            "1.2.840.113549.1.1.1" => "an RSA key of an unsupported size".into(),
            "1.2.840.10045.2.1" => "an EC key on an unsupported curve".into(),
            "1.3.101.112" => "an Ed25519 key".into(),
            "1.3.101.113" => "an Ed448 key".into(),
            "1.2.840.10040.4.1" => "a DSA key".into(),
            other => format!("a key of algorithm {other}"),
        },
        Err(_) => "not a readable PKCS#8 key".into(),
    }
}

/// True when an EC key, PKCS#8 or SEC1, gives its curve as explicit
/// parameters instead of a named curve's OID. Such a key is read as its
/// named curve, but would be stored and deployed as written.
fn explicit_ec_curve(der: &[u8]) -> bool {
    use pkcs8::der::{Decode, Tagged};
    match pkcs8::PrivateKeyInfoRef::from_der(der) {
        Ok(info) if info.algorithm.oid.to_string() == "1.2.840.10045.2.1" => {
            info.algorithm.parameters.is_some_and(|p| p.tag() != pkcs8::der::Tag::ObjectIdentifier)
                || sec1_explicit_curve(info.private_key.as_bytes())
        }
        Ok(_) => false,
        Err(_) => sec1_explicit_curve(der),
    }
}

/// The `[0]` parameters of a SEC1 ECPrivateKey, when they are not an OID.
fn sec1_explicit_curve(der: &[u8]) -> bool {
    let Some((0x30, body, _)) = tlv(der) else { return false };
    let Some((0x02, _, rest)) = tlv(body) else { return false };
    let Some((0x04, _, rest)) = tlv(rest) else { return false };
    matches!(tlv(rest), Some((0xa0, params, _)) if params.first() != Some(&0x06))
}

/// One DER tag-length-value: the tag, the value and what follows it.
fn tlv(der: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = der.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (first as usize, rest)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        (rest[..n].iter().fold(0usize, |a, b| (a << 8) | *b as usize), &rest[n..])
    };
    (rest.len() >= len).then(|| (tag, &rest[..len], &rest[len..]))
}

const SUPPORTED: &str = "ACM imports RSA 2048/3072/4096 and EC P-256/P-384/P-521 keys";

fn private_key(input: &Input<'_>) -> Result<(PrivateKey, String), ImportError> {
    let blocks = pem_blocks(input)?;
    if blocks.len() != 1 {
        return Err(refuse(input, format!("expected one private key, found {} PEM blocks", blocks.len())));
    }
    let block = &blocks[0];
    let tag = block.tag();
    let encrypted_header = block.headers().get("Proc-Type").is_some_and(|v| v.contains("ENCRYPTED"));
    if tag == "ENCRYPTED PRIVATE KEY" || encrypted_header {
        return Err(refuse(input, "the private key is encrypted; ACM imports only unencrypted keys")
            .with_hint_reason("decrypt it first, e.g. 'openssl pkey -in key.pem -out plain.pem'"));
    }
    let form = match tag {
        "PRIVATE KEY" => "PKCS#8",
        "RSA PRIVATE KEY" => "PKCS#1",
        "EC PRIVATE KEY" => "SEC1",
        "DSA PRIVATE KEY" => return Err(refuse(input, format!("a DSA key is not supported; {SUPPORTED}"))),
        other => return Err(refuse(input, format!("expected a private key, found a '{other}' block"))),
    };
    // The label is kept in the store, so it must say what the block holds.
    let is_pkcs8 = {
        use pkcs8::der::Decode;
        pkcs8::PrivateKeyInfoRef::from_der(block.contents()).is_ok()
    };
    if is_pkcs8 != (form == "PKCS#8") {
        let holds = if is_pkcs8 { "a PKCS#8 key, whose label is 'PRIVATE KEY'" } else { "no PKCS#8 key" };
        return Err(refuse(input, format!("the block is labelled '{tag}' but holds {holds}")));
    }
    if explicit_ec_curve(block.contents()) {
        return Err(refuse(
            input,
            "the EC private key gives its curve as explicit parameters; ACM imports keys on named curves only (P-256, P-384, P-521)",
        )
        .with_hint_reason("rewrite it with 'openssl pkey -in key.pem -ec_param_enc named_curve -out named.pem'"));
    }
    // One PEM block, re-encoded: stray text around it is not kept.
    let clean = encode(block);
    let pair = match rcgen::KeyPair::from_pem(&clean) {
        Ok(p) => p,
        Err(_) => {
            let what = match form {
                "PKCS#8" => describe_pkcs8(block.contents()),
                "PKCS#1" => "an RSA key that cannot be read (unsupported size or damaged)".into(),
                _ => "an EC key that cannot be read (unsupported curve or damaged)".into(),
            };
            return Err(refuse(input, format!("the {form} private key is {what}; {SUPPORTED}")));
        }
    };
    let spki_der = pair.subject_public_key_info();
    let Some(algorithm) = super::inspect::key_algorithm_of_spki(&spki_der) else {
        let what = SubjectPublicKeyInfo::from_der(&spki_der)
            .map(|(_, s)| describe_spki(&s))
            .unwrap_or_else(|_| "of an unknown type".into());
        return Err(refuse(input, format!("the private key is {what}, which is not supported; {SUPPORTED}")));
    };
    let family_fits = match form {
        "PKCS#1" => algorithm.is_rsa(),
        "SEC1" => !algorithm.is_rsa(),
        _ => true,
    };
    if !family_fits {
        return Err(refuse(input, format!("the block is labelled '{tag}' but holds a {algorithm} key")));
    }
    let key = PrivateKey::from_pem(&clean, algorithm).map_err(|e| refuse(input, e.to_string()))?;
    Ok((key, clean))
}

impl ImportError {
    fn with_hint_reason(mut self, hint: &str) -> Self {
        self.reason = format!("{} ({hint})", self.reason);
        self
    }
}

/// Signature algorithms whose hash is broken: a signature made with one
/// proves nothing about who signed.
fn broken_signature(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.2.840.113549.1.1.2" => "MD2",
        "1.2.840.113549.1.1.4" => "MD5",
        "1.2.840.113549.1.1.5" | "1.2.840.10045.4.1" | "1.2.840.10040.4.3" | "1.3.14.3.2.29" => "SHA-1",
        _ => return None,
    })
}

/// What makes a certificate unfit to import, whatever its key: ACM takes
/// only X.509 version 3 certificates that name their issuer, and RFC 5280
/// wants a positive serial and the refusal of unknown critical extensions.
fn certificate_problem(cert: &X509Certificate<'_>) -> Option<String> {
    if cert.version() != X509Version::V3 {
        return Some(format!(
            "the certificate is X.509 version {}; ACM imports only version 3 certificates",
            cert.version().0 + 1
        ));
    }
    if cert.issuer().iter().next().is_none() {
        return Some("the certificate's issuer name is empty; ACM needs a certificate that names its issuer".into());
    }
    let serial = cert.raw_serial();
    if serial.first().is_some_and(|b| b & 0x80 != 0) {
        return Some("the certificate's serial number is negative; RFC 5280 requires a positive serial number".into());
    }
    if serial.iter().all(|b| *b == 0) {
        return Some("the certificate's serial number is zero; RFC 5280 requires a positive serial number".into());
    }
    for ext in cert.extensions() {
        if !ext.critical {
            continue;
        }
        match ext.parsed_extension() {
            ParsedExtension::UnsupportedExtension { .. } => {
                return Some(format!(
                    "the certificate has an unknown critical extension ({}), which no client may accept",
                    ext.oid
                ));
            }
            ParsedExtension::ParseError { .. } => {
                return Some(format!("the certificate's critical extension {} cannot be parsed", ext.oid));
            }
            _ => {}
        }
    }
    let alg = cert.signature_algorithm.algorithm.to_id_string();
    if let Some(hash) = broken_signature(&alg) {
        return Some(format!(
            "the certificate is signed with {hash} ({}), a broken hash; have it re-issued with SHA-256 or stronger",
            super::inspect::signature_name(&alg)
        ));
    }
    None
}

/// More intermediates than any real hierarchy has; checking each costs a
/// signature verification.
pub const MAX_CHAIN_CERTIFICATES: usize = 100;

/// The chain's shape, before its signatures: ACM wants only the issuers of
/// the certificate, each once.
fn chain_shape_problem(leaf: &[u8], chain: &[Vec<u8>]) -> Option<String> {
    if chain.len() > MAX_CHAIN_CERTIFICATES {
        return Some(format!("the chain has {} certificates, over the limit of {MAX_CHAIN_CERTIFICATES}", chain.len()));
    }
    for (i, der) in chain.iter().enumerate() {
        if der == leaf {
            return Some(format!(
                "chain certificate {} is the certificate itself; the chain holds only its issuers",
                i + 1
            ));
        }
        if let Some(j) = chain[..i].iter().position(|d| d == der) {
            return Some(format!("chain certificate {} repeats chain certificate {}", i + 1, j + 1));
        }
    }
    None
}

/// Same key: same algorithm and the same public key bits. The DER around
/// them may differ (parameters spelled differently), so it is not compared.
fn same_public_key(a: &[u8], b: &[u8]) -> bool {
    match (SubjectPublicKeyInfo::from_der(a), SubjectPublicKeyInfo::from_der(b)) {
        (Ok((_, a)), Ok((_, b))) => {
            a.algorithm.algorithm == b.algorithm.algorithm && a.subject_public_key.data == b.subject_public_key.data
        }
        _ => false,
    }
}

/// PEM with Unix line endings, as every other file of the store.
fn encode(block: &::pem::Pem) -> String {
    ::pem::encode_config(block, ::pem::EncodeConfig::new().set_line_ending(::pem::LineEnding::LF))
}

fn rfc3339(t: OffsetDateTime) -> String {
    crate::clock::rfc3339(t)
}

/// Checks a certificate, its key and an optional chain for import at `now`.
pub fn check(
    certificate: Input<'_>,
    key: Input<'_>,
    chain: Option<Input<'_>>,
    now: OffsetDateTime,
) -> Result<ImportBundle, ImportError> {
    check_size(Role::Certificate, certificate.name, certificate.bytes.len() as u64)?;
    check_size(Role::PrivateKey, key.name, key.bytes.len() as u64)?;
    if let Some(c) = &chain {
        check_size(Role::Chain, c.name, c.bytes.len() as u64)?;
    }
    let certs = certificates(&certificate)?;
    if certs.len() != 1 {
        return Err(refuse(
            &certificate,
            format!("expected exactly one certificate, found {}; put the others in --certificate-chain", certs.len()),
        ));
    }
    let leaf = &certs[0];
    let info = CertInfo::from_der(leaf).map_err(|e| refuse(&certificate, e.to_string()))?;
    let (_, parsed) = X509Certificate::from_der(leaf).map_err(|e| refuse(&certificate, e.to_string()))?;
    if let Some(problem) = certificate_problem(&parsed) {
        return Err(refuse(&certificate, problem));
    }
    let (private_key, key_pem) = private_key(&key)?;
    if !same_public_key(&private_key.spki_der(), &info.spki_der) {
        return Err(refuse(
            &key,
            format!(
                "the private key does not match the certificate in {} (their public keys differ)",
                certificate.name
            ),
        ));
    }
    // The key matched, so this is about how the certificate spells its key:
    // explicit EC curve parameters, say, where ACM knows named curves only.
    if info.key_algorithm.is_none() {
        return Err(refuse(
            &certificate,
            format!("the certificate's public key is {}, which is not supported; {SUPPORTED}", info.key_description),
        ));
    }
    // Certificates carry whole seconds; a clock with a fraction of a
    // second past notAfter is still within that (inclusive) second.
    let now = now.replace_nanosecond(0).expect("0 is a valid nanosecond");
    if now < info.not_before {
        return Err(refuse(
            &certificate,
            format!(
                "the certificate is not yet valid: it is valid from {} and the time is {}",
                rfc3339(info.not_before),
                rfc3339(now)
            ),
        ));
    }
    if now > info.not_after {
        return Err(refuse(
            &certificate,
            format!(
                "the certificate has expired: it was valid until {} and the time is {}",
                rfc3339(info.not_after),
                rfc3339(now)
            ),
        ));
    }
    let mut chain_pem = String::new();
    if let Some(c) = &chain {
        let chain_certs = certificates(c)?;
        if let Some(problem) = chain_shape_problem(leaf, &chain_certs) {
            return Err(refuse(c, problem));
        }
        for (i, der) in chain_certs.iter().enumerate() {
            let (_, cert) = X509Certificate::from_der(der)
                .map_err(|e| refuse(c, format!("chain certificate {} cannot be parsed: {e}", i + 1)))?;
            // A root's signature on itself is never checked by anyone, so
            // its hash does not matter; every other signature links the chain.
            let self_issued = cert.subject().as_raw() == cert.issuer().as_raw();
            let alg = cert.signature_algorithm.algorithm.to_id_string();
            if let (false, Some(hash)) = (self_issued, broken_signature(&alg)) {
                return Err(refuse(
                    c,
                    format!(
                        "chain certificate {} is signed with {hash} ({}), a broken hash",
                        i + 1,
                        super::inspect::signature_name(&alg)
                    ),
                ));
            }
        }
        check_chain(leaf, &chain_certs).map_err(|why| {
            refuse(c, format!("{why}: each certificate of the chain must sign the one before it (signatures checked)"))
        })?;
        for der in &chain_certs {
            chain_pem.push_str(&encode(&::pem::Pem::new("CERTIFICATE", der.clone())));
        }
    }
    Ok(ImportBundle {
        certificate_pem: encode(&::pem::Pem::new("CERTIFICATE", leaf.clone())),
        chain_pem,
        private_key_pem: key_pem,
        key_algorithm: private_key.algorithm(),
        info,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::profile::{self, LeafProfile, Validity};
    use ::time::Duration;
    use ::time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2027-01-01 00:00 UTC);

    fn leaf(key: &PrivateKey, issuer: Option<(&str, &PrivateKey)>) -> String {
        let params = profile::leaf_params(&LeafProfile {
            names: &["a.example".to_string()],
            public: false,
            rsa: key.algorithm().is_rsa(),
            validity: Validity::days_from(NOW, 30, None),
            serial: &[1, 2, 3, 4, 5, 6, 7, 8],
        })
        .unwrap();
        match issuer {
            None => profile::self_signed(&params, key).unwrap(),
            Some((cert, k)) => profile::signed_by(&params, key.pair(), cert, k).unwrap(),
        }
    }

    fn ca(key: &PrivateKey) -> String {
        let params = profile::authority_params(&profile::AuthorityProfile {
            common_name: "Test CA",
            organization: "t",
            path_len: None,
            validity: Validity::days_from(NOW, 300, None),
            serial: &[9, 9, 9, 9, 9, 9, 9, 9],
        })
        .unwrap();
        profile::self_signed(&params, key).unwrap()
    }

    fn input<'a>(name: &'a str, bytes: &'a str) -> Input<'a> {
        Input { name, bytes: bytes.as_bytes() }
    }

    #[test]
    fn accepts_a_matching_key_and_signed_chain() {
        let ca_key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        let ca_pem = ca(&ca_key);
        let key = PrivateKey::generate(KeyAlgorithm::EcSecp384r1).unwrap();
        let cert = leaf(&key, Some((&ca_pem, &ca_key)));
        let b =
            check(input("c.pem", &cert), input("k.pem", &key.to_pem()), Some(input("ch.pem", &ca_pem)), NOW).unwrap();
        assert_eq!(b.key_algorithm, KeyAlgorithm::EcSecp384r1);
        assert_eq!(b.chain_pem.matches("BEGIN CERTIFICATE").count(), 1);
    }

    #[test]
    fn refusals_name_the_file() {
        let key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        let other = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        let cert = leaf(&key, None);
        let k = key.to_pem();
        let e = check(input("c.pem", "hello"), input("k.pem", &k), None, NOW).unwrap_err();
        assert_eq!(e.file, "c.pem");
        assert!(e.reason.contains("not PEM"));
        let two = format!("{cert}{cert}");
        let e = check(input("c.pem", &two), input("k.pem", &k), None, NOW).unwrap_err();
        assert!(e.reason.contains("exactly one certificate"), "{e}");
        let e = check(input("c.pem", &cert), input("k.pem", &other.to_pem()), None, NOW).unwrap_err();
        assert_eq!(e.file, "k.pem");
        assert!(e.reason.contains("does not match"));
        let e = check(input("c.pem", &cert), input("k.pem", &k), None, NOW + Duration::days(31)).unwrap_err();
        assert!(e.reason.contains("expired"));
        let e = check(input("c.pem", &cert), input("k.pem", &k), None, NOW - Duration::days(1)).unwrap_err();
        assert!(e.reason.contains("not yet valid"));
        // A chain that does not sign the leaf: right shape, wrong signer.
        let stranger = ca(&other);
        let e = check(input("c.pem", &cert), input("k.pem", &k), Some(input("ch.pem", &stranger)), NOW).unwrap_err();
        assert_eq!(e.file, "ch.pem");
        assert!(e.reason.contains("did not sign"), "{e}");
    }

    #[test]
    fn sizes_are_checked_first() {
        assert!(check_size(Role::Certificate, "c", MAX_CERTIFICATE_BYTES).is_ok());
        assert!(check_size(Role::Certificate, "c", MAX_CERTIFICATE_BYTES + 1).unwrap_err().reason.contains("32 KiB"));
        assert!(check_size(Role::PrivateKey, "k", MAX_KEY_BYTES + 1).unwrap_err().reason.contains("5 KiB"));
        assert!(check_size(Role::Chain, "ch", MAX_CHAIN_BYTES + 1).unwrap_err().reason.contains("2 MiB"));
    }

    /// A self-signed leaf made from `leaf`'s profile, changed by `edit`.
    fn edited(key: &PrivateKey, edit: impl FnOnce(&mut rcgen::CertificateParams)) -> String {
        let mut params = profile::leaf_params(&LeafProfile {
            names: &["a.example".to_string()],
            public: false,
            rsa: false,
            validity: Validity::days_from(NOW, 30, None),
            serial: &[1, 2, 3, 4, 5, 6, 7, 8],
        })
        .unwrap();
        edit(&mut params);
        profile::self_signed(&params, key).unwrap()
    }

    #[test]
    fn certificates_rfc_5280_forbids_are_refused() {
        let key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        let k = key.to_pem();
        let refused = |cert: &str| check(input("c.pem", cert), input("k.pem", &k), None, NOW).unwrap_err();
        // rcgen keeps serials positive, so the DER is patched; without a
        // chain the leaf's own signature is not checked.
        let positive = edited(&key, |p| p.serial_number = Some(rcgen::SerialNumber::from_slice(&[0x85, 1, 2])));
        let mut der = ::pem::parse(&positive).unwrap().into_contents();
        let at = der.windows(6).position(|w| w == [2, 4, 0, 0x85, 1, 2]).unwrap();
        der[at + 2..at + 6].copy_from_slice(&[0x85, 1, 2, 3]);
        let negative = encode(&::pem::Pem::new("CERTIFICATE", der));
        let e = refused(&negative);
        assert_eq!(e.file, "c.pem");
        assert!(e.reason.contains("serial number is negative"), "{e}");
        let zero = edited(&key, |p| p.serial_number = Some(rcgen::SerialNumber::from_slice(&[0])));
        assert!(refused(&zero).reason.contains("serial number is zero"));
        let anonymous = edited(&key, |p| p.distinguished_name = rcgen::DistinguishedName::new());
        assert!(refused(&anonymous).reason.contains("issuer name is empty"));
        let critical = edited(&key, |p| {
            let mut ext = rcgen::CustomExtension::from_oid_content(&[1, 3, 6, 1, 4, 1, 55738, 666, 1], vec![5, 0]);
            ext.set_criticality(true);
            p.custom_extensions.push(ext);
        });
        assert!(refused(&critical).reason.contains("unknown critical extension (1.3.6.1.4.1.55738.666.1)"));
        // The same extension, not critical, may be ignored.
        let known = edited(&key, |p| {
            p.custom_extensions
                .push(rcgen::CustomExtension::from_oid_content(&[1, 3, 6, 1, 4, 1, 55738, 666, 1], vec![5, 0]))
        });
        check(input("c.pem", &known), input("k.pem", &k), None, NOW).unwrap();
    }

    #[test]
    fn broken_hashes_are_named() {
        assert_eq!(broken_signature("1.2.840.113549.1.1.5"), Some("SHA-1"));
        assert_eq!(broken_signature("1.2.840.10045.4.1"), Some("SHA-1"));
        assert_eq!(broken_signature("1.2.840.113549.1.1.4"), Some("MD5"));
        assert_eq!(broken_signature("1.2.840.113549.1.1.11"), None);
        assert_eq!(broken_signature("1.2.840.10045.4.3.2"), None);
    }

    #[test]
    fn a_chain_holds_each_issuer_once_and_not_the_leaf() {
        let ca_key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        let ca_pem = ca(&ca_key);
        let key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        let cert = leaf(&key, Some((&ca_pem, &ca_key)));
        let k = key.to_pem();
        let refused = |chain: &str| {
            check(input("c.pem", &cert), input("k.pem", &k), Some(input("ch.pem", chain)), NOW).unwrap_err()
        };
        let e = refused(&format!("{cert}{ca_pem}"));
        assert_eq!(e.file, "ch.pem");
        assert!(e.reason.contains("chain certificate 1 is the certificate itself"), "{e}");
        // A self-signed root signs itself, so only the repeat tells.
        let e = refused(&format!("{ca_pem}{ca_pem}"));
        assert!(e.reason.contains("chain certificate 2 repeats chain certificate 1"), "{e}");
        let e = refused(&ca_pem.repeat(MAX_CHAIN_CERTIFICATES + 1));
        assert!(e.reason.contains("the chain has 101 certificates, over the limit of 100"), "{e}");
    }

    #[test]
    fn a_key_label_must_say_what_the_block_holds() {
        let key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        let cert = leaf(&key, None);
        let pkcs8 = key.to_pem();
        for label in ["RSA PRIVATE KEY", "EC PRIVATE KEY"] {
            let relabelled = pkcs8.replace("PRIVATE KEY", label);
            let e = check(input("c.pem", &cert), input("k.pem", &relabelled), None, NOW).unwrap_err();
            assert_eq!(e.file, "k.pem");
            assert!(e.reason.contains(&format!("labelled '{label}' but holds a PKCS#8 key")), "{e}");
        }
    }

    #[test]
    fn explicit_curve_parameters_are_found_in_sec1_and_pkcs8() {
        // SEC1 in miniature: version 1, a two-byte key, then [0] holding an
        // OID (a named curve) or a SEQUENCE (explicit parameters).
        let named_sec1 = [0x30, 0x0d, 0x02, 0x01, 0x01, 0x04, 0x02, 0xaa, 0xbb, 0xa0, 0x04, 0x06, 0x02, 0x2a, 0x03];
        let explicit_sec1 = [0x30, 0x0d, 0x02, 0x01, 0x01, 0x04, 0x02, 0xaa, 0xbb, 0xa0, 0x81, 0x03, 0x30, 0x01, 0x00];
        assert!(tlv(&named_sec1).is_some_and(|(_, body, rest)| body.len() == 13 && rest.is_empty()));
        assert!(!sec1_explicit_curve(&named_sec1));
        assert!(sec1_explicit_curve(&explicit_sec1));
        assert!(!sec1_explicit_curve(&[0x30]));
        assert!(!sec1_explicit_curve(&[]));
        assert_eq!(tlv(&[0x04, 0x82, 0x00, 0x01, 0x07, 0x09]), Some((0x04, &[0x07][..], &[0x09][..])));
        assert_eq!(tlv(&[0x04, 0x05, 0x00]), None);
        // A key rcgen writes names its curve.
        let key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        let der = ::pem::parse(key.to_pem()).unwrap().into_contents();
        assert!(!explicit_ec_curve(&der));
    }

    #[test]
    fn encrypted_keys_are_refused() {
        let enc = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";
        let key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        let cert = leaf(&key, None);
        let e = check(input("c.pem", &cert), input("k.pem", enc), None, NOW).unwrap_err();
        assert!(e.reason.contains("encrypted"));
    }
}
