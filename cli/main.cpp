// nyash [options] [FILE.nyash | -e CODE ... | -], or the REPL on a terminal
#include <unistd.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "cli/driver.hpp"
#include "cli/logging.hpp"
#include "cli/options.hpp"
#include "interpreter/big_stack.hpp"

namespace {

void print(std::FILE* stream, std::string_view text) { std::fwrite(text.data(), 1, text.size(), stream); }

}  // namespace

int main(int argc, char** argv) {
    using namespace nyash::cli;
    install_stderr_logger();

    const std::vector<std::string_view> args(argv + 1, argv + argc);
    CommandLine command = parse_command_line(args);
    switch (command.action) {
        case Action::ShowHelp: print(stdout, help_text()); return 0;
        case Action::ShowVersion: print(stdout, version_text()); return 0;
        case Action::ListBackends: print(stdout, backend_list_text()); return 0;
        case Action::UsageError:
            print(stderr, "nyash: " + command.usage_error + "\n" + std::string(usage_line()) + "\n");
            return 2;
        case Action::Run: break;
    }

    Options& options = command.options;
    if (options.input == Input::Unspecified) {
        // `nyash < prog.nyash` and `echo ... | nyash` run the program; a person at a terminal
        // gets the REPL.
        options.input = isatty(STDIN_FILENO) ? Input::Repl : Input::Stdin;
        if (options.input == Input::Stdin) options.file = "<stdin>";
    }
    if (options.input == Input::Repl &&
        (options.dump_ast || options.dump_mir || options.dump_bytecode || options.dump_jit || options.benchmark ||
         options.all_backends)) {
        // Dumps and benchmarks are of one program; the REPL has `:bytecode` for its entries.
        print(stderr, "nyash: dumps, --benchmark and --backend all need a program (FILE, -e CODE or -)\n" +
                          std::string(usage_line()) + "\n");
        return 2;
    }
    set_log_level(options.log_level);
    // The interpreter recurses as deep as the program calls, so it gets a thread with a 1 GiB
    // stack. Without it (the VM, the dumps) only the compiler recurses, as deep as the program
    // nests, and the main thread's stack is enough: no second thread, and so no second allocator
    // heap (100 to 180 KiB of peak RSS on seed 902, docs/architecture.md "Memory").
    // The REPL may switch to the interpreter at any entry (`:backend interp`).
    const bool recurses = options.all_backends || options.backend->recurses_per_call || options.input == Input::Repl;
    const size_t stack_bytes = recurses ? nyash::kInterpreterStackBytes : nyash::kCompilerStackBytes;
    int status = 0;
    try {
        nyash::run_with_stack([&] { status = run_program(options); }, stack_bytes);
    } catch (const std::system_error&) {
        // No memory for the stack (e.g. under ulimit -v): memory exhaustion as spec §13 reports it.
        print(stderr, "MemoryError: out of memory\n");
        return 1;
    }
    return status;
}
