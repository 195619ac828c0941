//! TLS to the server: one rustls client configuration per `sslmode`, on
//! the aws-lc-rs provider (named explicitly, so that no process-wide
//! default provider is needed and ring is never linked).
//!
//! | sslmode | what is checked |
//! |---|---|
//! | `require` | nothing but the handshake's own signature (libpq's `require`: encrypted, not authenticated) |
//! | `verify-ca` | the chain up to `sslrootcert`, validity dates; not the host name |
//! | `verify-full` | the chain up to `sslrootcert` and that the certificate names the host of the URL |
//!
//! `sslcert` + `sslkey` add a client certificate; the key file, like
//! libpq's, must not be readable by group or others (0640 is accepted for
//! a root-owned file).

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

use super::url::{PgUrl, SslMode};

#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("cannot read {what} {}: {reason}", path.display())]
    Read { what: &'static str, path: PathBuf, reason: String },
    #[error("{what} {} holds no PEM certificate", path.display())]
    NoCertificate { what: &'static str, path: PathBuf },
    #[error("the root certificate file {} holds no certificate rustls accepts as a trust anchor: {reason}", path.display())]
    BadRoot { path: PathBuf, reason: String },
    #[error("the client key {} can be read by other users (mode {mode:o}): chmod 600 it", path.display())]
    KeyMode { path: PathBuf, mode: u32 },
    #[error("the client certificate {} and key {} do not make a usable pair: {reason}", cert.display(), key.display())]
    ClientCert { cert: PathBuf, key: PathBuf, reason: String },
    #[error("cannot set up TLS: {0}")]
    Setup(String),
}

/// The provider every configuration here uses.
pub fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

/// The client configuration for `url`'s `sslmode`, or `None` for
/// `disable` (and for sockets).
pub fn client_config(url: &PgUrl) -> Result<Option<ClientConfig>, TlsError> {
    let provider = provider();
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsError::Setup(e.to_string()))?;
    let verifier: Arc<dyn ServerCertVerifier> = match url.sslmode {
        SslMode::Disable => return Ok(None),
        SslMode::Require => Arc::new(EncryptOnly { algorithms: provider.signature_verification_algorithms }),
        SslMode::VerifyCa | SslMode::VerifyFull => {
            let path = url.sslrootcert.as_deref().expect("PgUrl::parse requires sslrootcert for verify-*");
            let roots = load_roots(path)?;
            let webpki = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                .build()
                .map_err(|e| TlsError::Setup(e.to_string()))?;
            if url.sslmode == SslMode::VerifyFull { webpki } else { Arc::new(ChainOnly { inner: webpki }) }
        }
    };
    let builder = builder.dangerous().with_custom_certificate_verifier(verifier);
    let config = match (&url.sslcert, &url.sslkey) {
        (Some(cert), Some(key)) => {
            let chain = load_certs(cert, "the client certificate")?;
            let key_der = load_key(key)?;
            builder.with_client_auth_cert(chain, key_der).map_err(|e| TlsError::ClientCert {
                cert: cert.clone(),
                key: key.clone(),
                reason: e.to_string(),
            })?
        }
        _ => builder.with_no_client_auth(),
    };
    Ok(Some(config))
}

fn load_certs(path: &Path, what: &'static str) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let read = |reason: String| TlsError::Read { what, path: path.to_path_buf(), reason };
    let bytes = std::fs::read(path).map_err(|e| read(e.to_string()))?;
    let certs =
        CertificateDer::pem_slice_iter(&bytes).collect::<Result<Vec<_>, _>>().map_err(|e| read(e.to_string()))?;
    if certs.is_empty() {
        return Err(TlsError::NoCertificate { what, path: path.to_path_buf() });
    }
    Ok(certs)
}

fn load_roots(path: &Path) -> Result<RootCertStore, TlsError> {
    let certs = load_certs(path, "the root certificate file")?;
    let mut roots = RootCertStore::empty();
    let (added, _ignored) = roots.add_parsable_certificates(certs);
    if added == 0 {
        return Err(TlsError::BadRoot { path: path.to_path_buf(), reason: "none parses as X.509".into() });
    }
    Ok(roots)
}

fn load_key(path: &Path) -> Result<PrivateKeyDer<'static>, TlsError> {
    let read = |reason: String| TlsError::Read { what: "the client key", path: path.to_path_buf(), reason };
    let meta = std::fs::metadata(path).map_err(|e| read(e.to_string()))?;
    let mode = meta.mode() & 0o777;
    // libpq: 0600 or stricter, or 0640 for a file root owns.
    let allowed = if meta.uid() == 0 { 0o037 } else { 0o077 };
    if mode & allowed != 0 {
        return Err(TlsError::KeyMode { path: path.to_path_buf(), mode });
    }
    let bytes = zeroize::Zeroizing::new(std::fs::read(path).map_err(|e| read(e.to_string()))?);
    PrivateKeyDer::from_pem_slice(&bytes).map_err(|e| read(e.to_string()))
}

/// `sslmode=require`: any certificate, but the handshake signature must
/// still be made by its key (what libpq does without a root certificate).
#[derive(Debug)]
struct EncryptOnly {
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for EncryptOnly {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// `sslmode=verify-ca`: webpki's verification less the host name. webpki
/// checks the name last, after the chain, dates and usage, so a name
/// mismatch means everything else held.
#[derive(Debug)]
struct ChainOnly {
    inner: Arc<WebPkiServerVerifier>,
}

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self.inner.verify_server_cert(end_entity, intermediates, server_name, ocsp, now) {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn url(s: &str) -> PgUrl {
        PgUrl::parse(s).unwrap()
    }

    /// A self-signed certificate and its key, by rcgen (aws-lc-rs).
    fn self_signed(dir: &Path, names: &[&str]) -> (PathBuf, PathBuf) {
        let key = rcgen::KeyPair::generate().unwrap();
        let params = rcgen::CertificateParams::new(names.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
        let cert = params.self_signed(&key).unwrap();
        let (c, k) = (dir.join("cert.pem"), dir.join("key.pem"));
        std::fs::write(&c, cert.pem()).unwrap();
        std::fs::write(&k, key.serialize_pem()).unwrap();
        std::fs::set_permissions(&k, std::fs::Permissions::from_mode(0o600)).unwrap();
        (c, k)
    }

    #[test]
    fn one_config_per_mode() {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = self_signed(dir.path(), &["localhost"]);
        assert!(client_config(&url("postgresql://u@localhost/d?sslmode=disable")).unwrap().is_none());
        assert!(client_config(&url("postgresql://u@/d")).unwrap().is_none(), "no TLS on a socket");
        assert!(client_config(&url("postgresql://u@h/d?sslmode=require")).unwrap().is_some());
        let root = cert.display();
        for mode in ["verify-ca", "verify-full"] {
            let config = client_config(&url(&format!("postgresql://u@h/d?sslmode={mode}&sslrootcert={root}"))).unwrap();
            assert!(config.is_some(), "{mode}");
        }
        let with_client = format!(
            "postgresql://u@h/d?sslmode=verify-full&sslrootcert={root}&sslcert={root}&sslkey={}",
            key.display()
        );
        let config = client_config(&url(&with_client)).unwrap().unwrap();
        assert!(config.client_auth_cert_resolver.has_certs());
    }

    #[test]
    fn bad_files() {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = self_signed(dir.path(), &["localhost"]);
        let missing = dir.path().join("missing.pem");
        let e =
            client_config(&url(&format!("postgresql://u@h/d?sslmode=verify-full&sslrootcert={}", missing.display())))
                .unwrap_err();
        assert!(matches!(e, TlsError::Read { .. }), "{e}");
        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "not pem\n").unwrap();
        let e = client_config(&url(&format!("postgresql://u@h/d?sslmode=verify-ca&sslrootcert={}", empty.display())))
            .unwrap_err();
        assert!(matches!(e, TlsError::NoCertificate { .. }), "{e}");
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
        let e = client_config(&url(&format!(
            "postgresql://u@h/d?sslmode=require&sslcert={}&sslkey={}",
            cert.display(),
            key.display()
        )))
        .unwrap_err();
        if nix_uid() != 0 {
            assert!(matches!(e, TlsError::KeyMode { mode: 0o644, .. }), "{e}");
        } else {
            assert!(matches!(e, TlsError::KeyMode { .. }), "root may have 0640, not 0644: {e}");
        }
        // A key that is not the certificate's.
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
        let other = tempfile::tempdir().unwrap();
        let (_, other_key) = self_signed(other.path(), &["x"]);
        let e = client_config(&url(&format!(
            "postgresql://u@h/d?sslmode=require&sslcert={}&sslkey={}",
            cert.display(),
            other_key.display()
        )))
        .unwrap_err();
        assert!(matches!(e, TlsError::ClientCert { .. }), "{e}");
    }

    fn nix_uid() -> u32 {
        // SAFETY: geteuid has no preconditions.
        unsafe { libc::geteuid() }
    }

    #[test]
    fn verify_ca_ignores_only_the_name() {
        let dir = tempfile::tempdir().unwrap();
        let (cert, _) = self_signed(dir.path(), &["db.example"]);
        let der = CertificateDer::from_pem_file(&cert).unwrap();
        let roots = load_roots(&cert).unwrap();
        let webpki = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider()).build().unwrap();
        let chain_only = ChainOnly { inner: webpki.clone() };
        let other_name = ServerName::try_from("other.example").unwrap();
        let now = UnixTime::now();
        assert!(webpki.verify_server_cert(&der, &[], &other_name, &[], now).is_err(), "verify-full checks the name");
        assert!(chain_only.verify_server_cert(&der, &[], &other_name, &[], now).is_ok(), "verify-ca does not");
        // A certificate from another root fails both.
        let other = tempfile::tempdir().unwrap();
        let (stranger, _) = self_signed(other.path(), &["db.example"]);
        let stranger = CertificateDer::from_pem_file(&stranger).unwrap();
        let name = ServerName::try_from("db.example").unwrap();
        assert!(chain_only.verify_server_cert(&stranger, &[], &name, &[], now).is_err());
    }
}
