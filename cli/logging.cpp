#include "cli/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace nyash::cli {

void install_stderr_logger() {
    auto logger = spdlog::stderr_logger_mt("nyash");
    logger->set_pattern("[nyash %l] %v");
    logger->set_level(spdlog::level::off);
    spdlog::set_default_logger(std::move(logger));
}

void set_log_level(spdlog::level::level_enum level) { spdlog::set_level(level); }

}  // namespace nyash::cli
