#[cfg(target_env = "musl")]
#[global_allocator]
static ALLOCATOR: acmctl::alloc::Allocator = acmctl::alloc::Allocator::new();

fn main() -> std::process::ExitCode {
    acmctl::main()
}
