#pragma once
// Compiler-phase diagnostics through spdlog. They go to stderr only: stdout carries nothing but
// program output (spec §2.4).
#include <spdlog/common.h>

namespace nyash::cli {

// Makes a stderr logger the spdlog default (spdlog's own default writes to stdout), silent
// until set_log_level raises it.
void install_stderr_logger();
void set_log_level(spdlog::level::level_enum level);

}  // namespace nyash::cli
