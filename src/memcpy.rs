//! `memcpy` for the statically linked musl build (`cargo build-static`).
//!
//! musl copies with `rep movsq` after aligning byte by byte, and ends byte
//! by byte: some hundred cycles for the few hundred bytes Rust code
//! usually moves (a `clap::Command` is 750), and a command makes a few
//! thousand such copies. On processors with fast string moves (ERMS, and
//! FSRM for short ones, which x86_64 processors of the last decade have)
//! `rep movsb` alone does the same copy in a fraction of that, and where
//! they are missing it costs what musl's `rep movsq` does (BENCHMARKS.md).
//!
//! musl's `memmove` copies forwards through `__memcpy_fwd`, so that is
//! defined here too: otherwise musl's memcpy would be linked in for it, and
//! with it a second `memcpy`.
//!
//! Part of the binary only, and of its tests on every target.

use std::arch::asm;

/// Copies `n` bytes from `src` to `dst`, lowest address first, and returns
/// `dst`.
///
/// # Safety
/// As `memcpy`: `src` readable and `dst` writable for `n` bytes, and,
/// where they overlap, `dst` below `src` (as `memmove` calls it).
#[inline(always)]
unsafe fn copy_forward(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // SAFETY: the caller's contract; the direction flag is clear on entry
    // to any function (the System V ABI), so `rep movsb` copies forwards.
    unsafe {
        asm!(
            "rep movsb",
            inout("rcx") n => _,
            inout("rdi") dst => _,
            inout("rsi") src => _,
            options(nostack, preserves_flags)
        );
    }
    dst
}

/// # Safety
/// As C's `memcpy`.
#[cfg_attr(target_env = "musl", unsafe(no_mangle))]
pub unsafe extern "C" fn memcpy(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // SAFETY: the caller's contract is `copy_forward`'s.
    unsafe { copy_forward(dst, src, n) }
}

/// # Safety
/// As `memcpy`, or overlapping with `dst` below `src`.
#[cfg_attr(target_env = "musl", unsafe(no_mangle))]
pub unsafe extern "C" fn __memcpy_fwd(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // SAFETY: the caller's contract is `copy_forward`'s.
    unsafe { copy_forward(dst, src, n) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every length up to a few pages, from every alignment, into every
    /// alignment, leaves the bytes around the copy alone.
    #[test]
    fn copies_exactly_the_bytes_asked_for() {
        let src: Vec<u8> = (0..10_000u32).map(|i| (i * 7 + 3) as u8).collect();
        for n in (0..300).chain([511, 512, 513, 4095, 4096, 4097, 9000]) {
            for s in 0..8 {
                for d in 0..8 {
                    let mut dst = vec![0xAAu8; n + 32];
                    // SAFETY: both ranges are within their vectors.
                    let r = unsafe { memcpy(dst.as_mut_ptr().add(d + 8), src.as_ptr().add(s), n) };
                    assert_eq!(r, dst.as_mut_ptr().wrapping_add(d + 8));
                    assert_eq!(&dst[d + 8..d + 8 + n], &src[s..s + n], "n={n} s={s} d={d}");
                    assert!(dst[..d + 8].iter().chain(&dst[d + 8 + n..]).all(|&b| b == 0xAA), "n={n} s={s} d={d}");
                }
            }
        }
    }

    /// `memmove` moves down through `__memcpy_fwd`: the lower copy of an
    /// overlapping pair comes out right.
    #[test]
    fn copies_forwards_over_an_overlap_below() {
        for shift in [1, 7, 8, 63, 64, 200] {
            let mut buf: Vec<u8> = (0..1000u32).map(|i| i as u8).collect();
            let want: Vec<u8> = buf[shift..].to_vec();
            // SAFETY: both ranges are within `buf`, the destination below.
            unsafe { __memcpy_fwd(buf.as_mut_ptr(), buf.as_ptr().add(shift), 1000 - shift) };
            assert_eq!(&buf[..1000 - shift], &want[..], "shift {shift}");
        }
    }
}
