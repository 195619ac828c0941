#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| acmctl::fuzzing::ocsp_responder(data));
