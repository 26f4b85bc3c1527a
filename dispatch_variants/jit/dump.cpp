// --dump-jit: the machine code of every function, each bytecode instruction's template under
// its bytecode line, disassembled with Capstone (docs/engines.md says why Capstone).
//
// Capstone is opened with dlopen() when a dump is asked for, not linked: linked, its 77,000
// relocations (tables of every architecture it decodes) cost every start of nyash about a
// million instructions in the dynamic linker (docs/architecture.md, "Start-up"). The header
// still types the functions taken from it, and its API major version is the library's soname.
#include <capstone/capstone.h>
#include <dlfcn.h>

#include <map>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "dispatch_variants/engine_loops.hpp"
#include "dispatch_variants/jit/session.hpp"
#include "vm/vm.hpp"

namespace nyash::vm {
namespace {

#define NYASH_STRINGIFY(x) #x
#define NYASH_SONAME(major) "libcapstone.so." NYASH_STRINGIFY(major)

struct Capstone {
    decltype(&::cs_open) open = nullptr;
    decltype(&::cs_option) option = nullptr;
    decltype(&::cs_disasm) disasm = nullptr;
    decltype(&::cs_free) free = nullptr;
    decltype(&::cs_close) close = nullptr;
};

// Loaded once and never closed; throws when the library or one of its functions is missing.
const Capstone& capstone() {
    static const Capstone functions = [] {
        void* library = dlopen(NYASH_SONAME(CS_API_MAJOR), RTLD_NOW | RTLD_LOCAL);
        if (!library) throw std::runtime_error(std::string("capstone: cannot load ") + NYASH_SONAME(CS_API_MAJOR));
        auto take = [&]<class F>(F& function, const char* name) {
            function = reinterpret_cast<F>(dlsym(library, name));
            if (!function) throw std::runtime_error(std::string("capstone: no ") + name);
        };
        Capstone found;
        take(found.open, "cs_open");
        take(found.option, "cs_option");
        take(found.disasm, "cs_disasm");
        take(found.free, "cs_free");
        take(found.close, "cs_close");
        return found;
    }();
    return functions;
}

class Disassembly {
public:
    Disassembly() {
        if (capstone().open(CS_ARCH_X86, CS_MODE_64, &handle_) != CS_ERR_OK) {
            throw std::runtime_error("capstone: cannot open");
        }
        capstone().option(handle_, CS_OPT_SYNTAX, CS_OPT_SYNTAX_INTEL);
    }
    ~Disassembly() { capstone().close(&handle_); }
    Disassembly(const Disassembly&) = delete;
    Disassembly& operator=(const Disassembly&) = delete;

    // Lines "      +OFFSET  mnemonic operands" for code[from, to) of a function starting at `code`.
    std::string lines(const uint8_t* code, size_t from, size_t to) const {
        std::string text;
        cs_insn* insns = nullptr;
        const size_t count = capstone().disasm(handle_, code + from, to - from, from, 0, &insns);
        for (size_t i = 0; i < count; ++i)
            text += fmt::format("        {:>5x}  {} {}\n", insns[i].address, insns[i].mnemonic, insns[i].op_str);
        if (count > 0) capstone().free(insns, count);
        return text;
    }

private:
    csh handle_ = 0;
};

struct TemplateCount {
    size_t inline_template = 0;
    size_t generic = 0;
};

}  // namespace

std::string dump_jit(const Program& program) {
    Runtime rt(OutputMode::Discard);
    Machine machine(program, rt, run_jit);
    jit::Session& session = jit::Session::of(machine);
    if (!session.usable()) throw std::invalid_argument("the JIT cannot get executable memory here");
    const Disassembly disassembly;
    std::string body;
    size_t code_bytes = 0, instructions = 0;
    std::map<std::string_view, TemplateCount> by_opcode;
    for (const Function& fn : program.functions) {
        session.entry_for(fn);
        const jit::CompiledFunction& compiled = *session.compiled(fn);
        const size_t cold_start = compiled.instruction_offsets.back();
        body += fmt::format("\nfunction {} (id {}, {} instructions, {} bytes: {} hot, {} cold)\n", fn.name, fn.id,
                            fn.code.size(), compiled.size, cold_start, compiled.size - cold_start);
        body += disassembly.lines(compiled.code, 0, compiled.instruction_offsets.front());
        for (size_t pc = 0; pc < fn.code.size(); ++pc) {
            const bool inline_template = compiled.inline_template[pc];
            TemplateCount& count = by_opcode[opcode_info(opcode_of(fn.code[pc])).name];
            (inline_template ? count.inline_template : count.generic) += 1;
            body += disassemble_instruction(program, fn, pc) + (inline_template ? "\n" : "    [generic]\n");
            body += disassembly.lines(compiled.code, compiled.instruction_offsets[pc], compiled.instruction_offsets[pc + 1]);
        }
        body += "  cold paths and error exit:\n";
        body += disassembly.lines(compiled.code, cold_start, compiled.size);
        code_bytes += compiled.size;
        instructions += fn.code.size();
    }
    std::string header = fmt::format(
        "; nyash jit (x86-64, disassembled by Capstone): {} functions, {} bytes of machine code for {} bytecode "
        "instructions ({:.1f} bytes per instruction)\n; templates per opcode (inline fast path / generic fallback "
        "call):",
        program.functions.size(), code_bytes, instructions,
        instructions ? static_cast<double>(code_bytes) / static_cast<double>(instructions) : 0.0);
    for (const auto& [name, count] : by_opcode)
        header += fmt::format(" {} {}/{}", name, count.inline_template, count.generic);
    return header + "\n" + body;
}

}  // namespace nyash::vm
