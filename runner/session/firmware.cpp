#include "runner/session/firmware.hpp"

#include <variant>

#include "probe/base/error.hpp"
#include "probe/base/external_command.hpp"
#include "probe/flash/checksums.hpp"
#include "probe/flash/image_file.hpp"
#include "runner/suite/located_error.hpp"
#include "runner/suite/parser.hpp"

namespace hiltest::session {
namespace {

std::string tail_lines(const std::string& text, std::size_t lines)
{
    std::size_t position = text.size();
    for (std::size_t seen = 0; position > 0 && seen <= lines; --position)
        if (text[position - 1] == '\n') ++seen;
    return text.substr(position == 0 ? 0 : position + 1);
}

void build(const suite::FirmwareSpec& spec, Firmware& firmware)
{
    const suite::BuildCommand& command = *spec.build;
    ExternalCommand run(command.argv);
    run.timeout = command.timeout;
    run.working_directory = command.working_directory.string();
    const std::string where = spec.location.to_string() + ": firmware.build: ";
    CommandResult result;
    try {
        result = run_external_command(run);
    } catch (const Error& e) {
        throw suite::LocatedError(ErrorKind::SuiteInvalid, spec.location, where + e.what(), e.remedy());
    }
    firmware.build_output = result.output;
    if (result.timed_out)
        throw suite::LocatedError(ErrorKind::SuiteInvalid, spec.location,
                                  where + quote_command_line(command.argv) + " did not finish within " +
                                      std::to_string(command.timeout.count()) + " ms",
                                  "raise firmware.build.timeout_ms, or check that the build does not wait for input");
    if (result.exit_code != 0)
        throw suite::LocatedError(ErrorKind::SuiteInvalid, spec.location,
                                  where + quote_command_line(command.argv) + " failed with exit code " +
                                      std::to_string(result.exit_code) + "; last lines:\n" +
                                      tail_lines(result.output, 15),
                                  "fix the build, then run the suite again");
}

}  // namespace

std::optional<Firmware> prepare_firmware(const suite::Suite& suite)
{
    if (!suite.firmware) return std::nullopt;
    const suite::FirmwareSpec& spec = *suite.firmware;
    Firmware firmware;
    if (spec.build) build(spec, firmware);
    suite::require_firmware_present(suite);

    probe::flash::ImageLoadOptions options;
    options.binary_base = spec.load_address;
    switch (spec.format) {
    case suite::FirmwareSpec::Format::Elf: options.format = probe::flash::ImageFormat::Elf; break;
    case suite::FirmwareSpec::Format::Hex: options.format = probe::flash::ImageFormat::IntelHex; break;
    case suite::FirmwareSpec::Format::Bin: options.format = probe::flash::ImageFormat::Binary; break;
    case suite::FirmwareSpec::Format::Auto: break;
    }
    firmware.path = spec.path.string();
    try {
        firmware.image = probe::flash::load_image(spec.path, options);
    } catch (const Error& e) {
        throw suite::LocatedError(
            e.kind(), spec.location, spec.location.to_string() + ": firmware: " + e.what(),
            e.remedy().empty() ? "check the firmware path (relative to the suite file) and build it" : e.remedy());
    }
    firmware.sha256 = probe::flash::image_sha256(firmware.image);
    return firmware;
}

uint32_t resolve_location(const suite::MemoryLocation& location, const std::optional<Firmware>& firmware,
                          const suite::SourceLocation& where)
{
    if (location.address) return *location.address + location.offset;
    if (!firmware)
        throw suite::LocatedError(ErrorKind::SuiteInvalid, where,
                                  where.to_string() + ": " + where.json_path + ": symbol '" + location.symbol +
                                      "' needs the suite's firmware (an ELF file), but the suite names none",
                                  "add \"firmware\" to the suite, or use an address");
    const probe::flash::Symbol* symbol = firmware->image.find_symbol(location.symbol);
    if (!symbol)
        throw suite::LocatedError(ErrorKind::SuiteInvalid, where,
                                  where.to_string() + ": " + where.json_path + ": symbol '" + location.symbol +
                                      "' is not in " + firmware->path,
                                  firmware->image.symbols.empty()
                                      ? "symbols need an ELF image; HEX and BIN files have none"
                                      : "check the name (nm on the ELF lists the symbols)");
    return (symbol->address & ~1u) + location.offset;
}

void check_symbols(const suite::Suite& suite, const std::optional<Firmware>& firmware)
{
    for (const suite::Test& test : suite.tests) {
        for (const suite::Step& step : test.steps) {
            std::visit(
                [&](const auto& action) {
                    using T = std::decay_t<decltype(action)>;
                    if constexpr (std::is_same_v<T, suite::RunUntilStep> || std::is_same_v<T, suite::ExpectMemoryStep>) {
                        resolve_location(action.location, firmware, step.location);
                    } else if constexpr (std::is_same_v<T, suite::WriteStep>) {
                        if (action.memory) resolve_location(*action.memory, firmware, step.location);
                    }
                },
                step.action);
        }
    }
}

}  // namespace hiltest::session
