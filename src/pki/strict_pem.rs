//! PEM as the store keeps it: nothing but whole blocks and whitespace.
//! The `pem` crate skips text it does not recognise, which would let a
//! damaged file pass for a good one.

use super::{PkiError, PkiResult};

/// Every block of `text`, refusing anything between or around them.
pub fn blocks(text: &str) -> PkiResult<Vec<::pem::Pem>> {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        if !rest.starts_with("-----BEGIN ") {
            return Err(PkiError::Invalid(format!("unexpected text outside a PEM block (block {})", out.len() + 1)));
        }
        let end = rest
            .find("-----END ")
            .ok_or_else(|| PkiError::Invalid(format!("PEM block {} has no END line", out.len() + 1)))?;
        let after_end = &rest[end + "-----END ".len()..];
        let close = after_end
            .find("-----")
            .ok_or_else(|| PkiError::Invalid(format!("PEM block {} has a broken END line", out.len() + 1)))?;
        let block_len = end + "-----END ".len() + close + "-----".len();
        let block = ::pem::parse(&rest[..block_len])
            .map_err(|e| PkiError::Invalid(format!("PEM block {} is not valid: {e}", out.len() + 1)))?;
        out.push(block);
        rest = rest[block_len..].trim_start();
    }
    Ok(out)
}

/// The contents of the one block of `text`, which must carry `label`.
pub fn one(text: &str, label: &str) -> PkiResult<Vec<u8>> {
    let mut all = blocks(text)?;
    match all.len() {
        0 => Err(PkiError::Invalid(format!("expected a {label} block, found no PEM block"))),
        1 if all[0].tag() == label => Ok(all.remove(0).into_contents()),
        1 => Err(PkiError::Invalid(format!("expected a {label} block, found '{}'", all[0].tag()))),
        n => Err(PkiError::Invalid(format!("expected one {label} block, found {n} blocks"))),
    }
}

/// The contents of every block of `text`, each of which must carry `label`.
pub fn all(text: &str, label: &str) -> PkiResult<Vec<Vec<u8>>> {
    blocks(text)?
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            if b.tag() == label {
                Ok(b.into_contents())
            } else {
                Err(PkiError::Invalid(format!("expected {label} blocks, found '{}' as block {}", b.tag(), i + 1)))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: &str = "-----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----\n";

    #[test]
    fn whole_blocks_only() {
        assert_eq!(one(C, "CERTIFICATE").unwrap(), vec![0, 1, 2]);
        assert_eq!(all(&format!("{C}\n{C}"), "CERTIFICATE").unwrap().len(), 2);
        assert_eq!(all("  \n", "CERTIFICATE").unwrap().len(), 0);
        for bad in [
            format!("{C}garbage"),
            format!("junk{C}"),
            format!("{C}{C}"),
            C.replace("END CERTIFICATE", "END KEY"),
            C.replace("AAEC", "AA!C"),
            C.replace("-----END CERTIFICATE-----\n", ""),
            String::new(),
            "\0\0".into(),
        ] {
            assert!(one(&bad, "CERTIFICATE").is_err(), "{bad:?}");
        }
        assert!(one(C, "PRIVATE KEY").is_err());
    }
}
