//! The canonical request of SigV4, built from the request as received:
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html>,
//! with botocore's `auth.py` as the reference where the page is vague.

use std::fmt::Write as _;

use crate::serve::http::Request;

/// RFC 3986's unreserved characters, which SigV4 never encodes.
fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// Percent-encodes every byte but the unreserved ones (and `/` when
/// `keep_slash`), upper-case hex, as AWS's `UriEncode`.
pub fn uri_encode(bytes: &[u8], keep_slash: bool, out: &mut String) {
    for &b in bytes {
        if unreserved(b) || (keep_slash && b == b'/') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// Decodes `%XX` escapes; a `%` not followed by two hex digits stays as is.
pub fn percent_decode(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = bytes.get(i + 1..i + 3)
            && let Ok(hex) = std::str::from_utf8(hex)
            && let Ok(b) = u8::from_str_radix(hex, 16)
            && hex.bytes().all(|c| c.is_ascii_hexdigit())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// RFC 3986 §5.2.4 dot-segment removal; AWS services also drop empty
/// segments (botocore's `remove_dot_segments`).
pub fn normalize_path(path: &str) -> String {
    if path.is_empty() {
        return "/".into();
    }
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let first = if path.starts_with('/') { "/" } else { "" };
    let last = if path.ends_with('/') && !segments.is_empty() { "/" } else { "" };
    let path = format!("{first}{}{last}", segments.join("/"));
    // A relative path that cancels out (`a/..`) is the root, as an empty one.
    if path.is_empty() { "/".into() } else { path }
}

/// The canonical URI: the path as received (still percent-encoded),
/// normalised, then encoded again, as every service but S3 expects.
pub fn canonical_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 8);
    uri_encode(normalize_path(path).as_bytes(), true, &mut out);
    out
}

/// The canonical query: each name and value decoded and encoded again,
/// sorted by name and then value.
pub fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let (mut n, mut v) = (String::new(), String::new());
            uri_encode(&percent_decode(name), false, &mut n);
            uri_encode(&percent_decode(value), false, &mut v);
            (n, v)
        })
        .collect();
    pairs.sort();
    let mut out = String::new();
    for (i, (n, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        let _ = write!(out, "{n}={v}");
    }
    out
}

/// Trimall: leading and trailing whitespace dropped, runs of it made one
/// space (botocore: `' '.join(value.split())`).
pub fn trimall(value: &[u8], out: &mut Vec<u8>) {
    let mut words = value.split(|b| matches!(b, b' ' | b'\t' | b'\x0b' | b'\x0c')).filter(|w| !w.is_empty());
    if let Some(first) = words.next() {
        out.extend_from_slice(first);
        for w in words {
            out.push(b' ');
            out.extend_from_slice(w);
        }
    }
}

/// The canonical request for `signed_headers`, each with its received
/// values (trimmed, joined by `,`); a listed header the request lacks has an
/// empty value, as AWS computes it.
pub fn canonical_request(request: &Request, signed_headers: &[&str], payload_hash: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(512);
    out.extend_from_slice(request.method.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(canonical_uri(request.path()).as_bytes());
    out.push(b'\n');
    out.extend_from_slice(canonical_query(request.query()).as_bytes());
    out.push(b'\n');
    for name in signed_headers {
        out.extend_from_slice(name.as_bytes());
        out.push(b':');
        for (i, value) in request.headers_named(name).enumerate() {
            if i > 0 {
                out.push(b',');
            }
            trimall(value, &mut out);
        }
        out.push(b'\n');
    }
    out.push(b'\n');
    out.extend_from_slice(signed_headers.join(";").as_bytes());
    out.push(b'\n');
    out.extend_from_slice(payload_hash.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised_and_encoded_twice() {
        assert_eq!(canonical_uri(""), "/");
        assert_eq!(canonical_uri("/"), "/");
        assert_eq!(canonical_uri("/a/./b/../"), "/a/");
        assert_eq!(canonical_uri("//a//b"), "/a/b");
        assert_eq!(canonical_uri("/../.."), "/");
        assert_eq!(normalize_path("b/../"), "/");
        assert_eq!(canonical_uri("/a b/%20c~"), "/a%20b/%2520c~");
    }

    #[test]
    fn queries_are_decoded_encoded_and_sorted() {
        assert_eq!(canonical_query(""), "");
        assert_eq!(canonical_query("b=2&a=1%20x&a=0"), "a=0&a=1%20x&b=2");
        assert_eq!(canonical_query("Action=ListUsers&Version=2010-05-08"), "Action=ListUsers&Version=2010-05-08");
        assert_eq!(canonical_query("x&&y=%2f&z=a+b"), "x=&y=%2F&z=a%2Bb");
        assert_eq!(canonical_query("bad=%zz%4"), "bad=%25zz%254");
    }

    #[test]
    fn header_values_are_trimmed_all() {
        let mut out = Vec::new();
        trimall(b"  security \t  team  ", &mut out);
        assert_eq!(out, b"security team");
        out.clear();
        trimall(b"   ", &mut out);
        assert!(out.is_empty());
    }
}
