fn main() -> std::process::ExitCode {
    acmctl::main()
}
