use std::process::ExitCode;

fn main() -> ExitCode {
    kwx::cli::main()
}
