//! The musl release build (`cargo build-static`) places the functions
//! common commands run together at the start of its code
//! (scripts/hot-text.ld, written by scripts/hot-text.py): a command then
//! faults in a few dozen fewer pages of code (BENCHMARKS.md).

fn main() {
    println!("cargo::rerun-if-changed=scripts/hot-text.ld");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let shipped = var("CARGO_CFG_TARGET_ENV") == "musl"
        && var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ARCH") == "x86_64"
        && var("PROFILE") == "release";
    if shipped {
        // INSERT in the script adds its section to the linker's own layout
        // rather than replacing it.
        println!("cargo::rustc-link-arg-bins=-Wl,-T,{}/scripts/hot-text.ld", var("CARGO_MANIFEST_DIR"));
        // Relative relocations packed (DT_RELR, which musl's start-up code
        // applies): a few kilobytes to read at start instead of 260.
        println!("cargo::rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
