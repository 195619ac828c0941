//! The `Authorization` header of a SigV4 request:
//! `AWS4-HMAC-SHA256 Credential=AKID/20261204/us-east-1/acm/aws4_request,
//! SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=<hex>`.

use super::{AuthError, AuthErrorCode};

pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// The parts of the header, borrowed from it. Nothing is checked beyond
/// the syntax: the scope's values are checked against the request later.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authorization<'a> {
    pub access_key_id: &'a str,
    pub date: &'a str,
    pub region: &'a str,
    pub service: &'a str,
    pub terminator: &'a str,
    /// As listed, `;`-separated.
    pub signed_headers: Vec<&'a str>,
    pub signature: &'a str,
}

fn incomplete(message: String) -> AuthError {
    AuthError::new(AuthErrorCode::IncompleteSignature, message)
}

/// Parses the header. `has_date` says whether the request has an
/// `X-Amz-Date` or `Date` header, whose absence AWS reports in the same
/// sentence as missing parameters.
pub fn parse(header: &str, has_date: bool) -> Result<Authorization<'_>, AuthError> {
    let header = header.trim();
    let (algorithm, rest) = header.split_once([' ', '\t']).unwrap_or((header, ""));
    if algorithm != ALGORITHM {
        return Err(incomplete(format!(
            "Unsupported AWS 'algorithm': '{algorithm}'. acmctl serve accepts {ALGORITHM} signatures only."
        )));
    }
    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let Some((name, value)) = part.split_once('=') else {
            return Err(incomplete(format!(
                "'{part}' not a valid key=value pair (missing equal-sign) in Authorization header: '{header}'."
            )));
        };
        let slot = match name {
            "Credential" => &mut credential,
            "SignedHeaders" => &mut signed_headers,
            "Signature" => &mut signature,
            _ => continue,
        };
        if slot.is_some() {
            return Err(incomplete(format!("'{name}' appears more than once in Authorization header: '{header}'.")));
        }
        *slot = Some(value.trim());
    }
    let mut missing = String::new();
    for (name, value) in [("Credential", &credential), ("Signature", &signature), ("SignedHeaders", &signed_headers)] {
        if value.is_none_or(str::is_empty) {
            missing.push_str(&format!("Authorization header requires '{name}' parameter. "));
        }
    }
    if !has_date {
        missing.push_str("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
    }
    if !missing.is_empty() {
        return Err(incomplete(format!("{missing}Authorization={header}")));
    }
    let (credential, signed_headers, signature) =
        (credential.unwrap_or_default(), signed_headers.unwrap_or_default(), signature.unwrap_or_default());
    let parts: Vec<&str> = credential.split('/').collect();
    let [access_key_id, date, region, service, terminator] = parts[..] else {
        return Err(incomplete(format!(
            "Credential should have 5 slash-separated parts (AKID/date/region/service/aws4_request), not {}: '{credential}'.",
            parts.len()
        )));
    };
    if access_key_id.is_empty() {
        return Err(incomplete(format!("Credential has no access key ID: '{credential}'.")));
    }
    let signed_headers: Vec<&str> = signed_headers.split(';').collect();
    let sorted = signed_headers.windows(2).all(|w| w[0] < w[1]);
    let lower = signed_headers.iter().all(|h| !h.is_empty() && !h.bytes().any(|b| b.is_ascii_uppercase()));
    if !sorted || !lower {
        return Err(incomplete(format!(
            "SignedHeaders must be lowercase header names, sorted, each once: '{}'.",
            signed_headers.join(";")
        )));
    }
    Ok(Authorization { access_key_id, date, region, service, terminator, signed_headers, signature })
}

#[cfg(test)]
mod tests {
    use super::*;

    const AWS_EXAMPLE: &str = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, \
        SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    #[test]
    fn the_sdks_form_parses_into_its_parts() {
        let a = parse(AWS_EXAMPLE, true).unwrap();
        assert_eq!(
            (a.access_key_id, a.date, a.region, a.service, a.terminator),
            ("AKIDEXAMPLE", "20150830", "us-east-1", "iam", "aws4_request")
        );
        assert_eq!(a.signed_headers, ["content-type", "host", "x-amz-date"]);
        assert_eq!(a.signature.len(), 64);
        // Without spaces after the commas, as some signers write it.
        let tight = AWS_EXAMPLE.replace(", ", ",");
        assert_eq!(parse(&tight, true).unwrap(), a);
    }

    #[test]
    fn what_is_missing_is_named_as_aws_names_it() {
        let e = parse("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws4_request", false).unwrap_err();
        assert_eq!(e.code, AuthErrorCode::IncompleteSignature);
        assert_eq!(
            e.message,
            "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' \
             parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. \
             Authorization=AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws4_request"
        );
    }

    #[test]
    fn other_algorithms_and_malformed_parts_are_incomplete_signatures() {
        let bad = [
            "AWS4-ECDSA-P256-SHA256 Credential=AKID/20150830/iam/aws4_request, SignedHeaders=host, Signature=00",
            "AWS AKIDEXAMPLE:c2lnbmF0dXJl",
            "Bearer x",
            "",
            "AWS4-HMAC-SHA256 Credential, SignedHeaders=host, Signature=00",
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/aws4_request, SignedHeaders=host, Signature=00",
            "AWS4-HMAC-SHA256 Credential=/20150830/us-east-1/acm/aws4_request, SignedHeaders=host, Signature=00",
            "AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1/acm/aws4_request, SignedHeaders=x-amz-date;host, Signature=00",
            "AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1/acm/aws4_request, SignedHeaders=Host, Signature=00",
            "AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1/acm/aws4_request, SignedHeaders=host;;x, Signature=00",
            "AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1/acm/aws4_request, Credential=B, SignedHeaders=host, Signature=00",
        ];
        for header in bad {
            let e = parse(header, true).unwrap_err();
            assert_eq!(e.code, AuthErrorCode::IncompleteSignature, "{header}");
        }
    }
}
