//! The keys serve accepts: an AWS shared-credentials file, the INI file
//! `aws` and the SDKs read (`AWS_SHARED_CREDENTIALS_FILE`), so that the
//! clients use it unchanged. Every profile with a key pair is a principal.
//! Created on first run with one random key when absent.
//!
//! Secrets are `SecretString`s: zeroed when dropped, never in Debug output,
//! and no error quotes a line of the file.

use std::collections::HashMap;
use std::fmt;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use base64::Engine;
use zeroize::Zeroizing;

/// A secret string: zeroed when dropped, never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretString(Zeroizing<String>);

impl SecretString {
    pub fn new(s: String) -> Self {
        SecretString(Zeroizing::new(s))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretString(<redacted>)")
    }
}

/// One access key's secret side.
#[derive(Clone, Debug)]
pub struct Secret {
    /// The profile (INI section) the key came from.
    pub profile: String,
    pub secret_access_key: SecretString,
    /// Temporary credentials carry one; a request must then send it.
    pub session_token: Option<SecretString>,
}

/// Access key ID → its secret, for every profile of the file.
#[derive(Clone, Debug, Default)]
pub struct Credentials {
    keys: HashMap<String, Secret>,
}

#[derive(Debug, thiserror::Error)]
pub enum CredentialsError {
    #[error("cannot {action} the credentials file {path}: {source}")]
    Io { action: &'static str, path: PathBuf, source: std::io::Error },
    #[error("the credentials file {path} {why}")]
    Unsafe { path: PathBuf, why: String },
    #[error("the credentials file {path}, line {line}: {why}")]
    Syntax { path: PathBuf, line: usize, why: String },
    #[error("the credentials file {path}: {why}")]
    Invalid { path: PathBuf, why: String },
}

/// What loading found: the keys, whether the file was created just now, and
/// warnings worth a line at start-up.
#[derive(Debug)]
pub struct Loaded {
    pub credentials: Credentials,
    pub created: bool,
    pub warnings: Vec<String>,
}

const KEY_ID: &str = "aws_access_key_id";
const SECRET: &str = "aws_secret_access_key";
const TOKEN: &str = "aws_session_token";

/// `$ACMCTL_HOME/serve/credentials`, beside the store's regions.
pub fn default_path(store_dir: &Path) -> PathBuf {
    store_dir.join("serve").join("credentials")
}

impl Credentials {
    pub fn get(&self, access_key_id: &str) -> Option<&Secret> {
        self.keys.get(access_key_id)
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The access key IDs, sorted (they are not secret).
    pub fn key_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.keys.keys().map(String::as_str).collect();
        ids.sort_unstable();
        ids
    }

    /// Parses the file's text. `path` only names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Credentials, CredentialsError> {
        let syntax = |line: usize, why: &str| CredentialsError::Syntax { path: path.into(), line, why: why.into() };
        // profile → (key → value), in the order met.
        let mut profiles: Vec<(String, HashMap<String, Zeroizing<String>>)> = Vec::new();
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut last_key: Option<String> = None;
        for (i, raw) in text.lines().enumerate() {
            let n = i + 1;
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if raw.starts_with([' ', '\t']) && last_key.is_some() {
                // configparser's continuation line: fine for nested settings
                // (s3 = …), never for a key.
                if last_key.as_deref().is_some_and(|k| [KEY_ID, SECRET, TOKEN].contains(&k)) {
                    return Err(syntax(n, "an indented line continues a key or secret; keys are one line"));
                }
                continue;
            }
            if let Some(rest) = line.strip_prefix('[') {
                let Some(name) = rest.strip_suffix(']') else { return Err(syntax(n, "a [profile] line without ']'")) };
                let name = name.trim();
                if name.is_empty() {
                    return Err(syntax(n, "a profile with no name"));
                }
                if profiles.iter().any(|(p, _)| p == name) {
                    return Err(syntax(n, &format!("profile '{name}' appears twice")));
                }
                profiles.push((name.to_string(), HashMap::new()));
                last_key = None;
                continue;
            }
            let Some(at) = line.find(['=', ':']) else { return Err(syntax(n, "expected 'name = value'")) };
            let key = line[..at].trim().to_ascii_lowercase();
            let value = Zeroizing::new(line[at + 1..].trim().to_string());
            let Some((_, settings)) = profiles.last_mut() else {
                return Err(syntax(n, "a setting before any [profile] line"));
            };
            if settings.contains_key(&key) {
                return Err(syntax(n, &format!("'{key}' set twice in one profile")));
            }
            settings.insert(key.clone(), value);
            last_key = Some(key);
        }
        let invalid = |why: String| CredentialsError::Invalid { path: path.into(), why };
        let mut keys: HashMap<String, Secret> = HashMap::new();
        for (profile, mut settings) in profiles {
            let id = settings.remove(KEY_ID).filter(|v| !v.is_empty());
            let secret = settings.remove(SECRET).filter(|v| !v.is_empty());
            let token = settings.remove(TOKEN).filter(|v| !v.is_empty());
            let (id, secret) = match (id, secret) {
                (None, None) => continue, // a profile for something else (role_arn, sso_…)
                (Some(_), None) => return Err(invalid(format!("profile '{profile}' has {KEY_ID} but no {SECRET}"))),
                (None, Some(_)) => return Err(invalid(format!("profile '{profile}' has {SECRET} but no {KEY_ID}"))),
                (Some(id), Some(secret)) => (id, secret),
            };
            if !id.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(invalid(format!("the {KEY_ID} of profile '{profile}' is not letters and digits")));
            }
            if let Some(other) = keys.get(id.as_str()) {
                return Err(invalid(format!(
                    "access key {} is in profiles '{}' and '{profile}'; each key must be in one",
                    id.as_str(),
                    other.profile
                )));
            }
            let secret = Secret {
                profile,
                secret_access_key: SecretString::new(secret.to_string()),
                session_token: token.map(|t| SecretString::new(t.to_string())),
            };
            keys.insert(id.to_string(), secret);
        }
        if keys.is_empty() {
            return Err(invalid(format!("no profile has both {KEY_ID} and {SECRET}")));
        }
        Ok(Credentials { keys })
    }

    /// Reads the file, refusing one that others could change.
    pub fn load(path: &Path) -> Result<Loaded, CredentialsError> {
        let meta = std::fs::metadata(path).map_err(|source| CredentialsError::Io {
            action: "read",
            path: path.into(),
            source,
        })?;
        let mut warnings = Vec::new();
        check_safe(path, &meta, &mut warnings)?;
        let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|source| CredentialsError::Io {
            action: "read",
            path: path.into(),
            source,
        })?);
        let credentials = Credentials::parse(&text, path)?;
        Ok(Loaded { credentials, created: false, warnings })
    }

    /// Reads the file, or creates it with one new random key when it does
    /// not exist (0600, its new directories 0700, written atomically: a
    /// reader sees no file or the whole file).
    pub fn load_or_create(path: &Path) -> Result<Loaded, CredentialsError> {
        match std::fs::symlink_metadata(path) {
            Ok(_) => return Credentials::load(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(CredentialsError::Io { action: "read", path: path.into(), source }),
        }
        let io = |action, source| CredentialsError::Io { action, path: path.into(), source };
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| io("create the directory of", e))?;
        let (id, secret) = generate_key();
        let text = Zeroizing::new(format!(
            "# Created by acmctl serve. A profile per key; each key may call acmctl serve.\n\
             [default]\n{KEY_ID} = {id}\n{SECRET} = {}\n",
            secret.expose()
        ));
        let tmp = dir.join(format!(".credentials.{}.tmp", std::process::id()));
        let written = (|| {
            let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&tmp)?;
            f.write_all(text.as_bytes())?;
            f.sync_all()
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(io("write", e));
        }
        // A hard link, not a rename: when another serve created the file
        // meanwhile, its key stays and this one is dropped.
        let linked = std::fs::hard_link(&tmp, path);
        let _ = std::fs::remove_file(&tmp);
        match linked {
            Ok(()) => {
                if let Ok(d) = std::fs::File::open(dir) {
                    let _ = d.sync_all();
                }
                let mut loaded = Credentials::load(path)?;
                loaded.created = true;
                Ok(loaded)
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Credentials::load(path),
            Err(e) => Err(io("create", e)),
        }
    }
}

fn check_safe(path: &Path, meta: &std::fs::Metadata, warnings: &mut Vec<String>) -> Result<(), CredentialsError> {
    let unsafe_ = |why: String| CredentialsError::Unsafe { path: path.into(), why };
    if !meta.is_file() {
        return Err(unsafe_("is not a regular file".into()));
    }
    let mode = meta.permissions().mode();
    // SAFETY: geteuid cannot fail and touches no memory.
    let me = unsafe { libc::geteuid() };
    if meta.uid() != me && meta.uid() != 0 {
        return Err(unsafe_(format!("belongs to another user (uid {}); it must be yours", meta.uid())));
    }
    if mode & 0o022 != 0 {
        return Err(unsafe_(format!(
            "is writable by {} (mode {:o}): anyone who can add a key can drive the CA; run chmod 600 on it",
            if mode & 0o002 != 0 { "everyone" } else { "its group" },
            mode & 0o777
        )));
    }
    if mode & 0o044 != 0 {
        warnings.push(format!(
            "the credentials file {} is readable by others (mode {:o}); chmod 600 keeps its secrets yours",
            path.display(),
            mode & 0o777
        ));
    }
    Ok(())
}

/// A new key: ID `ACMC` + 16 base32 characters (80 random bits), and a
/// 40-character secret (30 random bytes in base64), shaped like AWS's but
/// never mistaken for a real `AKIA`/`ASIA` key.
pub fn generate_key() -> (String, SecretString) {
    const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut id_bytes = [0u8; 10];
    let mut secret_bytes = Zeroizing::new([0u8; 30]);
    aws_lc_rs::rand::fill(&mut id_bytes).expect("the system random generator works");
    aws_lc_rs::rand::fill(secret_bytes.as_mut()).expect("the system random generator works");
    let mut id = String::from("ACMC");
    // 80 bits, 5 at a time.
    let bits = id_bytes.iter().fold(0u128, |acc, b| (acc << 8) | u128::from(*b));
    for i in (0..16).rev() {
        id.push(char::from(BASE32[((bits >> (i * 5)) & 31) as usize]));
    }
    let secret = base64::engine::general_purpose::STANDARD.encode(secret_bytes.as_ref());
    (id, SecretString::new(secret))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Credentials, CredentialsError> {
        Credentials::parse(text, Path::new("creds"))
    }

    #[test]
    fn every_profile_with_a_key_pair_is_loaded() {
        let c = Credentials::parse(include_str!("testdata/credentials"), Path::new("testdata")).unwrap();
        assert_eq!(c.key_ids(), ["ACMCJ46ZLKSXHOXCRJDZ", "ACMCQPXOMNLCS2ZLCT2L"]);
        let default = c.get("ACMCJ46ZLKSXHOXCRJDZ").unwrap();
        assert_eq!(default.profile, "default");
        assert_eq!(default.secret_access_key.expose(), "SOrCt62AHR0v58sEsOPT0pv1Ui2WBmJATUGWSbPt");
        assert!(default.session_token.is_none());
        let session = c.get("ACMCQPXOMNLCS2ZLCT2L").unwrap();
        assert!(session.session_token.as_ref().unwrap().expose().starts_with("o6D01hdX"));
    }

    #[test]
    fn configparser_s_syntax_is_read_as_botocore_reads_it() {
        let text = "\u{feff}; comment\n[other]\nrole_arn = arn:aws:iam::1:role/x\ns3 =\n  max_concurrent_requests = 2\n\n\
                    [ p ]\nAWS_Access_Key_Id: ACMCAAAA\naws_secret_access_key=s/e+c=ret\n# done\n";
        let c = parse(text).unwrap();
        let s = c.get("ACMCAAAA").unwrap();
        assert_eq!((s.profile.as_str(), s.secret_access_key.expose()), ("p", "s/e+c=ret"));
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn broken_files_are_refused_without_quoting_their_secrets() {
        let cases = [
            ("aws_secret_access_key = hunter2hunter2\n", "before any [profile]"),
            ("[a]\naws_access_key_id = K1\n", "no aws_secret_access_key"),
            ("[a]\naws_secret_access_key = hunter2hunter2\n", "no aws_access_key_id"),
            ("[a]\naws_access_key_id = K1\naws_secret_access_key = hunter2hunter2\n[a]\n", "appears twice"),
            (
                "[a]\naws_access_key_id = K1\naws_secret_access_key = hunter2hunter2\naws_secret_access_key = x\n",
                "set twice",
            ),
            ("[a]\naws_access_key_id = K1\naws_secret_access_key = hunter2\n  hunter2\n", "indented"),
            (
                "[a]\naws_access_key_id = K1\naws_secret_access_key = hunter2hunter2\n[b]\naws_access_key_id = K1\naws_secret_access_key = y\n",
                "profiles 'a' and 'b'",
            ),
            ("[a]\nregion = us-east-1\n", "no profile has both"),
            ("[a\naws_secret_access_key = hunter2hunter2\n", "without ']'"),
            ("[a]\nhunter2hunter2\n", "expected 'name = value'"),
        ];
        for (text, expected) in cases {
            let err = parse(text).unwrap_err().to_string();
            assert!(err.contains(expected), "{text:?}: {err}");
            assert!(!err.contains("hunter2"), "{err}");
        }
    }

    #[test]
    fn secrets_stay_out_of_debug_output() {
        let c = Credentials::parse(include_str!("testdata/credentials"), Path::new("testdata")).unwrap();
        let debug = format!("{c:?}");
        assert!(debug.contains("ACMCJ46ZLKSXHOXCRJDZ") && debug.contains("<redacted>"));
        assert!(!debug.contains("SOrCt62A") && !debug.contains("o6D01hdX"), "{debug}");
    }

    #[test]
    fn generated_keys_have_the_acmc_shape_and_differ() {
        let (id, secret) = generate_key();
        assert_eq!(id.len(), 20);
        assert!(id.starts_with("ACMC"));
        assert!(id[4..].bytes().all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b)), "{id}");
        assert_eq!(secret.expose().len(), 40);
        assert!(secret.expose().bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/'));
        let (id2, secret2) = generate_key();
        assert_ne!(id, id2);
        assert_ne!(secret, secret2);
    }

    #[test]
    fn a_missing_file_is_created_private_with_one_key_and_then_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("home/serve/credentials");
        let first = Credentials::load_or_create(&path).unwrap();
        assert!(first.created);
        assert!(first.warnings.is_empty());
        assert_eq!(first.credentials.len(), 1);
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        for d in [dir.path().join("home"), dir.path().join("home/serve")] {
            assert_eq!(std::fs::metadata(d).unwrap().permissions().mode() & 0o777, 0o700);
        }
        let again = Credentials::load_or_create(&path).unwrap();
        assert!(!again.created);
        assert_eq!(again.credentials.key_ids(), first.credentials.key_ids());
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn a_file_others_can_write_is_refused_and_one_they_can_read_warned_about() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("credentials");
        std::fs::write(&path, include_str!("testdata/credentials")).unwrap();
        for mode in [0o666, 0o620, 0o602] {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
            let err = Credentials::load(&path).unwrap_err();
            assert!(matches!(err, CredentialsError::Unsafe { .. }), "{mode:o}: {err}");
            assert!(err.to_string().contains("chmod 600"));
        }
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let loaded = Credentials::load(&path).unwrap();
        assert_eq!(loaded.warnings.len(), 1);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(Credentials::load(&path).unwrap().warnings.is_empty());
        assert!(matches!(Credentials::load(dir.path()), Err(CredentialsError::Unsafe { .. })));
    }
}
