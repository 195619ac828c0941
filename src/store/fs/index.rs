//! The region index, `regions/REGION/index`: one line per certificate with
//! what `cert list`, `--expiring-within` and a renewal sweep need, so that
//! they do not open every record. It is derived from the records and never
//! trusted blindly:
//!
//! - Writers (all under the region lock, inside `RegionStore`'s certificate
//!   functions) append to it. A record that is changed in place is first
//!   announced by a synced `p` ("pending") line; the new summary follows in
//!   a `c` line once the record is written. A `p` line without a later `c`
//!   or `d` line for the same certificate is what a crash in between
//!   leaves: readers reload that one record.
//! - Records that appear or disappear (a create or delete cut short, or a
//!   person adding or removing a directory) are found by comparing the
//!   index with the directory listing of `certificates/`, which every read
//!   does; it costs one `readdir`.
//! - A line that does not end in a newline is a write in progress (or cut
//!   short by a crash) and is ignored; a damaged line makes the index be
//!   rebuilt from the records.
//!
//! Whenever a reader had to repair something, and the lock is free, it
//! writes the repaired index back (compacted). Writers compact it once the
//! appended lines outweigh the compacted part.

use std::collections::{HashMap, HashSet};
use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use time::OffsetDateTime;
use uuid::Uuid;

use super::RegionStore;
use crate::fsx;
use crate::model::arn::{ResourceArn, ResourceKind};
use crate::model::{AccountId, CertificateArn, Region, Summary};
use crate::store::{StoreError, StoreResult};

pub const INDEX_FILE: &str = "index";
const MAGIC: &str = "acmctl-index";
const VERSION: u32 = 1;
/// Fields of a `c` line, before its checksum.
const FIELDS: usize = 16;

impl Summary {
    fn line(&self) -> String {
        let flags = format!(
            "{}{}{}",
            if self.in_use { "u" } else { "" },
            if self.exported { "e" } else { "" },
            if self.has_authority { "a" } else { "" }
        );
        let body = [
            "c".to_string(),
            self.arn.id().hyphenated().to_string(),
            self.cert_type.as_str().into(),
            self.status.as_str().into(),
            self.key_algorithm.as_str().into(),
            self.version.to_string(),
            if flags.is_empty() { "-".into() } else { flags },
            time_field(Some(self.created_at)),
            time_field(self.not_before),
            time_field(self.not_after),
            time_field(self.issued_at),
            time_field(self.imported_at),
            time_field(self.revoked_at),
            escape(&self.domain_name),
            self.subject_alternative_names.iter().map(|n| escape(n)).collect::<Vec<_>>().join(","),
            self.serial.as_deref().map(escape).unwrap_or_else(|| "-".into()),
        ]
        .join("\t");
        seal(body)
    }

    fn parse(fields: &[&str], region: Region, account: AccountId) -> Option<Summary> {
        let [_, id, ty, status, key, version, flags, created, nb, na, issued, imported, revoked, domain, sans, serial] =
            fields
        else {
            return None;
        };
        let id = Uuid::try_parse(id).ok()?;
        let arn = CertificateArn(ResourceArn { kind: ResourceKind::Certificate, region, account, id });
        Some(Summary {
            arn,
            cert_type: ty.parse().ok()?,
            status: status.parse().ok()?,
            key_algorithm: key.parse().ok()?,
            version: version.parse().ok()?,
            in_use: flags.contains('u'),
            exported: flags.contains('e'),
            has_authority: flags.contains('a'),
            created_at: parse_time(created)??,
            not_before: parse_time(nb)?,
            not_after: parse_time(na)?,
            issued_at: parse_time(issued)?,
            imported_at: parse_time(imported)?,
            revoked_at: parse_time(revoked)?,
            domain_name: unescape(domain)?,
            subject_alternative_names: if sans.is_empty() {
                Vec::new()
            } else {
                sans.split(',').map(unescape).collect::<Option<Vec<_>>>()?
            },
            serial: if *serial == "-" { None } else { Some(unescape(serial)?) },
        })
    }
}

fn time_field(t: Option<OffsetDateTime>) -> String {
    t.map(|t| t.unix_timestamp_nanos().to_string()).unwrap_or_else(|| "-".into())
}

/// `None` if the field is damaged, `Some(None)` for "no time".
fn parse_time(s: &str) -> Option<Option<OffsetDateTime>> {
    if s == "-" {
        return Some(None);
    }
    // Most times fit in 64 bits of nanoseconds, which parse faster.
    let nanos: i128 = match s.parse::<i64>() {
        Ok(n) => n.into(),
        Err(_) => s.parse().ok()?,
    };
    OffsetDateTime::from_unix_timestamp_nanos(nanos).ok().map(Some)
}

/// Names come from certificates too (imports), so the separators are escaped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' | '\t' | '\n' | '\r' | ',' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn unescape(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_string());
    }
    let mut out = Vec::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// FNV-1a, so that a line torn or zero-filled by a crash is not taken for
/// a valid one.
fn checksum(s: &str) -> u32 {
    let mut h: u32 = 0x811c9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x01000193);
    }
    h
}

fn seal(body: String) -> String {
    let sum = checksum(&body);
    format!("{body}\t{sum:08x}\n")
}

fn unseal(line: &str) -> Option<&str> {
    let (body, sum) = line.rsplit_once('\t')?;
    (u32::from_str_radix(sum, 16).ok()? == checksum(body)).then_some(body)
}

/// Certificate ids are random UUIDs: their own bytes are a good hash, and
/// far cheaper than SipHash over a region's worth of them.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
}

pub type IdMap<V> = HashMap<Uuid, V, std::hash::BuildHasherDefault<IdHasher>>;
pub type IdSet = HashSet<Uuid, std::hash::BuildHasherDefault<IdHasher>>;

/// The index as read from its file, before it is compared with the records.
#[derive(Debug, Default)]
pub struct Loaded {
    /// In the order of the file (which is nearly the order of creation),
    /// `None` where a later line removed the entry.
    pub entries: Vec<Summary>,
    live: Vec<bool>,
    pub positions: IdMap<usize>,
    /// Announced changes with no outcome recorded after them.
    pub pending: IdSet,
    /// The file ends in the middle of a line.
    pub torn: bool,
    /// Bytes of lines appended since the index was last compacted.
    pub appended: u64,
}

impl Loaded {
    pub fn insert(&mut self, id: Uuid, s: Summary) {
        match self.positions.get(&id) {
            Some(&i) => self.entries[i] = s,
            None => {
                self.positions.insert(id, self.entries.len());
                self.entries.push(s);
                self.live.push(true);
            }
        }
    }

    pub fn remove(&mut self, id: &Uuid) {
        if let Some(i) = self.positions.remove(id) {
            self.live[i] = false;
        }
    }

    pub fn get(&self, id: &Uuid) -> Option<&Summary> {
        self.positions.get(id).map(|&i| &self.entries[i])
    }

    /// The live entries, in place (a region's worth is not copied).
    pub fn into_summaries(self) -> Vec<Summary> {
        let Loaded { mut entries, live, .. } = self;
        let mut i = 0;
        entries.retain(|_| {
            i += 1;
            live[i - 1]
        });
        entries
    }
}

/// Why the index cannot be used as it is.
pub enum Unusable {
    Missing,
    Damaged(String),
}

fn header(compacted_len: u64) -> String {
    format!("{MAGIC}\t{VERSION}\t{compacted_len:020}\n")
}

fn parse_header(line: &str) -> Option<u64> {
    let mut parts = line.trim_end_matches('\n').split('\t');
    if parts.next()? != MAGIC || parts.next()?.parse::<u32>().ok()? != VERSION {
        return None;
    }
    parts.next()?.parse().ok()
}

/// The longest line an index holds: a summary of 100 names of 253
/// characters, escaped, is well within it.
const MAX_LINE: usize = 256 << 10;

/// Reads the index at `path`. `expected` is how many certificates the
/// region's directory holds: the reader reserves room for that many, and
/// takes an index that lists far more than that for damaged (to be rebuilt
/// from the records) rather than holding it all.
pub fn read(path: &Path, rs: &RegionStore, expected: usize) -> StoreResult<Result<Loaded, Unusable>> {
    let file = match OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Err(Unusable::Missing)),
        Err(e) => return Err(fsx::open_error("open", path)(e)),
    };
    fsx::check_owner(path, &file.metadata().map_err(StoreError::io("inspect", path))?)?;
    parse_from(BufReader::with_capacity(1 << 16, file), rs.region, rs.account, expected)
        .map_err(|e| StoreError::io("read", path)(e))
}

/// Reads an index from its bytes (for fuzzing and tests).
pub fn parse(bytes: &[u8], region: Region, account: AccountId) -> Result<Loaded, Unusable> {
    match parse_from(bytes, region, account, 0) {
        Ok(r) => r,
        Err(e) => Err(Unusable::Damaged(e.to_string())),
    }
}

/// One line, at most `MAX_LINE` bytes and its newline: `Ok(None)` at the
/// end of the file.
fn next_line(reader: &mut impl BufRead, line: &mut Vec<u8>) -> std::io::Result<Option<usize>> {
    line.clear();
    let n = reader.by_ref().take(MAX_LINE as u64 + 1).read_until(b'\n', line)?;
    Ok((n > 0).then_some(n))
}

fn parse_from(
    mut reader: impl BufRead,
    region: Region,
    account: AccountId,
    expected: usize,
) -> std::io::Result<Result<Loaded, Unusable>> {
    let damaged = |why: String| Ok(Err(Unusable::Damaged(why)));
    let mut line = Vec::with_capacity(512);
    if next_line(&mut reader, &mut line)?.is_none() {
        return damaged("it is empty".into());
    }
    let Some(compacted_len) = std::str::from_utf8(&line).ok().and_then(parse_header) else {
        return damaged("its first line is not an acmctl index header".into());
    };
    let mut loaded = Loaded::default();
    // Room for what the region holds; more grows as it comes.
    loaded.entries.reserve(expected);
    loaded.live.reserve(expected);
    loaded.positions.reserve(expected);
    let plausible = expected.saturating_mul(2).saturating_add(10_000);
    let mut offset = line.len() as u64;
    let mut number = 1;
    while let Some(n) = next_line(&mut reader, &mut line)? {
        number += 1;
        offset += n as u64;
        if line.last() != Some(&b'\n') {
            if n > MAX_LINE {
                return damaged(format!("line {number} is longer than any summary"));
            }
            loaded.torn = true;
            break;
        }
        let Ok(text) = std::str::from_utf8(&line[..line.len() - 1]) else {
            return damaged(format!("line {number} is not UTF-8"));
        };
        let Some(body) = unseal(text) else {
            return damaged(format!("line {number} is damaged"));
        };
        let mut slots = [""; FIELDS];
        let mut count = 0;
        for f in body.split('\t') {
            if count == FIELDS {
                count += 1;
                break;
            }
            slots[count] = f;
            count += 1;
        }
        let fields = &slots[..count.min(FIELDS)];
        if count > FIELDS {
            return damaged(format!("line {number} is damaged"));
        }
        let id = fields.get(1).and_then(|id| Uuid::try_parse(id).ok());
        match (fields[0], id) {
            ("c", Some(id)) => match Summary::parse(fields, region, account) {
                Some(s) => {
                    loaded.pending.remove(&id);
                    loaded.insert(id, s);
                }
                None => return damaged(format!("line {number} is damaged")),
            },
            ("p", Some(id)) if fields.len() == 2 => {
                loaded.pending.insert(id);
            }
            ("d", Some(id)) if fields.len() == 2 => {
                loaded.pending.remove(&id);
                loaded.remove(&id);
            }
            _ => return damaged(format!("line {number} is damaged")),
        }
        if loaded.entries.len() > plausible {
            return damaged(format!("it lists more than {plausible} certificates, and the region holds {expected}"));
        }
    }
    loaded.appended = offset.saturating_sub(compacted_len);
    Ok(Ok(loaded))
}

/// Certificate ids that have a directory in `certificates/`.
pub fn record_ids(dir: &Path) -> StoreResult<IdSet> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(IdSet::default()),
        Err(e) => return Err(StoreError::io("read directory", dir)(e)),
    };
    let mut ids = IdSet::default();
    for entry in entries {
        let entry = entry.map_err(StoreError::io("read directory", dir))?;
        let name = entry.file_name();
        if let Some(id) = name.to_str().filter(|n| !fsx::is_temp_name(n)).and_then(|n| Uuid::try_parse(n).ok()) {
            ids.insert(id);
        }
    }
    Ok(ids)
}

/// What a reader found out of date in the index.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Staleness {
    pub missing: Vec<Uuid>,
    pub vanished: Vec<Uuid>,
    pub pending: Vec<Uuid>,
    pub torn: bool,
}

impl Staleness {
    pub fn is_fresh(&self) -> bool {
        self.missing.is_empty() && self.vanished.is_empty() && self.pending.is_empty() && !self.torn
    }

    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.missing.is_empty() {
            parts.push(format!("{} certificates are missing from it", self.missing.len()));
        }
        if !self.vanished.is_empty() {
            parts.push(format!("{} certificates listed in it no longer exist", self.vanished.len()));
        }
        if !self.pending.is_empty() {
            parts.push(format!("{} changes were interrupted before it was updated", self.pending.len()));
        }
        if self.torn {
            parts.push("its last line was cut short".into());
        }
        parts.join("; ")
    }
}

/// Compares the index with the directory listing; `loaded` keeps only the
/// entries that still have a record.
pub fn staleness(loaded: &mut Loaded, ids: &IdSet) -> Staleness {
    let mut st = Staleness { torn: loaded.torn, ..Staleness::default() };
    st.vanished = loaded.positions.keys().filter(|id| !ids.contains(id)).copied().collect();
    for id in &st.vanished {
        loaded.remove(id);
    }
    st.missing = ids.iter().filter(|id| !loaded.positions.contains_key(id)).copied().collect();
    st.pending =
        loaded.pending.iter().filter(|id| ids.contains(id) && loaded.positions.contains_key(id)).copied().collect();
    st
}

/// Writes a compacted index in place of the old one (the lock is held).
pub fn write(path: &Path, summaries: &[&Summary]) -> StoreResult<()> {
    let mut body = String::with_capacity(summaries.len() * 256);
    for s in summaries {
        body.push_str(&s.line());
    }
    // The number is of fixed width, so the header's own length is known.
    let head = header(header(0).len() as u64 + body.len() as u64);
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body.as_bytes());
    fsx::write_atomic(path, &bytes, fsx::FILE_MODE)
}

/// What `append` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Appended {
    Yes,
    /// There is no index (the next write or reader builds one).
    NoIndex,
    /// The index has another name (a hard link, as `cp -al` makes for a
    /// backup), which an append would change too: nothing was written, and
    /// the caller writes a new index in its place.
    Shared,
}

/// Appends lines (the lock is held). With `sync`, they are durable before
/// this returns: `p` lines must be, before the record changes.
pub fn append(path: &Path, lines: &str, sync: bool) -> StoreResult<Appended> {
    use std::os::unix::fs::MetadataExt;
    let mut file = match OpenOptions::new().read(true).append(true).custom_flags(libc::O_NOFOLLOW).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Appended::NoIndex),
        Err(e) => return Err(fsx::open_error("open", path)(e)),
    };
    let io = |e| StoreError::io("append to", path)(e);
    let meta = file.metadata().map_err(io)?;
    fsx::check_owner(path, &meta)?;
    if meta.nlink() > 1 {
        return Ok(Appended::Shared);
    }
    let len = meta.len();
    // A crash in the middle of an append leaves a partial last line; it
    // describes nothing that happened (see the module notes), so cut it off
    // before appending after it.
    if len > 0 && last_byte(&mut file).map_err(io)? != b'\n' {
        let keep = end_of_last_line(&mut file, len).map_err(io)?;
        file.set_len(keep).map_err(io)?;
    }
    file.write_all(lines.as_bytes()).map_err(io)?;
    if sync {
        file.sync_data().map_err(io)?;
    }
    Ok(Appended::Yes)
}

fn last_byte(file: &mut File) -> std::io::Result<u8> {
    file.seek(SeekFrom::End(-1))?;
    let mut b = [0u8];
    file.read_exact(&mut b)?;
    Ok(b[0])
}

fn end_of_last_line(file: &mut File, len: u64) -> std::io::Result<u64> {
    let mut buf = vec![0u8; 1 << 16];
    let mut end = len;
    while end > 0 {
        let start = end.saturating_sub(buf.len() as u64);
        file.seek(SeekFrom::Start(start))?;
        let chunk = &mut buf[..(end - start) as usize];
        file.read_exact(chunk)?;
        if let Some(i) = chunk.iter().rposition(|&b| b == b'\n') {
            return Ok(start + i as u64 + 1);
        }
        end = start;
    }
    Ok(0)
}

/// Bytes of the index past its compacted part, read from the header only.
pub fn appended_bytes(path: &Path) -> StoreResult<Option<u64>> {
    let file = match OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io("open", path)(e)),
    };
    let len = file.metadata().map_err(StoreError::io("inspect", path))?.len();
    let mut line = String::new();
    let _ = BufReader::with_capacity(128, file).take(128).read_line(&mut line);
    Ok(parse_header(&line).map(|c| len.saturating_sub(c)))
}

pub fn pending_line(id: Uuid) -> String {
    seal(format!("p\t{}", id.hyphenated()))
}

pub fn deleted_line(id: Uuid) -> String {
    seal(format!("d\t{}", id.hyphenated()))
}

pub fn summary_line(s: &Summary) -> String {
    s.line()
}
