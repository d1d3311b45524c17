#include "runner/suite/parser.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "probe/base/error.hpp"
#include "runner/suite/exit_step_parser.hpp"
#include "runner/suite/json_document.hpp"
#include "runner/suite/json_reader.hpp"
#include "runner/suite/located_error.hpp"
#include "runner/suite/serial_port_parser.hpp"
#include "runner/suite/step_parser.hpp"
#include "runner/suite/stimulus_step_parser.hpp"

namespace hiltest::suite {

namespace {

class SuiteParser {
public:
    SuiteParser(const DocumentContext& context, const nlohmann::json& document,
                const std::filesystem::path& suite_file, const ParseOptions& options)
        : context_(context), document_(document), suite_file_(suite_file), options_(options)
    {
    }

    Suite parse()
    {
        const Node root(context_, document_, "");
        const ObjectNode suite_object(root,
                                      {"$schema", "name", "description", "target", "probe", "firmware",
                                       "connection", "simulated_board", "semihosting", "uart", "defaults", "expect_exit", "tests"},
                                      "a suite");
        if (auto schema = suite_object.get("$schema")) {
            schema->as_string();  // only for editors, but a non-string there is a mistake
        }
        Suite suite;
        suite.file = suite_file_;
        suite.name = suite_object.require("name").as_nonempty_string();
        if (auto description = suite_object.get("description")) {
            suite.description = description->as_string();
        }
        suite.target = "stm32f103c8";
        if (auto target = suite_object.get("target")) {
            suite.target = parse_chip_name(*target);
        }
        suite.probe = parse_probe_selector(suite_object.require("probe"));
        if (auto firmware = suite_object.get("firmware")) {
            suite.firmware = parse_firmware(*firmware);
        }
        if (auto connection = suite_object.get("connection")) {
            suite.connection = parse_connection(*connection);
        }
        if (auto board = suite_object.get("simulated_board")) {
            suite.simulated_board = parse_simulated_board(*board);
        }
        if (auto semihosting = suite_object.get("semihosting")) {
            suite.semihosting = parse_semihosting(*semihosting);
        }
        if (auto uart = suite_object.get("uart")) {
            suite.uart = parse_serial_ports(*uart);
        }
        if (auto defaults = suite_object.get("defaults")) {
            suite.defaults = parse_defaults(*defaults);
        }
        if (auto expect_exit = suite_object.get("expect_exit")) {
            suite.expect_exit = parse_expect_exit_default(*expect_exit, suite.defaults);
        }
        const Node tests = suite_object.require("tests");
        for (const Node& test : tests.as_nonempty_array()) {
            suite.tests.push_back(parse_test(test, suite));
        }
        return suite;
    }

private:
    std::string substitute(const Node& node, const std::string& text) const
    {
        return substitute_variables(node, text, options_.variables);
    }

    std::filesystem::path relative_to_suite(const std::filesystem::path& path) const
    {
        if (path.is_absolute()) {
            return path.lexically_normal();
        }
        return (suite_file_.parent_path() / path).lexically_normal();
    }

    FirmwareSpec parse_firmware(const Node& node)
    {
        FirmwareSpec firmware;
        firmware.location = node.location();
        if (node.json().is_string()) {
            firmware.path = relative_to_suite(substitute(node, node.as_nonempty_string()));
            return firmware;
        }
        if (!node.json().is_object()) {
            node.fail_expected("a file path, or an object with \"path\"");
        }
        const ObjectNode object(node, {"path", "format", "load_address", "build"}, "\"firmware\"");
        const Node path = object.require("path");
        firmware.path = relative_to_suite(substitute(path, path.as_nonempty_string()));
        if (auto format = object.get("format")) {
            const std::string text = format->as_choice({"auto", "elf", "hex", "bin"});
            firmware.format = text == "elf"   ? FirmwareSpec::Format::Elf
                              : text == "hex" ? FirmwareSpec::Format::Hex
                              : text == "bin" ? FirmwareSpec::Format::Bin
                                              : FirmwareSpec::Format::Auto;
        }
        if (auto load_address = object.get("load_address")) {
            const bool is_bin = firmware.format == FirmwareSpec::Format::Bin ||
                                (firmware.format == FirmwareSpec::Format::Auto &&
                                 firmware.path.extension() == ".bin");
            if (!is_bin) {
                load_address->fail("\"load_address\" applies only to BIN images (ELF and HEX carry their addresses)");
            }
            firmware.load_address = load_address->as_u32();
        }
        if (auto build = object.get("build")) {
            firmware.build = parse_build(*build);
        }
        return firmware;
    }

    BuildCommand parse_build(const Node& node)
    {
        const ObjectNode object(node, {"command", "timeout_ms", "working_directory"}, "\"build\"");
        BuildCommand build;
        const Node command = object.require("command");
        if (command.json().is_string()) {
            command.fail_expected("an array of arguments like [\"make\", \"-C\", \"firmware\"] (commands run "
                                  "without a shell)");
        }
        for (const Node& argument : command.as_nonempty_array()) {
            build.argv.push_back(substitute(argument, argument.as_nonempty_string()));
        }
        if (auto timeout = object.get("timeout_ms")) {
            build.timeout = timeout->as_milliseconds(1);
        }
        build.working_directory = relative_to_suite(".");
        if (auto directory = object.get("working_directory")) {
            build.working_directory = relative_to_suite(substitute(*directory, directory->as_nonempty_string()));
        }
        return build;
    }

    ConnectionSettings parse_connection(const Node& node)
    {
        const ObjectNode object(node, {"mode", "swd_khz", "retries", "backoff_ms", "backoff_max_ms"},
                                "\"connection\"");
        ConnectionSettings connection;
        if (auto mode = object.get("mode")) {
            const std::string text = mode->as_choice({"auto", "normal", "under-reset"});
            connection.mode = text == "normal"        ? ConnectionSettings::Mode::Normal
                              : text == "under-reset" ? ConnectionSettings::Mode::UnderReset
                                                      : ConnectionSettings::Mode::Auto;
        }
        if (auto khz = object.get("swd_khz")) {
            connection.swd_khz = khz->as_unsigned(5, 4000);
        }
        if (auto retries = object.get("retries")) {
            connection.retries = retries->as_unsigned(0, 100);
        }
        if (auto backoff = object.get("backoff_ms")) {
            connection.backoff = backoff->as_milliseconds(0);
        }
        if (auto backoff_max = object.get("backoff_max_ms")) {
            connection.backoff_max = backoff_max->as_milliseconds(0);
            if (connection.backoff_max < connection.backoff) {
                backoff_max->fail_expected("a value >= backoff_ms (" + std::to_string(connection.backoff.count()) +
                                           ")");
            }
        } else {
            connection.backoff_max = std::max(connection.backoff_max, connection.backoff);
        }
        return connection;
    }

    SimulatedBoardSetup parse_simulated_board(const Node& node)
    {
        const ObjectNode object(node, {"faults", "nrst_wired", "dpidr", "inputs", "analog", "seed", "reset_button_ms", "i2c"},
                                  "\"simulated_board\"");
        SimulatedBoardSetup board;
        if (auto faults = object.get("faults")) {
            for (const Node& fault : faults->as_array()) {
                board.faults.push_back(fault.as_nonempty_string());
            }
        }
        if (auto nrst = object.get("nrst_wired")) {
            board.nrst_wired = nrst->as_bool();
        }
        if (auto dpidr = object.get("dpidr")) {
            board.dpidr = dpidr->as_u32();
        }
        if (auto inputs = object.get("inputs")) {
            if (!inputs->json().is_object()) {
                inputs->fail_expected("an object like {\"PA0\": \"high\"}");
            }
            for (const auto& [pin_name, level] : inputs->json().items()) {
                const std::string path = member_path(inputs->path(), pin_name);
                const Node level_node(context_, level, path);
                InputPinSetup input;
                input.pin = parse_pin_name(pin_name, [&](const std::string& message) {
                    throw_suite_error(context_, context_.positions.key(path), path, message);
                });
                input.level = level_node.as_choice({"high", "low"}) == "high" ? Level::High : Level::Low;
                board.inputs.push_back(input);
            }
        }
        if (auto analog = object.get("analog")) {
            if (!analog->json().is_object()) {
                analog->fail_expected("an object like {\"PA0\": 1.65} (volts on ADC inputs)");
            }
            for (const auto& [pin_name, volts] : analog->json().items()) {
                const std::string path = member_path(analog->path(), pin_name);
                const Node volts_node(context_, volts, path);
                board.analog.push_back({parse_analog_pin(pin_name, volts_node), parse_analog_volts(volts_node)});
            }
        }
        if (auto seed = object.get("seed")) {
            board.seed = seed->as_u64();
        }
        if (auto button = object.get("reset_button_ms")) {
            board.reset_button = button->as_milliseconds(0);
        }
        if (auto i2c = object.get("i2c")) {
            board.i2c = parse_i2c_devices(*i2c);
        }
        return board;
    }

    std::vector<I2cDeviceSetup> parse_i2c_devices(const Node& node)
    {
        std::vector<I2cDeviceSetup> devices;
        std::vector<std::string> paths;
        for (const Node& entry : node.as_array()) {
            const ObjectNode object(entry, {"bus", "address", "device"}, "an I2C device");
            I2cDeviceSetup device;
            device.bus = object.require("bus").as_choice({"i2c1", "i2c2"}) == "i2c1" ? 1 : 2;
            const Node address = object.require("address");
            const std::uint64_t value = address.as_u64();
            if (value > 0x7F) {
                address.fail_expected("a 7-bit address (0x00 to 0x7f; the R/W bit is not part of it)");
            }
            device.address = static_cast<std::uint8_t>(value);
            device.device = object.require("device").as_choice({"24c02", "nack"});
            for (std::size_t i = 0; i < devices.size(); ++i) {
                if (devices[i].bus == device.bus && devices[i].address == device.address) {
                    address.fail("a second device at this address on i2c" + std::to_string(device.bus) + " (" +
                                 paths[i] + " has it)");
                }
            }
            devices.push_back(device);
            paths.push_back(entry.path());
        }
        return devices;
    }

    // The same on the simulated board and on a bench: what the semihosting host gives the firmware.
    armv7m::semihosting::Config parse_semihosting(const Node& node)
    {
        const ObjectNode object(node, {"cmdline", "stdin", "heap", "start_time"}, "\"semihosting\"");
        armv7m::semihosting::Config config;
        if (auto cmdline = object.get("cmdline")) {
            config.command_line = substitute(*cmdline, cmdline->as_string());
        }
        if (auto input = object.get("stdin")) {
            config.stdin_text = input->as_string();
        }
        if (auto heap = object.get("heap")) {
            const ObjectNode fields(*heap, {"heap_base", "heap_limit", "stack_base", "stack_limit"}, "\"heap\"");
            for (const auto& [name, word] :
                 {std::pair{"heap_base", &config.heap.heap_base}, std::pair{"heap_limit", &config.heap.heap_limit},
                  std::pair{"stack_base", &config.heap.stack_base}, std::pair{"stack_limit", &config.heap.stack_limit}}) {
                if (auto value = fields.get(name)) *word = value->as_u32();
            }
        }
        if (auto start = object.get("start_time")) {
            config.start_time_s = start->as_u64();
        }
        return config;
    }

    Defaults parse_defaults(const Node& node)
    {
        const ObjectNode object(node,
                                {"test_timeout_ms", "step_timeout_ms", "memory_width", "blink_tolerance_percent",
                                 "changes_interval_ms"},
                                "\"defaults\"");
        Defaults defaults;
        if (auto timeout = object.get("test_timeout_ms")) {
            defaults.test_timeout = timeout->as_milliseconds(1);
        }
        if (auto timeout = object.get("step_timeout_ms")) {
            defaults.step_timeout = timeout->as_milliseconds(1);
        }
        if (auto width = object.get("memory_width")) {
            defaults.memory_width = parse_width(*width);
        }
        if (auto tolerance = object.get("blink_tolerance_percent")) {
            defaults.blink_tolerance_percent = tolerance->as_number_in(0, 100);
        }
        if (auto interval = object.get("changes_interval_ms")) {
            defaults.changes_interval = interval->as_milliseconds(1);
        }
        return defaults;
    }

    Test parse_test(const Node& node, const Suite& suite)
    {
        const ObjectNode object(node, {"name", "description", "timeout_ms", "skip", "depends_on", "expect_exit", "steps"},
                                "a test");
        Test test;
        test.location = node.location();
        const Node name = object.require("name");
        test.name = name.as_nonempty_string();
        for (const Test& earlier : suite.tests) {
            if (earlier.name == test.name) {
                name.fail("a test named \"" + test.name + "\" already exists at " + earlier.location.to_string() +
                          "; test names must be unique");
            }
        }
        if (auto description = object.get("description")) {
            test.description = description->as_string();
        }
        test.timeout = suite.defaults.test_timeout;
        if (auto timeout = object.get("timeout_ms")) {
            test.timeout = timeout->as_milliseconds(1);
        }
        if (auto skip = object.get("skip")) {
            test.skip_reason = skip->as_nonempty_string();
        }
        if (auto depends_on = object.get("depends_on")) {
            for (const Node& dependency : depends_on->as_array()) {
                const std::string dependency_name = dependency.as_nonempty_string();
                bool found = false;
                std::vector<std::string_view> earlier_names;
                for (const Test& earlier : suite.tests) {
                    found = found || earlier.name == dependency_name;
                    earlier_names.push_back(earlier.name);
                }
                if (!found) {
                    dependency.fail("no earlier test is named \"" + dependency_name +
                                    "\"; depends_on may name only tests that come before this one" +
                                    (earlier_names.empty() ? std::string() : " (" + join_quoted(earlier_names) + ")"));
                }
                test.depends_on.push_back(dependency_name);
            }
        }
        for (const Node& step : object.require("steps").as_nonempty_array()) {
            test.steps.push_back(parse_step(step, suite));
        }
        append_inherited_expect_exit(object, suite, test);
        return test;
    }

    // A test firmware that reports its own verdict through its exit status: the test's
    // "expect_exit" (false: none), else the suite's, becomes its last step unless it has one.
    void append_inherited_expect_exit(const ObjectNode& object, const Suite& suite, Test& test) const
    {
        std::optional<Step> inherited = suite.expect_exit;
        if (auto own = object.get("expect_exit")) {
            if (own->json().is_boolean() && !own->json().get<bool>()) {
                inherited.reset();
            } else if (own->json().is_object()) {
                inherited = parse_expect_exit_default(*own, suite.defaults);
            } else {
                own->fail_expected("an object like {\"status\": 0}, or false for no inherited expect_exit");
            }
        }
        const bool has_own_step = std::any_of(test.steps.begin(), test.steps.end(),
                                              [](const Step& step) { return step.kind() == "expect_exit"; });
        if (inherited && !has_own_step) test.steps.push_back(*inherited);
    }

    static std::string join_quoted(const std::vector<std::string_view>& names)
    {
        std::string joined;
        for (std::string_view name : names) {
            joined += (joined.empty() ? "\"" : ", \"") + std::string(name) + "\"";
        }
        return joined;
    }

    const DocumentContext& context_;
    const nlohmann::json& document_;
    std::filesystem::path suite_file_;
    const ParseOptions& options_;
};

}  // namespace

Suite parse_suite(std::string_view text, const std::filesystem::path& suite_file, const ParseOptions& options)
{
    const JsonDocument document = parse_json_document(text, suite_file.string(), "suite file");
    const DocumentContext context{suite_file.string(), document.positions};
    return SuiteParser(context, document.json, suite_file, options).parse();
}

Suite load_suite(const std::filesystem::path& suite_file, const ParseOptions& options)
{
    return parse_suite(read_document_file(suite_file, "suite file"), suite_file, options);
}

void require_firmware_present(const Suite& suite)
{
    if (!suite.firmware) {
        return;
    }
    std::error_code error;
    const auto status = std::filesystem::status(suite.firmware->path, error);
    if (std::filesystem::is_regular_file(status)) {
        return;
    }
    const SourceLocation& where = suite.firmware->location;
    const std::string problem = std::filesystem::exists(status) ? " is not a regular file" : " does not exist";
    std::string remedy = suite.firmware->build ? "check that the build command writes this file"
                                               : "build the firmware first, or add a \"build\" command to \"firmware\"";
    remedy += "; the path is relative to the suite file's folder";
    throw LocatedError(ErrorKind::SuiteInvalid, where,
                       where.to_string() + ": firmware: " + suite.firmware->path.string() + problem, remedy);
}

}  // namespace hiltest::suite
