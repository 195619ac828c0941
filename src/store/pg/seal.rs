//! Private keys sealed before they leave the process (STORE-ENGINES.md
//! §5.5): the database, its dumps and its replicas hold only ciphertext.
//!
//! **Envelope.** Each sealed value has a data key of its own (32 random
//! bytes) that encrypts it with AES-256-GCM; the data key is in turn
//! encrypted (wrapped) with AES-256-GCM under the *store key*, which only
//! the clients hold. Rotating the store key rewraps data keys
//! ([`StoreKeys::rewrap`]) without decrypting a private key.
//!
//! **Binding.** Both encryptions authenticate the context
//! `(store id, region, kind, resource id, version)` as associated data, so
//! a sealed value copied to another row, another version, another region
//! or another store does not open.
//!
//! **Layout** (100 bytes plus the plaintext):
//! ```text
//! "acs1" | key id (8) | wrap nonce (12) | wrapped data key (32 + 16 tag) | data nonce (12) | ciphertext + tag (16)
//! ```
//! The key id names the store key that wrapped the data key, so that a
//! value sealed under a retired key says which key it needs.
//!
//! **Store key file** ([`StoreKeys::load`]): either exactly 32 raw bytes,
//! or text with one key per line as 64 hexadecimal digits; the first line
//! is the current key (new seals use it), later lines are retired keys
//! still accepted for opening; blank lines and lines starting with `#` are
//! ignored. The file must be a regular file that neither group nor others
//! can read or write (0600 or 0400). `ACMCTL_STORE_KEY_FILE` names it; the
//! caller passes the path.
//!
//! **Key check.** `acmctl_meta.key_check` holds
//! `HMAC-SHA256(store key, "acmctl store key check v1")`, so that opening a
//! store with the wrong key file fails at once ([`StoreKeys::verify_check`])
//! rather than at the first key read.

use std::fmt;
use std::io::{Read, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use aws_lc_rs::{constant_time, hmac, rand};
use uuid::Uuid;
use zeroize::{Zeroize, Zeroizing};

const MAGIC: &[u8; 4] = b"acs1";
const KEY_LEN: usize = 32;
const KEY_ID_LEN: usize = 8;
const TAG_LEN: usize = 16;
const WRAPPED_LEN: usize = KEY_LEN + TAG_LEN;
const HEADER_LEN: usize = MAGIC.len() + KEY_ID_LEN + NONCE_LEN + WRAPPED_LEN + NONCE_LEN;
/// The shortest sealed value: an empty plaintext.
pub const MIN_SEALED_LEN: usize = HEADER_LEN + TAG_LEN;

const KEY_ID_LABEL: &[u8] = b"acmctl store key id v1";
const KEY_CHECK_LABEL: &[u8] = b"acmctl store key check v1";
const AAD_LABEL: &[u8] = b"acmctl seal v1\0";

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("cannot read the store key file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot create the store key file {}: {source}", path.display())]
    Create {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the store key file {} can be read or written by other users (mode {mode:o}): chmod 600 it", path.display())]
    Mode { path: PathBuf, mode: u32 },
    #[error("the store key file {} is not a regular file", path.display())]
    NotAFile { path: PathBuf },
    #[error(
        "the store key file {} is not a store key ({reason}): it holds 32 random bytes, or one key per line as 64 hexadecimal digits",
        path.display()
    )]
    Format { path: PathBuf, reason: String },
    #[error(
        "the store key file {} does not hold this store's key (key check mismatch): use the key file the store was created with",
        path.display()
    )]
    WrongStoreKey { path: PathBuf },
    #[error("{what} was sealed under store key {needed}, which the store key file does not hold")]
    KeyNotHeld { what: String, needed: String },
    #[error("{what} is damaged: {reason}")]
    Damaged { what: String, reason: &'static str },
    #[error("cannot seal {what}: the system's random number generator failed")]
    Random { what: String },
}

/// What a sealed value is the key of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealKind {
    Authority,
    Certificate,
}

impl SealKind {
    fn as_str(self) -> &'static str {
        match self {
            SealKind::Authority => "authority",
            SealKind::Certificate => "certificate",
        }
    }
}

/// The row a sealed value belongs to: authenticated, never stored in it.
#[derive(Debug, Clone, Copy)]
pub struct SealContext<'a> {
    pub store_id: Uuid,
    pub region: &'a str,
    pub kind: SealKind,
    /// The authority's or certificate's id.
    pub resource_id: Uuid,
    /// The certificate's version (1, 2, …); 0 for an authority.
    pub version: u32,
}

impl SealContext<'_> {
    fn aad(&self) -> Vec<u8> {
        let mut aad = Vec::with_capacity(AAD_LABEL.len() + 16 + self.region.len() + 16 + 40);
        aad.extend_from_slice(AAD_LABEL);
        aad.extend_from_slice(self.store_id.as_bytes());
        for part in [self.region.as_bytes(), self.kind.as_str().as_bytes()] {
            aad.extend_from_slice(&(part.len() as u32).to_be_bytes());
            aad.extend_from_slice(part);
        }
        aad.extend_from_slice(self.resource_id.as_bytes());
        aad.extend_from_slice(&self.version.to_be_bytes());
        aad
    }
}

impl fmt::Display for SealContext<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            SealKind::Authority => write!(f, "the sealed key of authority {} in {}", self.resource_id, self.region),
            SealKind::Certificate => write!(
                f,
                "the sealed key of certificate {} version {} in {}",
                self.resource_id, self.version, self.region
            ),
        }
    }
}

/// One store key. Its bytes are wiped when it is dropped.
pub struct StoreKey {
    bytes: Zeroizing<[u8; KEY_LEN]>,
    id: [u8; KEY_ID_LEN],
}

impl StoreKey {
    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> StoreKey {
        let bytes = Zeroizing::new(bytes);
        let tag = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, &bytes[..]), KEY_ID_LABEL);
        let mut id = [0; KEY_ID_LEN];
        id.copy_from_slice(&tag.as_ref()[..KEY_ID_LEN]);
        StoreKey { bytes, id }
    }

    /// A new random key.
    pub fn generate() -> Result<StoreKey, SealError> {
        let mut bytes = [0; KEY_LEN];
        rand::fill(&mut bytes).map_err(|_| SealError::Random { what: "a store key".into() })?;
        let key = StoreKey::from_bytes(bytes);
        bytes.zeroize();
        Ok(key)
    }

    /// The key's id, as messages and `acmctl_meta` show it: 16 hex digits.
    pub fn id_hex(&self) -> String {
        hex(&self.id)
    }

    pub fn id(&self) -> [u8; KEY_ID_LEN] {
        self.id
    }

    /// `HMAC-SHA256(key, "acmctl store key check v1")`, for `acmctl_meta.key_check`.
    pub fn check_value(&self) -> Vec<u8> {
        hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, &self.bytes[..]), KEY_CHECK_LABEL).as_ref().to_vec()
    }

    fn aead(&self) -> LessSafeKey {
        LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &self.bytes[..]).expect("a 32-byte AES-256 key"))
    }

    /// Writes this key as a new key file (64 hex digits and a newline, mode
    /// 0600). Refuses to replace an existing file.
    pub fn write_new_file(&self, path: &Path) -> Result<(), SealError> {
        let err = |source| SealError::Create { path: path.to_path_buf(), source };
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .open(path)
            .map_err(err)?;
        let mut text = Zeroizing::new(hex(&self.bytes[..]));
        text.push('\n');
        file.write_all(text.as_bytes()).map_err(err)?;
        file.sync_all().map_err(err)
    }
}

impl fmt::Debug for StoreKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoreKey").field("id", &self.id_hex()).finish_non_exhaustive()
    }
}

/// The keys of a store key file: the current one, then retired ones.
#[derive(Debug)]
pub struct StoreKeys {
    path: PathBuf,
    keys: Vec<StoreKey>,
}

impl StoreKeys {
    /// Reads a store key file (see the module documentation for its format).
    pub fn load(path: &Path) -> Result<StoreKeys, SealError> {
        let read_err = |source| SealError::Read { path: path.to_path_buf(), source };
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .open(path)
            .map_err(read_err)?;
        let meta = file.metadata().map_err(read_err)?;
        if !meta.is_file() {
            return Err(SealError::NotAFile { path: path.to_path_buf() });
        }
        if meta.mode() & 0o077 != 0 {
            return Err(SealError::Mode { path: path.to_path_buf(), mode: meta.mode() & 0o777 });
        }
        let mut bytes = Zeroizing::new(Vec::with_capacity(meta.len().min(1 << 16) as usize));
        Read::by_ref(&mut file).take(1 << 16).read_to_end(&mut bytes).map_err(read_err)?;
        Self::parse(path, &bytes)
    }

    /// The keys of a key file's contents; `path` is for messages.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<StoreKeys, SealError> {
        let bad = |reason: String| SealError::Format { path: path.to_path_buf(), reason };
        let mut keys = Vec::new();
        if bytes.len() == KEY_LEN {
            let mut raw = [0; KEY_LEN];
            raw.copy_from_slice(bytes);
            keys.push(StoreKey::from_bytes(raw));
            raw.zeroize();
        } else {
            let text = std::str::from_utf8(bytes).map_err(|_| bad(format!("{} bytes, not text", bytes.len())))?;
            for (n, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let mut raw = [0; KEY_LEN];
                if line.len() != 2 * KEY_LEN || !unhex(line, &mut raw) {
                    raw.zeroize();
                    return Err(bad(format!("line {} is not 64 hexadecimal digits", n + 1)));
                }
                keys.push(StoreKey::from_bytes(raw));
                raw.zeroize();
            }
        }
        if keys.is_empty() {
            return Err(bad("it holds no key".into()));
        }
        if keys.iter().any(|k| k.bytes.iter().all(|&b| b == 0)) {
            return Err(bad("a key is all zeros".into()));
        }
        Ok(StoreKeys { path: path.to_path_buf(), keys })
    }

    /// Keys held in memory only (tests, `store copy` between two stores).
    pub fn from_keys(path: &Path, keys: Vec<StoreKey>) -> StoreKeys {
        assert!(!keys.is_empty(), "a key ring has a current key");
        StoreKeys { path: path.to_path_buf(), keys }
    }

    /// The key new values are sealed under.
    pub fn current(&self) -> &StoreKey {
        &self.keys[0]
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Checks the store's `key_check` against the current key: a
    /// different key file fails here, before anything is sealed with it.
    pub fn verify_check(&self, stored: &[u8]) -> Result<(), SealError> {
        constant_time::verify_slices_are_equal(&self.current().check_value(), stored)
            .map_err(|_| SealError::WrongStoreKey { path: self.path.clone() })
    }

    /// Seals `plaintext` for the row `ctx` under the current key.
    pub fn seal(&self, plaintext: &[u8], ctx: &SealContext<'_>) -> Result<Vec<u8>, SealError> {
        let random = || SealError::Random { what: ctx.to_string() };
        let key = self.current();
        let aad = ctx.aad();

        let mut data_key = Zeroizing::new([0u8; KEY_LEN]);
        let mut wrap_nonce = [0u8; NONCE_LEN];
        let mut data_nonce = [0u8; NONCE_LEN];
        rand::fill(&mut data_key[..]).map_err(|_| random())?;
        rand::fill(&mut wrap_nonce).map_err(|_| random())?;
        rand::fill(&mut data_nonce).map_err(|_| random())?;

        let mut out = Vec::with_capacity(HEADER_LEN + plaintext.len() + TAG_LEN);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&key.id);
        out.extend_from_slice(&wrap_nonce);
        let wrapped_at = out.len();
        out.extend_from_slice(&data_key[..]);
        let wrap_aad = wrap_aad(&out[..MAGIC.len() + KEY_ID_LEN], &aad);
        let tag = key
            .aead()
            .seal_in_place_separate_tag(
                Nonce::assume_unique_for_key(wrap_nonce),
                Aad::from(&wrap_aad),
                &mut out[wrapped_at..],
            )
            .map_err(|_| random())?;
        out.extend_from_slice(tag.as_ref());
        out.extend_from_slice(&data_nonce);
        let data_at = out.len();
        out.extend_from_slice(plaintext);
        let data = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &data_key[..]).expect("a 32-byte key"));
        let tag = data
            .seal_in_place_separate_tag(Nonce::assume_unique_for_key(data_nonce), Aad::from(&aad), &mut out[data_at..])
            .map_err(|_| random())?;
        out.extend_from_slice(tag.as_ref());
        Ok(out)
    }

    /// Opens a value sealed for the row `ctx`, under whichever held key
    /// its key id names.
    pub fn open(&self, sealed: &[u8], ctx: &SealContext<'_>) -> Result<Zeroizing<Vec<u8>>, SealError> {
        let aad = ctx.aad();
        let (data_key, rest) = self.unwrap_data_key(sealed, ctx, &aad)?;
        let (data_nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let data = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &data_key[..]).expect("a 32-byte key"));
        let mut buf = Zeroizing::new(ciphertext.to_vec());
        let nonce = Nonce::try_assume_unique_for_key(data_nonce).expect("NONCE_LEN bytes");
        let len = data
            .open_in_place(nonce, Aad::from(&aad), &mut buf[..])
            .map_err(|_| SealError::Damaged { what: ctx.to_string(), reason: DAMAGED })?
            .len();
        buf.truncate(len);
        Ok(buf)
    }

    /// The same value with its data key wrapped under the current key:
    /// key rotation without touching the private key itself.
    pub fn rewrap(&self, sealed: &[u8], ctx: &SealContext<'_>) -> Result<Vec<u8>, SealError> {
        let aad = ctx.aad();
        let (data_key, rest) = self.unwrap_data_key(sealed, ctx, &aad)?;
        let key = self.current();
        let mut wrap_nonce = [0u8; NONCE_LEN];
        rand::fill(&mut wrap_nonce).map_err(|_| SealError::Random { what: ctx.to_string() })?;
        let mut out = Vec::with_capacity(sealed.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&key.id);
        out.extend_from_slice(&wrap_nonce);
        let wrapped_at = out.len();
        out.extend_from_slice(&data_key[..]);
        let wrap_aad = wrap_aad(&out[..MAGIC.len() + KEY_ID_LEN], &aad);
        let tag = key
            .aead()
            .seal_in_place_separate_tag(
                Nonce::assume_unique_for_key(wrap_nonce),
                Aad::from(&wrap_aad),
                &mut out[wrapped_at..],
            )
            .map_err(|_| SealError::Random { what: ctx.to_string() })?;
        out.extend_from_slice(tag.as_ref());
        out.extend_from_slice(rest);
        Ok(out)
    }

    /// The id of the key `sealed` was wrapped under, if it is a sealed value.
    pub fn key_id_of(sealed: &[u8]) -> Option<String> {
        (sealed.len() >= MIN_SEALED_LEN && &sealed[..4] == MAGIC).then(|| hex(&sealed[4..4 + KEY_ID_LEN]))
    }

    /// The data key, and what follows the wrapped key (data nonce, ciphertext).
    fn unwrap_data_key<'s>(
        &self,
        sealed: &'s [u8],
        ctx: &SealContext<'_>,
        aad: &[u8],
    ) -> Result<(Zeroizing<[u8; KEY_LEN]>, &'s [u8]), SealError> {
        let damaged = |reason| SealError::Damaged { what: ctx.to_string(), reason };
        if sealed.len() < MAGIC.len() || &sealed[..MAGIC.len()] != MAGIC {
            return Err(damaged("it is not sealed data of a format this acmctl knows"));
        }
        if sealed.len() < MIN_SEALED_LEN {
            return Err(damaged("it is truncated"));
        }
        let (header, rest) = sealed.split_at(MAGIC.len() + KEY_ID_LEN);
        let key_id = &header[MAGIC.len()..];
        let key = self
            .keys
            .iter()
            .find(|k| k.id == key_id)
            .ok_or_else(|| SealError::KeyNotHeld { what: ctx.to_string(), needed: hex(key_id) })?;
        let (wrap_nonce, rest) = rest.split_at(NONCE_LEN);
        let (wrapped, rest) = rest.split_at(WRAPPED_LEN);
        let wrap_aad = wrap_aad(header, aad);
        let mut buf = Zeroizing::new([0u8; WRAPPED_LEN]);
        buf.copy_from_slice(wrapped);
        let nonce = Nonce::try_assume_unique_for_key(wrap_nonce).expect("NONCE_LEN bytes");
        let plain =
            key.aead().open_in_place(nonce, Aad::from(&wrap_aad), &mut buf[..]).map_err(|_| damaged(DAMAGED))?;
        let mut data_key = Zeroizing::new([0u8; KEY_LEN]);
        data_key.copy_from_slice(plain);
        Ok((data_key, rest))
    }
}

const DAMAGED: &str = "it does not open under its row (altered, truncated, or copied from another row)";

fn wrap_aad(header: &[u8], aad: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(header.len() + aad.len());
    v.extend_from_slice(header);
    v.extend_from_slice(aad);
    v
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

fn unhex(text: &str, out: &mut [u8]) -> bool {
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let bytes = text.as_bytes();
    if bytes.len() != out.len() * 2 {
        return false;
    }
    for (i, pair) in bytes.chunks(2).enumerate() {
        match (digit(pair[0]), digit(pair[1])) {
            (Some(h), Some(l)) => out[i] = h << 4 | l,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    const PEM: &[u8] = b"-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n";

    fn ctx(store_id: Uuid, resource_id: Uuid, version: u32) -> SealContext<'static> {
        SealContext { store_id, region: "us-east-1", kind: SealKind::Certificate, resource_id, version }
    }

    fn ring() -> StoreKeys {
        StoreKeys::from_keys(Path::new("test.key"), vec![StoreKey::generate().unwrap()])
    }

    #[test]
    fn round_trip() {
        let keys = ring();
        let c = ctx(Uuid::new_v4(), Uuid::new_v4(), 1);
        let sealed = keys.seal(PEM, &c).unwrap();
        assert_eq!(sealed.len(), MIN_SEALED_LEN + PEM.len());
        assert!(!sealed.windows(10).any(|w| w == b"PRIVATE KE"), "ciphertext only");
        assert_eq!(&keys.open(&sealed, &c).unwrap()[..], PEM);
        assert_ne!(keys.seal(PEM, &c).unwrap(), sealed, "fresh data key and nonces each time");
        assert_eq!(&keys.open(&keys.seal(b"", &c).unwrap(), &c).unwrap()[..], b"");
        assert_eq!(StoreKeys::key_id_of(&sealed), Some(keys.current().id_hex()));
    }

    #[test]
    fn wrong_key() {
        let (a, b) = (ring(), ring());
        let c = ctx(Uuid::new_v4(), Uuid::new_v4(), 1);
        let sealed = a.seal(PEM, &c).unwrap();
        let e = b.open(&sealed, &c).unwrap_err();
        assert!(matches!(&e, SealError::KeyNotHeld { needed, .. } if *needed == a.current().id_hex()), "{e}");
        // A key id forged to b's: b's key does not open a's wrapping.
        let mut forged = sealed.clone();
        forged[4..12].copy_from_slice(&b.current().id());
        assert!(matches!(b.open(&forged, &c), Err(SealError::Damaged { .. })));
        // The key check tells the keys apart before any row is read.
        a.verify_check(&a.current().check_value()).unwrap();
        assert!(matches!(b.verify_check(&a.current().check_value()), Err(SealError::WrongStoreKey { .. })));
        assert!(matches!(b.verify_check(&[]), Err(SealError::WrongStoreKey { .. })));
    }

    #[test]
    fn bound_to_its_row() {
        let keys = ring();
        let (store, id) = (Uuid::new_v4(), Uuid::new_v4());
        let c = ctx(store, id, 2);
        let sealed = keys.seal(PEM, &c).unwrap();
        let others = [
            ctx(Uuid::new_v4(), id, 2),
            ctx(store, Uuid::new_v4(), 2),
            ctx(store, id, 1),
            ctx(store, id, 3),
            SealContext { region: "eu-west-1", ..c },
            SealContext { kind: SealKind::Authority, ..c },
        ];
        for other in others {
            let e = keys.open(&sealed, &other).unwrap_err();
            assert!(matches!(e, SealError::Damaged { .. }), "{other:?}: {e}");
        }
    }

    #[test]
    fn truncated_or_altered() {
        let keys = ring();
        let c = ctx(Uuid::new_v4(), Uuid::new_v4(), 1);
        let sealed = keys.seal(PEM, &c).unwrap();
        for len in [0, 3, 4, 50, MIN_SEALED_LEN - 1, MIN_SEALED_LEN, sealed.len() - 1] {
            let e = keys.open(&sealed[..len], &c).unwrap_err();
            assert!(matches!(e, SealError::Damaged { .. }), "{len}: {e}");
        }
        let mut longer = sealed.clone();
        longer.push(0);
        assert!(matches!(keys.open(&longer, &c), Err(SealError::Damaged { .. })));
        for i in (0..sealed.len()).step_by(7).chain([sealed.len() - 1]) {
            let mut altered = sealed.clone();
            altered[i] ^= 0x01;
            let e = keys.open(&altered, &c).unwrap_err();
            // Bytes 4..12 are the key id: altered, it names a key not held.
            assert!(matches!(e, SealError::Damaged { .. } | SealError::KeyNotHeld { .. }), "byte {i}: {e}");
        }
        let e = keys.open(&sealed[..3], &c).unwrap_err();
        assert!(e.to_string().contains(&c.resource_id.to_string()), "{e}");
    }

    #[test]
    fn rotation() {
        let old = StoreKey::generate().unwrap();
        let old_id = old.id_hex();
        let c = ctx(Uuid::new_v4(), Uuid::new_v4(), 1);
        let before = StoreKeys::from_keys(Path::new("k"), vec![old]);
        let sealed = before.seal(PEM, &c).unwrap();
        // The new file: a new current key, the old one retired below it.
        let new = StoreKey::generate().unwrap();
        let text = format!("# rotated\n{}\n\n{}\n", hex(&new.bytes[..]), hex(&before.current().bytes[..]));
        let after = StoreKeys::parse(Path::new("k"), text.as_bytes()).unwrap();
        assert_eq!(after.current().id_hex(), new.id_hex());
        assert_eq!(&after.open(&sealed, &c).unwrap()[..], PEM, "retired keys still open");
        let rewrapped = after.rewrap(&sealed, &c).unwrap();
        assert_eq!(StoreKeys::key_id_of(&rewrapped), Some(new.id_hex()));
        assert_eq!(&sealed[HEADER_LEN - NONCE_LEN..], &rewrapped[HEADER_LEN - NONCE_LEN..], "the payload is untouched");
        let only_new = StoreKeys::from_keys(Path::new("k"), vec![new]);
        assert_eq!(&only_new.open(&rewrapped, &c).unwrap()[..], PEM);
        assert!(matches!(only_new.open(&sealed, &c), Err(SealError::KeyNotHeld { needed, .. }) if needed == old_id));
    }

    #[test]
    fn key_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.key");
        let key = StoreKey::generate().unwrap();
        key.write_new_file(&path).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().mode() & 0o777, 0o600);
        assert!(matches!(key.write_new_file(&path), Err(SealError::Create { .. })), "never replaced");
        let loaded = StoreKeys::load(&path).unwrap();
        assert_eq!(loaded.current().id_hex(), key.id_hex());
        assert_eq!(format!("{loaded:?}").matches(&hex(&key.bytes[..])).count(), 0, "Debug shows no key");

        let raw = dir.path().join("raw.key");
        std::fs::write(&raw, [7u8; 32]).unwrap();
        std::fs::set_permissions(&raw, std::fs::Permissions::from_mode(0o400)).unwrap();
        assert_eq!(StoreKeys::load(&raw).unwrap().current().id_hex(), StoreKey::from_bytes([7; 32]).id_hex());

        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        assert!(matches!(StoreKeys::load(&path), Err(SealError::Mode { mode: 0o640, .. })));
        let bad = |text: &[u8]| StoreKeys::parse(Path::new("k"), text).unwrap_err();
        assert!(matches!(bad(b""), SealError::Format { .. }));
        assert!(matches!(bad(b"# only a comment\n"), SealError::Format { .. }));
        assert!(matches!(bad(b"abcd\n"), SealError::Format { .. }));
        assert!(matches!(bad(format!("{}\n", "g".repeat(64)).as_bytes()), SealError::Format { .. }));
        assert!(matches!(bad(&[0u8; 32]), SealError::Format { .. }));
        assert!(matches!(bad(&[0xffu8; 33]), SealError::Format { .. }));
        let e = bad(format!("{}\nzz\n", "a".repeat(64)).as_bytes());
        assert!(e.to_string().contains("line 2"), "{e}");
        assert!(matches!(StoreKeys::load(&dir.path().join("none")), Err(SealError::Read { .. })));
        assert!(matches!(StoreKeys::load(dir.path()), Err(SealError::NotAFile { .. })));
    }
}
