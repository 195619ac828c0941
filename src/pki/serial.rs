//! Serial numbers: positive, 16 bytes, at least 126 of their bits random,
//! never derived from the key.

pub const SERIAL_LEN: usize = 16;

pub fn random_serial() -> [u8; SERIAL_LEN] {
    let mut bytes = [0u8; SERIAL_LEN];
    aws_lc_rs::rand::fill(&mut bytes).expect("the system random number generator failed");
    // A clear top bit keeps the DER INTEGER positive without a padding
    // byte; a non-zero first byte keeps the length fixed.
    bytes[0] = (bytes[0] & 0x7f) | 0x01;
    bytes
}

/// `0e:8f:…`, the way ACM prints a `Serial`.
pub fn colon_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":")
}

/// The serial as a file name in the authority's `serials/` directory.
pub fn plain_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes of a `colon_hex` serial; None if it is not one.
pub fn parse_colon_hex(text: &str) -> Option<Vec<u8>> {
    text.split(':').map(|b| if b.len() == 2 { u8::from_str_radix(b, 16).ok() } else { None }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colon_hex_reads_back() {
        assert_eq!(parse_colon_hex(&colon_hex(&[0x0e, 0x8f, 0x00])), Some(vec![0x0e, 0x8f, 0x00]));
        assert_eq!(parse_colon_hex("0e:8"), None);
        assert_eq!(parse_colon_hex("zz"), None);
    }

    #[test]
    fn serials_are_positive_and_distinct() {
        let mut seen = std::collections::HashSet::new();
        for _ in 0..10_000 {
            let s = random_serial();
            assert!(s[0] & 0x80 == 0 && s[0] != 0);
            assert!(seen.insert(s));
        }
    }

    #[test]
    fn formats() {
        assert_eq!(colon_hex(&[0x0e, 0x8f, 0x01]), "0e:8f:01");
        assert_eq!(plain_hex(&[0x0e, 0x8f, 0x01]), "0e8f01");
    }
}
