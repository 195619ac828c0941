// The binary is the library's front door: the dependencies are the
// library's, and `unused_crate_dependencies` speaks for the library.
#![allow(unused_crate_dependencies)]

#[cfg(any(target_env = "musl", test))]
mod alloc;
#[cfg(all(target_arch = "x86_64", any(target_env = "musl", test)))]
mod memcpy;

#[cfg(target_env = "musl")]
#[global_allocator]
static ALLOCATOR: alloc::Allocator = alloc::Allocator::new();

fn main() -> std::process::ExitCode {
    acmctl::main()
}
