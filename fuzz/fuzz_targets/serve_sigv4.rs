#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| acmctl::fuzzing::serve_sigv4(data));
